"""Read survey exports (xlsx, csv, tsv, txt) into a plain table of strings.

Real exports are messy: CSVs written by Norwegian Excel are cp1252 with ';', some carry a BOM,
some are UTF-16 "Unicode text", headers can span two rows (a question over its sub-items), and
cells hold line breaks. Everything here returns strings exactly as the respondent wrote them;
interpretation happens in :mod:`fritekst.extract.survey`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from fritekst.errors import InputError

TABLE_SUFFIXES = {".xlsx", ".xlsm", ".csv", ".tsv", ".txt"}
_DELIMITERS = [";", ",", "\t", "|"]


@dataclass
class RawTable:
    """A header and rows of strings, with where they came from.

    ``row_numbers[i]`` is the number a spreadsheet program shows for data row ``i`` (the header
    is row 1, or rows 1–2 for a two-row header), so users can find a row we report.
    """

    source: Path
    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    encoding: str | None = None
    delimiter: str | None = None
    notes: list[str] = field(default_factory=list)


def read_table(path: str | Path) -> RawTable:
    """Read one survey export into a :class:`RawTable`, detecting format, encoding and delimiter."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: file not found. Check the path and spelling.")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give the survey export file(s) inside it.")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise InputError(
            f"{path}: old Excel format (.xls) is not supported; open it in Excel and save as "
            ".xlsx or CSV."
        )
    if suffix not in TABLE_SUFFIXES:
        raise InputError(
            f"{path}: unknown file type '{suffix or '(none)'}'; use .xlsx, .csv, .tsv or .txt."
        )
    if path.stat().st_size == 0:
        raise InputError(f"{path}: the file is empty; export the survey again.")
    if suffix in {".xlsx", ".xlsm"}:
        return _grid_to_table(path, _read_xlsx(path))
    text, encoding = decode_bytes(path, path.read_bytes())
    if suffix == ".txt" and not _looks_delimited(text):
        return _lines_table(path, text, encoding)
    delimiter = "\t" if suffix == ".tsv" else sniff_delimiter(text)
    table = _grid_to_table(path, _parse_csv(path, text, delimiter))
    table.encoding, table.delimiter = encoding, delimiter
    return table


def decode_bytes(path: Path, data: bytes) -> tuple[str, str]:
    """Decode a text export: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252/latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: damaged UTF-16 text ({exc.reason}).") from None
    if b"\x00" in data[:4096]:
        raise InputError(
            f"{path}: looks like a binary file, not text; export the survey as .xlsx or CSV."
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that gives the most consistent multi-column records."""
    sample = text[:200_000]
    best, best_score = ",", -1.0
    for delim in _DELIMITERS:
        try:
            records = list(_limited(csv.reader(io.StringIO(sample), delimiter=delim), 60))
        except csv.Error:
            continue
        widths = [len(r) for r in records if any(c.strip() for c in r)]
        if not widths or max(widths) < 2:
            continue
        header_width = widths[0]
        consistent = sum(1 for w in widths if w == header_width) / len(widths)
        score = consistent * 10 + min(header_width, 50) / 50
        if score > best_score:
            best, best_score = delim, score
    return best


def _limited(reader, n):
    for i, row in enumerate(reader):
        if i >= n:
            break
        yield row


def _looks_delimited(text: str) -> bool:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return first.count("\t") >= 1 or first.count(";") >= 2


def _parse_csv(path: Path, text: str, delimiter: str) -> list[list[str]]:
    try:
        return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise InputError(f"{path}: cannot parse as delimited text ({exc}).") from None


def _lines_table(path: Path, text: str, encoding: str) -> RawTable:
    rows, numbers = [], []
    for i, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            rows.append([str(i), line])
            numbers.append(i)
    if not rows:
        raise InputError(f"{path}: the file has no text lines.")
    return RawTable(path, ["id", "text"], rows, numbers, encoding=encoding, delimiter=None)


def _read_xlsx(path: Path) -> list[list[str]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise InputError(
            f"{path}: not a readable Excel file ({type(exc).__name__}); open it in Excel and "
            "save it again as .xlsx, or export CSV."
        ) from None
    try:
        for ws in wb.worksheets:
            grid = [[_cell_str(v) for v in row] for row in ws.iter_rows(values_only=True)]
            if any(any(c.strip() for c in row) for row in grid):
                return grid
    finally:
        wb.close()
    raise InputError(f"{path}: the workbook has no cells with data.")


def _cell_str(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "hour") else str(value)
    return str(value)


def _grid_to_table(path: Path, grid: list[list[str]]) -> RawTable:
    numbered = [(i, row) for i, row in enumerate(grid, start=1) if any(c.strip() for c in row)]
    if not numbered:
        raise InputError(f"{path}: the file has no data; export the survey again.")
    width = max(len(row) for _, row in numbered)
    numbered = [(i, [c for c in row] + [""] * (width - len(row))) for i, row in numbered]
    header_no, header = numbered[0]
    body = numbered[1:]
    if not body:
        raise InputError(f"{path}: only a header row, no data rows; export the survey again.")
    notes: list[str] = []
    if body and _is_subheader(header, body[0][1]):
        header = _merge_header_rows(header, body[0][1])
        notes.append(f"rows {header_no}-{body[0][0]} read as one two-row header")
        body = body[1:]
    header = _dedupe([h.strip() for h in header])
    # drop trailing columns with neither header nor data (Excel leaves them around)
    keep = [j for j in range(width) if (header[j] and not header[j].startswith("_col"))
            or any(row[j].strip() for _, row in body)]
    header = [header[j] for j in keep]
    rows = [[row[j] for j in keep] for _, row in body]
    return RawTable(path, header, rows, [n for n, _ in body], notes=notes)


def _is_subheader(top: list[str], second: list[str]) -> bool:
    """A second header row fills the blanks of a first row whose questions span several columns."""
    last = max((j for j, c in enumerate(top) if c.strip()), default=0)
    # blank header cells inside the header, or after it with a sub-label (a trailing
    # two-box question); empty trailing columns do not count
    blanks = [j for j, c in enumerate(top)
              if j > 0 and not c.strip() and (j <= last or second[j].strip())]
    if not blanks:
        return False
    if not all(second[j].strip() for j in blanks):
        return False
    if second[0].strip():  # data rows start with an id or a municipality, sub-headers do not
        return False
    filled = [c for c in second if c.strip()]
    return all(not c.strip().replace(".", "").isdigit() for c in filled)


def _merge_header_rows(top: list[str], second: list[str]) -> list[str]:
    merged, current = [], ""
    for top_cell, sub in zip(top, second, strict=True):
        if top_cell.strip():
            current = top_cell.strip()
        if sub.strip():
            merged.append(f"{current} - {sub.strip()}")
        else:
            merged.append(top_cell.strip())  # no sub-label: the column keeps its own header
    return merged


def _dedupe(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for j, h in enumerate(header):
        name = h or f"_col{j + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out
