"""Write the demo network exports, one per demo municipality, into the package.

Each file is a made-up Questback export of the contact question of a housing-social network
survey: one row per respondent (``Navn``, ``Kommune``, function, four questions about contact
with the political level), then one column per network member headed ``<question> - <name>
(<function>)`` holding how often the respondent has contact with that member. Members who
did not answer are columns but no row.

Every name is invented (common first names and surnames put together at random); no row
describes a real person. The structure is written to show what a network analysis should
find, and is described per municipality in corpora/demo/README.md:
- two or three clusters of people who talk daily or weekly,
- one person in allocation ("tildeling") who bridges the clusters,
- a chain of three or four people hanging off one cluster (plan → politics),
- one or two isolates (contact rarely or never),
- 16 to 40 members, about a quarter of them without an answer,
- ties that only one of the two reports, or reports one step less often.

Output (deterministic, byte for byte): src/fritekst/data/demo/nettverk_<kommune>.csv as
Norwegian Excel saves "CSV (semikolonseparert)": cp1252, ';', CRLF; and
corpora/demo/nettverk.md, what each file is written to show and what fritekst finds in it.

Run from anywhere:  python scripts/make_demo_network.py
"""

from __future__ import annotations

import csv
import itertools
import random
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = REPO_ROOT / "src" / "fritekst" / "data" / "demo"
README = REPO_ROOT / "corpora" / "demo" / "nettverk.md"
SEED = 20251207

CONTACT_Q = {
    "nb": "Hvor ofte har du kontakt med disse personene om boligsosiale spørsmål?",
    "nn": "Kor ofte har du kontakt med desse personane om bustadsosiale spørsmål?",
}
POLITICAL_Q = {
    "nb": "Hvilken kontakt har du med det politiske nivået om boligsosiale spørsmål?",
    "nn": "Kva kontakt har du med det politiske nivået om bustadsosiale spørsmål?",
}
POLITICAL_ITEMS = {
    "nb": ["Jeg får informasjon", "Jeg gir informasjon", "Politisk diskusjon",
           "Faglig diskusjon"],
    "nn": ["Eg får informasjon", "Eg gir informasjon", "Politisk diskusjon",
           "Fagleg diskusjon"],
}
FUNCTION_Q = "Hvilken funksjon har du i det boligsosiale nettverket?"
WORDS = {
    "nb": ["Aldri", "Sjeldnere", "Månedlig", "Ukentlig", "Daglig"],
    "nn": ["Aldri", "Sjeldnare", "Månadleg", "Vekentleg", "Dagleg"],
}
FUNCTIONS = {  # the demo survey's function names, Bokmål and Nynorsk
    "tildeling": ("Tildeling", "Tildeling"),
    "tjenester": ("Tjenester i hjemmet", "Tenester i heimen"),
    "nav": ("NAV", "NAV"),
    "okonomi": ("Økonomisk rådgivning", "Økonomisk rådgiving"),
    "husleie": ("Husleiekontrakter", "Husleigekontraktar"),
    "bygg": ("Bygg og eiendom", "Bygg og eigedom"),
    "plan": ("Boligsosial plan", "Bustadsosial plan"),
    "areal": ("Arealplanlegging", "Arealplanlegging"),
    "folkevalgt": ("Folkevalgt", "Folkevald"),
    "flyktning": ("Flyktningtjenesten", "Flyktningtenesta"),
    "rus": ("Rus og psykisk helse", "Rus og psykisk helse"),
}
FIRST = [
    "Anne", "Kari", "Marit", "Ingrid", "Eva", "Berit", "Astrid", "Hilde", "Solveig", "Randi",
    "Nina", "Kristin", "Bente", "Heidi", "Silje", "Hanne", "Linda", "Tone", "Camilla",
    "Julie", "Mona", "Ellen", "Tove", "Hege", "Karin", "Elin", "Janne", "Sigrid", "Guro",
    "Mari", "Lene", "Siri", "Trine", "Marte", "Gunn", "Åse", "Reidun", "Vigdis", "Jorunn",
    "Ingvild", "Jan", "Per", "Bjørn", "Ole", "Lars", "Kjell", "Knut", "Svein", "Arne", "Geir",
    "Terje", "Trond", "Rune", "Morten", "Erik", "Harald", "Espen", "Olav", "Gunnar", "Anders",
    "Tore", "Rolf", "Nils", "Magnus", "Einar", "Håkon", "Helge", "Frode", "Øyvind", "Steinar",
    "Petter", "Vegard", "Audun", "Ivar", "Sverre", "Egil", "Arild", "Atle", "Dag", "Jostein",
    "Ragnar", "Vidar", "Amina", "Omar", "Olena", "Piotr",
]
LAST = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
    "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen",
    "Lund", "Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg",
    "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen",
    "Mathisen", "Lie", "Rasmussen", "Amundsen", "Lunde", "Kristensen", "Bakke", "Berge",
    "Moe", "Nygård", "Fredriksen", "Solheim", "Holm", "Lien", "Myhre", "Aas", "Vik", "Tveit",
    "Rønning", "Brekke", "Sæther", "Hauge",
]


@dataclass(frozen=True)
class Plan:
    """What one municipality's network is made to look like."""

    language: str
    clusters: tuple[tuple[str, ...], ...]  # function ids per cluster; the first has the bridge
    chain: tuple[str, ...]  # hangs off the first cluster, weekly ties one after the other
    isolates: tuple[str, ...]
    silent: float  # share of members who did not answer
    shape: str  # for the README


PLANS = {
    "Levanger": Plan("nb", (
        ("tildeling", "tildeling", "husleie", "husleie", "bygg", "bygg", "okonomi"),
        ("tjenester", "tjenester", "tjenester", "nav", "nav", "rus", "rus", "flyktning"),
        ("okonomi", "nav", "flyktning", "tjenester", "areal")),
        ("plan", "areal", "folkevalgt", "folkevalgt"), ("folkevalgt", "bygg"), 0.25,
        "three clusters (housing stock, services, finance), a bridge in tildeling, a "
        "chain from planning to two politicians, two isolates"),
    "Stord": Plan("nn", (
        ("tildeling", "tildeling", "husleie", "bygg", "bygg", "okonomi", "okonomi"),
        ("tjenester", "tjenester", "nav", "nav", "rus", "flyktning", "flyktning")),
        ("plan", "folkevalgt", "folkevalgt"), ("areal",), 0.3,
        "two clusters (housing, services) joined by a bridge in tildeling, a chain to the "
        "politicians, one isolate"),
    "Sunndal": Plan("nn", (
        ("tildeling", "tildeling", "husleie", "bygg", "okonomi", "okonomi"),
        ("tjenester", "tjenester", "nav", "rus", "flyktning", "nav")),
        ("plan", "areal", "folkevalgt"), ("folkevalgt",), 0.2,
        "small: two clusters and a bridge in tildeling, a chain of three, one isolate"),
    "Alta": Plan("nb", (
        ("tildeling", "tildeling", "tildeling", "husleie", "husleie", "bygg", "bygg", "bygg",
         "okonomi", "husleie", "bygg"),
        ("tjenester", "tjenester", "tjenester", "tjenester", "nav", "nav", "nav", "rus", "rus",
         "flyktning", "tjenester", "rus", "nav"),
        ("okonomi", "okonomi", "nav", "flyktning", "flyktning", "areal", "tjenester", "okonomi",
         "flyktning")),
        ("plan", "plan", "areal", "folkevalgt", "folkevalgt"),
        ("folkevalgt", "rus"), 0.25,
        "large (40 people): three clusters, a bridge in tildeling, a chain of five towards "
        "the politicians, two isolates"),
    "Ringsaker": Plan("nb", (
        ("tildeling", "tildeling", "husleie", "bygg", "bygg", "okonomi", "okonomi"),
        ("tjenester", "tjenester", "tjenester", "nav", "nav", "rus", "flyktning"),
        ("nav", "flyktning", "tjenester", "okonomi")),
        ("plan", "areal", "folkevalgt"), ("folkevalgt", "husleie"), 0.3,
        "three clusters, a bridge in tildeling, a chain of three, two isolates"),
}


@dataclass
class Member:
    name: str
    function: str
    answered: bool
    kind: str  # "cluster N", "bridge", "chain", "isolate"


def build(municipality: str, plan: Plan, rng: random.Random):
    """Members and the true contact level (0–4) of every pair."""
    lang = 0 if plan.language == "nb" else 1
    names = iter(rng.sample([f"{f} {s}" for f in FIRST for s in LAST], 60))
    members: list[Member] = []

    def add(function_id: str, kind: str) -> int:
        members.append(Member(next(names), FUNCTIONS[function_id][lang], True, kind))
        return len(members) - 1

    clusters = [[add(f, f"klynge {k + 1}") for f in funcs]
                for k, funcs in enumerate(plan.clusters)]
    bridge = clusters[0][0]
    members[bridge].kind = "brobygger"
    chain = [add(f, "kjede") for f in plan.chain]
    isolates = [add(f, "isolert") for f in plan.isolates]
    level: dict[tuple[int, int], int] = {}

    def tie(a: int, b: int, value: int) -> None:
        level[min(a, b), max(a, b)] = value

    for group in clusters:
        order = group[:]
        rng.shuffle(order)
        for i in range(1, len(order)):  # a random tree first: every cluster holds together
            tie(order[i], order[rng.randrange(i)], rng.choice([3, 3, 4]))
        for a, b in itertools.combinations(group, 2):
            if (min(a, b), max(a, b)) not in level and rng.random() < 0.35:
                tie(a, b, rng.choice([3, 4, 4]))
    for other in clusters[1:]:  # the bridge: weekly or daily with two in each other cluster
        for b in rng.sample(other, 2):
            tie(bridge, b, rng.choice([3, 4]))
    previous = clusters[0][-1]
    for c in chain:
        tie(previous, c, 3)
        previous = c
    everyone = range(len(members))
    for a, b in itertools.combinations(everyone, 2):
        if (a, b) not in level:  # the rest: now and then, rarely or never
            loose = a in isolates or b in isolates
            tie(a, b, rng.choices([0, 1, 2], [5, 4, 0 if loose else 1])[0])
    for m in members:  # a quarter did not answer; never the bridge or an isolate
        m.answered = not (m.kind.startswith("klynge") or m.kind == "kjede") or \
            rng.random() >= plan.silent
    for (a, b), value in sorted(level.items()):
        if value >= 3 and not members[a].answered and not members[b].answered:
            members[a].answered = True  # a tie nobody reports would not be in the data
    return members, level


def rows(municipality: str, plan: Plan, rng: random.Random) -> tuple[list[str], list[list]]:
    members, level = build(municipality, plan, rng)
    words = WORDS[plan.language]
    order = sorted(range(len(members)), key=lambda i: (members[i].function, members[i].name))
    header = ["Navn", "Kommune", FUNCTION_Q]
    header += [f"{POLITICAL_Q[plan.language]} - {item}" for item in POLITICAL_ITEMS[plan.language]]
    header += [f"{CONTACT_Q[plan.language]} - {members[i].name} ({members[i].function})"
               for i in order]
    # the two do not always agree how often they talk: where both answered, now and then one
    # of them says less often or leaves the cell empty; the other then says it as it is
    said: dict[tuple[int, int], int | None] = {}
    for (a, b), true in sorted(level.items()):
        said[a, b] = said[b, a] = true
        if members[a].answered and members[b].answered and rng.random() < 0.3:
            who = rng.choice([(a, b), (b, a)])
            said[who] = None if rng.random() < 0.2 or true == 0 else true - 1
    out = []
    for me in order:
        m = members[me]
        if not m.answered:
            continue
        near = m.function in {FUNCTIONS["folkevalgt"][0], FUNCTIONS["folkevalgt"][1],
                              FUNCTIONS["plan"][0], FUNCTIONS["plan"][1]} or m.kind == "kjede"
        political = [words[rng.choices([0, 1, 2, 3], [1, 3, 3, 2] if near else [4, 4, 2, 0])[0]]
                     for _ in POLITICAL_ITEMS[plan.language]]
        row = [m.name, municipality, m.function, *political]
        for other in order:
            if other == me:
                row.append("")
                continue
            value = said[me, other]
            row.append("" if value is None else words[value])
        out.append(row)
    out.sort(key=lambda r: rng.random())  # Questback orders rows by answer time
    return header, out


def write_csv(path: Path, header: list[str], data: list[list]) -> None:
    """As Norwegian Excel's "CSV (semikolonseparert)": cp1252, ';', CRLF."""
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(data)


def write_readme(paths: list[Path], path: Path) -> None:
    """What the files are written to show, and what fritekst finds in them (weekly ties)."""
    from fritekst import analyze_network

    analysis = analyze_network(paths, ["ukentlig"])
    lines = [
        "# Demo networks: who talks to whom in the five demo municipalities",
        "",
        "Made-up Questback exports of the contact question of a housing-social network "
        "survey, one per demo municipality, in `src/fritekst/data/demo/nettverk_<kommune>.csv` "
        "(cp1252, `;`, as Norwegian Excel saves CSV). Every name is invented. Columns: `Navn`, "
        "`Kommune`, the function, four questions about contact with the political level, and "
        "one column per network member (`<question> - <name> (<function>)`); members who did "
        "not answer have a column but no row. Stord and Sunndal are in Nynorsk (`Dagleg`, "
        "`Vekentleg`, ...).",
        "",
        "Regenerate (deterministic, byte-identical): `python scripts/make_demo_network.py`",
        "",
        "| Kommune | Written to show | People (answered) | Weekly ties | Clusters | "
        "Isolates | Top bridge-builder | Longest chain |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for f in analysis.networks:
        top = f.brokers[0]
        lines.append(
            f"| {f.municipality} | {PLANS[f.municipality].shape} | {f.nodes} ({f.respondents}) "
            f"| {f.ties} | {len(f.communities)} | {len(f.isolates)} | {top.name} "
            f"({top.betweenness:.2f}) | {f.diameter} |")
    lines += ["", "The figures are what `fritekst network --demo` finds; greedy modularity "
              "may split a long chain off as a cluster of its own."]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    rng = random.Random(SEED)
    paths = []
    for municipality, plan in PLANS.items():
        header, data = rows(municipality, plan, rng)
        path = OUT_DIR / f"nettverk_{municipality.lower()}.csv"
        write_csv(path, header, data)
        paths.append(path)
        members = len(header) - 7
        print(f"{path.relative_to(REPO_ROOT)}: {members} members, {len(data)} answered")
    write_readme(paths, README)
    print(f"{README.relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    main()
