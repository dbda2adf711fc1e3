"""Network pictures a reader takes in at a glance: clusters, bridges, chains and isolates.

Each person is a box with their label (the function by default), filled with their cluster's
colour from the Okabe–Ito palette, which colour-blind readers tell apart. Bridge-builders get
a thick outline and their rank in a black disc; people who did not answer have a dashed
outline. Daily ties are thick solid lines, weekly ties thin dashed ones, monthly ties dotted.
The longest chain is underlaid in grey. People without a tie stand in a row at the bottom.

The layout is Kamada–Kawai per connected part, with ties between clusters drawn longer than
ties inside one, then pushed apart until no two boxes overlap; it has no randomness, so the
same data gives the same picture, and SVG files are byte for byte the same (fixed hash salt,
no date). Drawn with matplotlib's object API and the Agg/SVG canvases: no window, no
pyplot state, no network.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import textwrap
from pathlib import Path

import networkx as nx
import numpy as np
from matplotlib import rc_context
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyBboxPatch, Patch
from matplotlib.textpath import TextToPath

from fritekst.outfiles import replacing
from fritekst.summarize.network import (
    THRESHOLD_TEXT,
    THRESHOLDS,
    NetworkAnalysis,
    NetworkFigures,
    count_word,
    decimal,
)

# Okabe & Ito (2008), without black: distinguishable with every common colour-vision deficiency
PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]
OTHER = "#C8C8C8"  # clusters beyond the palette
DARK_FILLS = {"#0072B2", "#009E73", "#D55E00"}  # white text reads better on these
FONT_SIZE = 9.0
WRAP = 18
PAD = 0.08  # inches of room around a label inside its box
GAP = 0.14  # inches kept free between two boxes
MAX_WIDTH = 14.0  # inches: parts of a network beyond this go on a new row
EDGE_STYLE = {  # level → (line style, width, colour)
    4: ("-", 2.8, "#2b2b2b"),
    3: ((0, (4.5, 2.5)), 1.3, "#4d4d4d"),
    2: ((0, (1, 2.2)), 1.1, "#7a7a7a"),
}
SVG_SALT = "fritekst"
_MEASURE = TextToPath()


def write_network_pictures(analysis: NetworkAnalysis, folder: str | Path,
                           formats: tuple[str, ...] = ("png", "svg")) -> list[Path]:
    """One picture per municipality and threshold, in each format, named
    ``nettverk_<kommune>_<terskel>.<format>``; returns the paths written."""
    folder = Path(folder)
    written = []
    colours = cluster_colours(analysis)
    for figures in analysis.networks:
        key = figures.municipality, figures.threshold
        fig = draw_network(analysis.graphs[key], figures, analysis.names, colours[key])
        stem = f"nettverk_{_slug(figures.municipality)}_{_slug(figures.threshold)}"
        for fmt in formats:
            path = folder / f"{stem}.{fmt}"
            save_figure(fig, path)
            written.append(path)
    return written


def cluster_colours(analysis: NetworkAnalysis) -> dict[tuple[str, str], list[int]]:
    """Per network, the colour number of each cluster, so that a group keeps its colour from
    one threshold's picture to the next: a cluster takes the colour of the weekly cluster
    (else the first threshold's) it shares the most people with, each colour used once;
    a cluster without such a match gets a colour none of those has."""
    out = {}
    for municipality in dict.fromkeys(f.municipality for f in analysis.networks):
        nets = [f for f in analysis.networks if f.municipality == municipality]
        reference = next((f for f in nets if f.threshold == "ukentlig"), nets[0])
        groups = [set(c) for c in reference.communities]
        for f in nets:
            shared = sorted((-len(set(c) & g), i, j) for i, c in enumerate(f.communities)
                            for j, g in enumerate(groups) if set(c) & g)
            colour: dict[int, int] = {}
            for _, i, j in shared:
                if i not in colour and j not in colour.values():
                    colour[i] = j
            # a cluster with no match gets a colour no reference cluster has
            free = (k for k in itertools.count(len(groups)) if k not in colour.values())
            out[f.municipality, f.threshold] = [
                colour[i] if i in colour else next(free) for i in range(len(f.communities))]
    return out


def save_figure(fig: Figure, path: Path) -> None:
    """Save as PNG or SVG, the same bytes for the same figure (no dates, fixed ids)."""
    fmt = path.suffix.lower().lstrip(".")
    with rc_context({"svg.hashsalt": SVG_SALT, "svg.fonttype": "path"}), replacing(path) as tmp:
        if fmt == "svg":
            FigureCanvasSVG(fig).print_svg(tmp, metadata={"Date": None})
        else:
            _save_png(fig, tmp)


def _save_png(fig: Figure, path: Path) -> None:
    """A PNG with a palette of at most 256 colours: the pictures hold a few flat colours and
    grey anti-aliasing, so this keeps them sharp at a third of the size."""
    from PIL import Image

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw",
                             "RGBA", 0, 1).convert("RGB")
    image = image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    image.save(path, format="PNG", optimize=True, dpi=(fig.dpi, fig.dpi))


def _slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", " ": "_", "/": "_"})
    return "".join(c for c in text.casefold().translate(table) if c.isalnum() or c in "_-")


# ---- measuring and placing the boxes ------------------------------------------------------
def _lines(label: str) -> list[str]:
    return textwrap.wrap(label, WRAP, break_long_words=False) or [label]


def box_size(label: str) -> tuple[float, float]:
    """Width and height in inches of the box that holds a label."""
    prop = FontProperties(family="DejaVu Sans", size=FONT_SIZE)
    lines = _lines(label)
    width = max(_MEASURE.get_text_width_height_descent(line, prop, ismath=False)[0]
                for line in lines)
    return width / 72 + 2 * PAD, len(lines) * FONT_SIZE * 1.25 / 72 + 2 * PAD


def layout(graph: nx.Graph, community: dict, sizes: dict) -> dict:
    """Positions in inches of the people with ties: each connected part laid out on its own
    (Kamada–Kawai, ties across clusters drawn longer), boxes pushed aside from ties they
    do not belong to and apart from each other until none overlap, and the parts set side by
    side in rows."""
    core = graph.subgraph([n for n in graph if graph.degree(n) > 0])
    typical = sorted(w for w, _ in sizes.values())[len(sizes) // 2] if sizes else 1.0
    # inches per unit of tie length, more across than down: boxes are wider than tall
    across, down = typical * 1.6, typical * 1.15
    parts = sorted(nx.connected_components(core), key=lambda c: (-len(c), min(map(str, c))))
    pos: dict = {}
    x0, row_top, row_bottom, middle, limit = 0.0, 0.0, 0.0, 0.0, 0.0
    for part in parts:
        sub = nx.Graph()
        sub.add_nodes_from(sorted(part, key=str))
        for a, b in sorted(core.subgraph(part).edges(), key=lambda e: (str(e[0]), str(e[1]))):
            sub.add_edge(a, b, length=1.0 if community.get(a) == community.get(b) else 1.8)
        if len(sub) == 2:
            a, b = list(sub)
            local = {a: (0.0, 0.0), b: (1.0, 0.0)}
        else:
            with _one_blas_thread():
                local = _landscape(nx.kamada_kawai_layout(sub, weight="length", scale=1.0))
            mean = sum(_edge_lengths(sub, local)) / max(1, sub.number_of_edges())
            local = {n: (x / mean, y / mean) for n, (x, y) in local.items()}
        placed = {n: (x * across, y * down) for n, (x, y) in local.items()}
        for _ in range(12):  # ties that cross a box move it aside, then boxes move apart
            placed = _separate(_clear_ties(placed, sub, sizes), sizes)
        left = min(x - sizes[n][0] / 2 for n, (x, _) in placed.items())
        right = max(x + sizes[n][0] / 2 for n, (x, _) in placed.items())
        top = max(y + sizes[n][1] / 2 for n, (_, y) in placed.items())
        bottom = min(y - sizes[n][1] / 2 for n, (_, y) in placed.items())
        limit = limit or max(MAX_WIDTH, right - left)  # the largest part sets the width
        if x0 and x0 + right - left > limit:  # parts that do not fit start a new row
            x0, row_top = 0.0, row_bottom - 4 * GAP
        if not x0:  # the row's first part hangs from the row's top; the rest centre on it
            middle = row_top - (top - bottom) / 2
        shift = middle - (top + bottom) / 2
        for n, (x, y) in placed.items():
            pos[n] = (x - left + x0, y + shift)
        row_bottom = min(row_bottom, bottom + shift) if x0 else bottom + shift
        x0 += right - left + 4 * GAP
    return pos


def _one_blas_thread():
    """Kamada–Kawai's optimiser works on tiny matrices: BLAS threads only get in each other's
    way, up to fifteen times slower on a busy machine. threadpoolctl comes with
    scikit-learn; without it the layout is the same, only slower."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        return contextlib.nullcontext()
    return threadpool_limits(1)


def _landscape(raw: dict) -> dict:
    """Turn a layout so that its longest extent runs across the page (pages and screens are
    wider than tall, and labels are wide)."""
    nodes = list(raw)
    xy = np.array([raw[n] for n in nodes], dtype=float)
    xy -= xy.mean(axis=0)
    _, vectors = np.linalg.eigh(np.cov(xy.T))
    main = vectors[:, -1] * (1 if vectors[0, -1] >= 0 else -1)  # the widest direction
    turned = xy @ np.array([[main[0], -main[1]], [main[1], main[0]]])
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, turned, strict=True)}


def _edge_lengths(graph: nx.Graph, pos: dict) -> list[float]:
    return [math.dist(pos[a], pos[b]) for a, b in graph.edges()]


def _separate(pos: dict, sizes: dict, rounds: int = 500) -> dict:
    """Push overlapping boxes apart, each pair along the axis where it overlaps least, until
    no two boxes (with a gap between them) overlap."""
    nodes = sorted(pos, key=str)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    half = np.array([sizes[n] for n in nodes], dtype=float) / 2
    later = np.triu(np.ones((len(nodes), len(nodes)), dtype=bool), 1)
    for _ in range(rounds):
        d = xy[None, :, :] - xy[:, None, :]  # [i, j] = where j is seen from i
        over = half[:, None, :] + half[None, :, :] + GAP - np.abs(d)
        hit = later & (over[..., 0] > 0) & (over[..., 1] > 0)
        if not hit.any():
            break
        sideways = over[..., 0] * 0.6 < over[..., 1]  # boxes are wide: sideways costs less
        sign = np.where(d > 0, 1.0, np.where(d < 0, -1.0, 1.0))
        step = np.zeros_like(d)
        step[..., 0] = np.where(hit & sideways, over[..., 0] / 2 + 1e-3, 0.0) * sign[..., 0]
        step[..., 1] = np.where(hit & ~sideways, over[..., 1] / 2 + 1e-3, 0.0) * sign[..., 1]
        xy += step.sum(axis=0) - step.sum(axis=1)
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy, strict=True)}


def _clear_ties(pos: dict, graph: nx.Graph, sizes: dict) -> dict:
    """Move each box that a tie between two other people runs through to the side of the
    tie it stands on, far enough that the line passes beside it."""
    nodes = sorted(pos, key=str)
    edges = sorted(graph.edges(), key=lambda e: (str(e[0]), str(e[1])))
    if not edges:
        return dict(pos)
    index = {n: i for i, n in enumerate(nodes)}
    xy = np.array([pos[n] for n in nodes], dtype=float)
    half = np.array([sizes[n] for n in nodes], dtype=float) / 2 + GAP / 2
    a = np.array([index[u] for u, _ in edges])
    b = np.array([index[v] for _, v in edges])
    p1, p2 = xy[a], xy[b]  # (m, 2)
    delta = p2 - p1
    # Liang–Barsky: where along each tie (0..1) it is inside each box, per box and tie
    lo, hi = xy - half, xy + half  # (n, 2)
    p = np.stack([-delta[:, 0], delta[:, 0], -delta[:, 1], delta[:, 1]], axis=1)[None]
    q = np.stack([p1[None, :, 0] - lo[:, None, 0], hi[:, None, 0] - p1[None, :, 0],
                  p1[None, :, 1] - lo[:, None, 1], hi[:, None, 1] - p1[None, :, 1]], axis=2)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(p != 0, q / np.where(p != 0, p, 1.0), 0.0)
    enter = np.max(np.where(p < 0, t, 0.0), axis=2, initial=0.0)
    leave = np.min(np.where(p > 0, t, 1.0), axis=2, initial=1.0)
    parallel_outside = np.any((p == 0) & (q < 0), axis=2)
    crossing = (enter <= leave) & ~parallel_outside
    own = np.zeros_like(crossing)
    own[a, np.arange(len(edges))] = True
    own[b, np.arange(len(edges))] = True
    crossing &= ~own
    if not crossing.any():
        return dict(pos)
    length = np.hypot(delta[:, 0], delta[:, 1])
    length[length == 0] = 1.0
    normal = np.stack([-delta[:, 1], delta[:, 0]], axis=1) / length[:, None]  # (m, 2)
    side = np.einsum("nmk,mk->nm", xy[:, None, :] - p1[None], normal)
    flip = np.where(side < 0, -1.0, 1.0)
    reach = half[:, None, 0] * np.abs(normal[None, :, 0]) + half[:, None, 1] * np.abs(
        normal[None, :, 1])
    shift = np.where(crossing, reach - np.abs(side) + 1e-3, 0.0)
    worst = np.argmax(shift, axis=1)  # each box moves off the tie that cuts deepest
    rows = np.arange(len(nodes))
    xy += (shift[rows, worst] * flip[rows, worst])[:, None] * normal[worst]
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy, strict=True)}


def overlaps(pos: dict, sizes: dict) -> list[tuple]:
    """Pairs of boxes that overlap (for tests and checks)."""
    nodes = sorted(pos, key=str)
    out = []
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            if (abs(pos[a][0] - pos[b][0]) < (sizes[a][0] + sizes[b][0]) / 2 and
                    abs(pos[a][1] - pos[b][1]) < (sizes[a][1] + sizes[b][1]) / 2):
                out.append((a, b))
    return out


# ---- drawing ------------------------------------------------------------------------------
def draw_network(graph: nx.Graph, figures: NetworkFigures, names: bool = False,
                 colours: list[int] | None = None) -> Figure:
    """The picture of one network as a matplotlib Figure (not yet saved); ``names`` says
    that the labels are names, not functions (the legend says which); ``colours`` numbers
    the clusters' colours (see :func:`cluster_colours`; default: in order of size)."""
    colours = colours or list(range(len(figures.communities)))
    label = nx.get_node_attributes(graph, "label")
    by_label = {v: k for k, v in label.items()}
    community = {by_label[name]: i for i, group in enumerate(figures.communities)
                 for name in group}
    sizes = {n: box_size(label[n]) for n in graph}
    pos = layout(graph, community, sizes)
    isolates = [by_label[name] for name in figures.isolates]
    width = max([x + sizes[n][0] / 2 for n, (x, _) in pos.items()] + [7.0])
    bottom = min([y - sizes[n][1] / 2 for n, (_, y) in pos.items()] + [0.0])
    top = max([y + sizes[n][1] / 2 for n, (_, y) in pos.items()] + [0.0])
    # the isolates: a row (or rows) under a thin rule, as wide as the network
    rows_y = bottom - 0.75
    x, row_h, iso_pos = 0.0, 0.0, {}
    for n in isolates:
        w, h = sizes[n]
        if x and x + w > width:
            x, rows_y = 0.0, rows_y - row_h - GAP * 2
        iso_pos[n] = (x + w / 2, rows_y - h / 2)
        x += w + GAP * 2
        row_h = max(row_h, h)
    low = min([y - sizes[n][1] / 2 for n, (_, y) in iso_pos.items()] + [bottom])
    legend_h = 0.3 + 0.22 * (1 + math.ceil(_legend_entries(figures) / 4))
    margin, head = 0.45, 0.95
    fig_w = width + 2 * margin
    fig_h = (top - low) + head + legend_h + 2 * margin
    fig = Figure(figsize=(fig_w, fig_h), dpi=110)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-margin, width + margin)
    ax.set_ylim(low - legend_h - margin, top + head + margin)
    ax.set_axis_off()
    everything = {**pos, **iso_pos}

    chain = [by_label[name] for name in figures.chain]
    for a, b in itertools.pairwise(chain):
        (x1, y1), (x2, y2) = everything[a], everything[b]
        ax.add_line(Line2D([x1, x2], [y1, y2], lw=11, color="#d9d9d9", solid_capstyle="round",
                           zorder=1))
    for a, b, level in sorted(graph.edges(data="level"), key=lambda e: (-e[2], str(e[0]),
                                                                         str(e[1]))):
        style, lw, color = EDGE_STYLE[min(level, 4)]
        (x1, y1), (x2, y2) = everything[a], everything[b]
        ax.add_line(Line2D([x1, x2], [y1, y2], lw=lw, ls=style, color=color, zorder=2))
    rank = {by_label[b.name]: i + 1 for i, b in enumerate(figures.brokers)}
    for n, (cx, cy) in everything.items():
        group = community.get(n)
        _box(ax, label[n], cx, cy, sizes[n], None if group is None else colours[group],
             rank.get(n), graph.nodes[n]["responded"])
    if isolates:
        ax.add_line(Line2D([0, width], [bottom - 0.3, bottom - 0.3], lw=0.6, color="#999999",
                           zorder=1))
        ax.text(0, bottom - 0.38, f"Uten kontakt {THRESHOLD_TEXT[figures.threshold]} "
                f"({len(isolates)}):", fontsize=FONT_SIZE, va="top", color="#444444")
    _title(ax, figures, top + head + margin * 0.3)
    _legend(fig, figures, names, colours)
    return fig


def _box(ax, text: str, cx: float, cy: float, size: tuple[float, float],
         community: int | None, rank: int | None, responded: bool) -> None:
    w, h = size
    fill = "#ffffff" if community is None else PALETTE[community] if community < len(
        PALETTE) else OTHER
    ax.add_patch(FancyBboxPatch(
        (cx - w / 2, cy - h / 2), w, h, boxstyle="round,pad=0,rounding_size=0.06",
        facecolor=fill, edgecolor="#000000" if rank else "#3a3a3a",
        linewidth=3.2 if rank else 0.9, linestyle="-" if responded else (0, (3, 2)),
        zorder=3))
    ax.text(cx, cy, "\n".join(_lines(text)), ha="center", va="center", fontsize=FONT_SIZE,
            linespacing=1.1, color="#ffffff" if fill in DARK_FILLS else "#000000", zorder=4)
    if rank:
        r = 0.12
        ax.add_patch(Circle((cx + w / 2, cy + h / 2), r, facecolor="#000000", zorder=5))
        ax.text(cx + w / 2, cy + h / 2, str(rank), ha="center", va="center",
                fontsize=FONT_SIZE - 1, color="#ffffff", fontweight="bold", zorder=6)


def _title(ax, f: NetworkFigures, y: float) -> None:
    ax.text(0, y, f"{f.municipality}: kontakt {THRESHOLD_TEXT[f.threshold]} om boligsosiale "
            "spørsmål", fontsize=13, fontweight="bold", va="top")
    facts = [f"{f.nodes} personer", f"{f.ties} bånd", f"tetthet {decimal(f.density)}",
             f"{count_word(len(f.communities))} "
             f"{'klynge' if len(f.communities) == 1 else 'klynger'}"]
    if f.diameter:
        facts.append(f"lengste kjede {f.diameter} ledd")
    facts.append(f"{len(f.isolates)} uten kontakt")
    ax.text(0, y - 0.33, " · ".join(facts), fontsize=10, va="top", color="#333333")


def _legend_entries(f: NetworkFigures) -> int:
    ties = sum(1 for level in (4, 3, 2) if level >= THRESHOLDS[f.threshold])
    clusters = min(len(f.communities), len(PALETTE) + 1)
    return clusters + 2 + ties + bool(f.diameter)


def _legend(fig: Figure, f: NetworkFigures, names: bool, colours: list[int]) -> None:
    clusters = sorted(zip(colours, map(len, f.communities), strict=True))
    handles: list[Artist] = [Patch(facecolor=PALETTE[k], edgecolor="#3a3a3a",
                                   label=f"Klynge {k + 1} ({n})")
                             for k, n in clusters if k < len(PALETTE)]
    rest = [n for k, n in clusters if k >= len(PALETTE)]
    if rest:  # beyond the palette, one grey for all
        handles.append(Patch(facecolor=OTHER, edgecolor="#3a3a3a",
                             label=f"{len(rest)} andre klynger ({sum(rest)})"))
    handles.append(Patch(facecolor="#ffffff", edgecolor="#000000", linewidth=3.2,
                         label="Brobygger (nr. etter betweenness)"))
    handles.append(Patch(facecolor="#ffffff", edgecolor="#3a3a3a", linestyle=(0, (3, 2)),
                         label="Svarte ikke selv"))
    cut = THRESHOLDS[f.threshold]
    for level, word in ((4, "Daglig"), (3, "Ukentlig"), (2, "Månedlig")):
        if level >= cut:
            style, lw, color = EDGE_STYLE[level]
            handles.append(Line2D([], [], ls=style, lw=lw, color=color, label=word))
    if f.diameter:
        handles.append(Line2D([], [], lw=9, color="#d9d9d9", label="Lengste kjede"))
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.01, 0.005),
               ncol=min(4, len(handles)), frameon=False, fontsize=FONT_SIZE,
               handlelength=2.6, columnspacing=1.4,
               title="Bånd: minst én av de to oppgir kontakt så ofte. Personene vises ved "
               f"{'navn' if names else 'funksjon'}.", title_fontsize=FONT_SIZE,
               alignment="left")
