"""Display versions of the summary tables, shared by the terminal, Markdown and Excel output.

Column names are Norwegian, as in the reports the tables go into. Small cells are suppressed
here when the summary asks for it.
"""

from __future__ import annotations

import re

import pandas as pd

from fritekst.privacy import suppress
from fritekst.summarize.tables import DONT_KNOW_LABEL, POLARITY_LABELS, Summary, round_half_up


def item_label(item: str) -> str:
    """A short name for a rating item: its word in capitals ("SAMORDNINGEN" → "Samordningen"),
    or the sub-item of a matrix question ("Hvor godt fungerer følgende? - Samordning")."""
    caps = re.findall(r"\b[A-ZÆØÅ]{4,}\b", item)
    if caps:
        return " ".join(w.capitalize() for w in caps)
    if " - " in item:
        return item.rsplit(" - ", 1)[1].strip()
    return item if len(item) <= 50 else item[:49] + "…"


def _percent(share: float) -> str:
    """A share as report text, rounded half up like every figure in the tables: "63 %"."""
    return f"{round_half_up(100 * share, 0):.0f} %"


def municipality_themes(summary: Summary, municipality: str, polarity: str) -> pd.DataFrame:
    """Tema | Respondenter | Andel | Sitater for one municipality and polarity."""
    t = summary.shown_themes()
    sub = t[(t["municipality"] == municipality) & (t["polarity"] == polarity)]
    rows = [{"Tema": r.label, "Respondenter": r.respondents,
             "Andel": "" if r.share is None else _percent(r.share),
             "Sitater": " | ".join(f"«{q}»" for q in r.quotes)}
            for r in sub.itertuples(index=False)]
    return pd.DataFrame(rows, columns=["Tema", "Respondenter", "Andel", "Sitater"])


def answered_text(summary: Summary, municipality: str, polarity: str) -> str:
    """How many answered, as a heading may show it ("19", or "<3" for a small cell)."""
    return str(suppress(answered_count(summary, municipality, polarity), summary.min_cell))


def answered_count(summary: Summary, municipality: str, polarity: str) -> int:
    col = f"answered_{polarity or 'uten_polaritet'}"
    r = summary.responses
    if col not in r.columns:
        return 0
    return int(r.loc[r["municipality"] == municipality, col].sum())


def matrix_view(summary: Summary, polarity: str) -> pd.DataFrame:
    """Theme × municipality with "n (share %)" cells ("–" for none, "<N" for few)."""
    counts, shown = summary.matrices[polarity], summary.shown_matrix(polarity)
    out = shown.copy()
    for muni in counts.columns:
        denom = answered_count(summary, muni, polarity)
        for theme in counts.index:
            n, cell = int(counts.loc[theme, muni]), shown.loc[theme, muni]
            out.loc[theme, muni] = "–" if not n else cell if isinstance(cell, str) else \
                f"{n} ({_percent(n / denom if denom else 0.0)})"
    return out


def ratings_view(summary: Summary) -> dict[str, pd.DataFrame]:
    """Per rating item: Kommune | N | Snitt | Vet ikke | % per scale point."""
    return _rating_views(summary, summary.shown_ratings(), {"municipality": "Kommune"})


def role_ratings_view(summary: Summary) -> dict[str, pd.DataFrame]:
    """Per rating item: Kommune | Funksjon | N | Snitt | Vet ikke | % per scale point, with
    each municipality's own row as «Alle»."""
    assert summary.by_role is not None
    return _rating_views(summary, summary.by_role.shown_ratings(summary.min_cell),
                         {"municipality": "Kommune", "role": "Funksjon"})


def _rating_views(summary: Summary, r: pd.DataFrame, keys: dict[str, str]
                  ) -> dict[str, pd.DataFrame]:
    out = {}
    points = [str(p) for p in range(1, summary.ratings_scale() + 1)] + [DONT_KNOW_LABEL]
    for item in dict.fromkeys(r["item"]):
        rows = []
        for x in r[r["item"] == item].itertuples(index=False):
            row = {label: getattr(x, key) for key, label in keys.items()}
            row.update({"N": x.n,
                        "Snitt": None if x.mean is None or pd.isna(x.mean) else float(x.mean),
                        DONT_KNOW_LABEL: x.dont_know})
            row.update({f"{k} %" if k != DONT_KNOW_LABEL else "Vet ikke %":
                        None if x.distribution is None else x.distribution[k] for k in points})
            rows.append(row)
        # object columns, so that a count stays "1", not "1.0", beside a hidden "–"
        out[item] = pd.DataFrame(rows, dtype=object)
    return out


ROLE_NOTE = ("En respondent med flere funksjoner telles under hver av dem, så funksjonene kan "
             "summere til mer enn kommunen; «Alle» er kommunens eget tall, og «Totalt» alle "
             "kommunene sammen.")


def role_places(summary: Summary) -> list[str]:
    """The municipalities of the role breakdown, then ``Totalt`` where there are several."""
    assert summary.by_role is not None
    return list(dict.fromkeys(summary.by_role.answered["municipality"]))


def role_themes_view(summary: Summary, municipality: str, polarity: str) -> pd.DataFrame:
    """Tema × Funksjon for one municipality (or ``Totalt``) and polarity: "n (share %)" of
    those in that function who answered ("–" for none, "<N" for few), the functions present
    there as columns headed with how many answered, and «Alle» last."""
    assert summary.by_role is not None
    t = summary.shown_role_themes()
    t = t[(t["municipality"] == municipality) & (t["polarity"] == polarity)]
    a = summary.by_role.answered
    a = a[(a["municipality"] == municipality) & (a["polarity"] == polarity)]
    answered = dict(zip(a["role"], a["answered"], strict=True))
    roles = [r for r in [*summary.by_role.roles, "Alle"] if r in answered]
    headers = {r: f"{r} (n={suppress(answered[r], summary.min_cell)})" for r in roles}
    overall = t[t["role"] == "Alle"]
    rows = []
    for theme, label in zip(overall["theme"], overall["label"], strict=True):
        row = {"Tema": label}
        cells = t[t["theme"] == theme].set_index("role")
        for role in roles:
            if role not in cells.index:
                row[headers[role]] = "–"
                continue
            c = cells.loc[role]
            row[headers[role]] = c["respondents"] if c["share"] is None else \
                f"{c['respondents']} ({_percent(c['share'])})"
        rows.append(row)
    return pd.DataFrame(rows, columns=["Tema", *headers.values()])


def as_text(df: pd.DataFrame) -> pd.DataFrame:
    """Cells as report text: means with two decimals, percents with one, gaps as "–"."""
    out = df.astype("object").copy()
    for col in out.columns:
        def fmt(v, col=str(col)):
            if v is None or (isinstance(v, float) and pd.isna(v)):
                return "–"
            if isinstance(v, float):
                return f"{v:.2f}" if col == "Snitt" else f"{v:.1f}"
            return str(v)
        out[col] = out[col].map(fmt)
    return out


def matrix_share(summary: Summary, polarity: str) -> pd.DataFrame:
    """Theme × municipality shares (0–1) of the respondents who answered; NaN if suppressed."""
    counts, shown = summary.matrices[polarity], summary.shown_matrix(polarity)
    out = counts.astype(float).copy()
    for muni in counts.columns:
        denom = answered_count(summary, muni, polarity)
        out[muni] = counts[muni] / denom if denom else 0.0
    return out.mask(shown.map(lambda cell: isinstance(cell, str)))


def responses_view(summary: Summary) -> pd.DataFrame:
    names = {"municipality": "Kommune", "respondents": "Respondenter",
             "answered_rating": "Svart på vurdering"}
    for pol, label in POLARITY_LABELS.items():
        names[f"answered_{pol or 'uten_polaritet'}"] = f"Svart: {label.lower()}"
    return summary.shown_responses().rename(columns=names)


def meta_lines(meta: dict) -> list[str]:
    """Plain lines on versions and counts, for the foot of every report."""
    c = meta.get("counts", {})
    coder = meta.get("coder", {})
    cb = meta.get("codebook") or {}
    return [
        f"fritekst {meta.get('fritekst')}, koder {coder.get('name')} {coder.get('version')}, "
        f"kodebok {cb.get('name')} {cb.get('version')} ({cb.get('sha256')})",
        f"Filer: {', '.join(meta.get('inputs', []))}",
        f"Rader {c.get('rows')}: respondenter {c.get('respondents')}, samme id igjen "
        f"{c.get('duplicate_rows', 0)}, hoppet over {c.get('skipped_rows')}. "
        f"Svarfelt {c.get('boxes')}: tomme {c.get('empty')}, "
        f"ikke-svar {c.get('non_answers')}, besvart {c.get('answered_boxes')}. "
        f"Svarenheter {c.get('units')}: kodet {c.get('coded')}, ukodet {c.get('uncoded')}, "
        f"til vurdering {c.get('to_review', 0)}.",
    ]
