"""The report as a format-neutral document: headings, paragraphs, tables and figures.

The document is built once (:mod:`fritekst.export.report.build`) and written by three small
writers (Word, HTML, Markdown), so every format says the same thing with the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from matplotlib.figure import Figure as MplFigure

from fritekst.export.report.charts import figure_png, figure_svg


@dataclass
class Heading:
    """Level 0 is the document's title, 1 a section, 2 a subsection."""

    text: str
    level: int


@dataclass
class Paragraph:
    """Running text; ``lead`` is set in bold before it; ``quote`` marks a quotation."""

    text: str
    lead: str = ""
    quote: bool = False


@dataclass
class Table:
    """Cells as text; ``numeric`` columns are set right-aligned; ``wide`` tables are set
    smaller where the page is narrow."""

    columns: list[str]
    rows: list[list[str]]
    caption: str = ""
    numeric: frozenset[int] = frozenset()

    @property
    def wide(self) -> bool:
        return len(self.columns) > 5


class Figure:
    """A picture drawn with matplotlib when first needed, in two forms: SVG (for HTML) and
    PNG (for Word and Markdown). ``draw`` makes the matplotlib figure; ``name`` is the file
    name stem a writer may use; ``width_cm`` the width on a page."""

    def __init__(self, name: str, caption: str, draw: Callable[[], MplFigure], *,
                 dpi: int = 150, width_cm: float = 16.0):
        self.name, self.caption, self.width_cm = name, caption, width_cm
        self._draw, self._dpi = draw, dpi

    @cached_property
    def figure(self) -> MplFigure:
        return self._draw()

    @cached_property
    def svg(self) -> str:
        return figure_svg(self.figure)

    @cached_property
    def png(self) -> bytes:
        return figure_png(self.figure, self._dpi)


Block = Heading | Paragraph | Table | Figure


@dataclass
class Document:
    """One report: its file name stem, language (``nb`` or ``nn``) and blocks in order."""

    stem: str
    title: str
    language: str
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # for the user, not for the report

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def sentences(self) -> list[str]:
        """Every paragraph's text (for tests and for reading the report as plain text)."""
        return [b.text for b in self.blocks if isinstance(b, Paragraph)]
