"""Running heads and printed page numbers, found across all the pages of one file.

A running head is a line at the top or bottom edge of the page that repeats on many pages (on
every page, or on every other): the report's title, the chapter's, "Side 3 av 40". Lines are
cut into pieces where a wide gap parts them ("1. Innledning" at the left, the report's title
at the right), and a piece counts as a head when it repeats with its digits changed, in the same
type size: a cover title that says what the heads say, but in large type, stays.

Printed page numbers are the candidates: a bare number at the edge ("7", "Side 7 av 40",
"iv"), or a number at either end of an edge line's piece ("Rapport 2024 7", "22 / Vedlegg 1").
They become page labels only where they form a sequence (label = page index + a fixed offset
over a run of pages; runs may restart, as an appendix or roman front matter does): the year in
a footer, an appendix's number or a map's figure is no page number. Pages between two agreeing
labels that print none get the number the sequence gives them.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from .layout import Line, Segment, group_lines
from .settings import LayoutSettings

PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:side|s\.|page|sida)?\s*(\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:av|of|/)\s*\d{1,4})?"
    r"(?:\s*[-–—])?$",
    re.IGNORECASE,
)
ROMAN = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.IGNORECASE)
ROMAN_VALUES = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
PIECE_GAP = 1.5  # a gap wider than this many type sizes parts a line into pieces
SAME_SIZE = 0.15  # a head's copies differ in type size by at most this share
SEQUENCE_REACH = 10  # pages before and after where a page number looks for agreeing ones


def signature(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


@dataclass
class Piece:
    """Part of an edge line, parted from the rest by a wide gap."""

    segments: list[Segment]
    text: str
    size: float

    @property
    def signature(self) -> str:
        return signature(self.text)

    @property
    def number_only(self) -> bool:
        """A page number ("Side 3 av 40"), a date, a chart's scale ("100 %"): never a head."""
        return not any(c.isalpha() for c in self.text) or bool(PAGE_NUMBER.match(self.text))


@dataclass
class Edge:
    """A line in the top or bottom band of a page, where running heads live."""

    line: Line
    slot: tuple[str, int, int]  # band, height on the page (3-point steps), type size
    apart: bool  # set off from the text next to it by more than a line space
    inside: bool  # it starts in the band; heads are found among such lines only
    within: bool  # it lies wholly in the band
    pieces: list[Piece] = field(default_factory=list)


def edge_lines(segments: list[Segment], height: float, settings: LayoutSettings) -> list[Edge]:
    """The first two and the last two lines of the page if they lie within twice the band.

    Heads are found among those that start in the band (a head set in a deep bar reaches
    below it); once found, a head is known wherever it stands in the double band (some pages
    set it lower)."""
    lines = group_lines(segments)
    band = height * settings.band
    out = []
    for k, ln in enumerate(lines[:2]):
        if ln.top > height - 2 * band:
            below = lines[k + 1].top if k + 1 < len(lines) else 0.0
            out.append(_edge(ln, "top", ln.bottom - below > settings.set_off * ln.height,
                             ln.top > height - band, ln.bottom > height - band))
    for k in range(max(len(lines) - 2, 0), len(lines)):
        ln = lines[k]
        if ln.bottom < 2 * band and not any(e.line is ln for e in out):
            above = lines[k - 1].bottom if k else height
            out.append(_edge(ln, "bottom", above - ln.top > settings.set_off * ln.height,
                             ln.bottom < band, ln.top < band))
    return out


def _edge(line: Line, band: str, apart: bool, inside: bool, within: bool) -> Edge:
    return Edge(line, (band, round(line.middle / 3), round(line.height)), apart, inside,
                within, _pieces(line))


def _pieces(line: Line) -> list[Piece]:
    runs = sorted(line.segments, key=lambda s: s.x0)
    groups = [[runs[0]]]
    for a, b in pairwise(runs):
        if b.x0 - a.x1 > PIECE_GAP * min(a.height, b.height):
            groups.append([])
        groups[-1].append(b)
    return [Piece(g, Line(g).text, Line(g).height) for g in groups]


@dataclass
class RunningHeads:
    """What repeats at the top or bottom of a file's pages."""

    lines: dict[str, float]   # signatures of pieces that repeat (digits as '#'), their size
    starts: dict[str, float]  # the shared start of heads that name the chapter, their size
    slots: set[tuple[str, int, int]]  # places on the page where set-off lines recur

    def matches(self, piece: Piece) -> bool:
        sig = piece.signature
        size = self.lines.get(sig) or self.starts.get(_start(sig))
        return size is not None and abs(piece.size - size) <= SAME_SIZE * size

    def matches_text(self, text: str) -> bool:
        """Is this text (a table cell, say) a running head, whatever its size?"""
        sig = signature(text)
        return sig in self.lines or _start(sig) in self.starts

    def is_head(self, edge: Edge) -> bool:
        if any(self.matches(p) for p in edge.pieces if not p.number_only):
            return True
        return (edge.inside and edge.apart and edge.slot in self.slots
                and len(edge.line.text.split()) <= 15
                and not all(p.number_only for p in edge.pieces))

    def removed(self) -> list[str]:
        """The heads found, as the extraction reports them ('^' marks a shared start)."""
        return sorted(set(self.lines) | {f"^{st}" for st in self.starts})


def running_heads(edges: list[list[Edge]], settings: LayoutSettings) -> RunningHeads:
    """Pieces of top/bottom lines that repeat on enough pages to be running heads, and the
    places on the page where set-off lines recur (heads that name the chapter).

    Alternating heads (left and right pages) are caught by counting odd and even pages apart.
    """
    counts: Counter[str] = Counter()
    parity: Counter[tuple[str, int]] = Counter()
    slots: Counter[tuple[str, int, int]] = Counter()
    sizes: dict[str, list[float]] = {}
    edges = [[e for e in page_edges if e.inside] for page_edges in edges]
    for k, page_edges in enumerate(edges):
        pieces = [p for e in page_edges for p in e.pieces if not p.number_only]
        for p in pieces:
            sizes.setdefault(p.signature, []).append(p.size)
        for sig in {p.signature for p in pieces}:
            counts[sig] += 1
            parity[sig, k % 2] += 1
        for slot in {e.slot for e in page_edges if e.apart}:
            slots[slot] += 1
    pages = len(edges)
    least = settings.head_min_pages
    need = max(least, int(pages * settings.head_share))
    found = {sig for sig, n in counts.items() if n >= need}
    need_one_side = max(least, int(pages * settings.head_share / 2) + 1)
    found |= {sig for (sig, _), n in parity.items() if n >= need_one_side}
    # heads that name the chapter ("6 Del 1 // Kapittel 1 – Bakgrunn") share their start
    starts: Counter[str] = Counter(_start(sig) for page_edges in edges
                                   for sig in {p.signature for e in page_edges
                                               for p in e.pieces})
    variants: dict[str, set[str]] = {}
    for sig in counts:
        variants.setdefault(_start(sig), set()).add(sig)
    shared = {st for st, n in starts.items()
              if n >= need and len(st) >= 12 and len(variants.get(st, ())) >= 2}
    recurring = {slot for slot, n in slots.items()
                 if n >= max(least, int(pages * settings.slot_share))}
    return RunningHeads(
        {sig: statistics.median(sizes[sig]) for sig in found},
        {st: statistics.median(s for sig in variants[st] for s in sizes[sig]) for st in shared},
        recurring)


def _start(signature: str) -> str:
    words = signature.split()
    while words and words[0] == "#":
        words.pop(0)
    return " ".join(words[:4]) if len(words) > 4 else ""


@dataclass(frozen=True)
class Printed:
    """A number printed at the edge of a page that may be its page number."""

    value: int
    roman: str  # '' for arabic numbers, else 'lower' or 'upper'
    segments: tuple[Segment, ...]  # the runs that print it
    # how surely it is a page number: 2 standing alone, 1 at the end of a running head, 0 at
    # the end of some other line at the edge (a heading "3 Metode" at the top of the page)
    strength: int = 2

    def offset(self, index: int) -> tuple[str, int]:
        return self.roman, self.value - index


def candidates(edges: list[Edge], heads: RunningHeads) -> list[Printed]:
    """The numbers a page prints at its edges that may be its page number: bare numbers, and
    numbers at either end of a line's piece ("22 / Vedlegg 1")."""
    out = []
    for edge in edges:
        head = heads.is_head(edge)
        if not (head or edge.inside):
            continue
        for piece in edge.pieces:
            m = PAGE_NUMBER.match(piece.text.strip())
            if m:
                number = _number(m.group(1), tuple(piece.segments))
                if number:
                    out.append(number)
            else:
                # a head goes with its number; elsewhere the number stays in the text
                runs = tuple(edge.line.segments) if head else ()
                words = piece.text.split()
                for w in dict.fromkeys((words[0], words[-1])):
                    if w.isdigit() and len(w) <= 4:
                        out.append(Printed(int(w), "", runs, int(head)))
    return out


def _number(text: str, segments: tuple[Segment, ...]) -> Printed | None:
    if text.isdigit():
        return Printed(int(text), "", segments)
    if not ROMAN.match(text):
        return None
    value, rest = 0, text.lower()
    for worth, numeral in ROMAN_VALUES:
        while rest.startswith(numeral):
            value, rest = value + worth, rest[len(numeral):]
    return Printed(value, "upper" if text.isupper() else "lower", segments)


def page_numbers(printed: list[list[Printed]]) -> list[Printed | None]:
    """Each page's page number: the candidate that agrees with one on a page nearby (the same
    kind of number, the same difference to the page's position), the one with most support
    when several do, then the surest; pages between two agreeing numbers get the number that
    fits. A number at the end of an ordinary line counts only where it continues a sequence
    of surer numbers: one-page chapters "1 Innledning", "2 Metode" are no page numbers.
    """
    support: Counter[tuple[int, tuple[str, int]]] = Counter()
    for i, page in enumerate(printed):
        for key in {p.offset(i) for p in page}:
            for j in range(max(0, i - SEQUENCE_REACH), min(len(printed), i + SEQUENCE_REACH + 1)):
                if j != i:
                    support[j, key] += 1
    sure = {p.offset(i) for i, page in enumerate(printed) for p in page
            if p.strength and support[i, p.offset(i)]}
    chosen: list[Printed | None] = []
    for i, page in enumerate(printed):
        agreed = [p for p in page
                  if support[i, p.offset(i)] and (p.strength or p.offset(i) in sure)]
        chosen.append(max(agreed, key=lambda p: (support[i, p.offset(i)], p.strength))
                      if agreed else None)
    # a page that prints no number between two pages of one run
    labelled = [i for i, p in enumerate(chosen) if p]
    for i, j in pairwise(labelled):
        a, b = chosen[i], chosen[j]
        assert a and b
        if j - i > 1 and a.offset(i) == b.offset(j):
            for k in range(i + 1, j):
                chosen[k] = Printed(a.value + k - i, a.roman, ())
    return chosen


def label(number: Printed | None) -> str:
    if number is None:
        return ""
    if not number.roman:
        return str(number.value)
    out, rest = "", number.value
    for worth, numeral in ROMAN_VALUES:
        while rest >= worth:
            out, rest = out + numeral, rest - worth
    return out.upper() if number.roman == "upper" else out


def furniture(edges: list[Edge], heads: RunningHeads, number: Printed | None) -> set[int]:
    """The runs of the page's running heads and page number, as ids, to leave out of its
    text. A line in the band that is nothing but a number goes too, in sequence or not."""
    drop = {id(s) for s in number.segments} if number else set()
    for edge in edges:
        if heads.is_head(edge) or (edge.within and PAGE_NUMBER.match(edge.line.text)):
            drop.update(id(s) for s in edge.line.segments)
    return drop
