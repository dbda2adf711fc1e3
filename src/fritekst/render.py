"""Rich renderables for the terminal: the same tables as the reports, sized for a screen."""

from __future__ import annotations

import pandas as pd
from rich.table import Table
from rich.text import Text

from fritekst.summarize import views
from fritekst.summarize.tables import POLARITY_LABELS, Summary

_PREVIEW_ROWS = 25


def table_of(df: pd.DataFrame, title: str | None = None, index: bool = False,
             wide: set[str] = frozenset()) -> Table:
    t = Table(title=title, title_justify="left", show_lines=False, header_style="bold")
    if index:
        df = df.reset_index()
    for col in df.columns:
        t.add_column(str(col), overflow="fold", ratio=3 if str(col) in wide else None,
                     justify="right" if pd.api.types.is_numeric_dtype(df[col]) else "left")
    for row in df.itertuples(index=False):
        t.add_row(*(str(v) for v in row))
    return t


def summary_renderables(summary: Summary) -> list:
    parts: list = [table_of(views.responses_view(summary), "Svar per kommune")]
    for item, table in views.ratings_view(summary).items():
        parts.append(table_of(views.as_text(table), f"Vurdering: {views.item_label(item)} "
                                     "(snitt uten «Vet ikke», fordeling i %)"))
    for pol in summary.matrices:
        parts.append(table_of(views.matrix_view(summary, pol),
                              f"{POLARITY_LABELS[pol]}: tema × kommune (respondenter, andel)",
                              index=True))
    for muni in summary.responses["municipality"]:
        for pol in summary.matrices:
            table = views.municipality_themes(summary, muni, pol).head(6)
            if len(table):
                table["Sitater"] = table["Sitater"].str.split(" | ", regex=False).str[0]
                n = views.answered_count(summary, muni, pol)
                parts.append(table_of(table, f"{muni} – {POLARITY_LABELS[pol].lower()} "
                                             f"({n} svarte)", wide={"Sitater"}))
    parts.append(Text("\n".join(views.meta_lines(summary.meta)), style="dim"))
    return parts


def coded_preview(units: pd.DataFrame) -> Table:
    shown = units[["municipality", "respondent", "polarity", "text", "themes", "status"]]
    title = f"Kodede svarenheter (første {min(_PREVIEW_ROWS, len(units))} av {len(units)}; " \
            "bruk -o for alle)"
    return table_of(shown.head(_PREVIEW_ROWS).fillna(""), title, wide={"text"})


def evaluation_renderables(result) -> list:
    """The evaluation as terminal tables: summary, per theme, confusions, worst units."""
    s = result.summary
    fmt = lambda v: "–" if v is None else f"{v:.3f}"  # noqa: E731
    head = pd.DataFrame([
        {"Mål": "Enheter", "Verdi": str(s["units"])},
        {"Mål": "Mikro-F1 (presisjon / treff)", "Verdi": f"{fmt(s['micro_f1'])} "
         f"({fmt(s['micro_precision'])} / {fmt(s['micro_recall'])})"},
        {"Mål": "Makro-F1 (laveste tema)", "Verdi": f"{fmt(s['macro_f1'])} "
         f"({fmt(s['min_theme_f1'])})"},
        {"Mål": "Helt rett temasett", "Verdi": fmt(s["exact_set_accuracy"])},
        {"Mål": "Polaritet rett", "Verdi": f"{fmt(s['polarity_accuracy'])} "
         f"({s['polarity_units']} enheter)"},
    ])
    reach = result.abstention.get("at_target")
    if reach:
        head.loc[len(head)] = {
            "Mål": "Autokoding ved ≥ 95 % presisjon",
            "Verdi": f"{reach['coverage']:.0%} av enhetene (konfidens ≥ "
                     f"{reach['min_confidence']:.3f})"}
    at_min = result.abstention.get("at_min_confidence")
    if at_min:
        head.loc[len(head)] = {
            "Mål": f"Ved konfidens ≥ {at_min['min_confidence']}",
            "Verdi": f"dekning {at_min['coverage']:.0%}, presisjon "
                     f"{fmt(at_min['exact_precision'])}"}
    per = result.per_theme.copy()
    for col in ("precision", "recall", "f1", "kappa"):
        per[col] = per[col].map(fmt)
    return [table_of(head, f"Evaluering: {s['coder']['name']} {s['coder']['version']}"),
            table_of(per.drop(columns=["theme"]), "Per tema (kappa: maskin mot gullkoder)"),
            table_of(result.confused, "Oftest forvekslet (gulltema → kodet som)"),
            table_of(result.worst, "Enhetene med flest feil", wide={"text"})]


def meta_table(rows: list[dict]) -> Table:
    cols = ["citation", "title", "series", "publisher", "client", "issn", "isbn", "variety",
            "pages"]
    return table_of(pd.DataFrame(rows, columns=cols), "Rapporter", wide={"title"})


def review_renderables(review) -> list:
    """Reports, the theme × report counts and the municipality × theme citations, for a
    screen: the citation matrix is shown long (one row per municipality and theme)."""
    parts: list = [meta_table(review.reports.to_dict("records"))]
    parts.append(table_of(review.theme_report(), "Tema × rapport: setninger (sider)"))
    matrix = review.municipality_theme()
    long = matrix.melt(id_vars="Kommune", var_name="Tema", value_name="Kilder")
    long = long[long["Kilder"] != ""]
    parts.append(table_of(long, "Kommune × tema: kilder", wide={"Kilder"}))
    return parts


def search_lines(hits: pd.DataFrame, styled: bool) -> list:
    """One keyword-in-context line per hit: report, page, left context, match, right."""
    out = []
    for _, h in hits.iterrows():
        page = h["page_label"] or f"[pdf {int(h['page_index']) + 1}]"
        line = Text(f"{h['report']}, s. {page}: ")
        line.append(h["left"])
        line.append(h["match"], style="bold reverse" if styled else "")
        line.append(h["right"])
        out.append(line)
    return out
