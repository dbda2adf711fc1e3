"""The network analysis: figures equal networkx's on a graph built here independently, the
"either person" rule, non-respondents as nodes, edge lists, the political level, labels."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DEMO, write_delimited
from fritekst import analyze_network, network_json, read_contacts
from fritekst.errors import ColumnError, InputError
from fritekst.extract.network import ContactData, municipality_from_file
from fritekst.summarize.network import THRESHOLDS, build_graph, label_people

Q = "Hvor ofte har du kontakt med disse personene om boligsosiale spørsmål?"
POL = "Hvilken kontakt har du med det politiske nivået?"
FUNCTION = "Hvilken funksjon har du i det boligsosiale nettverket?"
WORDS = {"Daglig": 4, "Ukentlig": 3, "Månedlig": 2, "Sjeldnere": 1, "Aldri": 0,
         "Dagleg": 4, "Vekentleg": 3, "Månadleg": 2, "Sjeldnare": 1}


def matrix(path, members: dict[str, str], rows: list[tuple[str, str, dict[str, str]]],
           political: dict[str, list[str]] | None = None, **kw):
    """A Questback contact matrix: members {name: function}, rows (name, function,
    {member: cell}), political {item: one answer per row}."""
    political = political or {}
    header = ["Navn", FUNCTION, *(f"{POL} - {item}" for item in political),
              *(f"{Q} - {m} ({f})" for m, f in members.items())]
    body = []
    for i, (name, function, cells) in enumerate(rows):
        body.append([name, function, *(answers[i] for answers in political.values()),
                     *(cells.get(m, "") for m in members)])
    return write_delimited(path, header, body, **kw)


# ---- the figures ----------------------------------------------------------------------------
def _independent_graph(path, cut: int) -> nx.Graph:
    """The graph as the tie rule says it, built from the CSV with the csv module alone."""
    with open(path, encoding="cp1252", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header, body = rows[0], rows[1:]
    members = {j: h.rsplit(" - ", 1)[1].rsplit(" (", 1)[0] for j, h in enumerate(header)
               if h.startswith("Hvor ofte") or h.startswith("Kor ofte")}
    graph = nx.Graph()
    graph.add_nodes_from(n.casefold() for n in members.values())
    graph.add_nodes_from(r[0].casefold() for r in body)
    best: dict[frozenset, int] = {}
    for r in body:
        for j, other in members.items():
            if r[j] and other != r[0]:
                pair = frozenset({r[0].casefold(), other.casefold()})
                best[pair] = max(best.get(pair, 0), WORDS[r[j]])
    graph.add_edges_from(tuple(p) for p, level in best.items() if level >= cut)
    return graph


@pytest.mark.parametrize("name", ["alta", "stord"])
def test_figures_equal_networkx_on_the_same_graph(name):
    path = DEMO / f"nettverk_{name}.csv"
    analysis = analyze_network([path], list(THRESHOLDS))
    label = dict(zip(analysis.people["key"], analysis.people["label"], strict=True))
    for f in analysis.networks:
        g = _independent_graph(path, THRESHOLDS[f.threshold])
        assert (f.nodes, f.ties) == (g.number_of_nodes(), g.number_of_edges())
        assert f.density == pytest.approx(nx.density(g))
        assert f.components == nx.number_connected_components(g)
        assert sorted(f.isolates) == sorted(label[n] for n in nx.isolates(g))
        core = g.subgraph([n for n in g if g.degree(n)])
        expected = nx.community.greedy_modularity_communities(core)
        assert sorted(map(sorted, f.communities)) == sorted(
            sorted(label[n] for n in c) for c in expected)
        between = nx.betweenness_centrality(g)
        top = sorted(between.values(), reverse=True)[:3]
        assert [b.betweenness for b in f.brokers] == pytest.approx(top)
        assert all(b.betweenness == pytest.approx(between[_key(analysis, b.name)])
                   for b in f.brokers)
        biggest = max(nx.connected_components(g), key=len)
        assert f.diameter == nx.diameter(g.subgraph(biggest))
        assert len(f.chain) == f.diameter + 1
    weekly = next(f for f in analysis.networks if f.threshold == "ukentlig")
    assert 15 <= weekly.nodes <= 40 and weekly.respondents < weekly.nodes
    assert weekly.isolates and len(weekly.communities) >= 2
    assert weekly.brokers[0].function == "Tildeling"  # the demo's bridge person


def _key(analysis, label: str) -> str:
    people = analysis.people
    return people.loc[people["label"] == label, "key"].item()


def test_a_tie_exists_where_either_person_reports_it_that_often(tmp_path):
    members = {"Kari": "Tildeling", "Ola": "NAV", "Per": "NAV", "Liv": "Bygg"}
    path = matrix(tmp_path / "nettverk_volda.csv", members, [
        ("Kari", "Tildeling", {"Ola": "Daglig", "Per": "Sjeldnere", "Liv": "Aldri"}),
        ("Ola", "NAV", {"Kari": "Månedlig", "Per": "Ukentlig", "Liv": ""}),
        ("Per", "NAV", {"Kari": "", "Ola": "Aldri", "Liv": "Månedlig"}),
    ], encoding="cp1252", delimiter=";")
    data = read_contacts([path])
    ties = {t: {frozenset(e) for e in build_graph(data, "Volda", t).edges()}
            for t in THRESHOLDS}
    kari_ola, ola_per, per_liv = (frozenset(p) for p in
                                  (("kari", "ola"), ("ola", "per"), ("per", "liv")))
    # Kari says daily, Ola says monthly: the more frequent report counts
    assert ties["daglig"] == {kari_ola}
    # Ola says weekly, Per says never: one report is enough
    assert ties["ukentlig"] == {kari_ola, ola_per}
    assert ties["månedlig"] == {kari_ola, ola_per, per_liv}
    graph = build_graph(data, "Volda", "månedlig")
    assert graph.edges["kari", "ola"]["level"] == 4
    assert graph.edges["ola", "per"]["level"] == 3


def test_members_who_did_not_answer_are_nodes(tmp_path):
    members = {"Kari": "Tildeling", "Ola": "NAV", "Siri Lund": "Folkevalgt",
               "Nils": "Tjenester i hjemmet"}
    path = matrix(tmp_path / "nettverk_oppdal.csv", members, [
        ("Kari", "Tildeling", {"Ola": "Daglig", "Nils": "Ukentlig", "Siri Lund": "Aldri"}),
        ("Ola", "NAV", {"Kari": "Daglig", "Siri Lund": "Sjeldnere"}),
    ])
    analysis = analyze_network([path])
    people = analysis.people.set_index("key")
    assert len(people) == 4
    assert people.loc["nils", ["function", "responded"]].tolist() == [
        "Tjenester i hjemmet", False]
    f = analysis.networks[0]
    assert (f.municipality, f.nodes, f.respondents, f.ties) == ("Oppdal", 4, 2, 2)
    assert f.isolates == ["Folkevalgt"]  # function from the column header, name not shown
    assert f.sentences["nodes"] == ("Nettverket har 4 personer; 2 svarte på undersøkelsen, "
                                    "og to til er med fordi andre oppga kontakt med dem.")


def test_an_edge_list_gives_the_same_network_as_the_matrix(tmp_path):
    members = {"Kari": "Tildeling", "Ola": "NAV", "Per": "NAV", "Liv": "Bygg"}
    reports = [("Kari", "Tildeling", {"Ola": "Daglig", "Per": "Ukentlig", "Liv": "Aldri"}),
               ("Ola", "NAV", {"Kari": "Månedlig", "Per": "Ukentlig"}),
               ("Liv", "Bygg", {"Per": "Daglig", "Kari": "Sjeldnere"})]
    path = matrix(tmp_path / "m.csv", members, reports)
    edges = [[name, other, "Volda", function, members[other], cell]
             for name, function, cells in reports for other, cell in cells.items()]
    edge_path = write_delimited(tmp_path / "kanter.csv", ["fra", "til", "kommune",
                                "fra_funksjon", "til_funksjon", "hyppighet"], edges,
                                delimiter=";", encoding="utf-8", bom=True)
    by_matrix = analyze_network([path], list(THRESHOLDS))
    by_edges = analyze_network([edge_path], list(THRESHOLDS))
    for a, b in zip(by_matrix.networks, by_edges.networks, strict=True):
        assert b.municipality == "Volda"
        assert (a.ties, a.density, a.isolates, a.communities, a.diameter) == (
            b.ties, b.density, b.isolates, b.communities, b.diameter)
    # without functions, people are numbered, not named
    plain = write_delimited(tmp_path / "plain.csv", ["fra", "til", "hyppighet"],
                            [["Kari", "Ola", "Daglig"], ["Ola", "Per", "Ukentlig"]])
    f = analyze_network([plain]).networks[0]
    assert (f.municipality, f.nodes, f.ties) == ("Plain", 3, 2)
    assert f.brokers[0].name == "Ukjent funksjon 2"


def test_political_level_is_tabulated_by_function(tmp_path):
    members = {"Kari": "Tildeling", "Ola": "NAV", "Per": "NAV"}
    path = matrix(tmp_path / "nettverk_rissa.csv", members, [
        ("Kari", "Tildeling", {"Ola": "Daglig"}),
        ("Ola", "NAV", {"Kari": "Daglig"}),
        ("Per", "NAV", {"Ola": "Ukentlig"}),
    ], political={"Jeg får informasjon": ["Månedlig", "Aldri", "Ukentlig"],
                  "Politisk diskusjon": ["Sjeldnere", "Aldri", ""]})
    analysis = analyze_network([path])
    p = analysis.political.set_index(["function", "question"])
    assert p.loc[("NAV", "Jeg får informasjon"), ["respondents", "with_contact", "Ukentlig",
                                                  "Aldri"]].tolist() == [2, 1, 1, 1]
    assert p.loc[("NAV", "Politisk diskusjon"), ["respondents", "with_contact"]].tolist() == [
        1, 0]
    assert p.loc[("Tildeling", "Politisk diskusjon"), "with_contact"] == 1
    # the political questions are not members of the network
    assert analysis.networks[0].nodes == 3


def test_people_are_labelled_by_function_and_named_only_when_asked(tmp_path):
    members = {"Kari": "Tildeling", "Ola": "Tildeling", "Per": "NAV"}
    path = matrix(tmp_path / "nettverk_volda.csv", members, [
        ("Kari", "Tildeling", {"Ola": "Daglig", "Per": "Daglig"}),
        ("Ola", "Tildeling", {"Kari": "Daglig"}),
    ])
    shown = network_json(analyze_network([path]))
    assert "Kari" not in str(shown) and "Ola" not in str(shown)
    assert shown["networks"][0]["brokers"] == [
        {"name": "Tildeling 1", "function": "Tildeling", "betweenness": 1.0}]
    named = network_json(analyze_network([path], names=True))
    assert named["networks"][0]["brokers"][0]["name"] == "Kari"


def test_json_has_the_documented_shape():
    shown = network_json(analyze_network([DEMO / "nettverk_sunndal.csv"],
                                         ["daglig", "ukentlig"]))
    assert list(shown) == ["networks"] and len(shown["networks"]) == 2
    for n in shown["networks"]:
        assert list(n) == ["municipality", "threshold", "nodes", "ties", "density",
                           "components", "isolates", "communities", "brokers", "diameter"]
        assert n["municipality"] == "Sunndal" and isinstance(n["nodes"], int)
        assert all(isinstance(name, str) for c in n["communities"] for name in c)
        assert [list(b) for b in n["brokers"]] == [["name", "function", "betweenness"]] * len(
            n["brokers"])


def test_sentences_say_what_the_figures_show(tmp_path):
    # two triangles, each joined to Kari in allocation by two people; Liv has no weekly
    # contact
    members = {"Kari": "Tildeling", "A": "NAV", "B": "NAV", "C": "NAV", "D": "Bygg",
               "E": "Bygg", "F": "Bygg", "Liv": "Folkevalgt"}
    daily = {"A": {"B": "Daglig", "C": "Daglig", "Kari": "Ukentlig"},
             "B": {"C": "Daglig", "Kari": "Ukentlig"},
             "D": {"E": "Daglig", "F": "Daglig", "Kari": "Ukentlig"},
             "E": {"F": "Daglig", "Kari": "Ukentlig"}, "Liv": {"Kari": "Månedlig"}}
    path = matrix(tmp_path / "nettverk_volda.csv", members,
                  [(m, members[m], cells) for m, cells in daily.items()])
    analysis = analyze_network([path])
    f, graph = analysis.networks[0], analysis.graphs["Volda", "ukentlig"]
    core = graph.subgraph([n for n in graph if graph.degree(n)])
    q = nx.community.modularity(core, nx.community.greedy_modularity_communities(core))
    s = f.sentences
    assert s["communities"] == (f"Nettverket består av to klynger (modularitet "
                                f"{q:.2f}); Tildeling bygger bro mellom dem.".replace(".", ",", 1))
    assert s["isolates"] == ("Én person har ingen kontakt minst ukentlig med noen i "
                             "nettverket: Folkevalgt.")
    assert s["components"] == ("Nettverket henger sammen i én del på 7 personer, og én står "
                               "utenfor.")
    assert s["ties"].startswith("Det er ti bånd med kontakt minst ukentlig, seks av dem "
                                "daglige; et bånd teller når minst én av de to oppgir")
    assert s["diameter"].startswith("Den lengste kjeden i den største sammenhengende delen er "
                                    "4 ledd (")
    assert f.brokers[0].name == "Tildeling" and f.bridges == ["Tildeling"]


# ---- reading ----------------------------------------------------------------------------------
def test_nynorsk_cells_xlsx_and_a_municipality_column(tmp_path):
    from conftest import write_xlsx

    header = ["Navn", "Kommune", "Funksjon", f"{Q} - Kari (Tildeling)", f"{Q} - Ola (NAV)"]
    path = write_xlsx(tmp_path / "alle.xlsx", [header,
                      ["Kari", "Stord", "Tildeling", None, "Dagleg"],
                      ["Ola", "Stord", "NAV", "Vekentleg", None],
                      ["Kari", "Sunndal", "Tildeling", None, "Månadleg"]])
    analysis = analyze_network([path], ["daglig", "månedlig"])
    got = {(f.municipality, f.threshold): f.ties for f in analysis.networks}
    assert got == {("Stord", "daglig"): 1, ("Stord", "månedlig"): 1,
                   ("Sunndal", "daglig"): 0, ("Sunndal", "månedlig"): 1}


def test_an_unknown_cell_names_file_row_and_column(tmp_path):
    path = matrix(tmp_path / "n.csv", {"Kari": "Tildeling", "Ola": "NAV"}, [
        ("Kari", "Tildeling", {"Ola": "Daglig"}),
        ("Ola", "NAV", {"Kari": "Av og til"}),
    ])
    with pytest.raises(InputError) as exc:
        read_contacts([path])
    assert str(exc.value) == (
        f"{path}, row 3, column C ('Kari (Tildeling)'): 'Av og til' is not a contact "
        "frequency; use one of Daglig, Ukentlig, Månedlig, Sjeldnere, Aldri or leave it empty.")


def test_a_missing_function_column_is_named(tmp_path):
    path = write_delimited(tmp_path / "n.csv", ["Navn", f"{Q} - Kari"], [["Ola", "Daglig"]])
    with pytest.raises(ColumnError) as exc:
        read_contacts([path])
    assert str(exc.value).startswith(f"{path}: no function column (a header with 'funksjon' "
                                     "or 'rolle')")


def test_municipality_from_the_file_name():
    from pathlib import Path

    assert municipality_from_file(Path("nettverk_levanger.csv")) == "Levanger"
    assert municipality_from_file(Path("Kontakter-Nærøy 2016.xlsx")) == "Nærøy"
    assert municipality_from_file(Path("Indre Fosen_nettverk.csv")) == "Indre Fosen"


# ---- a property -------------------------------------------------------------------------------
_PEOPLE = ["a", "b", "c", "d", "e"]
_reports = st.lists(st.tuples(st.sampled_from(_PEOPLE), st.sampled_from(_PEOPLE),
                              st.integers(0, 4)), max_size=25)


@settings(max_examples=40)
@given(_reports)
def test_stricter_thresholds_keep_a_subset_of_the_ties(reports):
    import pandas as pd

    people = pd.DataFrame({"municipality": "X", "key": _PEOPLE, "name": _PEOPLE,
                           "function": "NAV", "responded": True, "source": "x"})
    rows = [dict(municipality="X", reporter=a, other=b, level=lv, source="x", row=1, column="c")
            for a, b, lv in reports if a != b]
    data = ContactData(people, pd.DataFrame(rows, columns=["municipality", "reporter", "other",
                                                           "level", "source", "row", "column"]),
                       pd.DataFrame())
    people = label_people(people)
    graphs = {t: build_graph(data, "X", t, people) for t in THRESHOLDS}
    edges = {t: {frozenset(e) for e in g.edges()} for t, g in graphs.items()}
    assert edges["daglig"] <= edges["ukentlig"] <= edges["månedlig"]
    for t, cut in THRESHOLDS.items():  # a tie iff either person's report reaches the cut
        expected = {frozenset((a, b)) for a, b, lv in reports if a != b and lv >= cut}
        assert edges[t] == expected
    assert all(len(g) == 5 for g in graphs.values())  # everyone is a node, tie or not


def test_reading_is_robust_like_the_survey_readers(tmp_path):
    # cp1252 with ';' and a title line above the header, as Norwegian Excel saves it
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(["Kontaktundersøkelse Ørland 2016"])
    w.writerow(["Navn", "Funksjon", f"{Q} - Kari (Tildeling)", f"{Q} - Øyvind (NAV)"])
    w.writerow(["Kari", "Tildeling", "", "Ukentlig"])
    path = tmp_path / "nettverk_ørland.csv"
    path.write_bytes(buf.getvalue().encode("cp1252"))
    analysis = analyze_network([path])
    f = analysis.networks[0]
    assert (f.municipality, f.nodes, f.ties) == ("Ørland", 2, 1)
    assert any("read as a title" in n for n in analysis.notes)


def test_a_matrix_question_over_two_header_rows(tmp_path):
    from conftest import write_xlsx

    # Questback puts the question over its members in a merged cell, the members below
    path = write_xlsx(tmp_path / "nettverk_rissa.xlsx", [
        ["Navn", "Funksjon", Q, None, None],
        [None, None, "Kari (Tildeling)", "Ola (NAV)", "Per (NAV)"],
        ["Kari", "Tildeling", None, "Daglig", "Aldri"],
        ["Ola", "NAV", "Ukentlig", None, "Ukentlig"]], merges=["C1:E1"])
    f = analyze_network([path]).networks[0]
    assert (f.municipality, f.nodes, f.ties, f.isolates) == ("Rissa", 3, 2, [])


def test_a_network_without_ties_says_so(tmp_path):
    path = write_delimited(tmp_path / "nettverk_bjugn.csv", ["fra", "til", "hyppighet"],
                           [["Kari", "Ola", "Sjeldnere"], ["Per", "Kari", "Aldri"]])
    f = analyze_network([path]).networks[0]
    assert (f.ties, f.components, f.communities, f.brokers, f.diameter) == (0, 3, [], [], None)
    assert f.sentences["ties"].startswith("Det er ingen bånd med kontakt minst ukentlig;")
    assert f.sentences["components"] == ("Ingen har kontakt minst ukentlig: alle står hver "
                                         "for seg.")
    assert network_json(analyze_network([path]))["networks"][0]["density"] == 0.0
