"""Evolving the coding frame: codes follow merges and renames, a split sends its units to
review, and an added theme can be coded by researchers at once."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from fritekst import (
    Project,
    change_codebook,
    code_project,
    project_frame,
    respondent_table,
    summarize_project,
)
from fritekst.coding.codebook import load_codebook
from fritekst.errors import StoreError
from fritekst.store.frame import apply_changes


def _people(units, theme, municipality, polarity="utfordring"):
    real = units[(units["municipality"] == municipality) & (units["polarity"] == polarity) &
                 units["status"].eq("coded")]
    return set(real.loc[real["themes"].str.split(";").map(lambda ts: theme in ts),
                        "respondent"])


def _count(summary, theme, municipality, polarity="utfordring"):
    t = summary.themes
    return int(t[(t["theme"] == theme) & (t["municipality"] == municipality) &
                 (t["polarity"] == polarity)]["respondents"].sum())


def test_a_merged_theme_counts_as_the_one_it_went_into(project, coder):
    before = code_project(project, coder).units
    change_codebook("merge", {"id": "gjennomstromning", "into": "boligmangel"}, project)
    after = summarize_project(project, coder)
    for place in ("Levanger", "Stord", "Volda"):
        want = _people(before, "boligmangel", place) | _people(before, "gjennomstromning",
                                                                place)
        assert _count(after, "boligmangel", place) == len(want), place
    assert "gjennomstromning" not in set(after.themes["theme"])
    assert after.meta["frame"]["codebook"] == "fritekst-boligsosialt 1.1.0+1"
    # nothing stored was rewritten: the model's codes still say gjennomstromning
    with Project(project) as p:
        assert p.codes()["themes"].str.contains("gjennomstromning").any()


def test_a_split_sends_its_units_to_review_until_recoded(project, coder, tmp_path):
    before = code_project(project, coder).units
    had = before.index[before["themes"].str.split(";").map(lambda ts: "tildeling" in ts)]
    change_codebook("split", {"id": "tildeling", "into": [
        {"id": "tildeling_kriterier", "label": "Kriterier for tildeling"},
        {"id": "tildeling_prosess", "label": "Prosessen ved tildeling"}]}, project)
    units = code_project(project, coder).units
    # the split theme is gone from every code; the unit's other themes still count
    rest = before.loc[had, "themes"].map(
        lambda t: ";".join(x for x in t.split(";") if x != "tildeling"))
    assert units.loc[had, "themes"].tolist() == rest.tolist()
    assert (units.loc[had, "status"] == rest.map(lambda t: "coded" if t else "to_review")).all()
    assert units.loc[had, "evidence"].str.startswith("tema delt, kod på nytt: ").all()
    assert (rest == "").any() and (rest != "").any()
    # the review workbook brings them first, those with no theme left included
    from openpyxl import load_workbook

    from fritekst import review_export

    review_export(tmp_path / "r.xlsx", project, coder, order="source")
    ws = load_workbook(tmp_path / "r.xlsx")["Koding"]
    first = [r[0] for r in ws.iter_rows(min_row=2, max_row=len(had) + 1, values_only=True)]
    assert sorted(first) == sorted(had)
    with Project(project) as p:
        p.add_codes(pd.DataFrame({"unit_id": had[:1], "themes": ["tildeling_prosess"]}),
                    origin="human", coder="Kari",
                    codebook=project_frame(project).codebook)
    again = code_project(project, coder)
    assert again.units.at[had[0], "themes"] == "tildeling_prosess"
    assert again.units.at[had[0], "status"] == "coded"
    assert f"{len(had) - 1} answer units were coded with a theme that has since been split" \
        in " ".join(again.meta["notes"])


def test_added_and_renamed_themes_reach_the_tables(project, coder):
    change_codebook("add", {"id": "digital", "label": "Digitale tjenester",
                            "challenge_label": "Vanskelige digitale tjenester"}, project)
    change_codebook("rename", {"id": "bomiljo", "challenge_label": "Dårlig bomiljø"},
                    project)
    units = code_project(project, coder).units
    unit = units.index[(units["status"] == "coded") & (units["polarity"] == "utfordring")][0]
    with Project(project) as p:
        p.add_codes(pd.DataFrame({"unit_id": [unit], "themes": ["digital"]}), origin="human",
                    coder="Kari", codebook=project_frame(project).codebook)
    summary = summarize_project(project, coder)
    challenges = summary.themes[summary.themes["polarity"] == "utfordring"]
    labels = dict(zip(challenges["theme"], challenges["label"], strict=False))
    assert labels["digital"] == "Vanskelige digitale tjenester"
    assert labels["bomiljo"] == "Dårlig bomiljø"
    matrix = respondent_table(project=project, coder=coder)
    assert matrix.table["utf_digital"].sum() == 1
    assert matrix.labels["utf_digital"] == "Utfordring: Vanskelige digitale tjenester"


def test_changes_that_do_not_fit_are_refused(project):
    ids = ", ".join(load_codebook().ids)
    cases = [
        ("merge", {"id": "husleie", "into": "boligmangel"},
         f"no theme 'husleie' in the project's coding frame; themes: {ids}."),
        ("merge", {"id": "bomiljo", "into": "bomiljo"}, "a theme cannot be merged into itself."),
        ("add", {"id": "boligmangel", "label": "x"},
         "theme id 'boligmangel' is taken; choose another id."),
        ("add", {"id": "Ny tema", "label": "x"}, "theme id 'Ny tema': use up to 32 "
         "lower-case letters, digits and _, starting with a letter (e.g. digital_soknad)."),
        ("split", {"id": "bomiljo", "into": [{"id": "x1", "label": "A"},
                                             {"id": "x1", "label": "B"}]},
         "the new themes of a split need different ids."),
        ("add", {"id": "ny", "label": " "}, "a new theme needs a label (--label)."),
        ("split", {"id": "bomiljo", "into": [{"id": "a_b", "label": "A"}]},
         "a theme is split into at least two new themes."),
    ]
    for action, args, message in cases:
        with pytest.raises(StoreError) as err:
            change_codebook(action, args, project)
        assert str(err.value) == message
    assert project_frame(project).changes == []


def test_the_frame_on_the_command_line(project, capsys, monkeypatch):
    code, _, err = run_cli(capsys, monkeypatch, "codebook", "split", "oppfolging", "--into",
                           "bo_oppfolging=Bo-oppfølging", "--into", "ambulant=Ambulante team",
                           "--project", project)
    assert (code, err) == (0, "Coding frame now fritekst-boligsosialt 1.1.0+1: 17 themes.\n")
    code, out, _ = run_cli(capsys, monkeypatch, "codebook", "show", "--project", project)
    assert code == 0
    assert "| bo_oppfolging | Bo-oppfølging |" in out
    assert "## Endringer i prosjektet" in out
    code, _, err = run_cli(capsys, monkeypatch, "codebook", "split", "bomiljo", "--into",
                           "bare_id", "--into", "x=Y", "--project", project)
    assert (code, err) == (1, "Error: --into 'bare_id': give each new theme as ID=Label.\n")


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_codes_read_through_any_frame_use_only_its_themes(data):
    """Whatever merges and splits were made, a stored code read through the frame holds
    only themes in force, and reading it again changes nothing."""
    base = load_codebook()
    ids = list(base.ids)
    changes = []
    for n in range(data.draw(st.integers(0, 5))):
        theme = data.draw(st.sampled_from(ids))
        if data.draw(st.booleans()) and len(ids) > 1:
            into = data.draw(st.sampled_from([t for t in ids if t != theme]))
            changes.append({"action": "merge", "args": {"id": theme, "into": into}, "at": ""})
            ids.remove(theme)
        else:
            parts = [{"id": f"del{n}_{k}", "label": f"Del {k}"} for k in (1, 2)]
            changes.append({"action": "split", "args": {"id": theme, "into": parts},
                            "at": ""})
            ids.remove(theme)
            ids += [p["id"] for p in parts]
    frame = apply_changes(base, changes)
    assert frame.codebook.ids == ids
    stored = ";".join(data.draw(st.lists(st.sampled_from(list(base.ids)), max_size=4)))
    themes, _ = frame.read(stored)
    assert set(filter(None, themes.split(";"))) <= set(ids)
    assert frame.read(themes) == (themes, False)
