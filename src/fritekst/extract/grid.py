"""Ruled tables found in the page's drawing: where pdfplumber's table finder is needed, and
tables whose every cell is ruled, read without it.

pdfplumber parses the whole page again (every character, every curve of a map) before it looks
for tables: seconds on a page of a map and a five-cell table. So the page's path objects are
looked at first, through pdfium: thin paths and the edges of rectangles are rules, and rules
that cross make a grid. A page without a grid of at least `rule_grid` horizontal and vertical
rules that cross has no ruled table. A grid where every rule runs from one side of the table to
the other is a lattice: its cells are the spaces between the rules, and pdfium gives the text
inside each. Other grids (rows ruled, columns set apart by shading) go to pdfplumber.
"""

from __future__ import annotations

import ctypes
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import pairwise

from .layout import clean, join_broken

THIN = 3.0  # a path at most this thick is a rule
SNAP = 2.0  # rules this close are one; a rule this far short of another still meets it
CELL = 5.0  # the least height or width of a cell: closer rules are one (a double rule)
MOST_RECT_SEGMENTS = 5  # a rectangle's path: move, three or four lines, close
MOST_BOX_SEGMENTS = 64  # a box with rounded corners; more is a drawn shape (a map's area)


@dataclass
class Rule:
    at: float  # y of a horizontal rule, x of a vertical one
    start: float  # where it begins along its length
    end: float


@dataclass
class Grid:
    """Rules that cross one another: a table's frame."""

    rows: list[Rule]  # horizontal rules
    cols: list[Rule]  # vertical rules

    @property
    def xs(self) -> list[float]:
        """Where columns part, from the left; an open side counts where every row's rule
        ends."""
        return _lines([r.at for r in self.cols] + _open_ends(self.rows, self.cols))

    @property
    def ys(self) -> list[float]:
        """Where rows part, from the bottom; an open top (a header on a shaded band) counts
        where every column's rule ends."""
        return _lines([r.at for r in self.rows] + _open_ends(self.cols, self.rows))

    def cells_with_text(self, points: list[tuple[float, float]]) -> int:
        """How many cells, ruled on all four sides, hold text (a point of it, as the middle
        of a text run)?"""
        n = 0
        for y0, y1 in pairwise(self.ys):
            for x0, x1 in pairwise(self.xs):
                xm, ym = (x0 + x1) / 2, (y0 + y1) / 2
                ruled = (any(_covers(r, y0, xm) for r in self.rows)
                         and any(_covers(r, y1, xm) for r in self.rows)
                         and any(_covers(r, x0, ym) for r in self.cols)
                         and any(_covers(r, x1, ym) for r in self.cols))
                if ruled and any(x0 < px < x1 and y0 < py < y1 for px, py in points):
                    n += 1
        return n

    @property
    def box(self) -> tuple[float, float, float, float]:
        xs, ys = self.xs, self.ys
        return xs[0], ys[0], xs[-1], ys[-1]

    @property
    def lattice(self) -> bool:
        """Does every rule run across the whole table?"""
        x0, y0, x1, y1 = self.box
        return (all(r.start <= x0 + SNAP and r.end >= x1 - SNAP for r in self.rows)
                and all(r.start <= y0 + SNAP and r.end >= y1 - SNAP for r in self.cols))


def _open_ends(rules: list[Rule], across: list[Rule]) -> list[float]:
    """Where all `rules` end together beyond the outermost rule `across` them: the open side
    of a table, one edge for each side."""
    out = []
    if len(rules) >= 2 and across:
        low, high = min(r.at for r in across), max(r.at for r in across)
        starts, ends = [r.start for r in rules], [r.end for r in rules]
        if max(starts) - min(starts) <= SNAP and max(starts) < low - CELL:
            out.append(min(starts))
        if max(ends) - min(ends) <= SNAP and min(ends) > high + CELL:
            out.append(max(ends))
    return out


def grids(page, pdfium_raw, need: int, most_paths: int) -> list[Grid] | None:
    """The page's grids of at least `need` horizontal and `need` vertical rules that cross;
    None when the page has more than `most_paths` path objects (a drawing, not a table)."""
    across: list[Rule] = []
    down: list[Rule] = []
    for n, obj in enumerate(page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_PATH], max_depth=1)):
        if n > most_paths:
            return None
        x0, y0, x1, y1 = obj.get_bounds()
        w, h = x1 - x0, y1 - y0
        if h <= THIN and w > THIN:
            across.append(Rule((y0 + y1) / 2, x0, x1))
        elif w <= THIN and h > THIN:
            down.append(Rule((x0 + x1) / 2, y0, y1))
        elif w > THIN and h > THIN and _boxlike(obj, pdfium_raw, (x0, y0, x1, y1)):
            across += [Rule(y0, x0, x1), Rule(y1, x0, x1)]
            down += [Rule(x0, y0, y1), Rule(x1, y0, y1)]
    if len(across) < need or len(down) < need:
        return []
    return [g for g in _frames(_merge(across), _merge(down))
            if len(g.ys) >= need and len(g.xs) >= need]


def _boxlike(obj, pdfium_raw, bounds: tuple[float, float, float, float]) -> bool:
    """Is the path a rectangle, or a box with rounded corners (a table's shaded header):
    every point of it on the edges of its bounds?"""
    n = pdfium_raw.FPDFPath_CountSegments(obj.raw)
    if n <= MOST_RECT_SEGMENTS:
        return True
    if n > MOST_BOX_SEGMENTS:
        return False
    x0, y0, x1, y1 = bounds
    near = min(8.0, 0.15 * min(x1 - x0, y1 - y0))
    m = pdfium_raw.FS_MATRIX()
    if not pdfium_raw.FPDFPageObj_GetMatrix(obj.raw, m):
        return False
    px, py = ctypes.c_float(), ctypes.c_float()
    for k in range(n):
        seg = pdfium_raw.FPDFPath_GetPathSegment(obj.raw, k)
        if not pdfium_raw.FPDFPathSegment_GetPoint(seg, px, py):
            return False
        x = m.a * px.value + m.c * py.value + m.e
        y = m.b * px.value + m.d * py.value + m.f
        if min(abs(x - x0), abs(x - x1), abs(y - y0), abs(y - y1)) > near:
            return False
    return True


def _merge(rules: list[Rule]) -> list[Rule]:
    """Rules on one line that touch or overlap, as one rule (a row's rule drawn cell by
    cell)."""
    out: list[Rule] = []
    for r in sorted(rules, key=lambda r: (round(r.at / SNAP), r.start)):
        last = out[-1] if out else None
        if last and abs(last.at - r.at) <= SNAP and r.start <= last.end + SNAP:
            last.end = max(last.end, r.end)
        else:
            out.append(Rule(r.at, r.start, r.end))
    return out


def _meet(h: Rule, v: Rule) -> bool:
    return (h.start - SNAP <= v.at <= h.end + SNAP) and (v.start - SNAP <= h.at <= v.end + SNAP)


def _frames(across: list[Rule], down: list[Rule]) -> list[Grid]:
    """Rules grouped by crossing: each group that crosses no other is one grid."""
    parent = list(range(len(across) + len(down)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # the vertical rules in order across the page: each horizontal one looks only at those
    # within its length (a scatter plot's thousand square markers stay quick)
    order = sorted(range(len(down)), key=lambda j: down[j].at)
    xs = [down[j].at for j in order]
    for i, h in enumerate(across):
        for j in order[bisect_left(xs, h.start - SNAP):bisect_right(xs, h.end + SNAP)]:
            if _meet(h, down[j]):
                parent[root(i)] = root(len(across) + j)
    groups: dict[int, Grid] = {}
    for i, h in enumerate(across):
        groups.setdefault(root(i), Grid([], [])).rows.append(h)
    for j, v in enumerate(down):
        groups.setdefault(root(len(across) + j), Grid([], [])).cols.append(v)
    return [g for g in groups.values() if g.rows and g.cols]


def _covers(rule: Rule, at: float, along: float) -> bool:
    return abs(rule.at - at) <= CELL and rule.start - SNAP <= along <= rule.end + SNAP


def _lines(values: list[float]) -> list[float]:
    """Positions of rules, ones closer than a cell taken as one."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] >= CELL:
            out.append(v)
    return out


def read_lattice(textpage, grid: Grid) -> list[list[str]]:
    """The cells of a lattice, row by row from the top, each the text pdfium finds inside,
    its lines joined as body text's are ("Samferdsels-" + "anlegg")."""
    table = []
    for top, bottom in pairwise(grid.ys[::-1]):
        row = []
        for left, right in pairwise(grid.xs):
            text = textpage.get_text_bounded(left + 1, bottom + 1, right - 1, top - 1)
            # pdfium marks a hyphen at a line's end with \x02 and leaves out the line break
            parts = [" ".join(p.split()) for p in text.split("\x02")]
            cell = parts[0]
            for part in parts[1:]:
                cell = join_broken(cell + "\x02", part)
            row.append(" ".join(clean(cell).split()))
        table.append(row)
    return table


def plausible(table: list[list[str]]) -> bool:
    """Two rows and two columns, half the cells filled, and no column empty: a chart's
    grid lines also rule a lattice, round an empty plot."""
    cells = [c for row in table for c in row]
    return (len(table) >= 2 and len(table[0]) >= 2 and sum(map(bool, cells)) >= len(cells) / 2
            and all(any(col) for col in zip(*table, strict=False)))
