"""The review workbook a coder fills in: one row per unit, the codebook on its own sheet,
and what fritekst needs to take the codes back (a hidden sheet).

Sheet "Koding": ``unit_id``, ``municipality``, ``question``, ``text``, ``suggested`` (the
model's themes), ``confidence``, ``themes`` (for the coder: ';'-joined ids, '-' for "no
theme", empty for "not reviewed"), ``comment``. The ``themes`` column offers the codebook's
ids in a list; several ids are typed with ';' (Excel then warns, and the import checks every
id). Sheet "Kodebok": ids, labels and definitions. Sheet "fritekst" (hidden): the export's
id, the coder it was made for, the project and the codebook.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from fritekst.coding.codebook import Codebook
from fritekst.errors import InputError
from fritekst.export.excel import _safe_cell
from fritekst.outfiles import replacing

SHEET = "Koding"
COLUMNS = ["unit_id", "municipality", "question", "text", "suggested", "confidence", "themes",
           "comment"]
NO_THEME = "-"
_WIDTHS = {"unit_id": 9, "municipality": 14, "question": 30, "text": 60, "suggested": 24,
           "confidence": 11, "themes": 28, "comment": 30}
_INFO_KEYS = ("export_id", "coder", "project", "codebook", "codebook_sha256", "units")


def write_review(rows: pd.DataFrame, codebook: Codebook, info: dict, path: Path) -> list[Path]:
    """Write the review workbook (written beside the target, then renamed into place)."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(COLUMNS)
    for row in rows[COLUMNS].itertuples(index=False):
        ws.append([_safe_cell(None if pd.isna(v) else v) for v in row])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for j, col in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(j)].width = _WIDTHS[col]
        if col in ("text", "question", "comment"):
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # an answer such as "=SUM(A1)" stays text
    book = wb.create_sheet("Kodebok")
    book.append(["id", "tema", "styrke", "utfordring", "definisjon"])
    for t in codebook.themes:
        book.append([t.id, t.label, t.label_for("styrke"), t.label_for("utfordring"),
                     t.definition])
    book.append([NO_THEME, "(ingen tema: gjennomgått, men ingen tema passer)", "", "", ""])
    for cell in book[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (22, 36, 36, 36, 70), strict=True):
        book.column_dimensions[letter].width = width
    if len(rows):
        col = get_column_letter(COLUMNS.index("themes") + 1)
        rule = DataValidation(type="list", formula1=f"=Kodebok!$A$2:$A${len(codebook.themes) + 2}",
                              allow_blank=True, showErrorMessage=True, errorStyle="warning",
                              errorTitle="Tema-id",
                              error="Velg en id fra arket Kodebok; flere id-er skilles med ';'.")
        rule.add(f"{col}2:{col}{len(rows) + 1}")
        ws.add_data_validation(rule)
    meta = wb.create_sheet("fritekst")
    for key in _INFO_KEYS:
        meta.append([key, str(info.get(key, ""))])
    meta.sheet_state = "hidden"
    with replacing(path) as tmp:
        wb.save(tmp)
    return [path]


def read_review(path: str | Path) -> tuple[pd.DataFrame, dict]:
    """The filled-in rows (strings, as typed; the sheet row number in ``sheet_row``) and the
    export's information. A workbook that is not a fritekst review is refused by name."""
    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file.") from None
    except Exception:
        raise InputError(f"{path}: not an Excel workbook (.xlsx) that can be read; give the "
                         "file made by `fritekst review export`.") from None
    try:
        if "fritekst" not in wb.sheetnames or SHEET not in wb.sheetnames:
            raise InputError(f"{path}: not a review file made by fritekst (no sheets "
                             f"'{SHEET}' and 'fritekst'); export one with `fritekst review "
                             "export`.")
        info = {str(k): ("" if v is None else str(v))
                for k, v, *_ in wb["fritekst"].iter_rows(values_only=True) if k}
        rows = list(wb[SHEET].iter_rows(values_only=True))
    finally:
        wb.close()
    header = [str(h).strip() if h is not None else "" for h in rows[0]] if rows else []
    missing = [c for c in ("unit_id", "text", "themes") if c not in header]
    if missing:
        raise InputError(f"{path}: the sheet '{SHEET}' has no column {missing[0]!r}; do not "
                         "rename or delete its columns.")
    records = []
    for n, values in enumerate(rows[1:], start=2):
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        record: dict[str, object] = {
            h: ("" if v is None else str(v)) for h, v in zip(header, values, strict=False) if h}
        record["sheet_row"] = n
        records.append(record)
    columns = [h for h in header if h] + ["sheet_row"]
    return pd.DataFrame(records, columns=columns), info
