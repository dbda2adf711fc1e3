"""Files, versions and review rows as researchers really handle them: two exports with one
name, an export corrected and imported again, duplicate and stray rows in a workbook."""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook

from conftest import DEMO_CSV, HEADER, ROWS, write_delimited
from fritekst import Project, code_project, review_export, review_import, summarize_project
from fritekst.coding.codebook import load_codebook
from fritekst.coding.discover import candidates
from fritekst.errors import StoreError
from fritekst.store.frame import apply_changes


def test_two_files_of_one_name_are_two_sources(tmp_path, coder):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write_delimited(tmp_path / "a" / "eksport.csv", HEADER, ROWS)
    other = [[str(900 + i), "Stord", *r[2:]] for i, r in enumerate(ROWS)]
    second = write_delimited(tmp_path / "b" / "eksport.csv", HEADER, other)
    with Project(tmp_path / "p") as p:
        result = p.import_files([first, second])
        assert [r["version"] for r in result.imported] == [1, 1]
        assert result.notes[-1] == (
            f"{second}: another file of this name ({first}) is in the project too; both "
            "count. A new export of the same survey belongs at the old file's path, so that "
            "it replaces it as a new version.")
    summary = summarize_project(tmp_path / "p", coder)
    assert set(summary.responses["municipality"]) == {r[1] for r in ROWS} | {"Stord"}


def test_codes_of_unchanged_units_carry_over_to_a_new_version(tmp_path, coder):
    export = write_delimited(tmp_path / "eksport.csv", HEADER, ROWS)
    folder = tmp_path / "p"
    with Project(folder) as p:
        p.import_files([export])
        units = p.units().query("status == 'answer'")
        p.add_codes(pd.DataFrame({"unit_id": units["unit_id"], "themes": "tildeling"}),
                    origin="human", coder="Kari", codebook=load_codebook())
    old_file = tmp_path / "gammel.xlsx"
    review_export(old_file, folder, coder, include_reviewed=True)
    changed = [r[:] for r in ROWS]
    changed[0][2] = "Tildelingsgruppa møtes hver uke"  # one answer edited
    write_delimited(export, HEADER, changed)
    with Project(folder) as p:
        result = p.import_files([export])
    edited = units[units["text"] == "Tildelingsgruppa"]
    assert result.notes[-1] == (f"{export} version 2: {len(units) - len(edited)} researchers' "
                                f"codes carried over to units that did not change; "
                                f"{len(edited)} units coded by researchers changed or are "
                                "gone, so their codes no longer count.")
    coded = code_project(folder, coder)
    assert coded.meta["codes_from"]["human"] == len(units) - len(edited)
    # a review file made before the new version names the old units
    with pytest.raises(StoreError, match=r"belongs to an older version of eksport\.csv"):
        review_import(_filled(old_file, tmp_path / "gammel_ferdig.xlsx"), "Kari", folder)


def _filled(path, out, values=None):
    wb = load_workbook(path)
    ws = wb["Koding"]
    for row in range(2, ws.max_row + 1):
        ws.cell(row=row, column=7, value=(values or {}).get(row, "boligmangel"))
    wb.save(out)
    return out


def test_duplicate_stray_and_odd_rows_in_a_workbook(tmp_path, coder):
    folder = tmp_path / "p"
    with Project(folder) as p:
        p.import_files([DEMO_CSV])
    out = tmp_path / "r.xlsx"
    review_export(out, folder, coder, sample=3, order="source")
    wb = load_workbook(out)
    ws = wb["Koding"]
    first = [c.value for c in ws[2]]
    ws.append([*first[:6], "boligmangel", ""])  # the same unit again, same code
    ws.append([None] * 7 + ["en kommentar til slutt"])  # a comment only
    for row in range(2, 5):
        ws.cell(row=row, column=7, value="boligmangel")
    wb.save(tmp_path / "ok.xlsx")
    assert review_import(tmp_path / "ok.xlsx", "Kari", folder)["reviewed"] == 3
    ws.cell(row=5, column=7, value="bomiljo")          # now the repeat disagrees
    ws.cell(row=3, column=1, value="12.7")
    ws.cell(row=4, column=1, value="inf")
    wb.save(tmp_path / "feil.xlsx")
    with pytest.raises(StoreError) as err:
        review_import(tmp_path / "feil.xlsx", "Kari", folder)
    assert str(err.value).splitlines()[1:] == [
        "  row 3: unit_id '12.7' is not a unit id; do not edit that column.",
        "  row 4: unit_id 'inf' is not a unit id; do not edit that column.",
        f"  row 5: unit {first[0]} is coded on row 2 too, differently; keep one of the rows."]


def test_each_export_brings_units_not_yet_reviewed(tmp_path, coder):
    folder = tmp_path / "p"
    with Project(folder) as p:
        p.import_files([DEMO_CSV])
    one, two = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    review_export(one, folder, coder, sample=20)
    review_import(_filled(one, tmp_path / "1f.xlsx"), "Kari", folder)
    review_export(two, folder, coder, sample=20)
    ids = [{r[0] for r in load_workbook(f)["Koding"].iter_rows(min_row=2, values_only=True)}
           for f in (one, two)]
    assert len(ids[0]) == len(ids[1]) == 20 and not ids[0] & ids[1]


def test_a_coded_file_is_not_imported_as_a_survey(tmp_path, capsys, monkeypatch):
    from conftest import run_cli

    kodet = tmp_path / "kodet.csv"
    assert run_cli(capsys, monkeypatch, "code", DEMO_CSV, "-o", kodet, "--rules-only")[0] == 0
    with Project(tmp_path / "p") as p, pytest.raises(StoreError) as err:
        p.import_files([kodet])
    assert str(err.value) == (f"{kodet}: a file of coded units, not a survey export; import "
                              "the export it was coded from, or summarize the coded file "
                              "directly (fritekst summarize FILE).")


def test_a_codebook_file_that_holds_the_changes_is_not_changed_again():
    base = load_codebook()
    changes = [{"action": "merge", "args": {"id": "lokalkunnskap", "into": "samordning"},
                "at": ""},
               {"action": "add", "args": {"id": "bomiljo", "label": "x"}, "at": ""}]
    frame = apply_changes(base, changes[:1])
    again = apply_changes(frame.codebook, changes)  # the file already has both
    assert again.codebook.ids == frame.codebook.ids
    assert again.read("lokalkunnskap;tildeling") == ("samordning;tildeling", False)


def test_discover_leaves_units_a_researcher_coded_alone():
    texts = [f"Vi trenger mer snømåking ved boligene nummer {i}" for i in range(12)]
    units = pd.DataFrame({"text": texts, "themes": ["", *["bomiljo"] * 11],
                          "confidence": [0.1, *[pd.NA] * 11], "status": "uncoded"})
    units.loc[1:, "status"] = "coded"
    assert candidates(units).empty  # one uncovered unit is too few to group


def test_a_failed_first_import_leaves_no_project(tmp_path):
    from fritekst import import_to_project
    from fritekst.errors import InputError

    bad = tmp_path / "tom.csv"
    bad.write_bytes(b"")
    with pytest.raises(InputError):
        import_to_project([bad], tmp_path / "p")
    assert not (tmp_path / "p").exists()


def test_the_matrix_leaves_unknown_themes_missing_not_zero(tmp_path, coder):
    from fritekst import change_codebook, respondent_table

    folder = tmp_path / "p"
    with Project(folder) as p:
        p.import_files([DEMO_CSV])
    change_codebook("split", {"id": "boligmangel", "into": [
        {"id": "mangel_unge", "label": "For unge"}, {"id": "mangel_leie", "label": "Leie"}]},
        folder)
    units = code_project(folder, coder).units
    waiting = units[(units["status"] == "to_review") & (units["polarity"] == "utfordring")]
    assert len(waiting)
    table = respondent_table(project=folder, coder=coder).table.set_index("respondent")
    for person in waiting["respondent"].unique():
        named = set(";".join(units.loc[(units["respondent"] == person) &
                                       (units["polarity"] == "utfordring"), "themes"]
                             ).split(";")) - {""}
        row = table.loc[person]
        assert row["svarte_utf"] == 1
        for theme in ("samordning", "tildeling", "ressurser"):
            want = 1 if theme in named else None
            got = row[f"utf_{theme}"]
            assert (got == 1) if want else pd.isna(got), (person, theme)
