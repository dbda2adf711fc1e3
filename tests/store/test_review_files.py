"""Review workbooks: what a coder gets, and taking their codes back with every row checked."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest
from openpyxl import load_workbook

from conftest import DEMO_CSV, run_cli
from fritekst import Project, review_export, review_import
from fritekst.errors import InputError, StoreError
from fritekst.store import DB_NAME, schema


def _rows(path):
    ws = load_workbook(path)["Koding"]
    rows = list(ws.iter_rows(values_only=True))
    return pd.DataFrame(rows[1:], columns=rows[0])


def _fill(path, out, edits: dict[int, object], text: dict[int, str] | None = None):
    """Fill in themes (by sheet row) as a coder would in Excel, and save under a new name."""
    wb = load_workbook(path)
    ws = wb["Koding"]
    for row, value in edits.items():
        ws.cell(row=row, column=7, value=value)
    for row, value in (text or {}).items():
        ws.cell(row=row, column=4, value=value)
    wb.save(out)
    return out


def test_the_workbook_holds_the_units_the_suggestions_and_the_codebook(project, tmp_path,
                                                                        coder):
    out = tmp_path / "review.xlsx"
    done = review_export(out, project, coder, reviewer="Kari", sample=25)
    wb = load_workbook(out)
    assert wb.sheetnames == ["Koding", "Kodebok", "fritekst"]
    assert wb["fritekst"].sheet_state == "hidden"
    rows = _rows(out)
    assert done["units"] == len(rows) == 25
    # least sure first, the suggestion prefilled ('-' where the model found no theme)
    assert rows["confidence"].tolist() == sorted(rows["confidence"].tolist())
    assert rows["themes"].tolist() == [s if s else "-" for s in rows["suggested"].fillna("")]
    ids = [r[0] for r in wb["Kodebok"].iter_rows(min_row=2, values_only=True)]
    assert ids == [*coder.codebook.ids, "-"]
    rule = wb["Koding"].data_validations.dataValidation[0]
    assert (str(rule.sqref), rule.formula1) == ("G2:G26", "=Kodebok!$A$2:$A$18")
    with Project(project) as p:
        units = p.units().set_index("unit_id")
    assert (rows.set_index("unit_id")["text"] == units.loc[rows["unit_id"], "text"]).all()


def test_blind_random_and_source_orders(project, tmp_path, coder):
    a, b, c = (tmp_path / f"{n}.xlsx" for n in "abc")
    review_export(a, project, coder, order="random", seed=4, blind=True)
    review_export(b, project, coder, order="random", seed=4, blind=True)
    review_export(c, project, coder, order="source")
    ra, rb, rc = _rows(a), _rows(b), _rows(c)
    assert ra["unit_id"].tolist() == rb["unit_id"].tolist() != rc["unit_id"].tolist()
    assert sorted(ra["unit_id"]) == rc["unit_id"].tolist() and len(rc) == 326
    assert ra["themes"].isna().all()


def test_a_coders_codes_are_taken_back_once(project, tmp_path, coder, capsys, monkeypatch):
    out = tmp_path / "review.xlsx"
    review_export(out, project, coder, reviewer="Kari", sample=10, blind=True)
    ids = _rows(out)["unit_id"].tolist()
    done = _fill(out, tmp_path / "ferdig.xlsx",
                 {2: "boligmangel; tildeling", 3: "-", 4: "samordning", 5: None})
    code, _, err = run_cli(capsys, monkeypatch, "review", "import", done, "--coder", "Kari",
                           "--project", project)
    assert code == 0
    assert err == ("Stored 3 codes by Kari (1 with no theme); 7 rows were not reviewed.\n")
    code, _, err = run_cli(capsys, monkeypatch, "review", "import", done, "--coder", "Kari",
                           "--project", project)
    assert (code, err) == (0, f"{done}: already taken back; nothing new stored.\n")
    with Project(project) as p:
        human = p.codes(origin="human", history=True)
    assert human[["unit_id", "coder", "themes"]].values.tolist() == [
        [ids[0], "Kari", "boligmangel;tildeling"], [ids[1], "Kari", ""],
        [ids[2], "Kari", "samordning"]]


def test_a_file_for_one_coder_is_not_taken_as_anothers(project, tmp_path, coder):
    out = tmp_path / "review.xlsx"
    review_export(out, project, coder, reviewer="Kari", sample=5)
    with pytest.raises(StoreError) as err:
        review_import(out, "Ola", project)
    assert str(err.value) == (f"{out}: this file was exported for Kari; take it back with "
                              "--coder Kari (or export one for Ola).")
    shared = tmp_path / "felles.xlsx"
    review_export(shared, project, coder, sample=5)  # made for nobody in particular
    review_import(_fill(shared, tmp_path / "kari.xlsx", {2: "boligmangel"}), "Kari", project)
    with pytest.raises(StoreError) as err:
        review_import(_fill(shared, tmp_path / "ola.xlsx", {2: "tildeling"}), "Ola", project)
    assert str(err.value) == (f"{tmp_path / 'ola.xlsx'}: this export was already taken back "
                              "as Kari's codes; each coder fills in their own export "
                              "(fritekst review export --coder Ola).")


def test_every_bad_row_is_named_and_nothing_is_stored(project, tmp_path, coder):
    out = tmp_path / "review.xlsx"
    review_export(out, project, coder, sample=6, order="source")
    wb = load_workbook(out)
    ws = wb["Koding"]
    ws.cell(row=2, column=7, value="boligmangel")            # fine on its own
    ws.cell(row=3, column=7, value="boligmangel;husleie")    # unknown id
    ws.cell(row=4, column=4, value="En helt annen tekst")    # edited text
    ws.cell(row=4, column=7, value="tildeling")
    ws.cell(row=5, column=1, value=99999)                    # another project's unit
    ws.cell(row=6, column=1, value="abc")
    wb.save(tmp_path / "feil.xlsx")
    first = int(ws.cell(row=4, column=1).value)
    with pytest.raises(StoreError) as err:
        review_import(tmp_path / "feil.xlsx", "Kari", project)
    assert str(err.value).splitlines() == [
        f"{tmp_path / 'feil.xlsx'}: 4 rows are not valid, so nothing was stored:",
        "  row 3: unknown theme id 'husleie'; use the ids on the sheet Kodebok, several "
        "joined with ';', or '-' for none.",
        f"  row 4: the text of unit {first} was changed; put the exported text back (codes "
        "are for the words the respondent wrote).",
        "  row 5: unit 99999 is not in this project; was the file made for another project?",
        "  row 6: unit_id 'abc' is not a unit id; do not edit that column."]
    with Project(project) as p:
        assert p.codes(origin="human", history=True).empty


def test_a_workbook_that_is_not_a_review_is_refused(project, tmp_path):
    other = tmp_path / "annet.xlsx"
    pd.DataFrame({"a": [1]}).to_excel(other, index=False)
    with pytest.raises(InputError) as err:
        review_import(other, "Kari", project)
    assert str(err.value) == (f"{other}: not a review file made by fritekst (no sheets "
                              "'Koding' and 'fritekst'); export one with `fritekst review "
                              "export`.")


def test_a_store_of_the_first_schema_is_brought_up_to_date(tmp_path):
    folder = tmp_path / "gammel"
    folder.mkdir()
    db = sqlite3.connect(folder / DB_NAME, isolation_level=None)
    db.executescript(schema.MIGRATIONS[0])
    db.execute("PRAGMA user_version = 1")
    db.close()
    with Project(folder) as p:
        assert p._db.execute("PRAGMA user_version").fetchone()[0] == schema.version() == 5
        for table in ("reviews", "frame_changes", "report_files", "report_sentences",
                      "report_keys", "roles"):
            assert p._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
        p.import_files([DEMO_CSV])
        assert len(p.units()) == 350
