"""What the commands print: each result as titled tables (:class:`View`), shown as rich tables
in a terminal and as plain Markdown when the output is piped or saved.

The tables come from the same display views as the files (:mod:`fritekst.summarize.views`),
so the terminal, Markdown and Excel never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from fritekst.export.markdown import markdown_table
from fritekst.summarize import views
from fritekst.summarize.tables import POLARITY_LABELS, Summary

PREVIEW_ROWS = 25


@dataclass
class View:
    """One table with its title; ``wide`` columns take the spare width of a terminal."""

    title: str
    table: pd.DataFrame
    wide: frozenset[str] = field(default_factory=frozenset)
    index: bool = False
    note: str = ""


def summary_views(summary: Summary) -> list[View]:
    """Responses, ratings, the matrices, and each municipality's top themes with a quote."""
    out = [View("Svar per kommune", views.responses_view(summary))]
    for item, table in views.ratings_view(summary).items():
        out.append(View(f"Vurdering: {views.item_label(item)} (snitt uten «Vet ikke», "
                        "fordeling i %)", views.as_text(table)))
    for pol in summary.matrices:
        out.append(View(f"{POLARITY_LABELS[pol]}: tema × kommune (respondenter, andel)",
                        views.matrix_view(summary, pol), index=True))
    for muni in summary.responses["municipality"]:
        for pol in summary.matrices:
            table = views.municipality_themes(summary, muni, pol).head(6)
            if len(table):
                table["Sitater"] = table["Sitater"].str.split(" | ", regex=False).str[0]
                n = views.answered_text(summary, muni, pol)
                out.append(View(f"{muni} – {POLARITY_LABELS[pol].lower()} ({n} svarte)", table,
                                wide=frozenset({"Sitater"})))
    if summary.by_role is not None:
        out += role_views(summary)
    return out


def role_views(summary: Summary) -> list[View]:
    """The breakdown by function: ratings, then tema × funksjon per municipality and in all;
    the first says how people with several functions are counted."""
    note = views.ROLE_NOTE
    out = []
    for item, table in views.role_ratings_view(summary).items():
        out.append(View(f"Vurdering per funksjon: {views.item_label(item)}",
                        views.as_text(table), note=note))
        note = ""
    for place in views.role_places(summary):
        for pol in summary.matrices:
            table = views.role_themes_view(summary, place, pol)
            if len(table):
                out.append(View(f"{place} – {POLARITY_LABELS[pol].lower()} per funksjon "
                                "(respondenter, andel av dem i funksjonen som svarte)", table,
                                wide=frozenset({"Tema"}), note=note))
                note = ""
    return out


def coded_view(units: pd.DataFrame) -> View:
    """The first coded units, for a look in the terminal (``-o`` writes them all)."""
    shown = units[["municipality", "respondent", "polarity", "text", "themes", "status"]]
    title = (f"Kodede svarenheter (første {min(PREVIEW_ROWS, len(units))} av {len(units)}; "
             "bruk -o for alle)")
    return View(title, shown.head(PREVIEW_ROWS).fillna(""), wide=frozenset({"text"}))


def _figure(v) -> str:
    return "–" if v is None else f"{v:.3f}"


def evaluation_views(result) -> list[View]:
    """The evaluation: summary figures, per theme, confusions, worst units."""
    s = result.summary
    head = [
        ("Enheter", str(s["units"])),
        ("Mikro-F1 (presisjon / treff)", f"{_figure(s['micro_f1'])} "
         f"({_figure(s['micro_precision'])} / {_figure(s['micro_recall'])})"),
        ("Makro-F1 (laveste tema)", f"{_figure(s['macro_f1'])} ({_figure(s['min_theme_f1'])})"),
        ("Helt rett temasett", _figure(s["exact_set_accuracy"])),
        ("Polaritet rett (styrke / utfordring / nøytral)",
         f"{_figure(s['polarity_accuracy'])} ({s['polarity_units']} enheter)"),
        ("Polaritet rett der enheten vurderer",
         f"{_figure(s['polarity_judging_accuracy'])} ({s['polarity_judging_units']} enheter)"),
    ]
    if s.get("off_topic_units"):
        head.append(("Utenfor feltet, likevel gitt tema",
                     f"{_figure(s['off_topic_coded'])} ({s['off_topic_units']} enheter)"))
    reach = result.abstention.get("at_target")
    if reach:
        head.append(("Autokoding ved ≥ 95 % presisjon",
                     f"{reach['coverage']:.0%} av enhetene (konfidens ≥ "
                     f"{reach['min_confidence']:.3f})"))
    at_min = result.abstention.get("at_min_confidence")
    if at_min:
        head.append((f"Ved konfidens ≥ {at_min['min_confidence']}",
                     f"dekning {at_min['coverage']:.0%}, presisjon "
                     f"{_figure(at_min['exact_precision'])}"))
    per = result.per_theme.copy()
    for col in ("precision", "recall", "f1", "kappa"):
        per[col] = per[col].map(_figure)
    return [View(f"Evaluering: {s['coder']['name']} {s['coder']['version']}",
                 pd.DataFrame(head, columns=["Mål", "Verdi"])),
            View("Per tema (kappa: maskin mot gullkoder)", per.drop(columns=["theme"])),
            View("Oftest forvekslet (gulltema → kodet som)", result.confused),
            View("Enhetene med flest feil", result.worst, wide=frozenset({"text"}))]


def reliability_views(result, labels: dict[str, str]) -> list[View]:
    """Agreement per pair of coders: per theme N, percent agreement, kappa and alpha."""
    out = []
    for pair in result.pairs:
        t = result.table[(result.table["coder_a"] == pair["coder_a"]) &
                         (result.table["coder_b"] == pair["coder_b"])]
        shown = pd.DataFrame({
            "Tema": [labels.get(x, x) for x in t["theme"]], "N": t["units"],
            "Samsvar": [f"{v:.0%}" for v in t["agreement"]],
            "Cohens kappa": [_figure(None if pd.isna(v) else v) for v in t["kappa"]],
            "Krippendorffs alfa": [_figure(None if pd.isna(v) else v) for v in t["alpha"]],
            f"Kodet av {pair['coder_a']}": t["a_coded"],
            f"Kodet av {pair['coder_b']}": t["b_coded"]})
        kind = "to kodere" if pair["kind"] == "human" else "koder mot modell"
        out.append(View(f"Samsvar, {kind}: {pair['coder_a']} og {pair['coder_b']} "
                        f"({pair['units']} enheter begge kodet)", shown))
    return out


def plan_views(plan) -> tuple[list[View], list[str]]:
    """The auto-coding plan: per confidence cut (every 0.05, and the chosen one) the share of
    the project at or above it, the researcher-coded units there and the precision on them;
    and a sentence with the verdict."""
    curve = plan.curve
    on_grid = (curve["min_confidence"] / 0.05 - (curve["min_confidence"] / 0.05).round()).abs()
    shown = curve[(on_grid < 1e-9) | (curve["min_confidence"] == plan.cut)]
    table = pd.DataFrame({
        "Konfidens ≥": [f"{v:.3f}" for v in shown["min_confidence"]],
        "Andel av prosjektet": [f"{v:.0%}" for v in shown["coverage"]],
        "Kodet av forsker": shown["checked"].astype(int),
        "Presisjon": ["–" if pd.isna(v) else f"{v:.0%}" for v in shown["precision"]]})
    if plan.cut is not None:
        verdict = (f"Konfidens ≥ {plan.cut:.3f} gir minst {plan.target:.0%} presisjon på de "
                   f"kodede enhetene; {plan.coverage:.0%} av prosjektets enheter kan da kodes "
                   f"automatisk (fritekst code --auto-precision {plan.target}).")
    else:
        verdict = (f"Ingen konfidens gir {plan.target:.0%} presisjon på minst 20 kodede "
                   "enheter; kod flere enheter.")
    return [View(f"Automatisk koding vurdert mot {plan.checked} enheter kodet av forskere",
                 table)], [verdict]


def discover_view(groups: pd.DataFrame) -> View:
    """Candidate themes: size, top words and the most typical quote of each group."""
    table = pd.DataFrame({
        "Gruppe": groups["group"], "Enheter": groups["units"], "Ord": groups["terms"],
        "Eksempler": [" | ".join(f"«{q}»" for q in ex) for ex in groups["examples"]]})
    return View("Mulige nye tema blant enhetene uten tema eller med lav konfidens", table,
                wide=frozenset({"Eksempler"}))


def frame_views(frame) -> list[View]:
    """The project's coding frame: its themes with their labels, and the changes made."""
    themes = pd.DataFrame([{"id": t.id, "Tema": t.label, "Styrke": t.label_for("styrke"),
                            "Utfordring": t.label_for("utfordring"),
                            "Definisjon": t.definition} for t in frame.codebook.themes])
    out = [View(f"Kodebok: {frame.codebook.name} {frame.codebook.version} "
                f"({len(frame.codebook.themes)} tema)", themes,
                wide=frozenset({"Definisjon"}))]
    if frame.changes:
        changes = pd.DataFrame([{"Når": c["at"], "Endring": c["action"],
                                 "Hva": ", ".join(f"{k}={v}" for k, v in c["args"].items())}
                                for c in frame.changes])
        out.append(View("Endringer i prosjektet", changes, wide=frozenset({"Hva"})))
    return out


META_COLUMNS = ["citation", "title", "series", "publisher", "client", "issn", "isbn", "variety",
                "pages"]


def meta_view(rows: list[dict]) -> View:
    """The reports' metadata, one row per report (with the share of its sentences about
    boligsosialt arbeid, where the review measured it)."""
    table = pd.DataFrame(rows)
    columns = [c for c in META_COLUMNS if c in table.columns] or META_COLUMNS
    if "relevant_share" in table.columns and table["relevant_share"].notna().any():
        table["i feltet"] = [("–" if pd.isna(sh) else f"{sh * 100:.0f} %") +
                             ("" if keep else " (utelatt)")
                             for sh, keep in zip(table["relevant_share"], table["in_matrices"],
                                                 strict=True)]
        columns = [*columns, "i feltet"]
    return View("Rapporter", table.reindex(columns=columns), wide=frozenset({"title"}))


def review_views(review) -> list[View]:
    """Reports, the theme × report counts and the municipality × theme citations (long: one
    row per municipality and theme)."""
    matrix = review.municipality_theme()
    long = matrix.melt(id_vars="Kommune", var_name="Tema", value_name="Kilder")
    long = long[long["Kilder"] != ""]
    return [meta_view(review.reports.to_dict("records")),
            View("Tema × rapport: setninger (sider)", review.theme_report()),
            View("Kommune × tema: kilder", long, wide=frozenset({"Kilder"}))]


# ---- rendering ---------------------------------------------------------------------------
def to_markdown(parts: list[View], lines: Sequence[str] = ()) -> str:
    """Views as Markdown sections, then plain lines (such as the run's counts)."""
    out = []
    for v in parts:
        out += [f"## {v.title}", ""]
        if v.note:
            out += [v.note, ""]
        out += [markdown_table(v.table, v.index) if len(v.table) else "(ingen)", ""]
    if lines:
        out += [f"{line}  " for line in lines]
    return "\n".join(out).rstrip() + "\n"


def to_rich(parts: list[View], lines: Sequence[str] = ()) -> list:
    """Views as rich tables for a terminal, then the lines dimmed."""
    from rich.table import Table
    from rich.text import Text

    out: list = []
    for v in parts:
        df = v.table.reset_index() if v.index else v.table
        t = Table(title=v.title, title_justify="left", header_style="bold")
        for col in df.columns:
            t.add_column(str(col), overflow="fold", ratio=3 if str(col) in v.wide else None,
                         justify="right" if pd.api.types.is_numeric_dtype(df[col]) else "left")
        for row in df.itertuples(index=False):
            t.add_row(*("" if x is None or (isinstance(x, float) and pd.isna(x)) else str(x)
                        for x in row))
        if v.note:
            out.append(Text(v.note, style="italic"))
        out.append(t)
    if lines:
        out.append(Text("\n".join(lines), style="dim"))
    return out
