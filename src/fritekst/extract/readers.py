"""Read survey exports (xlsx, csv, tsv, txt; SPSS in :mod:`fritekst.extract.spss`) into a plain
table of strings.

Real exports are messy: CSVs written by Norwegian Excel are cp1252 with ';', some carry a BOM,
some are UTF-16 "Unicode text", headers can span two rows (a question over its sub-items), and
cells hold line breaks. Everything here returns strings exactly as the respondent wrote them;
interpretation happens in :mod:`fritekst.extract.survey`.
"""

from __future__ import annotations

import csv
import html
import io
import itertools
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from fritekst.errors import InputError
from fritekst.extract.spss import SPSS_SUFFIXES, read_sav

TABLE_SUFFIXES = {".xlsx", ".xlsm", ".csv", ".tsv", ".txt", *SPSS_SUFFIXES}
_DELIMITERS = [";", ",", "\t", "|"]
_ENTITY = re.compile(r"&(?:#\d{2,5}|#x[0-9a-fA-F]{2,4}|[a-zA-Z]{2,8});")


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
    header_rows: list[list[str]] = field(default_factory=list)
    lines: bool = False  # a .txt read as one answer per line
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row number, reason)
    # an SPSS file's variable names and the header each became (its label, else the name)
    names: dict[str, str] = field(default_factory=dict)


def read_table(path: str | Path, *, again: str = "export the survey again") -> RawTable:
    """Read one survey export into a :class:`RawTable`, detecting format, encoding and delimiter.

    ``again`` is the advice for a file without data (a file of coded units is saved again,
    not exported)."""
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
    if suffix == ".pdf":
        raise InputError(f"{path}: a PDF is a report, not a survey export; read reports with "
                         "'fritekst literature', 'search', 'meta' or 'extract'.")
    if suffix not in TABLE_SUFFIXES:
        raise InputError(
            f"{path}: unknown file type '{suffix or '(none)'}'; use .xlsx, .csv, .tsv, .txt "
            "or .sav."
        )
    if path.stat().st_size == 0:
        raise InputError(f"{path}: the file is empty; {again}.")
    if suffix in SPSS_SUFFIXES:
        return _sav_table(path, again)
    if suffix in {".xlsx", ".xlsm"}:
        sheet, grid = _read_xlsx(path)
        table = _grid_to_table(path, grid, again)
        if sheet:
            table.notes.insert(0, f"read sheet '{sheet}'")
        return table
    text, encoding, decoding_notes = decode_bytes(path, path.read_bytes())
    delimiter = None
    first, _, rest = text.lstrip("\ufeff").partition("\n")
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:
        delimiter, text = first.strip()[4], rest  # Excel's "sep=;" hint line
    if delimiter is None and suffix == ".txt" and not _looks_delimited(text):
        table = _lines_table(path, text, encoding)
        table.notes[:0] = decoding_notes
        return table
    if delimiter is None:
        delimiter = "\t" if suffix == ".tsv" else sniff_delimiter(text)
    grid = _parse_csv(path, text, delimiter)
    _check_stray_quotes(path, text, grid, delimiter)
    grid = [[_unescape(c) if "&" in c or c[:1] == "'" else c for c in row] for row in grid]
    table = _grid_to_table(path, grid, again)
    table.encoding, table.delimiter = encoding, delimiter
    table.notes[:0] = decoding_notes
    return table


def decode_bytes(path: Path, data: bytes) -> tuple[str, str, list[str]]:
    """Decode a text export: UTF-16 with a BOM, else UTF-8 (with or without BOM), else
    cp1252 line by line. Returns the text, the encoding read, and notes for the user.

    A file that is UTF-8 but for some lines (two exports pasted together, a line edited in
    Notepad) is decoded line by line: the lines that are not UTF-8 are read as cp1252, and
    the note names them. Nothing is replaced by "?" or guessed into mojibake."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            f"{path}: an old .xls or a password-protected workbook, not text; remove the "
            "password / save as .xlsx or CSV."
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: damaged UTF-16 text ({exc.reason}).") from None
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    if b"\x00" in body[:4096]:
        raise InputError(
            f"{path}: looks like a binary file, not text; export the survey as .xlsx or CSV."
        )
    try:
        text = body.decode("utf-8")
        encoding = "utf-8-sig" if bom else "utf-8"
        return text, encoding, _double_decoded(text)
    except UnicodeDecodeError:
        pass
    parts, windows, utf8 = [], [], 0
    for number, line in enumerate(body.split(b"\n"), start=1):
        try:
            parts.append(line.decode("utf-8"))
            utf8 += not line.isascii()
        except UnicodeDecodeError:
            # cp1252 leaves five bytes undefined; latin-1 reads those as control characters
            try:
                parts.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                parts.append(line.decode("latin-1"))
            windows.append(number)
    text = "\n".join(parts)
    if not utf8 and not bom:
        return text, "cp1252", _double_decoded(text)
    shown = ", ".join(map(str, windows[:5])) + (" …" if len(windows) > 5 else "")
    lines = len(parts) - (parts[-1] == "")  # a final line break opens no line
    note = (f"mixed encodings: {len(windows)} of {lines} lines are not UTF-8 (line "
            f"{shown}) and were read as cp1252 (Windows), the rest as UTF-8; check that their "
            "æ, ø and å look right")
    return text, "utf-8+cp1252", [note, *_double_decoded(text)]


# what UTF-8 æøåÆØÅé look like when read as cp1252 and saved again ("Ã˜rsta")
_MOJIBAKE = re.compile("Ã[¦¸¥†˜…©]")


def _double_decoded(text: str) -> list[str]:
    """A note when the text already holds mojibake from an earlier wrong decoding."""
    lines = [n for n, line in enumerate(text.split("\n"), start=1) if _MOJIBAKE.search(line)]
    if not lines:
        return []
    shown = ", ".join(map(str, lines[:5])) + (" …" if len(lines) > 5 else "")
    return [f"line {shown} holds text such as 'Ã˜' or 'Ã¸', which is Ø or ø decoded twice "
            "before the file reached fritekst; export the survey again as UTF-8"]


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that gives the most consistent multi-column records (a title line
    above the header does not count against it)."""
    sample = text[:200_000]
    best, best_score = ",", -1.0
    for delim in _DELIMITERS:
        try:
            records = list(itertools.islice(csv.reader(io.StringIO(sample), delimiter=delim),
                                            60))
        except csv.Error:
            continue
        widths = [len(r) for r in records if any(c.strip() for c in r)]
        if not widths or max(widths) < 2:
            continue
        common = max(set(widths), key=lambda w: (widths.count(w), w))
        if common < 2:
            continue
        consistent = sum(1 for w in widths if w == common) / len(widths)
        score = consistent * 10 + min(common, 50) / 50
        if score > best_score:
            best, best_score = delim, score
    return best


def _looks_delimited(text: str) -> bool:
    """Most of the first lines hold the same number (≥ 1) of tabs or semicolons."""
    lines = [ln for ln in text.lstrip("\ufeff").splitlines()[:30] if ln.strip()]
    if len(lines) < 2:
        return bool(lines) and lines[0].count("\t") >= 1
    for delim in ("\t",):
        counts = [ln.count(delim) for ln in lines]
        common = max(set(counts), key=counts.count)
        if common >= 1 and counts.count(common) >= 0.6 * len(counts):
            return True
    return False


def _unescape(cell: str) -> str:
    """A cell as it was written: HTML entities some survey tools export ("&amp;", "&#230;")
    decoded, and the apostrophe fritekst puts before an answer Excel would read as a formula
    ("'=SUM(A1)") taken off again (see :func:`escape_cell`)."""
    if "&" in cell:
        cell = _ENTITY.sub(lambda m: html.unescape(m.group(0)), cell)
    if cell[:1] == "'" and cell[1:2] and cell[1:2] in _ESCAPED:
        cell = cell[1:]
    return cell


# what Excel reads as the start of a formula, and the apostrophe that marks it as text
_ESCAPED = "=+@'"


def escape_cell(value: str) -> str:
    """A cell as fritekst writes it to CSV, so that reading it back gives ``value`` again:
    an answer that Excel would take for a formula ("=…", "+…", "@…") or that starts with the
    apostrophe used for that gets an apostrophe in front, and in a cell that holds something
    like an HTML entity every "&" is written as "&amp;"."""
    if "&" in value and _ENTITY.search(value):
        value = value.replace("&", "&amp;")
    if value[:1] and value[:1] in _ESCAPED:
        value = "'" + value
    return value


def _check_stray_quotes(path: Path, text: str, grid: list[list[str]], delimiter: str) -> None:
    """A lone quote character opens a cell that swallows the following rows: say where.

    Such a quote is never closed (a strict parse runs out of data inside it), and the last
    cell holds several lines that each look like a whole row (as many delimiters as the
    header has). A properly quoted cell with line breaks is no error."""
    if not grid:
        return
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            pass
        return
    except csv.Error as exc:
        if "unexpected end of data" not in str(exc):
            return
    width = max((len(r) for r in grid[:5]), default=0)
    last = grid[-1]
    line = 1 + sum(1 + sum(c.count("\n") for c in row) for row in grid[:-1])
    for cell in last:  # an unclosed quote swallows everything up to the end of the file
        inner = cell.split("\n")[1:]
        rowlike = [ln for ln in inner if ln.count(delimiter) == width - 1 > 0]
        if len(rowlike) >= 2 and len(rowlike) >= len([ln for ln in inner if ln]) / 2:
            raise InputError(
                f"{path}, line {line}: a quote character (\") opens a cell that runs over "
                "the following rows; remove or double the stray quote and try again."
            )


def _parse_csv(path: Path, text: str, delimiter: str) -> list[list[str]]:
    try:
        return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise InputError(f"{path}: cannot parse as delimited text ({exc}).") from None


def _lines_table(path: Path, text: str, encoding: str) -> RawTable:
    rows, numbers = [], []
    text = text.lstrip("\ufeff")
    for i, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            rows.append([str(i), line])
            numbers.append(i)
    if not rows:
        raise InputError(f"{path}: the file has no text lines.")
    return RawTable(path, ["id", "text"], rows, numbers, encoding=encoding, delimiter=None,
                    lines=True)


_DATA_SHEETS = {"data", "svar", "rådata", "responses", "raw data", "besvarelser"}


def _read_xlsx(path: Path) -> tuple[str | None, list[list[str]]]:
    """The sheet named like a data sheet, else the one with the most filled cells; the sheet's
    name is returned when the workbook has several."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if path.read_bytes()[:4] == b"\xd0\xcf\x11\xe0":
        raise InputError(f"{path}: password-protected or old-format workbook; remove the "
                         "password (or save as .xlsx) and try again.")
    broken = (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError,
              zlib.error, EOFError, TypeError)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheets = []
            for ws in wb.worksheets:
                grid = [[_cell_str(v) for v in row] for row in ws.iter_rows(values_only=True)]
                filled = sum(1 for row in grid for c in row if c.strip())
                if filled:
                    sheets.append((ws.title, grid, filled))
        finally:
            wb.close()
    except broken:
        raise InputError(
            f"{path}: not a readable Excel file (damaged, or not really .xlsx); open it in Excel "
            "and save it again as .xlsx, or export CSV."
        ) from None
    if not sheets:
        raise InputError(f"{path}: the workbook has no cells with data.")
    named = [s for s in sheets if s[0].strip().lower() in _DATA_SHEETS]
    title, grid, _ = named[0] if named else max(sheets, key=lambda s: s[2])
    return (title if len(sheets) > 1 else None), grid


def _sav_table(path: Path, again: str) -> RawTable:
    """An SPSS file: one row per case, numbered as SPSS shows them; cases with no answer at
    all are left out, as empty rows of a CSV are."""
    sav = read_sav(path)
    numbered = [(case, row) for case, row in enumerate(sav.rows, start=1)
                if any(c.strip() for c in row)]
    if not numbered:
        raise InputError(f"{path}: the file has no data; {again}.")
    header = _dedupe(sav.headers)
    return RawTable(path, header, [row for _, row in numbered], [n for n, _ in numbered],
                    notes=sav.notes, names=dict(zip(sav.names, header, strict=True)))


def _cell_str(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "hour") else str(value)
    return str(value)


def _grid_to_table(path: Path, grid: list[list[str]], again: str) -> RawTable:
    numbered = [(i, row) for i, row in enumerate(grid, start=1) if any(c.strip() for c in row)]
    if not numbered:
        raise InputError(f"{path}: the file has no data; {again}.")
    width = max(len(row) for _, row in numbered)
    numbered = [(i, row if len(row) == width else [*row, *[""] * (width - len(row))])
                for i, row in numbered]
    notes: list[str] = []
    # title lines above the header ("Brukerundersøkelse 2025") hold one or two cells only
    wide = max(sum(1 for c in row if c.strip()) for _, row in numbered)
    start = next(k for k, (_, row) in enumerate(numbered)
                 if sum(1 for c in row if c.strip()) >= min(2, wide))
    if start:
        notes.append(f"rows {numbered[0][0]}–{numbered[start - 1][0]} read as a title, "
                     "not as the header")
        numbered = numbered[start:]
    header_no, header = numbered[0]
    raw_headers = [header]
    body = numbered[1:]
    if not body:
        raise InputError(f"{path}: only a header row, no data rows; {again}.")
    if body and _is_subheader(header, body[0][1]):
        raw_headers.append(body[0][1])
        header = _merge_header_rows(header, body[0][1])
        notes.append(f"rows {header_no}-{body[0][0]} read as one two-row header")
        body = body[1:]
    repeated = [[c.strip().casefold() for c in r] for r in raw_headers]
    firsts = {r[0] for r in repeated}  # a row whose first cell is no header's is no header
    again_header = [row[0].strip().casefold() in firsts
                    and [c.strip().casefold() for c in row] in repeated for _, row in body]
    skipped = [(n, "repeated header row")
               for (n, _), header_again in zip(body, again_header, strict=True) if header_again]
    body = [nr for nr, header_again in zip(body, again_header, strict=True) if not header_again]
    header = _dedupe([h.strip() for h in header])
    # drop trailing columns with neither header nor data (Excel leaves them around)
    keep = [j for j in range(width) if (header[j] and not header[j].startswith("_col"))
            or any(row[j].strip() for _, row in body)]
    header = [header[j] for j in keep]
    rows = [row for _, row in body] if len(keep) == width else \
        [[row[j] for j in keep] for _, row in body]
    return RawTable(path, header, rows, [n for n, _ in body], notes=notes,
                    header_rows=[[r[j] for j in keep] for r in raw_headers], skipped=skipped)


def _is_subheader(top: list[str], second: list[str]) -> bool:
    """A second header row fills the blanks of a first row whose questions span several
    columns: every blank inside the header has a label below it, and the second row has
    labels only under blanks and under the first column of a spanning question (a data row
    has values under ordinary headers too)."""
    last = max((j for j, c in enumerate(top) if c.strip()), default=0)
    # empty trailing columns (no header, no label) do not count
    blanks = [j for j, c in enumerate(top)
              if not c.strip() and (j <= last or second[j].strip())]
    if not blanks or not all(second[j].strip() for j in blanks):
        return False
    width = len(top)
    for j, c in enumerate(second):
        if not c.strip() or not top[j].strip():
            continue
        spans = j + 1 < width and not top[j + 1].strip() and second[j + 1].strip()
        if not spans:
            return False
    return True


def _merge_header_rows(top: list[str], second: list[str]) -> list[str]:
    merged, current = [], ""
    for top_cell, sub in zip(top, second, strict=True):
        if top_cell.strip():
            current = top_cell.strip()
        if sub.strip():
            merged.append(f"{current} - {sub.strip()}" if current else sub.strip())
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
