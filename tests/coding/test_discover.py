"""Discovery groups uncovered units by what they share, whichever written standard."""

from __future__ import annotations

import json

import pandas as pd

from conftest import DEMO_CSV, run_cli
from fritekst.coding.discover import candidates

DIGITAL = ["Søknaden om bolig må sendes digitalt, og mange får ikke til det digitale skjemaet.",
           "Det digitale søknadsskjemaet er vanskelig for mange.",
           "Søknadane om bustad skal sendast digitalt, det er vanskeleg for mange.",
           "Digitalt skjema for søknad gjer det tungt for eldre søkjarar.",
           "Mange eldre får ikkje til det digitale søknadsskjemaet.",
           "Skjemaet for søknad om bolig er bare digitalt."]
WINTER = ["Brøytinga rundt dei kommunale bustadene er dårleg om vinteren.",
          "Snøen blir ikke brøytet ved de kommunale boligene om vinteren.",
          "Om vinteren er det is og snø, og brøytinga kjem seint.",
          "Vintervedlikehold og brøyting fungerer dårlig.",
          "Snø og is om vinteren gjer det farleg å gå ut.",
          "Brøyting av snø om vinteren er et problem ved boligene."]
PETS = ["Leietakere får ikke ha hund eller katt i kommunale boliger.",
        "Forbud mot hund og katt gjør at noen takker nei til bolig.",
        "Leigetakarar får ikkje ha hund eller katt i bustaden.",
        "Mange med hund får ikke kommunal bolig.",
        "Katt og hund er ikkje lov i dei kommunale bustadene.",
        "Dyrehold, hund og katt, er forbudt i boligene."]


def _units(texts, themes="", confidence=0.2):
    return pd.DataFrame({"text": texts, "themes": themes, "confidence": confidence,
                         "status": "uncoded" if not themes else "coded"})


def test_groups_follow_what_the_units_share():
    units = pd.concat([_units(DIGITAL), _units(WINTER), _units(PETS),
                       _units(["For få boliger til unge."] * 5, "boligmangel", 0.95)],
                      ignore_index=True)
    groups = candidates(units, k=3)
    assert groups["units"].tolist() == [6, 6, 6]
    found = {frozenset(ids) for ids in groups["unit_ids"]}
    assert found == {frozenset(range(0, 6)), frozenset(range(6, 12)), frozenset(range(12, 18))}
    words = {g["terms"].split(", ")[0] for _, g in groups.iterrows()}
    assert any(w in {"digital", "digitalt", "søknad", "skjema"} for w in words)
    assert any(w in {"hund", "katt"} for w in words)
    assert any(w in {"snø", "vinter", "brøyting"} for w in words)
    # sure coded units are not candidates
    assert not any(i >= 18 for ids in groups["unit_ids"] for i in ids)
    # each group's examples are its own units
    for _, g in groups.iterrows():
        assert set(g["examples"]) <= set(units.loc[g["unit_ids"], "text"])


def test_too_few_uncovered_units_give_no_groups():
    assert candidates(_units(DIGITAL[:5])).empty


def test_discover_on_the_command_line(capsys, monkeypatch):
    code, out, _ = run_cli(capsys, monkeypatch, "discover", DEMO_CSV, "--rules-only", "--json",
                           "--min-confidence", "0.6", "--k", "3")
    assert code == 0
    groups = json.loads(out)["groups"]
    assert len(groups) == 3
    assert sum(g["units"] for g in groups) == len({i for g in groups for i in g["unit_ids"]})
