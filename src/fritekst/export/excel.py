"""Excel output: readable sheets (bold headers, widths, frozen header, wrapped quotes)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from fritekst.summarize import views
from fritekst.summarize.tables import POLARITY_LABELS, Summary

_WIDE = {"Sitater", "text", "evidence", "question", "Spørsmål", "Tema"}


def write_coded(units: pd.DataFrame, meta: dict, path: Path) -> list[Path]:
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        _sheet(xw, units, "Kodet")
        _sheet(xw, _meta_frame(meta), "Meta")
    return [path]


def write_summary(summary: Summary, path: Path) -> list[Path]:
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        _sheet(xw, views.responses_view(summary), "Svar")
        for i, (item, table) in enumerate(views.ratings_view(summary).items(), start=1):
            _sheet(xw, table, f"Vurdering {i}", title=item)
        for pol in summary.matrices:
            _sheet(xw, views.matrix_view(summary, pol).reset_index(),
                   f"Matrise {POLARITY_LABELS[pol].lower()}"[:31])
        long = summary.themes.copy()
        long["polarity"] = long["polarity"].map(lambda p: POLARITY_LABELS.get(p, p))
        long["quotes"] = long["quotes"].map(lambda q: " | ".join(f"«{x}»" for x in q))
        long["share"] = long["share"].round(3)
        if summary.min_cell:
            from fritekst.summarize.tables import suppressed

            long = suppressed(long, summary.min_cell, ["respondents"])
        long = long.rename(columns={
            "municipality": "Kommune", "polarity": "Polaritet", "theme": "Tema-id",
            "label": "Tema", "respondents": "Respondenter", "answered": "Svarte",
            "share": "Andel", "rank": "Rang", "quotes": "Sitater"})
        _sheet(xw, long, "Tema per kommune")
        _sheet(xw, _meta_frame(summary.meta), "Meta")
    return [path]


def _meta_frame(meta: dict) -> pd.DataFrame:
    rows = [{"Felt": k, "Verdi": v if isinstance(v, str) else json.dumps(v, ensure_ascii=False,
                                                                       default=str)}
            for k, v in meta.items()]
    return pd.DataFrame(rows)


def _sheet(xw: pd.ExcelWriter, df: pd.DataFrame, name: str, title: str | None = None) -> None:
    startrow = 2 if title else 0
    df.to_excel(xw, sheet_name=name, index=False, startrow=startrow)
    ws = xw.sheets[name]
    if title:
        ws.cell(row=1, column=1, value=title).font = Font(italic=True)
    header_row = startrow + 1
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    for j, col in enumerate(df.columns, start=1):
        values = [str(col), *(str(v) for v in df[col].head(200))]
        width = min(max(len(v) for v in values) + 2, 60 if str(col) in _WIDE else 30)
        ws.column_dimensions[get_column_letter(j)].width = max(width, 8)
        if str(col) in _WIDE:
            for row in ws.iter_rows(min_row=header_row + 1, min_col=j, max_col=j):
                for cell in row:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
