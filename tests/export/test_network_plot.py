"""The network pictures: the same data gives the same SVG, no two labels overlap at 40
people, isolates stand apart, and one picture per municipality and threshold."""

from __future__ import annotations

import networkx as nx

from conftest import DEMO, write_delimited
from fritekst import analyze_network, draw_network, write_network_pictures
from fritekst.export.network_plot import PALETTE, box_size, layout, overlaps, save_figure


def _small(tmp_path, municipalities=("Volda",)):
    """Two pairs joined by a bridge person, and one person without weekly contact."""
    rows = []
    for m in municipalities:
        rows += [["Kari", "Ola", "Daglig", m, "Tildeling", "NAV"],
                 ["Ola", "Per", "Daglig", m, "NAV", "NAV"],
                 ["Kari", "Liv", "Ukentlig", m, "Tildeling", "Bygg og eiendom"],
                 ["Liv", "Eva", "Daglig", m, "Bygg og eiendom", "Bygg og eiendom"],
                 ["Eva", "Siri", "Sjeldnere", m, "Bygg og eiendom", "Folkevalgt"]]
    return write_delimited(tmp_path / "kanter.csv", ["fra", "til", "hyppighet", "kommune",
                           "fra_funksjon", "til_funksjon"], rows)


def _placed(analysis, figures):
    graph = analysis.graphs[figures.municipality, figures.threshold]
    label = nx.get_node_attributes(graph, "label")
    key = {v: k for k, v in label.items()}
    community = {key[name]: i for i, c in enumerate(figures.communities) for name in c}
    sizes = {n: box_size(label[n]) for n in graph}
    return graph, sizes, layout(graph, community, sizes)


def test_no_two_boxes_overlap_at_40_people():
    analysis = analyze_network([DEMO / "nettverk_alta.csv"])
    for figures in analysis.networks:
        assert figures.nodes == 40
        graph, sizes, pos = _placed(analysis, figures)
        # every person with a tie is placed; the isolates are left for the row at the bottom
        assert set(pos) == {n for n in graph if graph.degree(n)}
        assert overlaps(pos, sizes) == []
        # a box holds its label: wider for a longer label
        assert box_size("Tjenester i hjemmet 3")[0] > box_size("NAV 3")[0]


def test_the_same_data_gives_the_same_svg(tmp_path):
    analysis = analyze_network([_small(tmp_path)])
    figures = analysis.networks[0]
    graph = analysis.graphs[figures.municipality, figures.threshold]
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    save_figure(draw_network(graph, figures), first)
    save_figure(draw_network(graph, figures), second)
    assert first.read_bytes() == second.read_bytes()
    svg = (tmp_path / "a.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    assert PALETTE[0].lower() in svg.lower()  # the first cluster's colour


def test_the_isolates_stand_in_a_row_under_the_network(tmp_path):
    analysis = analyze_network([_small(tmp_path)])
    figures = analysis.networks[0]
    assert figures.isolates
    fig = draw_network(analysis.graphs[figures.municipality, figures.threshold], figures)
    ax = fig.axes[0]
    y = {t.get_text().replace("\n", " "): t.get_position()[1] for t in ax.texts}
    placed = {name for c in figures.communities for name in c}
    lowest_in_network = min(v for k, v in y.items() if k in placed)
    assert all(y[name] < lowest_in_network for name in figures.isolates)
    assert any(k.startswith("Uten kontakt minst ukentlig") for k in y)


def test_one_picture_per_municipality_and_threshold(tmp_path):
    analysis = analyze_network([_small(tmp_path, ("Ørland", "Nærøy"))], ["daglig"])
    pictures = tmp_path / "bilder"
    pictures.mkdir()
    written = write_network_pictures(analysis, pictures, formats=("svg",))  # PNG: CLI test
    assert sorted(p.name for p in written) == ["nettverk_naeroy_daglig.svg",
                                               "nettverk_orland_daglig.svg"]
    assert all(p.stat().st_size > 5_000 for p in written)
    assert sorted(pictures.iterdir()) == sorted(written)  # no temporary files left


def test_a_group_keeps_its_colour_from_threshold_to_threshold():
    from fritekst.export.network_plot import cluster_colours

    analysis = analyze_network([DEMO / "nettverk_levanger.csv"], ["daglig", "ukentlig"])
    colours = cluster_colours(analysis)
    daily, weekly = analysis.networks
    assert colours["Levanger", "ukentlig"] == list(range(len(weekly.communities)))
    by_colour = dict(zip(colours["Levanger", "ukentlig"], weekly.communities, strict=True))
    for k, group in zip(colours["Levanger", "daglig"], daily.communities, strict=True):
        assert len(set(colours["Levanger", "daglig"])) == len(daily.communities)
        if k in by_colour:  # the same colour: a group that shares people with the weekly one
            assert set(group) & set(by_colour[k])
        else:  # a new colour, not one a weekly cluster has
            assert k >= len(weekly.communities)
    # Tildeling 1's cluster has the same colour in both pictures
    which = {t: next(k for k, c in zip(colours["Levanger", t], f.communities, strict=True)
                     if "Tildeling 1" in c) for t, f in (("daglig", daily), ("ukentlig", weekly))}
    assert which["daglig"] == which["ukentlig"]


def test_many_small_parts_go_on_rows_without_overlapping(tmp_path):
    from fritekst.export.network_plot import MAX_WIDTH

    rows = [[f"A{i}", f"B{i}", "Daglig", "Tildeling", "Tjenester i hjemmet"] for i in range(14)]
    path = write_delimited(tmp_path / "nettverk_oppdal.csv", ["fra", "til", "hyppighet",
                           "fra_funksjon", "til_funksjon"], rows)
    analysis = analyze_network([path])
    _, sizes, pos = _placed(analysis, analysis.networks[0])
    assert len(pos) == 28 and overlaps(pos, sizes) == []
    right = max(x + sizes[n][0] / 2 for n, (x, _) in pos.items())
    assert right <= MAX_WIDTH
    assert len({round(y, 3) for _, y in pos.values()}) >= 3  # three rows or more
