"""Generated PDF pages of known layout and reading order: columns, headings over columns,
sidebars, captions, pull-quotes and tables, drawn with reportlab.

A page is a list of `Frame`s, each a box of paragraphs. `draw_page` draws every line of every
frame in the order of the lines' heights across the page (row by row, as some producers
draw), so that the drawing order says nothing of the reading order; the test knows the order
the frames are read in.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

WORDS = ("kommunen", "boligsosiale", "arbeidet", "tildeling", "startlån", "bostøtte",
         "oppfølging", "i", "bolig", "samordning", "mellom", "tjenestene", "flyktninger",
         "bosetting", "utleieboliger", "leietakere", "rus", "og", "psykisk", "helse", "ansvar",
         "planen", "tiltak", "behov", "ventelister", "nettverket", "vedtak", "økonomisk",
         "rådgivning", "husleie", "kommunale", "boliger", "eierskap")


def sentences(seed: int, n: int) -> str:
    """n sentences of five to twelve domain words, each starting with a capital."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = [rng.choice(WORDS) for _ in range(rng.randint(5, 12))]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


@dataclass
class Frame:
    """Paragraphs set in a box whose top left corner is (x, top), `width` wide."""

    x: float
    top: float
    width: float
    paragraphs: list[str]
    size: float = 9.5
    font: str = "Helvetica"
    shade: bool = False  # a grey box behind the text, as a sidebar has

    def lines(self) -> list[tuple[float, float, str]]:
        """(x, baseline, text) of every line, paragraphs a half line apart."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        out = []
        y = self.top - self.size
        for para in self.paragraphs:
            line = ""
            for word in para.split():
                trial = f"{line} {word}".strip()
                if line and stringWidth(trial, self.font, self.size) > self.width:
                    out.append((self.x, y, line))
                    y -= 1.25 * self.size
                    line = word
                else:
                    line = trial
            out.append((self.x, y, line))
            y -= 2.0 * self.size
        return out

    @property
    def bottom(self) -> float:
        return min(y for _, y, _ in self.lines()) - 0.4 * self.size


def draw_page(path: Path, frames: list[Frame], *, boxes: tuple = ()) -> Path:
    """One A4 page of the frames; `boxes` are empty rectangles (figures) as (x, y, w, h)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for f in frames:
        if f.shade:
            c.setFillGray(0.9)
            c.rect(f.x - 6, f.bottom - 6, f.width + 12, f.top - f.bottom + 12, stroke=0, fill=1)
            c.setFillGray(0)
    for x, y, w, h in boxes:
        c.rect(x, y, w, h, stroke=1, fill=0)
    rows = [(y, x, text, f) for f in frames for x, y, text in f.lines()]
    for y, x, text, f in sorted(rows, key=lambda r: (-r[0], r[1])):
        c.setFont(f.font, f.size)
        c.drawString(x, y, text)
    c.save()
    return path


def words_in_order(frames: list[Frame]) -> list[str]:
    return [w for f in frames for p in f.paragraphs for w in p.split()]
