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
        parts.append(table_of(table, f"Vurdering: {views.item_label(item)} "
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
