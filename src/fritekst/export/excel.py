"""Excel output: readable sheets (bold headers, widths, frozen header, wrapped quotes)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from fritekst.outfiles import replacing
from fritekst.summarize import views
from fritekst.summarize.tables import POLARITY_LABELS, Summary

_WIDE = {"Sitater", "text", "evidence", "question", "Spørsmål", "Tema"}


def write_coded(units: pd.DataFrame, meta: dict, path: Path) -> list[Path]:
    with replacing(path) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as xw:
        sheet(xw, units, "Kodet")
        sheet(xw, meta_frame(meta), "Meta")
    return [path]


def write_summary(summary: Summary, path: Path) -> list[Path]:
    with replacing(path) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as xw:
        sheet(xw, views.responses_view(summary), "Svar")
        for i, (item, table) in enumerate(views.ratings_view(summary).items(), start=1):
            sheet(xw, table, f"Vurdering {i}", title=item)
        for pol in summary.matrices:
            label = POLARITY_LABELS[pol].lower()
            sheet(xw, summary.shown_matrix(pol).reset_index(), f"Matrise {label}"[:31],
                   title="Antall respondenter som nevner temaet")
            sheet(xw, views.matrix_share(summary, pol).reset_index(), f"Andel {label}"[:31],
                   title="Andel av respondentene som svarte", percent=True)
        long = _long_themes(summary.shown_themes())
        long["Sitater"] = long["Sitater"].map(lambda q: " | ".join(f"«{x}»" for x in q))
        sheet(xw, long, "Tema per kommune")
        if summary.by_role is not None:
            _role_sheets(xw, summary)
        sheet(xw, meta_frame(summary.meta), "Meta")
    return [path]


_LONG_NAMES = {"municipality": "Kommune", "role": "Funksjon", "polarity": "Polaritet",
               "theme": "Tema-id", "label": "Tema", "respondents": "Respondenter",
               "answered": "Svarte", "share": "Andel", "rank": "Rang", "quotes": "Sitater"}


def _long_themes(long: pd.DataFrame) -> pd.DataFrame:
    long["polarity"] = long["polarity"].map(lambda p: POLARITY_LABELS.get(p, p))
    long["share"] = long["share"].map(lambda x: None if x is None else round(x, 3))
    return long.rename(columns=_LONG_NAMES)


def _role_sheets(xw: pd.ExcelWriter, summary: Summary) -> None:
    """The breakdown by function: one long theme sheet and one of the rating rows."""
    sheet(xw, _long_themes(summary.shown_role_themes()), "Tema per funksjon",
          title=views.ROLE_NOTE)
    tables = list(views.role_ratings_view(summary).items())
    if tables:
        ratings = pd.concat([t.assign(Spørsmål=item) for item, t in tables], ignore_index=True)
        sheet(xw, ratings[["Spørsmål", *tables[0][1].columns]], "Vurdering per funksjon",
              title=views.ROLE_NOTE)


def _safe_cell(v):
    """Text without the control characters Excel files cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v


def meta_frame(meta: dict) -> pd.DataFrame:
    """The run's metadata as a two-column sheet (field, value as JSON)."""
    rows = [{"Felt": k, "Verdi": v if isinstance(v, str) else json.dumps(v, ensure_ascii=False,
                                                                       default=str)}
            for k, v in meta.items()]
    return pd.DataFrame(rows)


def sheet(xw: pd.ExcelWriter, df: pd.DataFrame, name: str, title: str | None = None,
          percent: bool = False) -> None:
    """One readable sheet: bold frozen header, widths, wrapped long text, answers that look
    like formulas kept as text, and an optional title row above the table."""
    startrow = 2 if title else 0
    df = df.map(_safe_cell) if len(df) else df
    df.columns = [_safe_cell(str(c)) for c in df.columns]
    title = _safe_cell(title) if title else title
    df.to_excel(xw, sheet_name=name, index=False, startrow=startrow)
    ws = xw.sheets[name]
    for row in ws.iter_rows(min_row=startrow + 2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"   # an answer such as "=SUM(A1)" is text, not a formula
            elif isinstance(cell.value, float):
                if percent:
                    cell.number_format = "0 %"
                elif df.columns[cell.column - 1] == "Snitt":
                    cell.number_format = "0.00"
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
