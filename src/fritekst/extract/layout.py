"""Rebuild reading order, lines and paragraphs from positioned text segments of a page.

A segment is a run of text on one baseline as pdfium reports it (its text rectangles), with the
page's coordinates: x grows to the right, y grows upwards. The functions here know nothing about
PDF files, so they can be tested with hand-made segments.

- `reading_lines` cuts the page into blocks by a recursive XY-cut over its runs: a region
  that white channels divide from top to bottom is read column by column (one, two, three
  columns, a sidebar); where headings, full-width paragraphs or footnotes cross the columns
  it is first cut across above and below them; a pull-quote across the gutter is read after
  the columns. Tables, lists and ragged lines are not taken for columns: a column holds
  running text (see `LayoutSettings` for the thresholds);
- `paragraphs` joins lines into paragraphs at vertical gaps and size changes, joining words
  broken at line ends (`bo-` + `ligpolitikken`) but keeping real hyphens (`låne- og`,
  `ROP-pasienter`, `leie-` + `til-eie`).
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

import numpy as np

from .settings import LayoutSettings

# characters pdfium or producers use for a hyphen at a line end
LINE_END_HYPHENS = "-\u00ad\ufffe\x02\u2010"
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
             "\ufb05": "st", "\ufb06": "st"}
ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
DOT_LEADER = re.compile(r"\s?(?:[.…·]\s?){4,}(?=\s*\d|\s*$)")
ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
# words after a line-end hyphen that show the hyphen is real: "låne- og støtteordninger"
# a contents line ends in its page number; the next entry starts with a chapter number
TOC_END = re.compile(r"(?:\s|\.)\d{1,3}$")
NUMBERED = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+\w")
CONJUNCTIONS = {"og", "eller", "samt", "and", "or", "enn", "til", "som", "både"}


@dataclass(frozen=True)
class Segment:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float = 0.0  # height of the first character's font box; 0 when unknown
    bold: bool = False

    @property
    def height(self) -> float:
        return self.size or self.y1 - self.y0

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class Line:
    """Runs on one baseline. Its measures are computed once, after grouping is done."""

    segments: list[Segment]

    @cached_property
    def text(self) -> str:
        out, end = "", None
        for seg in sorted(self.segments, key=lambda s: s.x0):
            # runs that touch belong to one word ("Senter" + a hyphen); a gap is a space
            lone_hyphen = seg.text.strip() in tuple(LINE_END_HYPHENS)
            if (end is not None and seg.x0 - end > 0.2 * self.height and not out.endswith(" ")
                    and not lone_hyphen):
                out += " "
            out += seg.text
            end = seg.x1
        return " ".join(out.split())

    @cached_property
    def top(self) -> float:
        return max(s.y1 for s in self.segments)

    @cached_property
    def bottom(self) -> float:
        return min(s.y0 for s in self.segments)

    @cached_property
    def height(self) -> float:
        # the longest run sets the size: a stray hyphen or superscript does not
        return max(self.segments, key=lambda s: len(s.text)).height

    @cached_property
    def bold(self) -> bool:
        return all(s.bold for s in self.segments if len(s.text.strip()) > 1)

    @cached_property
    def x1(self) -> float:
        return max(s.x1 for s in self.segments)

    @cached_property
    def middle(self) -> float:
        return statistics.median(s.middle for s in self.segments)

    @cached_property
    def x0(self) -> float:
        return min(s.x0 for s in self.segments)


def clean(text: str) -> str:
    """Ligatures to letters, odd spaces to plain ones, zero-width characters away."""
    for lig, plain in LIGATURES.items():
        text = text.replace(lig, plain)
    text = ZERO_WIDTH.sub("", ODD_SPACES.sub(" ", text))
    # a soft hyphen inside a line is invisible: drop it; pdfium's own line-end hyphen marks
    # that were not joined (the end of a block) are hyphens
    text = re.sub("\u00ad(?=\\w)", "", text)
    text = DOT_LEADER.sub(" ", text)  # "Innledning ........ 5" in a table of contents
    return text.replace("\x02", "-").replace("\ufffe", "-")


def group_lines(segments: list[Segment]) -> list[Line]:
    """Segments whose vertical middles lie within half a line of each other form one line."""
    lines: list[Line] = []
    refs: list[Segment] = []  # the tallest run of each line: raised marks do not move it
    for seg in sorted(segments, key=lambda s: (-s.middle, s.x0)):
        if lines:
            ref = refs[-1]
            # a mark of a few characters (a footnote number, a hyphen) may sit higher or lower
            small = len(seg.text.strip()) <= 3 or len(ref.text.strip()) <= 3
            tol = 0.45 * (max if small else min)(ref.height, seg.height)
            if abs(ref.middle - seg.middle) <= max(2.0, tol):
                lines[-1].segments.append(seg)
                if seg.height > ref.height:
                    refs[-1] = seg
                continue
        lines.append(Line([seg]))
        refs.append(seg)
    for line, ref in zip(lines, refs, strict=True):
        # footnote marks: a small raised number beside the text ("Oppdal⁷")
        marks = [s for s in line.segments if s is not ref and s.text.strip().isdigit()
                 and len(s.text.strip()) <= 2 and s.height < 0.8 * ref.height
                 and s.middle > ref.middle + 0.15 * ref.height]
        if marks and len(marks) < len(line.segments):
            line.segments = [s for s in line.segments if s not in marks]
    return lines


@dataclass(eq=False)
class _Span:
    """Runs of one line closer than a word space, measured as one piece of text."""

    x0: float
    y0: float
    x1: float
    y1: float
    chars: int
    parts: list[Segment]

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


def _spans(segments: list[Segment]) -> list[_Span]:
    """Runs on one baseline closer than a word space merged, so that pages drawn word by
    word measure like pages drawn line by line. Lines of two columns are not merged even
    where they stand at the same height."""
    out: list[_Span] = []
    open_spans: list[_Span] = []  # spans whose right end may still grow
    for s in sorted(segments, key=lambda s: s.x0):
        mid, h = s.middle, s.height
        for span in open_spans:
            last = span.parts[-1]
            room = 0.8 * max(h, last.height)
            if (-room < s.x0 - span.x1 < room
                    and abs(last.middle - mid) <= 0.3 * min(h, last.height) + 0.5):
                span.x1 = max(span.x1, s.x1)
                span.y0, span.y1 = min(span.y0, s.y0), max(span.y1, s.y1)
                span.chars += len(s.text.strip())
                span.parts.append(s)
                break
        else:
            span = _Span(s.x0, s.y0, s.x1, s.y1, len(s.text.strip()), [s])
            out.append(span)
            open_spans.append(span)
        # spans that ended well to the left of this run cannot grow any more
        open_spans = [sp for sp in open_spans if s.x0 - sp.x1 < 2 * h]
    return out


def _gaps(spans: list[_Span], least: float) -> list[tuple[float, float]]:
    """White channels at least `least` points wide that no span crosses, between spans."""
    out = []
    ordered = sorted(spans, key=lambda s: s.x0)
    reach = ordered[0].x1
    for s in ordered[1:]:
        if s.x0 - reach >= least:
            out.append((reach, s.x0))
        reach = max(reach, s.x1)
    return out


def _prose(spans: list[_Span], least: int) -> bool:
    """Running text: lines of several words (`least` characters, or half as many times as
    wide as high) that carry most of the characters (a figure's labels beside a column do not
    make it less a column)."""
    wordy = [s for s in spans if s.chars >= least or s.x1 - s.x0 >= least / 2 * (s.y1 - s.y0)]
    return len(wordy) >= 2 and sum(s.chars for s in wordy) >= 0.6 * sum(s.chars for s in spans)


def _aligned(a: list[_Span], b: list[_Span]) -> float:
    """Share of the lines of the shorter side that stand on a baseline of the other: the
    cells of a table row do, columns of text set in different sizes do not."""
    short, other = (a, b) if len(a) <= len(b) else (b, a)
    ordered = sorted(other, key=lambda s: s.middle)
    mids = [s.middle for s in ordered]
    hits = 0
    for s in short:
        height = s.y1 - s.y0
        k = bisect_left(mids, s.middle - 0.25 * height)
        while k < len(mids) and mids[k] <= s.middle + 0.25 * height:
            if abs((ordered[k].y1 - ordered[k].y0) - height) <= 0.2 * height:
                hits += 1
                break
            k += 1
    return hits / max(1, len(short))


def _columns_apart(left: list[_Span], right: list[_Span], settings: LayoutSettings) -> bool:
    """Are two sides of a white channel columns to be read one after the other? Both must
    be running text, or one of them running text not set row by row with the other (a
    sidebar beside a list); a table's cells and a list's bullets are not."""
    if len(left) < 2 or len(right) < 2:
        return False
    prose_left, prose_right = _prose(left, settings.line_chars), _prose(right, settings.line_chars)
    if any(not prose and statistics.median(s.chars for s in side) < 4
           for side, prose in ((left, prose_left), (right, prose_right))):
        return False  # page numbers of a contents page, bullets, a table's figures
    if prose_left and prose_right:
        return True
    return (prose_left or prose_right) and _aligned(left, right) < settings.row_share


def _strips(spans: list[_Span], settings: LayoutSettings) -> list[list[_Span]] | None:
    """The region cut from top to bottom at every white channel between columns, left to
    right; None when it has no such channel."""
    gaps = _gaps(spans, settings.gutter_min_width)
    if not gaps:
        return None
    strips: list[list[_Span]] = [[] for _ in range(len(gaps) + 1)]
    edges = [g[0] for g in gaps]
    for s in spans:
        strips[bisect_left(edges, s.x0)].append(s)
    # a narrow strip that is no column (bullets, a table's cells) joins its neighbour
    merged = True
    while merged and len(strips) > 1:
        merged = False
        for k in range(len(strips) - 1):
            if not _columns_apart(strips[k], strips[k + 1], settings):
                strips[k:k + 2] = [strips[k] + strips[k + 1]]
                merged = True
                break
    return strips if len(strips) > 1 else None


def _crossing(spans: list[_Span], settings: LayoutSettings) -> set[int] | None:
    """The few spans (headings, full-width paragraphs, footnotes, a figure's labels) without
    which the region falls into columns, as indexes; None when no such few exist.

    Channels are tried from the least crossed up: where at most 1, 2, … spans cover the
    width of a gutter, and the spans on either side are columns beside each other, with at
    least as many lines each as cross."""
    x_start = int(min(s.x0 for s in spans))
    steps = np.zeros(int(max(s.x1 for s in spans)) - x_start + 2, dtype=np.int32)
    for s in spans:
        steps[int(s.x0) - x_start + 1] += 1
        steps[int(s.x1) - x_start] -= 1
    cover = np.cumsum(steps)  # spans covering each point across the region
    tried: set[tuple[int, int]] = set()
    for most in range(1, len(spans) // 3 + 1):
        free = np.concatenate(([False], cover <= most, [False]))
        edges = np.flatnonzero(np.diff(free.astype(np.int8)))
        for a, b in zip(edges[0::2], edges[1::2], strict=True):
            if b - a < settings.gutter_min_width or a == 0 or b >= len(cover) or (a, b) in tried:
                continue
            tried.add((a, b))
            lo, hi = x_start + a, x_start + b
            crossing = {k for k, s in enumerate(spans) if s.x0 < hi - 1 and s.x1 > lo + 1}
            left = [s for s in spans if s.x1 <= lo + 1]
            right = [s for s in spans if s.x0 >= hi - 1]
            need = max(settings.column_lines, len(crossing))
            if (min(len(left), len(right)) >= need and _columns_apart(left, right, settings)
                    and _side_by_side(left, right)):
                return crossing
    return None


def _side_by_side(left: list[_Span], right: list[_Span]) -> bool:
    """Do the two sides stand beside each other over two lines or more?"""
    top = min(max(s.y1 for s in left), max(s.y1 for s in right))
    bottom = max(min(s.y0 for s in left), min(s.y0 for s in right))
    height = statistics.median(s.y1 - s.y0 for s in left + right)
    return top - bottom >= 2 * height


def _bands(spans: list[_Span], crossing: set[int]) -> list[tuple[list[_Span], bool]]:
    """The region cut across above and below the spans that cross its columns: bands from
    top to bottom, each marked True when it is one of the crossing runs."""
    bars: list[list[float]] = []  # vertical extents of the crossing runs, merged
    for k in sorted(crossing, key=lambda k: -spans[k].y1):
        s = spans[k]
        if bars and s.y1 >= bars[-1][0]:
            bars[-1][0] = min(bars[-1][0], s.y0)
        else:
            bars.append([s.y0, s.y1])
    # the last line of a crossing block may be short ("helheten»"): a line of the same size
    # right under a bar, inside its width, is part of it
    others = sorted((s for k, s in enumerate(spans) if k not in crossing), key=lambda s: -s.y1)
    for bar in bars:
        inside = [spans[k] for k in crossing if bar[0] <= spans[k].middle <= bar[1]]
        size = max(s.parts[0].height for s in inside)
        left, right = min(s.x0 for s in inside), max(s.x1 for s in inside)
        for s in others:
            if (s.y1 < bar[0] and bar[0] - s.y1 < 0.8 * size and left - size <= s.x0
                    and s.x1 <= right + size and abs(s.parts[0].height - size) <= 0.1 * size):
                bar[0] = s.y0
    # bands between the bars (True: a bar's own band)
    out: list[tuple[list[_Span], bool]] = []
    slots: dict[tuple[int, bool], list[_Span]] = {}
    for s in spans:
        key = (len(bars), False)  # below the last bar
        for i, (low, high) in enumerate(bars):
            if s.middle >= low:
                key = (i, s.middle <= high)
                break
        slots.setdefault(key, []).append(s)
    for i in range(len(bars) + 1):
        for is_bar in (False, True):
            if (i, is_bar) in slots:
                out.append((slots[i, is_bar], is_bar))
    return out


def _cut(spans: list[_Span], settings: LayoutSettings, depth: int = 0) -> list[list[_Span]]:
    """Recursive XY-cut: the region as blocks in reading order.

    A region that white channels divide from top to bottom is read column by column; one
    whose columns are crossed by a heading, a full-width paragraph or footnotes is cut
    across above and below those first. A crossing block set in from both edges with
    column text above and below it (a pull-quote) does not cut the columns: it is read
    after them."""
    if len(spans) < 4 or depth > 12:
        return [spans]
    strips = _strips(spans, settings)
    if strips:
        return [block for strip in strips for block in _cut(strip, settings, depth + 1)]
    crossing = _crossing(spans, settings)
    if not crossing:
        return [spans]
    bands = _bands(spans, crossing)
    left_edge, right_edge = min(s.x0 for s in spans), max(s.x1 for s in spans)
    inset = settings.quote_inset * (right_edge - left_edge)
    floats: list[_Span] = []
    for k, (band, bar) in enumerate(bands):
        if (bar and 0 < k < len(bands) - 1 and not bands[k - 1][1] and not bands[k + 1][1]
                and all(s.x0 > left_edge + inset and s.x1 < right_edge - inset
                        for s in band if s.chars > 3)):
            floats.extend(band)
    if floats:
        rest = [s for s in spans if s not in floats]
        return [*_cut(rest, settings, depth + 1), *_cut(floats, settings, depth + 1)]
    return [block for band, _ in bands for block in _cut(band, settings, depth + 1)]


def reading_lines(segments: list[Segment], width: float = 0.0, *,
                  settings: LayoutSettings | dict | None = None) -> list[Line]:
    """Lines in reading order: the page cut into blocks (see `_cut`), each block's lines from
    top to bottom. `width`, the page's, is not needed any more and kept for callers."""
    settings = LayoutSettings.resolve(settings)
    spans = _spans(segments)
    out: list[Line] = []
    for block in _cut(spans, settings):
        out.extend(group_lines([seg for s in block for seg in s.parts]))
    return out


def _known(word: str) -> bool:
    from ..lexicon import is_known
    from ..nlp.normalize import compound_parts

    w = word.lower()
    return is_known(w) or bool(compound_parts(w))


def join_broken(first: str, second: str) -> str:
    """Join two lines of one paragraph, undoing a hyphen the line break put in."""
    if not first:
        return second
    if not second:
        return first
    if not second.strip():
        return f"{first} {second}"  # no word to finish: a line of dot leaders cleaned away
    if first[-1] in LINE_END_HYPHENS and len(first) > 1 and first[-2] in "»”\")'" and (
            second.split(None, 1)[0].lower() not in CONJUNCTIONS):
        return f"{first[:-1]}-{second}"  # «Vet ikke»-svarene
    if first[-1] in LINE_END_HYPHENS and len(first) > 1 and first[-2].isalpha():
        head = first[:-1]
        next_word = second.split(None, 1)[0]
        tail_word = re.split(r"[\s,.;:]", next_word, maxsplit=1)[0]
        prev_word = re.split(r"\s", head)[-1]
        if tail_word.lower() in CONJUNCTIONS and not _known(prev_word + tail_word):
            return f"{head}- {second}"  # "låne- og", but "fort-" + "eller" is "forteller"
        if not tail_word[:1].isalpha() or next_word[:1] in ",;":
            return f"{head}- {second}"  # "helse-, pleie-"
        if first[-1] == "\u00ad":
            return head + second
        meets = prev_word[-1:].lower() == tail_word[:1]
        if meets and (prev_word[-1:].lower() in "aeiouyæøå" or prev_word[-2:-1] == prev_word[-1:]):
            # "bo-oppfølging", "Betweenness-sentralitet": the hyphen keeps letters apart
            return f"{head}-{second}"
        if "-" in prev_word and _known(prev_word.rsplit("-", 1)[1] + tail_word):
            return head + second  # "ROP-lidin-" + "gar" is "ROP-lidingar"
        if prev_word.lower() in {"ikke", "ikkje"}:
            return f"{head}-{second}"  # "ikke-dødelig"
        if prev_word.isupper() and tail_word.isupper() and len(prev_word) > 1:
            # a word in capitals broken at the line end: "SAM-" + "ORDNING", "BOLIG-" +
            # "SOSIALT"; but "EU-" + "EØS" and "NOR-" + "DICORE" keep their hyphen
            joined = (prev_word + tail_word).lower()
            if _known(joined) or (
                    min(len(prev_word), len(tail_word)) >= 3
                    and not _known(prev_word.lower()) and not _known(tail_word.lower())):
                return head + second
            return f"{head}-{second}"
        if prev_word[-1:].isupper() or prev_word[-1:].isdigit() or "-" in prev_word:
            return f"{head}-{second}"  # "ROP-pasienter", "2015-tallene"
        if not tail_word[:1].islower() or "-" in tail_word.rstrip(LINE_END_HYPHENS):
            return f"{head}-{second}"  # "Nord-" + "Fron", "leie-" + "til-eie"
        return head + second
    return f"{first} {second}"


def _heading_like(prev: Line, line: Line) -> bool:
    """A short numbered line without final punctuation, followed by a longer one: '1.1 Plan'."""
    text = prev.text
    return (NUMBERED.match(text) is not None and len(text.split()) <= 8
            and text[-1:] not in ".,;:-" and (prev.x1 - prev.x0) < 0.7 * (line.x1 - line.x0))


@dataclass
class Block:
    """A paragraph, heading or table of a page, with the size and weight of its first line."""

    text: str
    size: float = 0.0
    bold: bool = False
    table: bool = False
    lines: list[str] = field(default_factory=list)  # as printed, before joining


def blocks(lines: list[Line], *, settings: LayoutSettings | dict | None = None) -> list[Block]:
    """Join lines into paragraphs where the line pitch widens, the font size or weight
    changes or the text jumps to another column."""
    settings = LayoutSettings.resolve(settings)
    if not lines:
        return []
    pitches = [a.middle - b.middle for a, b in pairwise(lines)
               if 0 < a.middle - b.middle < 2.5 * a.height]
    # where every line is a paragraph of its own (lists, references) the median pitch is the
    # paragraph pitch: no body text is set wider than about 1.45 times its size (by default)
    usual = min(statistics.median(pitches) if pitches else 99.0,
                settings.paragraph_pitch * statistics.median(ln.height for ln in lines))
    out: list[Block] = []
    first = clean(lines[0].text)
    current = Block(first, round(lines[0].height, 1), lines[0].bold, lines=[first])
    for prev, line in pairwise(lines):
        pitch = prev.middle - line.middle
        text = clean(line.text)
        same_type = (abs(line.height - prev.height) <= 0.1 * prev.height
                     and prev.bold == line.bold)
        # the next column or band
        jumped = pitch <= 0 or abs(line.x0 - prev.x0) > settings.column_jump
        new_block = (
            pitch > max(usual, 1.1 * prev.height) + max(2.5, 0.3 * prev.height)
            or jumped
            or not same_type
            or (TOC_END.search(prev.text) is not None and NUMBERED.match(line.text) is not None)
            or _heading_like(prev, line)
        )
        if jumped and same_type and text[:1].islower() and current.text[-1:] not in ".!?:»\"":
            new_block = False  # a sentence running on into the next column
        if new_block:
            out.append(current)
            current = Block(text, round(line.height, 1), line.bold, lines=[text])
        else:
            current.text = join_broken(current.text, text)
            current.lines.append(text)
    out.append(current)
    for b in out:
        b.text = " ".join(b.text.split())
    return [b for b in out if b.text]


def paragraphs(lines: list[Line], *,
               settings: LayoutSettings | dict | None = None) -> list[str]:
    return [b.text for b in blocks(lines, settings=settings)]
