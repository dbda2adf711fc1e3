"""Read PDF reports page by page: faithful text in reading order, page labels, tables.

pypdfium2 gives the text runs of a page with their positions fast; `layout` rebuilds columns,
lines and paragraphs from them. Running headers, footers and page numbers are found by
repetition across the pages of one file (`heads`) and removed; printed page numbers that form a
sequence become the page labels when the PDF defines none. Ruled tables are found in the
page's drawing (`grid`): tables whose every rule crosses the table are read from pdfium;
pdfplumber's much slower table finder runs only on pages whose rules close a few cells that
hold text without forming such a lattice.

Pages without a text layer are returned with `skipped` set, never an error, unless OCR is
asked for (`ocr=True`): then Tesseract reads them (see `ocr`) and they are marked `ocr`. A file
that is not a PDF, is encrypted or damaged raises `InputError` with a one-line message.
`extract_pdfs` reads several files in parallel processes and reports failed files without
stopping. The thresholds
of the layout analysis (where running heads are looked for, how often they must repeat, where a
gutter may be, ...) are `LayoutSettings`, passed as `settings=`.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, partial
from itertools import pairwise, repeat
from pathlib import Path

import numpy as np

from ..errors import InputError
from . import grid
from . import heads as running
from .heads import Edge, Printed, RunningHeads
from .layout import Block, Line, Segment, blocks, clean, join_broken, reading_lines
from .ocr import INSTALL, OcrPage, languages, read_page
from .settings import LayoutSettings

SCAN_REASON = ("no text layer (an image of text, as from a scanner); run again with --ocr "
               f"(needs Tesseract: {INSTALL})")
NOTHING_READ_REASON = "no text layer, and OCR found no words in the image (a photo or drawing?)"
EMPTY_REASON = "empty page"
DAMAGED_REASON = "the page is damaged and cannot be read; re-export the file"
HEADS_ONLY_REASON = "no text besides the running head or page number"


@dataclass
class PdfPage:
    source: str
    page_index: int  # 0-based position in the file
    page_label: str  # printed page number ("25", "iv"); empty when none is printed
    text: str = ""  # paragraphs separated by blank lines
    blocks: list[Block] = field(default_factory=list)  # paragraphs, headings and tables
    tables: list[list[list[str]]] = field(default_factory=list)
    skipped: str = ""  # why the page has no text, empty when it has
    ocr: bool = False  # the text was read from the page's image by OCR, not a text layer
    ocr_unsure: int = 0  # words OCR read with a confidence under 80 %

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks]


@dataclass
class PdfText:
    source: str
    pages: list[PdfPage]
    info: dict[str, str]  # the document information dictionary (Title, Author, …)
    removed: list[str] = field(default_factory=list)  # running heads found, digits as '#'

    @property
    def page_count(self) -> int:
        return len(self.pages)


def _open(path: Path):
    import pypdfium2 as pdfium

    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    if b"%PDF" not in head:
        raise InputError(f"{path}: not a PDF file (it does not start with %PDF); "
                         "export the report as PDF or leave it out")
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise InputError(f"{path}: the PDF is encrypted (password protected); "
                             "save an unprotected copy and try again") from None
        if _page_count(path) == 0:  # pdfium refuses a document without pages
            raise InputError(f"{path}: the PDF has no pages; re-export it or leave it "
                             "out") from None
        raise InputError(f"{path}: damaged PDF that cannot be opened ({msg.rstrip('.')}); "
                         "re-download or re-export it") from None
    if len(doc) == 0:
        doc.close()
        raise InputError(f"{path}: the PDF has no pages; re-export it or leave it out")
    return doc


def _page_count(path: Path) -> int | None:
    """Pages as pdfminer counts them, or None when it cannot read the file either."""
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            return len(pdf.pages)
    except Exception:
        return None


def _segments(textpage, pdfium_raw) -> list[Segment]:
    """The page's text runs with their boxes, font size and weight.

    Each run's characters are those whose box (its advance, as set) has its middle inside the
    run's rectangle: pdfium's bounded text would also take a neighbour's letter that reaches
    into the rectangle (an overhanging bold "f", a capital set in another font), and read it
    twice ("TeTelemark", "SySykdomsbyrde", "foforvaltning"). A space is put where the gap
    between two letters is wider than the run's usual gap by a tenth of the font size: some
    producers leave spaces out ("Det ermange somfortjener").
    Calls pdfium directly with buffers made once per page: pypdfium2's helpers allocate on
    every call, which costs more than the text itself on a page of a hundred runs."""
    raw = textpage.raw
    chars = _chars(raw, pdfium_raw)
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))
    boxes = []
    for i in range(pdfium_raw.FPDFText_CountRects(raw, 0, -1)):
        if pdfium_raw.FPDFText_GetRect(raw, i, left, top, right, bottom):
            boxes.append((left.value, bottom.value, right.value, top.value))
    matrix = pdfium_raw.FS_MATRIX()
    out: list[Segment] = []
    at = 0  # the next character to place: runs hold characters in the order of the text
    last_usual = 0.0  # the usual gap between the letters of the last run
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        first = pdfium_raw.FPDFText_GetCharIndexAtPos(raw, x0 + 1, (y0 + y1) / 2, 2, 2)
        size = _size(raw, pdfium_raw, first, matrix) if first >= 0 else 0.0
        after = boxes[i + 1] if i + 1 < len(boxes) else None
        taken = chars.take(at, (x0, y0, x1, y1), after, size or y1 - y0)
        if taken is None:  # the characters are not where the run is: ask pdfium for them
            text = textpage.get_text_bounded(x0 + 0.2, y0, x1 - 0.2, y1)
        else:
            text, start, end, usual = taken
            if (out and start == at and at > 0 and out[-1].text[-1:].isalnum()
                    and text[:1].isalnum()
                    and _same_line(out[-1], y0, y1, size)
                    and chars.gaps[at - 1] <= last_usual + 0.1 * (size or y1 - y0)):
                # the word goes on in another font ("S" | "ammen"), or a letter of a
                # letter-spaced heading is a run of its own ("Sammen" | "h" | "eng")
                a = out[-1]
                out[-1] = Segment(a.x0, min(a.y0, y0), max(a.x1, x1), max(a.y1, y1),
                                  a.text + text, a.size, a.bold)
                at, last_usual = end, max(last_usual, usual)
                continue
            at, last_usual = end, usual
        if not text.strip():
            continue
        bold = False
        if first >= 0:
            # of the first and the third character, the larger size: a run may start with a
            # raised footnote number ("⁷ får leietakerne")
            if len(text) > 2:
                size = max(size, _size(raw, pdfium_raw, first + 2, matrix))
            bold = pdfium_raw.FPDFText_GetFontWeight(raw, first) >= 600
        out.append(Segment(x0, y0, x1, y1, text.replace("\r", "").replace("\n", " "), size,
                           bold))
    return out


def _same_line(seg: Segment, y0: float, y1: float, size: float) -> bool:
    """Does a run from y0 to y1, set in `size`, stand on the line of `seg`, in its size?"""
    overlap = min(seg.y1, y1) - max(seg.y0, y0)
    return (overlap > 0.5 * min(seg.y1 - seg.y0, y1 - y0)
            and abs(seg.size - size) <= 0.1 * max(seg.size, size))


def _size(raw, pdfium_raw, k: int, matrix) -> float:
    """The size character k is set in: the font size times the text matrix's vertical scale
    (some producers set size 1 and scale the matrix); glyph shapes do not enter."""
    size = pdfium_raw.FPDFText_GetFontSize(raw, k)
    if pdfium_raw.FPDFText_GetMatrix(raw, k, matrix):
        size *= math.hypot(matrix.c, matrix.d)
    return round(size, 1)


@dataclass
class _Chars:
    """The characters of a page with their loose boxes (the font's height, the glyph's
    advance): the middle across, the middle 60 % of the height, and the gap from each to the
    next."""

    text: str
    middle_x: list[float]
    low: list[float]
    high: list[float]
    gaps: np.ndarray  # left of character k + 1 minus right of character k

    def take(self, at: int, box: tuple[float, float, float, float],
             after: tuple[float, float, float, float] | None,
             size: float) -> tuple[str, int, int, float] | None:
        """The text of the run in `box` (x0, y0, x1, y1) from character `at` on, the indexes
        of its first character and after its last, and the usual gap between its letters;
        None when the characters from `at` on are not in the run.

        A character is in a run when the middle of its advance is and the middle of its
        height meets the run's (a full stop's run is no higher than the stop). A character
        in both this run and the next one on its line (`after`) goes to the one it is deeper
        in; a line break ends the run."""
        text, mx, low, high = self.text, self.middle_x, self.low, self.high
        count = len(text)
        x0, y0, x1, y1 = box[0] - 0.5, box[1] - 0.5, box[2] + 0.5, box[3] + 0.5
        if after is not None and min(box[3], after[3]) - max(box[1], after[1]) < 0.5 * min(
                box[3] - box[1], after[3] - after[1]):
            after = None  # the next run is on another line: a line break comes between
        ax0, ax1 = (after[0] - 0.5, after[2] + 0.5) if after is not None else (0.0, 0.0)
        start = at
        # characters no run holds (line breaks, a space at the end of a line) come first
        while start < count and start < at + 64 and (text[start].isspace() or not (
                x0 <= mx[start] <= x1 and low[start] <= y1 and high[start] >= y0)):
            start += 1
        if start >= count or text[start].isspace() or not (
                x0 <= mx[start] <= x1 and low[start] <= y1 and high[start] >= y0):
            return None
        end = start + 1
        while (end < count and x0 <= mx[end] <= x1 and low[end] <= y1 and high[end] >= y0
               and text[end] not in "\r\n" and text[end - 1] != "\ufffe"):
            if after is not None and ax0 <= mx[end] <= ax1 and (
                    min(mx[end] - ax0, ax1 - mx[end]) > min(mx[end] - x0, x1 - mx[end])):
                break
            end += 1
        # a space after the run separates it from the next ("I" | "regional")
        space = " " if end < count and text[end] == " " else ""
        run = text[start:end]
        gaps = self.gaps[start:end - 1]
        widest = float(gaps.max()) if len(gaps) else 0.0
        if widest <= 0.1 * size:
            # letters set apart (a letter-spaced heading) have a usual gap of their own
            usual = float(np.median(gaps)) if widest > 0.02 * size else 0.0
            return run + space, start, end, usual
        # a gap between two letters wider than the usual one by a tenth of the font size is a
        # space the producer left out (letter-spaced headings have wide usual gaps)
        letters = [k for k in range(len(gaps)) if run[k].isalnum() and run[k + 1].isalnum()]
        if not letters:
            return run + space, start, end, 0.0
        usual = float(np.median(gaps[letters]))
        out: list[str] = []
        last = 0
        for k in letters:
            if gaps[k] > usual + 0.1 * size:
                out.append(run[last:k + 1])
                last = k + 1
        out.append(run[last:])
        return " ".join(out) + space, start, end, usual


@cache
def _loose_box(pdfium_raw):
    """FPDFText_GetLooseCharBox taking the box as an address."""
    function = pdfium_raw.FPDFText_GetLooseCharBox
    prototype = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
    return prototype(ctypes.cast(function, ctypes.c_void_p).value or 0)


def _chars(raw, pdfium_raw) -> _Chars:
    count = pdfium_raw.FPDFText_CountChars(raw)
    if count <= 0:
        return _Chars("", [], [], [], np.zeros(0))
    buffer = (ctypes.c_ushort * (count + 1))()
    got = pdfium_raw.FPDFText_GetText(raw, 0, count, buffer)
    text = ctypes.string_at(buffer, 2 * max(0, got - 1)).decode("utf-16-le", "replace")
    if len(text) != count:  # characters beyond the basic plane: one at a time
        text = "".join(chr(pdfium_raw.FPDFText_GetUnicode(raw, k) or 0xFFFD)
                       for k in range(count))
    # every character's box into one array (left, top, right, bottom), read by numpy;
    # pdfium is called with the address of each box, which costs less than a ctypes pointer
    boxes = (pdfium_raw.FS_RECTF * count)()
    base, page = ctypes.addressof(boxes), ctypes.cast(raw, ctypes.c_void_p).value
    list(map(_loose_box(pdfium_raw), repeat(page, count), range(count),
             range(base, base + 16 * count, 16)))
    left, top, right, bottom = np.frombuffer(boxes, np.float32).astype(float).reshape(count, 4).T
    middle, half = (top + bottom) / 2, 0.3 * (top - bottom)
    return _Chars(text, ((left + right) / 2).tolist(), (middle - half).tolist(),
                  (middle + half).tolist(), left[1:] - right[:-1])


def _ruled(page, pdfium_raw, need: int, most_paths: int) -> bool:
    """Does the page hold a grid of rules (`need` or more horizontal and vertical lines, or
    the edges of boxes) that pdfplumber's table finder can read a table from? Not when it has
    more than `most_paths` path objects: then it is a drawing."""
    rows: set[int] = set()
    cols: set[int] = set()
    for n, obj in enumerate(page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_PATH], max_depth=1)):
        if n > most_paths:  # a drawing, not a table
            return False
        x0, y0, x1, y1 = obj.get_bounds()
        w, h = x1 - x0, y1 - y0
        if w > 15 and h < 2:
            rows.add(round(y0 / 3))
        elif h > 8 and w < 2:
            cols.add(round(x0 / 3))
        elif w > 15 and 8 < h < 60:  # a cell box
            rows.update((round(y0 / 3), round(y1 / 3)))
            cols.update((round(x0 / 3), round(x1 / 3)))
        if len(rows) >= need and len(cols) >= need:
            return True
    return False


def _has_image(page, pdfium_raw) -> bool:
    return any(True for _ in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def _plausible(table: list[list[str]], words) -> bool:
    """A real table has two rows and two columns, mostly filled cells, and no word cut in two
    by a cell border (boxes drawn round running text fool the table finder), and no empty
    column (the plot of a chart between its scales)."""
    if not grid.plausible(table):
        return False
    cells = [c for row in table for c in row]
    page_words = {w["text"] for w in words}
    cell_words = [w for c in cells for w in c.split()]
    broken = sum(1 for w in cell_words if w not in page_words)
    return broken <= 0.1 * max(1, len(cell_words))


def _plumber(path: Path):
    """pdfplumber's view of the file, or False when pdfminer cannot parse it (then the
    file's tables are read as text)."""
    import pdfplumber

    try:
        return pdfplumber.open(path)
    except Exception:
        return False


def _cell(text: str | None) -> str:
    """A table cell's lines joined as a paragraph's are: "Investe-" + "ringsprogram" is
    "Investeringsprogram", "låne-" + "og" stays "låne- og"."""
    out = ""
    for line in clean(text or "").split("\n"):
        out = join_broken(out, line.strip())
    return " ".join(out.split())


def _tables(plumber, index: int) -> tuple[list[list[list[str]]], list[tuple]]:
    try:
        return _read_tables(plumber, index)
    except Exception:  # pdfminer fails on some damaged pages: keep the text, lose the cells
        return [], []


def _read_tables(plumber, index: int) -> tuple[list[list[list[str]]], list[tuple]]:
    page = plumber.pages[index]
    try:
        found = page.find_tables()
        printed = [t.extract() for t in found]  # cells as printed, line by line
        words = page.extract_words()
        keep = [k for k, t in enumerate(printed) if _plausible(
            [[clean(c or "").replace("\n", " ").strip() for c in row] for row in t], words)]
        found = [found[k] for k in keep]
        tables = [[[_cell(c) for c in row] for row in printed[k]] for k in keep]
        # pdfplumber has its origin at the top; turn the boxes round to pdfium's
        boxes = [(x0, page.height - bottom, x1, page.height - top)
                 for x0, top, x1, bottom in (t.bbox for t in found)]
    finally:
        page.close()
    return tables, boxes


@dataclass
class _RawPage:
    """What the first pass over the file keeps of one page, until the running heads of the
    whole file are known."""

    segments: list[Segment] = field(default_factory=list)
    width: float = 1.0
    edges: list[Edge] = field(default_factory=list)  # lines where running heads may stand
    skipped: str = ""
    tables: list[list[list[str]]] = field(default_factory=list)
    boxes: list[tuple] = field(default_factory=list)  # the tables' boxes, in pdfium's space
    label: str = ""  # the page label the PDF defines, empty when none
    image: bool = False  # a page of few runs that holds an image: maybe a scan
    ocr: OcrPage | None = None  # what OCR read, when it ran


def extract_pdf(path: str | Path, *, tables: bool = True,
                settings: LayoutSettings | dict | None = None, ocr: bool = False,
                on_page: Callable[[], None] | None = None) -> PdfText:
    """Extract every page of one PDF; with `ocr`, pages that are images are read by
    Tesseract. Raises InputError for files that cannot be read, ToolError when OCR is asked
    for and Tesseract is missing, and SettingsError for layout settings (see
    `LayoutSettings`) that are unknown or out of range. With `ocr`, `on_page` is called as
    each page is done (OCR takes seconds a page)."""
    settings = LayoutSettings.resolve(settings)
    langs = languages() if ocr else ""
    path = Path(path)
    doc = _open(path)
    try:
        info = dict(doc.get_metadata_dict(skip_empty=True))
        raw = _read_pages(doc, path, tables, settings)
        heads = running.running_heads([r.edges for r in raw], settings)
        if langs:
            heads = _read_scans(doc, raw, heads, langs, settings, on_page)
    finally:
        doc.close()
    numbers = running.page_numbers([running.candidates(r.edges, heads) for r in raw])
    pages = [_build_page(str(path), index, r, heads, number, settings)
             for index, (r, number) in enumerate(zip(raw, numbers, strict=True))]
    _join_across_pages(pages)
    return PdfText(source=str(path), pages=pages, info=info,
                   removed=heads.removed())


class _TableReader:
    """pdfplumber's table finder for one file, opened on the first page that has rules."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.plumber = None

    def read(self, index: int) -> tuple[list[list[list[str]]], list[tuple]]:
        if self.plumber is None:
            self.plumber = _plumber(self.path)
        return _tables(self.plumber, index)

    def close(self) -> None:
        if self.plumber:
            # a damaged file may fail to close; nothing is lost
            with contextlib.suppress(Exception):
                self.plumber.close()


def _read_pages(doc, path: Path, tables: bool, settings: LayoutSettings) -> list[_RawPage]:
    """Every page's text runs, edge lines and tables, in one pass over the open document."""
    reader = _TableReader(path) if tables else None
    try:
        return [_read_page(doc, index, reader, settings) for index in range(len(doc))]
    finally:
        if reader:
            reader.close()


def _read_page(doc, index: int, reader: _TableReader | None,
               settings: LayoutSettings) -> _RawPage:
    """One page's runs, edge lines, tables and label; a page pdfium cannot load is skipped."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    try:
        page = doc[index]
    except pdfium.PdfiumError:
        return _RawPage(skipped=DAMAGED_REASON)
    left, bottom, right, top = page.get_bbox()
    segments = _page_segments(page, left, bottom, pdfium_raw)
    skipped = ""
    # a page of a few runs may be a scan under its running heads: look for an image
    image = len(segments) <= 6 and _has_image(page, pdfium_raw)
    if not segments:
        scan = image or _ruled(page, pdfium_raw, 1, settings.drawing_paths)
        skipped = SCAN_REASON if scan else EMPTY_REASON
    found: list[list[list[str]]] = []
    boxes: list[tuple] = []
    # pdfplumber reads a rotated page as displayed, our text is in the page's own space: on
    # rotated pages tables stay text
    if reader and segments and not page.get_rotation():
        found, boxes = _page_tables(page, index, reader, segments, settings, (left, bottom))
    edges = running.edge_lines(segments, top - bottom, settings)
    return _RawPage(segments, right - left, edges, skipped, found, boxes,
                    doc.get_page_label(index), image)


def _page_tables(page, index: int, reader: _TableReader, segments: list[Segment],
                 settings: LayoutSettings, origin: tuple[float, float],
                 ) -> tuple[list[list[list[str]]], list[tuple]]:
    """The page's ruled tables: read from pdfium where every rule crosses the whole table,
    by pdfplumber's table finder where rules cross and close a few cells that hold text
    (rows ruled, columns set off by shading), none elsewhere (a map, a frame, a box round a
    head). Boxes are moved, as the text runs are, to start at the crop box's corner."""
    import pypdfium2.raw as pdfium_raw

    frames = grid.grids(page, pdfium_raw, settings.rule_grid, settings.drawing_paths)
    if not frames:
        return [], []
    points = [((s.x0 + s.x1) / 2 + origin[0], (s.y0 + s.y1) / 2 + origin[1]) for s in segments]
    least = (settings.rule_grid - 1) ** 2
    if any(not f.lattice and f.cells_with_text(points) >= least for f in frames):
        return reader.read(index)
    frames = [f for f in frames if f.lattice]
    textpage = page.get_textpage()
    tables, boxes = [], []
    for frame in sorted(frames, key=lambda f: -f.box[3]):
        table = grid.read_lattice(textpage, frame)
        if grid.plausible(table):
            x0, y0, x1, y1 = frame.box
            tables.append(table)
            boxes.append((x0 - origin[0], y0 - origin[1], x1 - origin[0], y1 - origin[1]))
    return tables, boxes


def _read_scans(doc, raw: list[_RawPage], heads: RunningHeads, langs: str,
                settings: LayoutSettings, on_page: Callable[[], None] | None) -> RunningHeads:
    """OCR the pages that are images of text (no text layer, or one that holds only the
    running heads over an image), then find the running heads again, in OCR's text too."""
    for index, page in enumerate(raw):
        scan = page.skipped == SCAN_REASON or (
            page.image and page.segments
            and len(running.furniture(page.edges, heads, None)) == len(page.segments))
        if scan:
            page.ocr = read_page(doc[index], langs, keep=page.segments)
            page.segments, page.width = page.ocr.segments, page.ocr.width
            page.edges = running.edge_lines(page.segments, page.ocr.height, settings)
            page.skipped = "" if page.segments else NOTHING_READ_REASON
        if on_page:
            on_page()
    if not any(page.ocr for page in raw):
        return heads
    return running.running_heads([r.edges for r in raw], settings)


def _page_segments(page, left: float, bottom: float, pdfium_raw) -> list[Segment]:
    """The page's text runs, moved so that the crop box starts at 0,0 (text boxes are in the
    page's own space, and a crop box need not start there)."""
    segments = _segments(page.get_textpage(), pdfium_raw)
    if left or bottom:
        segments = [Segment(s.x0 - left, s.y0 - bottom, s.x1 - left, s.y1 - bottom,
                            s.text, s.size, s.bold) for s in segments]
    return segments


def _build_page(source: str, index: int, raw: _RawPage, heads: RunningHeads,
                number: Printed | None, settings: LayoutSettings) -> PdfPage:
    """The page's blocks in reading order, without its running heads and page number, with
    its tables."""
    drop = running.furniture(raw.edges, heads, number)
    tables, boxes = _without_heads(raw.tables, raw.boxes, heads)
    body = [s for s in raw.segments
            if id(s) not in drop and not _in_any_box(s, boxes)]
    skipped = raw.skipped
    if raw.segments and not body and not tables:
        # a scan that carries only the running heads, or a page with nothing else
        skipped = HEADS_ONLY_REASON if not raw.image else (
            NOTHING_READ_REASON if raw.ocr else SCAN_REASON)
    lines = reading_lines(body, raw.width, settings=settings)
    if tables:
        found_blocks = _with_tables(lines, tables, boxes, settings)
    else:
        found_blocks = blocks(lines, settings=settings)
    return PdfPage(
        source=source, page_index=index, page_label=raw.label or running.label(number),
        text="\n\n".join(b.text for b in found_blocks), blocks=found_blocks, tables=tables,
        skipped=skipped, ocr=bool(raw.ocr and raw.ocr.words and not skipped),
        ocr_unsure=raw.ocr.unsure if raw.ocr and not skipped else 0,
    )


def _without_heads(tables: list[list[list[str]]], boxes: list[tuple],
                   heads: RunningHeads) -> tuple[list[list[list[str]]], list[tuple]]:
    """The tables without rows that hold only running heads (a table finder may take the
    head and the rule under it for a table); a table left with fewer than two rows is no
    table, and its text is read as text."""
    def only_heads(row: list[str]) -> bool:
        return any(row) and all(not c or heads.matches_text(c) for c in row)

    kept, kept_boxes = [], []
    for table, box in zip(tables, boxes, strict=True):
        rows = [row for row in table if not only_heads(row)]
        if len(rows) == len(table):
            kept.append(table)
            kept_boxes.append(box)
        elif sum(1 for row in rows if any(row)) >= 2:
            kept.append(rows)
            kept_boxes.append(box)
    return kept, kept_boxes


def _in_any_box(seg: Segment, boxes: list[tuple]) -> bool:
    """Does the run stand inside one of the boxes (a table read as cells), give or take a
    point?"""
    return any(b[0] - 1 <= seg.x0 and seg.x1 <= b[2] + 1 and b[1] - 1 <= seg.y0
               and seg.y1 <= b[3] + 1 for b in boxes)


def _with_tables(lines: list[Line], tables: list[list[list[str]]], boxes: list[tuple],
                 settings: LayoutSettings) -> list[Block]:
    """The page's blocks with its tables where they stand in reading order: after the last
    line above them in their own column."""
    x0, x1 = min(b[0] for b in boxes), max(b[2] for b in boxes)
    top_of_table = max(b[3] for b in boxes)
    above = [i for i, ln in enumerate(lines)
             if ln.bottom >= top_of_table and ln.x0 < x1 and ln.x1 > x0]
    cut = above[-1] + 1 if above else 0
    cells = [Block("\n".join("\t".join(row) for row in t), table=True) for t in tables]
    return [*blocks(lines[:cut], settings=settings), *cells,
            *blocks(lines[cut:], settings=settings)]


def _join_across_pages(pages: list[PdfPage]) -> None:
    """A word hyphenated at the foot of a page is finished on the page where it starts
    ("Eiendo-" | "msforvalterne beskriver" -> "Eiendomsforvalterne" | "beskriver")."""
    for page, nxt in pairwise(pages):
        ends = [b for b in page.blocks if not b.table]
        starts = [b for b in nxt.blocks if not b.table]
        if not ends or not starts:
            continue
        last, first = ends[-1], starts[0]
        if not (last.text[-1:] == "-" and last.text[-2:-1].isalpha() and first.text[:1].islower()):
            continue
        word, _, rest = first.text.partition(" ")
        last.text = join_broken(last.text, word)
        first.text = rest
        for p in (page, nxt):
            p.blocks = [b for b in p.blocks if b.text]
            p.text = "\n\n".join(b.text for b in p.blocks)


@dataclass
class Failure:
    source: str
    message: str


def _safe_extract(path: str, tables: bool = True, settings: LayoutSettings | None = None,
                  ocr: bool = False, on_page: Callable[[], None] | None = None
                  ) -> PdfText | Failure:
    try:
        return extract_pdf(path, tables=tables, settings=settings, ocr=ocr, on_page=on_page)
    except InputError as exc:
        return Failure(path, str(exc))
    except Exception as exc:  # whatever else a damaged file does, the other files go on
        return Failure(path, f"{path}: could not be read ({type(exc).__name__}: "
                             f"{str(exc)[:120]}); re-export the PDF or leave it out")


def extract_pdfs(
    paths: Iterable[str | Path],
    *,
    workers: int | None = None,
    tables: bool = True,
    progress: Callable[[int, int], None] | None = None,
    settings: LayoutSettings | dict | None = None,
    ocr: bool = False,
) -> tuple[list[PdfText], list[Failure]]:
    """Extract many PDFs, in parallel processes when there is more than one; keep input order.
    With `ocr`, pages that are images are read by Tesseract; as that takes seconds a page,
    progress then counts pages, not files.

    Bad layout settings raise SettingsError, and a missing Tesseract ToolError, here, once,
    rather than failing every file."""
    settings = LayoutSettings.resolve(settings)
    if ocr:
        languages()
    files = [str(p) for p in paths]
    workers = workers or min(len(files), os.cpu_count() or 1)
    results: list[PdfText | Failure]
    if ocr and progress:
        results = _counting_pages(files, workers, progress, tables=tables, settings=settings)
    elif workers <= 1 or len(files) == 1:
        results = []
        for f in files:
            results.append(_safe_extract(f, tables, settings, ocr))
            if progress:
                progress(len(results), len(files))
    else:
        # the process pool's modules load only when there are files to share out
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = []
            extract = partial(_safe_extract, tables=tables, settings=settings, ocr=ocr)
            for res in pool.map(extract, files, chunksize=1):
                results.append(res)
                if progress:
                    progress(len(results), len(files))
    docs = [r for r in results if isinstance(r, PdfText)]
    failures = [r for r in results if isinstance(r, Failure)]
    return docs, failures


_page_done = None  # in a worker process: where it reports each page it has read


def _report_to(queue) -> None:
    global _page_done
    _page_done = queue


def _report_page() -> None:
    if _page_done is not None:
        _page_done.put(1)


def _counting_pages(files: list[str], workers: int, progress: Callable[[int, int], None],
                    **options) -> list[PdfText | Failure]:
    """Extract with OCR, reporting progress page by page as the worker processes read them."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from queue import Empty

    total = sum(_pages_in(f) for f in files)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        progress(min(done, total), total)

    if workers <= 1 or len(files) == 1:
        results = [_safe_extract(f, ocr=True, on_page=tick, **options) for f in files]
    else:
        queue = multiprocessing.get_context().Queue()
        with ProcessPoolExecutor(max_workers=workers, initializer=_report_to,
                                 initargs=(queue,)) as pool:
            futures = [pool.submit(_safe_extract, f, ocr=True, on_page=_report_page, **options)
                       for f in files]
            while not all(f.done() for f in futures):
                try:
                    queue.get(timeout=0.2)
                except Empty:
                    continue
                tick()
            results = [f.result() for f in futures]
    progress(total, total)
    return results


def _pages_in(path: str) -> int:
    """How many pages the file has; 1 when pdfium cannot open it (it will fail anyway)."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(path)
    except Exception:
        return 1
    try:
        return len(doc)
    finally:
        doc.close()
