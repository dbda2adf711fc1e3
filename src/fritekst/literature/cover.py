"""The title pages of a report as a reader sees them: text with its type size and place.

The extracted pages are the wrong source for a title: running heads are taken out of them
(a cover title printed on every page is a running head), and columns are read one after the
other (a colophon grid becomes a list of labels and a list of values). Here the first pages
and the last are read again as printed: runs on one baseline make a line, pieces of a line
far apart stay apart (a logo beside a heading), and lines of the same type size that follow
each other closely make a block (a title set over three lines).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from ..extract.layout import Line, Segment, clean, group_lines


@dataclass(frozen=True)
class CoverText:
    """A line, or a block of lines of one type size, on one of the title pages."""

    text: str
    size: float
    page: int  # 0-based page index
    y0: float  # its top and bottom edges, in points from the page's top edge
    y1: float
    x0: float
    x1: float
    page_height: float
    lines: tuple[str, ...] = ()
    bold: bool = False

    @property
    def top(self) -> float:
        """Where it starts, as a share of the page's height from the top edge."""
        return self.y0 / self.page_height


@dataclass(frozen=True)
class CoverPage:
    page: int
    rows: list[str]  # whole lines as printed, top to bottom: a grid's label and value in one
    lines: list[CoverText]  # pieces of lines, top to bottom
    blocks: list[CoverText]  # pieces joined into blocks of one type size


def read_pages(path: str | Path, indices: list[int]) -> list[CoverPage]:
    """The given pages (negative counts from the end) as lines and blocks; nothing when the
    file cannot be read (extraction has already said why)."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError, ValueError):
        return []
    try:
        n = len(doc)
        wanted = sorted({i % n for i in indices if -n <= i < n})
        out = []
        for index in wanted:
            try:
                rows, lines = _page_lines(doc[index], index)
            except pdfium.PdfiumError:
                continue
            out.append(CoverPage(index, rows, lines, blocks(lines)))
        return out
    finally:
        doc.close()


def _page_lines(page, index: int) -> tuple[list[str], list[CoverText]]:
    import pypdfium2.raw as pdfium_raw

    left, bottom, _right, top = page.get_bbox()
    height = (top - bottom) or 1.0
    textpage = page.get_textpage()
    matrix = pdfium_raw.FS_MATRIX()
    segments = []
    for i in range(textpage.count_rects()):
        x0, y0, x1, y1 = textpage.get_rect(i)
        # read a hair inside the box: the neighbour's first letter is not read twice
        inset = min(0.2, (x1 - x0) / 4)
        text = textpage.get_text_bounded(x0 + inset, y0, x1 - inset, y1)
        text = clean(text.replace("\r", " ").replace("\n", " "))
        if not text.strip():
            continue
        size, bold = 0.0, False
        first = textpage.get_index(x0 + 1, (y0 + y1) / 2, 2, 2)
        if first is not None and first >= 0:
            size = pdfium_raw.FPDFText_GetFontSize(textpage.raw, first)
            if pdfium_raw.FPDFText_GetMatrix(textpage.raw, first, matrix):
                size *= math.hypot(matrix.c, matrix.d)
            bold = pdfium_raw.FPDFText_GetFontWeight(textpage.raw, first) >= 600
        segments.append(Segment(x0 - left, y0 - bottom, x1 - left, y1 - bottom, text,
                                round(size, 1), bold))
    out = []
    grouped = group_lines(segments)
    for line in grouped:
        for piece in _pieces(line.segments):
            size = max(s.height for s in piece)
            text = Line(piece).text
            out.append(CoverText(text, round(size, 1), index, height - max(s.y1 for s in piece),
                                 height - min(s.y0 for s in piece), min(s.x0 for s in piece),
                                 max(s.x1 for s in piece), height, (text,),
                                 any(s.bold for s in piece)))
    return [ln.text for ln in grouped], sorted(out, key=lambda t: (round(t.y0), t.x0))


def _pieces(segments: list[Segment]) -> list[list[Segment]]:
    """A line cut where the gap between runs is wider than two type sizes: a heading and a
    logo's text, or the two cells of a colophon grid row, stay apart."""
    ordered = sorted(segments, key=lambda s: s.x0)
    out = [[ordered[0]]]
    for prev, seg in pairwise(ordered):
        if seg.x0 - prev.x1 > 2 * max(prev.height, seg.height):
            out.append([seg])
        else:
            out[-1].append(seg)
    return out


def blocks(lines: list[CoverText]) -> list[CoverText]:
    """Lines of (nearly) the same type size, each below the last within about a line's
    height and beside it on the page, joined into one block."""
    out: list[CoverText] = []
    for line in lines:
        for k in range(len(out) - 1, max(-1, len(out) - 4), -1):
            prev = out[k]
            if (abs(line.size - prev.size) <= 0.12 * prev.size
                    and -0.2 * line.size <= line.y0 - prev.y1 <= 0.9 * line.size
                    and line.x0 < prev.x1 and prev.x0 < line.x1):
                out[k] = CoverText(f"{prev.text} {line.text}", prev.size, prev.page, prev.y0,
                                   line.y1, min(prev.x0, line.x0), max(prev.x1, line.x1),
                                   prev.page_height, (*prev.lines, line.text),
                                   prev.bold or line.bold)
                break
        else:
            out.append(line)
    return out
