"""The rating chart: one horizontal bar per municipality (or per item), split into the share
of each answer option, as such reports show the distribution.

Colours are ColorBrewer's diverging RdBu scale, which colour-blind readers can follow from
"svært dårlig" (red) to "svært godt" (blue); "Vet ikke" is grey, and a part of a bar that
small-cell suppression leaves out is hatched. Drawn with matplotlib's object API (no pyplot,
no display); SVG output is the same bytes for the same data (fixed hash salt, no date), and
text is drawn as paths so the SVG needs no fonts.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from fritekst.export.network_plot import SVG_SALT
from fritekst.export.report.text import Words
from fritekst.summarize.tables import DONT_KNOW_LABEL, round_half_up

# ColorBrewer RdBu, 6 and 7 classes; more points fall back to the nearest of 7
_RDBU = {
    2: ["#ef8a62", "#67a9cf"],
    3: ["#ef8a62", "#f7f7f7", "#67a9cf"],
    4: ["#ca0020", "#f4a582", "#92c5de", "#0571b0"],
    5: ["#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"],
    6: ["#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"],
    7: ["#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"],
}
DONT_KNOW_COLOUR = "#bdbdbd"
DARK = {"#b2182b", "#2166ac", "#ca0020", "#0571b0"}  # white numbers read better on these
LABEL_FROM = 6.0  # percent: a part this wide or more carries its number


@dataclass
class Bar:
    """One bar: its label, the distribution in percent (``None`` where the row is hidden by
    small-cell suppression; a ``None`` value for a cell left out) and N as shown."""

    label: str
    distribution: dict[str, float | None] | None
    n: int | str | None


def scale_colours(points: int) -> list[str]:
    if points in _RDBU:
        return _RDBU[points]
    base = _RDBU[7]
    return [base[round(i * 6 / max(points - 1, 1))] for i in range(points)]


def rating_chart(bars: list[Bar], scale_max: int, words: Words) -> Figure:
    """The stacked bar chart of a rating item (or of several items for one municipality)."""
    points = [str(p) for p in range(1, scale_max + 1)]
    colours = dict(zip(points, scale_colours(scale_max), strict=True))
    colours[DONT_KNOW_LABEL] = DONT_KNOW_COLOUR
    height = 1.2 + 0.42 * len(bars)  # inches: 0.6 for the legend above, 0.6 for the axis
    fig = Figure(figsize=(7.6, height), dpi=100)
    longest = max((len(_bar_label(b)) for b in bars), default=10)
    margin = min(max(0.05 + 0.0092 * longest, 0.16), 0.5)  # room for the labels, at 9 pt
    ax = fig.add_axes((margin, 0.62 / height, 0.97 - margin, 1 - 1.2 / height))
    any_hidden = False
    for y, bar in enumerate(reversed(bars)):
        if bar.distribution is None:
            ax.text(1, y, words("chart_too_few", n=str(bar.n).lstrip("<")), va="center",
                    fontsize=8.5, color="#555555")
            continue
        left = 0.0
        for key in [*points, DONT_KNOW_LABEL]:
            value = bar.distribution.get(key)
            if value is None or not value:
                continue
            ax.barh(y, value, left=left, height=0.66, color=colours[key],
                    edgecolor="#ffffff", linewidth=0.6)
            if value >= LABEL_FROM:
                ax.text(left + value / 2, y, f"{round_half_up(value, 0):.0f}", ha="center",
                        va="center", fontsize=8,
                        color="#ffffff" if colours[key] in DARK else "#222222")
            left += value
        rest = 100.0 - left
        if any(v is None for v in bar.distribution.values()) and rest > 0.05:
            any_hidden = True
            ax.barh(y, rest, left=left, height=0.66, color="#ffffff", edgecolor="#969696",
                    hatch="////", linewidth=0.6)
    ax.set_yticks(range(len(bars)))
    ax.set_yticklabels([_bar_label(b) for b in reversed(bars)], fontsize=9)
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, len(bars) - 0.4)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xticklabels(["0 %", "25 %", "50 %", "75 %", "100 %"], fontsize=8)
    ax.set_xlabel(words("percent_axis"), fontsize=8.5)
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    handles = [Patch(facecolor=colours[p], edgecolor="#999999", label=_point_label(p, scale_max,
                                                                                   words))
               for p in points]
    handles.append(Patch(facecolor=DONT_KNOW_COLOUR, edgecolor="#999999",
                         label=words("dont_know_label")))
    if any_hidden:
        handles.append(Patch(facecolor="#ffffff", edgecolor="#969696", hatch="////",
                             label=words("hidden")))
    fig.legend(handles=handles, loc="upper center", ncol=len(handles) if len(handles) <= 8
               else 5, frameon=False, fontsize=8, handlelength=1.2, columnspacing=0.9,
               bbox_to_anchor=(0.58, 1.0))
    return fig


def _bar_label(bar: Bar) -> str:
    return bar.label if bar.n is None else f"{bar.label} (N = {bar.n})"


def _point_label(point: str, scale_max: int, words: Words) -> str:
    if point == "1":
        return f"1 {words('worst')}"
    if point == str(scale_max):
        return f"{point} {words('best')}"
    return point


def figure_svg(fig: Figure) -> str:
    """The figure as SVG text to set inside a page: no XML prolog, no metadata, the same
    text for the same figure."""
    buffer = io.StringIO()
    with rc_context({"svg.hashsalt": SVG_SALT, "svg.fonttype": "path"}):
        FigureCanvasSVG(fig).print_svg(buffer, metadata={"Date": None})
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    return re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.S)


def figure_png(fig: Figure, dpi: int = 150) -> bytes:
    """The figure as PNG bytes, without the software's name in its metadata."""
    buffer = io.BytesIO()
    FigureCanvasAgg(fig).print_figure(buffer, format="png", dpi=dpi,
                                      metadata={"Software": None})
    return buffer.getvalue()
