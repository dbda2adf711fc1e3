"""The network analysis as the commands show it: tables for the terminal and Markdown, the
``--json`` object, and the folder the pictures go into."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from fritekst.export.console import View
from fritekst.outfiles import check_output_folder
from fritekst.summarize.network import (
    THRESHOLD_TEXT,
    TIE_RULE,
    NetworkAnalysis,
    NetworkFigures,
    decimal,
    joined,
)

PRIVACY_NOTE = ("Personene vises ved funksjon («Tildeling 1», «Tildeling 2»); navn er "
                "personopplysninger og vises bare med --names.")


def network_json(analysis: NetworkAnalysis) -> dict:
    """``{"networks": [{"municipality", "threshold", "nodes", "ties", "density",
    "components", "isolates", "communities", "brokers", "diameter"}]}``."""
    return {"networks": [f.to_json() for f in analysis.networks]}


def figures_view(f: NetworkFigures, nynorsk: bool = False) -> View:
    """Mål | Verdi | Hva det viser, for one municipality and threshold (the first two
    columns' words in Nynorsk with ``nynorsk``)."""
    def say(nb: str, nn: str) -> str:
        return nn if nynorsk else nb

    people = say("personer", "personar")
    rows = [
        (say("Personer", "Personar"), f"{f.nodes} ({f.respondents} svarte)",
         f.sentences["nodes"]),
        (say("Bånd", "Band"), str(f.ties) + ("" if f.threshold == "daglig" else
                                             f" ({f.daily_ties} {say('daglige', 'daglege')})"),
         f.sentences["ties"]),
        (say("Tetthet", "Tettleik"), decimal(f.density), f.sentences["density"]),
        (say("Komponenter", "Komponentar"), str(f.components), f.sentences["components"]),
        (say("Uten kontakt", "Utan kontakt"), str(len(f.isolates)), f.sentences["isolates"]),
        ("Klynger", f"{len(f.communities)}" + (
            f" ({', '.join(str(len(c)) for c in f.communities)} {people})"
            if f.communities else ""), f.sentences["communities"]),
        (say("Brobyggere", "Brubyggjarar"),
         joined([f"{b.name} ({decimal(b.betweenness)})" for b in f.brokers])
         if f.brokers else "–", f.sentences["brokers"]),
        (say("Lengste kjede", "Lengste kjede"), f"{f.diameter} ledd" if f.diameter else "–",
         f.sentences["diameter"]),
    ]
    return View(f"{f.municipality}: kontakt {THRESHOLD_TEXT[f.threshold]}",
                pd.DataFrame(rows, columns=["Mål", "Verdi", "Hva det viser"]),
                wide=frozenset({"Hva det viser"}))


def political_views(analysis: NetworkAnalysis) -> list[View]:
    """Per municipality: function × kind of contact with the political level, "n av N"
    (n who have that contact at all, N of that function who answered)."""
    p = analysis.political
    out = []
    for muni, g in p.groupby("municipality", sort=False):
        table: dict[str, dict[str, str]] = {}
        for (function, question), r in g.set_index(["function", "question"]).iterrows():
            table.setdefault(function, {})[question] = (
                f"{r['with_contact']} av {r['respondents']}")
        questions = list(dict.fromkeys(g["question"]))
        shown = pd.DataFrame.from_dict(table, orient="index").reindex(columns=questions)
        shown = shown.fillna("–").rename_axis("Funksjon")
        out.append(View(f"{muni}: kontakt med politisk nivå (har slik kontakt av dem som "
                        "svarte)", shown, index=True))
    return out


def comparison_views(analysis: NetworkAnalysis) -> list[View]:
    """Per threshold, one row per municipality, for the report that compares them."""
    out = []
    for threshold in dict.fromkeys(f.threshold for f in analysis.networks):
        rows = [{"Kommune": f.municipality, "Personer": f.nodes, "Svarte": f.respondents,
                 "Bånd": f.ties, "Tetthet": decimal(f.density), "Deler": f.components,
                 "Uten kontakt": len(f.isolates), "Klynger": len(f.communities),
                 "Lengste kjede": f.diameter if f.diameter else "–",
                 "Fremste brobygger": f"{f.brokers[0].name} ({decimal(f.brokers[0].betweenness)})"
                 if f.brokers else "–"}
                for f in analysis.networks if f.threshold == threshold]
        out.append(View(f"Nettverkene sammenlignet: kontakt {THRESHOLD_TEXT[threshold]}",
                        pd.DataFrame(rows, dtype=object)))
    return out


def network_views(analysis: NetworkAnalysis) -> list[View]:
    """With several municipalities a comparison first, then every network's figures, then
    the political-level tables."""
    several = len({f.municipality for f in analysis.networks}) > 1
    return [*(comparison_views(analysis) if several else []),
            *(figures_view(f) for f in analysis.networks), *political_views(analysis)]


def network_lines(analysis: NetworkAnalysis) -> list[str]:
    """The rule for a tie and, unless names are shown, the privacy note."""
    return [TIE_RULE] + ([] if analysis.names else [PRIVACY_NOTE])


def check_picture_folder(folder: str | Path) -> Path:
    """The folder for the pictures, made if missing (see :func:`check_output_folder`)."""
    return check_output_folder(folder, "the pictures")
