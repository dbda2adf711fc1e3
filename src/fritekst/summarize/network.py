"""The network analysis: who talks to whom, per municipality and threshold, with networkx.

A tie at a threshold ("minst ukentlig") exists where either of the two people reports
contact that often or more; its strength is the more frequent of the two reports. Members
who did not answer are nodes like everyone else (their ties come from others' reports).

People are shown by function ("Tildeling 1", "Tildeling 2"); names are personal data and
appear only when asked for (``names=True``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd

from fritekst.errors import SettingsError
from fritekst.extract.network import FREQUENCIES, ContactData, read_contacts
from fritekst.summarize.tables import round_half_up

THRESHOLDS = {"daglig": 4, "ukentlig": 3, "månedlig": 2}
# how a threshold reads in a sentence: "kontakt minst ukentlig"
THRESHOLD_TEXT = {"daglig": "daglig", "ukentlig": "minst ukentlig", "månedlig": "minst månedlig"}
LEVEL_NAMES = {level: word for word, level in FREQUENCIES.items()}
TIE_RULE = ("Et bånd finnes når minst én av de to oppgir kontakt så ofte eller oftere; "
            "båndets hyppighet er den høyeste av de to svarene.")
UNKNOWN_FUNCTION = "Ukjent funksjon"
BROKERS = 3


@dataclass
class Broker:
    """A bridge-builder: high betweenness centrality (normalised, as networkx gives it)."""

    name: str
    function: str
    betweenness: float


@dataclass
class NetworkFigures:
    """The figures of one municipality's network at one threshold, with people by label."""

    municipality: str
    threshold: str
    nodes: int
    respondents: int
    ties: int
    daily_ties: int
    density: float
    components: int  # connected components, an isolate counting as one
    isolates: list[str]
    communities: list[list[str]]  # greedy modularity, among the people with ties
    modularity: float | None
    brokers: list[Broker]
    # brokers with ties into at least two communities and at least half the top broker's
    # betweenness (the neighbour across a bridge has ties into two communities as well)
    bridges: list[str]
    diameter: int | None  # the longest shortest path, within the largest component
    chain: list[str]  # one such path, end to end
    largest_component: int
    sentences: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        """The figures in the documented ``--json`` shape."""
        return {
            "municipality": self.municipality, "threshold": self.threshold,
            "nodes": self.nodes, "ties": self.ties, "density": round(self.density, 4),
            "components": self.components, "isolates": self.isolates,
            "communities": self.communities,
            "brokers": [{"name": b.name, "function": b.function,
                         "betweenness": round(b.betweenness, 4)} for b in self.brokers],
            "diameter": self.diameter,
        }


@dataclass
class NetworkAnalysis:
    """Every municipality × threshold network, the graphs behind them, the people, and the
    political-level answers tabulated by function."""

    networks: list[NetworkFigures]
    graphs: dict[tuple[str, str], nx.Graph]
    people: pd.DataFrame  # municipality, key, label, name, function, responded
    political: pd.DataFrame  # municipality, function, question, respondents, with_contact
    notes: list[str]
    names: bool = False


def analyze_network(source: Sequence[str | Path] | ContactData,
                    thresholds: Sequence[str] = ("ukentlig",), *,
                    names: bool = False) -> NetworkAnalysis:
    """Read network files (or take read :class:`ContactData`) and compute the figures per
    municipality and threshold. ``names=True`` labels people by name instead of function."""
    for t in thresholds:
        if t not in THRESHOLDS:
            raise SettingsError(f"unknown threshold '{t}'; use one of {', '.join(THRESHOLDS)}.")
    data = source if isinstance(source, ContactData) else read_contacts(list(source))
    people = label_people(data.people, names=names)
    networks, graphs = [], {}
    for municipality in dict.fromkeys(people["municipality"]):
        for threshold in thresholds:
            graph = build_graph(data, municipality, threshold, people)
            graphs[municipality, threshold] = graph
            networks.append(network_figures(graph, municipality, threshold))
    return NetworkAnalysis(networks, graphs, people, political_table(data), data.notes, names)


def label_people(people: pd.DataFrame, *, names: bool = False) -> pd.DataFrame:
    """Add a ``label`` per person: the function, numbered where several share it
    ("Tildeling 1", "Tildeling 2"), or the name with ``names=True``. Respondents are
    numbered first, in the order of their rows, then members who did not answer, in the
    order of their columns: the same data gives the same labels."""
    out = people.copy()
    out["function"] = out["function"].where(out["function"].str.strip() != "",
                                            UNKNOWN_FUNCTION)
    if names:
        out["label"] = out["name"]
        return out
    labels = []
    for (_, function), group in out.groupby(["municipality", "function"], sort=False):
        if len(group) == 1:
            labels.append(pd.Series([function], index=group.index))
        else:
            labels.append(pd.Series([f"{function} {i}" for i in range(1, len(group) + 1)],
                                    index=group.index))
    out["label"] = pd.concat(labels).sort_index() if labels else pd.Series(dtype=str)
    return out


def build_graph(data: ContactData, municipality: str, threshold: str,
                people: pd.DataFrame | None = None) -> nx.Graph:
    """The undirected graph of one municipality at a threshold. Nodes are people's keys
    (attributes ``label``, ``function``, ``responded``); an edge has ``level``, the more
    frequent of the two reports, which is at least the threshold's."""
    people = label_people(data.people) if people is None else people
    here = people[people["municipality"] == municipality]
    graph = nx.Graph()
    for p in here.sort_values("label", kind="stable").itertuples(index=False):
        graph.add_node(p.key, label=p.label, function=p.function, responded=bool(p.responded))
    reports = data.reports[data.reports["municipality"] == municipality]
    strongest: dict[tuple[str, str], int] = {}
    for r in reports.itertuples(index=False):
        pair = (min(r.reporter, r.other), max(r.reporter, r.other))
        strongest[pair] = max(strongest.get(pair, 0), int(r.level))
    cut = THRESHOLDS[threshold]
    for (a, b), level in sorted(strongest.items()):
        if level >= cut:
            graph.add_edge(a, b, level=level)
    return graph


def network_figures(graph: nx.Graph, municipality: str, threshold: str) -> NetworkFigures:
    """Nodes, ties, density, components, isolates, communities, brokers and the diameter of
    one graph, and a Norwegian sentence for each."""
    label = nx.get_node_attributes(graph, "label")
    isolates = sorted(nx.isolates(graph), key=label.get)
    core = graph.subgraph([n for n in graph if graph.degree(n) > 0])
    communities: list[list[str]] = []
    modularity = None
    if core.number_of_edges():
        found = nx.community.greedy_modularity_communities(core)
        modularity = nx.community.modularity(core, found)
        communities = sorted((sorted(c, key=label.get) for c in found),
                             key=lambda c: (-len(c), label[c[0]]))
    between = nx.betweenness_centrality(graph)
    ranked = sorted((n for n in graph if between[n] > 0), key=lambda n: (-between[n], label[n]))
    brokers = [Broker(label[n], graph.nodes[n]["function"], between[n])
               for n in ranked[:BROKERS]]
    member = {n: i for i, c in enumerate(communities) for n in c}
    bridges = [label[n] for n in ranked[:BROKERS]
               if len({member[m] for m in graph[n]} | {member[n]}) >= 2
               and between[n] >= between[ranked[0]] / 2]
    diameter, chain, largest = None, [], 0
    if graph.number_of_nodes():
        biggest = min(nx.connected_components(graph),
                      key=lambda c: (-len(c), min(label[n] for n in c)))
        largest = len(biggest)
        if largest > 1:
            sub = graph.subgraph(biggest)
            diameter = nx.diameter(sub)
            chain = [label[n] for n in _longest_path(sub, diameter)]
    figures = NetworkFigures(
        municipality=municipality, threshold=threshold, nodes=graph.number_of_nodes(),
        respondents=sum(1 for _, r in graph.nodes(data="responded") if r),
        ties=graph.number_of_edges(),
        daily_ties=sum(1 for *_, lv in graph.edges(data="level") if lv >= THRESHOLDS["daglig"]),
        density=float(nx.density(graph)) if graph.number_of_nodes() > 1 else 0.0,
        components=nx.number_connected_components(graph),
        isolates=[label[n] for n in isolates],
        communities=[[label[n] for n in c] for c in communities], modularity=modularity,
        brokers=brokers, bridges=bridges, diameter=diameter, chain=chain,
        largest_component=largest)
    figures.sentences = sentences(figures)
    return figures


def _longest_path(graph: nx.Graph, length: int) -> list:
    """One shortest path of the given length: from the first node (by label) with such an
    eccentricity to the first node (by label) that far from it."""
    label = nx.get_node_attributes(graph, "label")
    for start in sorted(graph, key=label.get):
        far = nx.single_source_shortest_path_length(graph, start)
        ends = sorted((n for n, d in far.items() if d == length), key=label.get)
        if ends:
            return nx.shortest_path(graph, start, ends[0])
    return []


# ---- the sentences ------------------------------------------------------------------------
_COUNT = {1: "én", 2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks", 7: "sju", 8: "åtte",
          9: "ni", 10: "ti", 11: "elleve", 12: "tolv"}


def count_word(n: int, neuter: bool = False, nynorsk: bool = False) -> str:
    """A count as Norwegian text writes it: "ingen", "én" ("éin" in Nynorsk), "ett"/"eitt"
    (neuter), "to" … "tolv", then digits."""
    if n == 0:
        return "ingen"
    if n == 1:
        return ("eitt" if neuter else "éin") if nynorsk else ("ett" if neuter else "én")
    return _COUNT.get(n, str(n))


def decimal(x: float, places: int = 2) -> str:
    """A number with a decimal comma, rounded half up as reports do: 0.175 → "0,18"."""
    return f"{round_half_up(x, places):.{places}f}".replace(".", ",")


def joined(items: Sequence[str]) -> str:
    """"A", "A og B", "A, B og C"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _in_function(function: str) -> str:
    """"i tildeling", "i NAV": a function after "i", in lower case unless an acronym."""
    return function if function.isupper() else function[:1].lower() + function[1:]


THRESHOLD_TEXT_NN = {"daglig": "dagleg", "ukentlig": "minst kvar veke",
                     "månedlig": "minst kvar månad"}


def sentences(f: NetworkFigures, nynorsk: bool = False) -> dict[str, str]:
    """One sentence per figure, keyed like the figures, in Bokmål or Nynorsk."""
    def say(nb: str, nn: str) -> str:
        return nn if nynorsk else nb

    def count(n: int, neuter: bool = False) -> str:
        return count_word(n, neuter, nynorsk)

    how = (THRESHOLD_TEXT_NN if nynorsk else THRESHOLD_TEXT)[f.threshold]
    people = say("personer", "personar")
    out = {}
    silent = f.nodes - f.respondents
    survey = say("undersøkelsen", "undersøkinga")
    out["nodes"] = (f"Nettverket har {f.nodes} {people}; alle svarte på {survey}."
                    if not silent else
                    f"Nettverket har {f.nodes} {people}; {f.respondents} svarte på {survey}, "
                    f"og {count(silent)} til er med fordi andre "
                    + say("oppga kontakt med dem.", "oppgav kontakt med dei."))
    daily = ("" if f.threshold == "daglig" or not f.ties else
             f", {count(f.daily_ties, neuter=True)} " + say("av dem daglige", "av dei daglege"))
    out["ties"] = (f"Det er {count(f.ties, neuter=True)} {say('bånd', 'band')} med kontakt "
                   f"{how}{daily}; " + say("et bånd teller når minst én av de to oppgir "
                                           "kontakt så ofte.",
                                           "eit band tel når minst éin av dei to oppgir "
                                           "kontakt så ofte."))
    percent = round_half_up(100 * f.density, 0)
    out["density"] = (say("Tettheten", "Tettleiken") + f" er {decimal(f.density)}: "
                      f"{percent:.0f} % " + say("av alle mulige bånd mellom dem finnes.",
                                                "av alle moglege band mellom dei finst."))
    parts = f.components - len(f.isolates)
    outside = say("står utenfor.", "står utanfor.")
    if f.components <= 1:
        out["components"] = say("Alle henger sammen i ett nettverk.",
                                "Alle heng saman i eitt nettverk.")
    elif not parts:
        out["components"] = (f"Ingen har kontakt {how}: "
                             + say("alle står hver for seg.", "alle står kvar for seg."))
    elif parts == 1:
        out["components"] = (say("Nettverket henger sammen i én del", "Nettverket heng saman "
                                 "i éin del") + f" på {f.largest_component} {people}, og "
                             f"{count(len(f.isolates))} {outside}")
    else:
        out["components"] = (say("Nettverket faller i", "Nettverket fell i")
                             + f" {count(parts)} " + say("deler uten", "delar utan")
                             + f" kontakt {how} " + say("med hverandre", "med kvarandre")
                             + f" (den største har {f.largest_component} {people})"
                             + (f", og {count(len(f.isolates))} {outside}" if f.isolates
                                else "."))
    if f.isolates:
        n = len(f.isolates)
        out["isolates"] = (f"{_capital(count(n))} {'person' if n == 1 else people} "
                           f"har ingen kontakt {how} " + say("med noen", "med nokon")
                           + f" i nettverket: {joined(f.isolates)}.")
    else:
        out["isolates"] = (f"Alle har kontakt {how} " + say("med minst én annen.",
                                                            "med minst éin annan."))
    out["communities"] = _community_sentence(f, say, count)
    if f.brokers:
        scores = joined([decimal(b.betweenness) for b in f.brokers])
        several = len(f.brokers) > 1
        out["brokers"] = (say("Flest korteste veier", "Flest kortaste vegar")
                          + f" mellom andre går via {joined([b.name for b in f.brokers])} "
                          f"(betweenness {scores}): "
                          + (say("de er brobyggerne", "dei er brubyggjarane") if several
                             else say("brobyggeren", "brubyggjaren")) + " i nettverket.")
    else:
        out["brokers"] = say("Ingen står mellom andre: ingen korteste vei går via en tredje "
                             "person.", "Ingen står mellom andre: ingen kortaste veg går via "
                             "ein tredje person.")
    if f.diameter:
        out["diameter"] = (say("Den lengste kjeden i den største sammenhengende delen",
                               "Den lengste kjeda i den største samanhengande delen")
                           + f" er {f.diameter} ledd ({' – '.join(f.chain)}): "
                           + say("så mange steg må en beskjed gå mellom de to som står lengst "
                                 "fra hverandre.", "så mange steg må ei melding gå mellom dei "
                                 "to som står lengst frå kvarandre."))
    else:
        out["diameter"] = "Det er ingen kjeder: ingen har kontakt så ofte."
    return out


def _community_sentence(f: NetworkFigures, say, count) -> str:
    k = len(f.communities)
    if not k:
        return "Det er ingen klynger: ingen har kontakt så ofte."
    head = (say("Nettverket er én klynge", "Nettverket er éi klynge") if k == 1 else
            f"Nettverket består av {count(k)} klynger")
    head += f" (modularitet {decimal(f.modularity or 0.0)})"
    if not f.bridges:
        if k == 1:
            return head + "."
        return head + say("; ingen enkeltperson bygger bro mellom dem.",
                          "; ingen enkeltperson byggjer bru mellom dei.")
    functions = {b.name: b.function for b in f.brokers}
    verb = (say("binder den sammen", "bind henne saman") if k == 1 else
            say("bygger bro mellom dem", "byggjer bru mellom dei"))
    if all(name.startswith(functions[name]) for name in f.bridges):
        return f"{head}; {joined(f.bridges)} {verb}."  # the labels say the function
    by_function: dict[str, int] = {}
    for name in f.bridges:
        by_function[functions[name]] = by_function.get(functions[name], 0) + 1
    who = []
    for i, (function, n) in enumerate(by_function.items()):
        person = "" if i else (" person" if n == 1 else say(" personer", " personar"))
        who.append(f"{count(n)}{person} i {_in_function(function)}")
    return f"{head}; {joined(who)} ({joined(f.bridges)}) {verb}."


# ---- the political level ------------------------------------------------------------------
def political_table(data: ContactData) -> pd.DataFrame:
    """Per municipality, function and kind of contact with the political level: how many
    respondents of that function answered the question, and how many have that contact at
    all (any answer but "Aldri" and "Nei"), with the count per answer."""
    p = data.political
    columns = ["municipality", "function", "question", "respondents", "with_contact",
               *FREQUENCIES, "Ja", "Nei"]
    if p.empty:
        return pd.DataFrame(columns=columns)
    p = p.assign(function=p["function"].where(p["function"].str.strip() != "",
                                              UNKNOWN_FUNCTION))
    keys = ["municipality", "function", "question"]
    groups = p.groupby(keys, sort=False)
    out = groups["key"].nunique().rename("respondents").to_frame()
    contact = p[~p["answer"].isin(["Aldri", "Nei"])].groupby(keys, sort=False)["key"].nunique()
    out["with_contact"] = contact.reindex(out.index, fill_value=0)
    counts = groups["answer"].value_counts().unstack(fill_value=0)
    for answer in [*FREQUENCIES, "Ja", "Nei"]:
        out[answer] = counts[answer].reindex(out.index, fill_value=0) if answer in counts \
            else 0
    out = out.reset_index().astype({c: int for c in columns[3:]})[columns]
    return out.sort_values(["municipality", "function"], kind="stable").reset_index(drop=True)
