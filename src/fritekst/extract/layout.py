"""Rebuild reading order, lines and paragraphs from positioned text segments of a page.

A segment is a run of text on one baseline as pdfium reports it (its text rectangles), with the
page's coordinates: x grows to the right, y grows upwards. The functions here know nothing about
PDF files, so they can be tested with hand-made segments.

- `find_gutter` finds the white channel between two columns;
- `reading_lines` orders lines band by band: text spanning the page (a heading, a table title)
  closes a band, and inside a band the left column is read before the right one;
- `paragraphs` joins lines into paragraphs at vertical gaps and size changes, joining words
  broken at line ends (`bo-` + `ligpolitikken`) but keeping real hyphens (`låne- og`,
  `ROP-pasienter`, `leie-` + `til-eie`).
"""

from __future__ import annotations

import re
import statistics
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


def _spans(segments: list[Segment]) -> list[Segment]:
    """Runs of one line closer than a word space merged, so that pages drawn word by word
    measure like pages drawn line by line."""
    out: list[Segment] = []
    for line in group_lines(segments):
        current = None
        for s in sorted(line.segments, key=lambda s: s.x0):
            if current is not None and s.x0 - current.x1 < 0.8 * max(s.height, current.height):
                current = Segment(current.x0, min(current.y0, s.y0), max(current.x1, s.x1),
                                  max(current.y1, s.y1), f"{current.text} {s.text}",
                                  current.size)
            else:
                if current is not None:
                    out.append(current)
                current = s
        if current is not None:
            out.append(current)
    return out


def find_gutter(segments: list[Segment], width: float, *,
                settings: LayoutSettings | dict | None = None) -> float | None:
    """The x of a white channel between two columns, or None for a one-column page.

    Only the middle of the page is searched (30-70 % of its width by default); at least five
    runs must stand on each side, and no segment longer than a few characters may cross the
    channel except full-width text, which may cross as long as most lines do not.
    """
    settings = LayoutSettings.resolve(settings)
    body = [s for s in _spans(segments) if len(s.text.strip()) > 3]
    if len(body) < 10:
        return None
    lo, hi = int(width * settings.gutter_from), int(width * settings.gutter_to)
    # how many runs cover each point across the middle of the page (a difference array)
    steps = np.zeros(hi - lo + 2, dtype=np.int32)
    for s in body:
        a, b = max(lo, int(s.x0)), min(hi, int(s.x1))
        if a <= b:
            steps[a - lo] += 1
            steps[b - lo + 1] -= 1
    cover = np.cumsum(steps)[:-1]
    allowed = max(1, len(body) // 12)
    free = np.concatenate(([False], cover <= allowed, [False]))
    edges = np.flatnonzero(np.diff(free.astype(np.int8)))
    if not len(edges):
        return None
    starts, ends = edges[0::2], edges[1::2]
    k = int(np.argmax(ends - starts))
    best_len = int(ends[k] - starts[k])
    if best_len < settings.gutter_min_width:
        return None
    best = lo + (starts[k] + ends[k]) / 2
    left = sum(1 for s in body if s.x1 <= best)
    right = sum(1 for s in body if s.x0 >= best)
    enough = settings.column_lines
    return best if left >= enough and right >= enough else None


def reading_lines(segments: list[Segment], width: float, *,
                  settings: LayoutSettings | dict | None = None) -> list[Line]:
    """Lines in reading order: band by band, left column before right column."""
    gutter = find_gutter(segments, width, settings=settings)
    if gutter is None:
        return group_lines(segments)
    out: list[Line] = []
    band: list[Segment] = []

    def flush() -> None:
        out.extend(group_lines([s for s in band if s.x1 <= gutter]))
        out.extend(group_lines([s for s in band if s.x1 > gutter]))
        band.clear()

    for seg in sorted(segments, key=lambda s: (-s.middle, s.x0)):
        if seg.x0 < gutter < seg.x1:
            flush()
            out.extend(group_lines([seg]))
        else:
            band.append(seg)
    flush()
    # segments crossing the gutter that share a baseline became separate lines: merge them
    merged: list[Line] = []
    for line in out:
        if merged and abs(merged[-1].segments[0].middle - line.segments[0].middle) < 1.0 and (
            any(s.x0 < gutter < s.x1 for s in line.segments + merged[-1].segments)
        ):
            merged[-1].segments.extend(line.segments)
        else:
            merged.append(line)
    return merged


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
        if prev_word[-1:].isupper() or prev_word[-1:].isdigit() or "-" in prev_word:
            return f"{head}-{second}"  # "ROP-pasienter", "2015-tallene"
        if not tail_word[:1].islower() or "-" in tail_word:
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
