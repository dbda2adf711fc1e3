"""The project on the command line: import, code into the store, and summaries that count a
researcher's code before the model's."""

from __future__ import annotations

import json

import pandas as pd

from conftest import DEMO_CSV, run_cli
from fritekst import Project, code_project, summarize_project
from fritekst.coding.codebook import load_codebook


def _count(summary, municipality, polarity, theme) -> int:
    t = summary.themes
    hit = t[(t["municipality"] == municipality) & (t["polarity"] == polarity) &
            (t["theme"] == theme)]
    return int(hit["respondents"].sum())


def test_import_is_once_and_says_so(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "prosjekt"
    code, out, err = run_cli(capsys, monkeypatch, "import", DEMO_CSV, "--project", folder)
    assert code == 0 and out == ""
    notes = err.splitlines()[:-2]  # the columns not used, and the functions' (issue 14)
    assert len(notes) == 2 and "the respondents' functions read from" in notes[1]
    assert err.splitlines()[-2:] == [
        "Imported boligsosial_demo.csv (version 1): 100 respondents, 326 answer units.",
        f"Project: {folder / 'fritekst.db'}"]
    code, out, err = run_cli(capsys, monkeypatch, "import", DEMO_CSV, "--project", folder,
                             "--json")
    assert code == 0
    assert json.loads(out)["imported"] == []
    assert json.loads(out)["unchanged"] == [str(DEMO_CSV)]


def test_code_stores_the_models_codes_once_per_model(tmp_path, coder):
    folder = tmp_path / "p"
    with Project(folder) as project:
        project.import_files([DEMO_CSV])
    first = code_project(folder, coder)
    code_project(folder, coder)  # the same model again stores nothing new
    with Project(folder) as project:
        stored = project.codes(history=True)
    answered = first.units[first.units["status"].isin(["coded", "uncoded"])]
    assert len(stored) == len(answered) == 326
    assert stored["coder"].unique().tolist() == ["fritekst-boligsosialt@1.1.0 (regler)"]
    assert stored.set_index("unit_id").loc[answered.index, "themes"].tolist() == \
        answered["themes"].tolist()
    assert first.meta["codes_from"] == {"human": 0, "machine": 326}


def test_a_researchers_code_counts_before_the_models(tmp_path, coder, capsys, monkeypatch):
    folder = tmp_path / "p"
    with Project(folder) as project:
        project.import_files([DEMO_CSV])
    before = summarize_project(folder, coder)
    coded = code_project(folder, coder).units
    # a unit the model coded boligmangel, whose respondent names it only there
    units = coded[(coded["themes"] == "boligmangel") & (coded["polarity"] == "utfordring")]
    per_person = coded[coded["themes"].str.contains("boligmangel")].groupby(
        ["municipality", "respondent"]).size()
    unit = next(i for i, r in units.iterrows()
                if per_person[(r["municipality"], r["respondent"])] == 1)
    place = coded.loc[unit, "municipality"]
    with Project(folder) as project:
        project.add_codes(pd.DataFrame({"unit_id": [unit], "themes": ["tildeling"]}),
                          origin="human", coder="Kari", codebook=load_codebook())
    after = summarize_project(folder, coder)
    assert _count(after, place, "utfordring", "boligmangel") == \
        _count(before, place, "utfordring", "boligmangel") - 1
    assert after.meta["codes_from"] == {"human": 1, "machine": 325}
    assert "1 answer units are counted with a researcher's code and 325 with the model's." \
        in after.meta["notes"]
    recoded = code_project(folder, coder).units.loc[unit]
    assert (recoded["themes"], recoded["evidence"], recoded["status"]) == \
        ("tildeling", "kodet av Kari", "coded")
    # the command line, from inside the project folder, without naming it
    monkeypatch.chdir(folder)
    code, out, _ = run_cli(capsys, monkeypatch, "summarize", "--json", "--rules-only")
    assert code == 0
    assert json.loads(out)["meta"]["codes_from"] == {"human": 1, "machine": 325}


def test_code_without_files_or_project_says_what_to_give(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, monkeypatch, "code")
    assert (code, out) == (1, "")
    assert err == "Error: give survey files (FILE...), or a project folder with --project DIR.\n"
    code, _, err = run_cli(capsys, monkeypatch, "summarize", "--project", tmp_path / "ingen")
    assert code == 1
    assert err == (f"Error: {tmp_path / 'ingen'}: no fritekst project here (no fritekst.db); "
                   f"run `fritekst import FILE --project {tmp_path / 'ingen'}` first.\n")


def test_tables_by_function_from_a_project_equal_those_from_the_file(project, coder):
    """The functions are kept at import, so --by role works on a project (issue 14)."""
    from fritekst import summarize_files

    from_project = summarize_project(project, coder, by="role").by_role
    from_file = summarize_files([DEMO_CSV], coder=coder, by="role").by_role
    assert from_project is not None and from_file is not None
    pd.testing.assert_frame_equal(from_project.themes.reset_index(drop=True),
                                  from_file.themes.reset_index(drop=True))
    pd.testing.assert_frame_equal(from_project.ratings.reset_index(drop=True),
                                  from_file.ratings.reset_index(drop=True))


def test_a_project_imported_before_functions_were_kept_gets_them_on_import(project, coder):
    import sqlite3

    from fritekst.errors import FritekstError

    db = sqlite3.connect(project / "fritekst.db")
    db.execute("DELETE FROM roles")  # as a store of schema 4 holds it
    db.commit()
    db.close()
    try:
        summarize_project(project, coder, by="role")
        raise AssertionError("refused")
    except FritekstError as exc:
        assert "import them again" in str(exc)
    with Project(project) as store:
        again = store.import_files([DEMO_CSV])
    assert again.unchanged == [str(DEMO_CSV)] and "functions are now kept" in again.notes[-1]
    assert summarize_project(project, coder, by="role").by_role is not None
