"""The project store: idempotent imports, versions of changed files, append-only codes,
errors that name the file, and a crash midway that leaves the store as it was."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pandas as pd
import pytest

from conftest import DEMO_CSV, HEADER, ROWS, write_delimited
from fritekst.coding.codebook import load_codebook
from fritekst.errors import InputError, StoreError
from fritekst.extract.survey import load_survey
from fritekst.store import DB_NAME, Project, schema


@pytest.fixture
def book():
    return load_codebook()


def test_import_stores_the_survey_as_read_and_twice_is_once(tmp_path):
    with Project(tmp_path / "prosjekt") as project:
        first = project.import_files([DEMO_CSV])
        again = project.import_files([DEMO_CSV])
        units = project.units()
        sources = project.sources()
    read = load_survey([DEMO_CSV]).units
    assert [r["version"] for r in first.imported] == [1]
    assert first.imported[0]["units"] == (read["status"] == "answer").sum() == 326
    assert again.imported == [] and again.unchanged == [str(DEMO_CSV)]
    assert len(sources) == 1 and sources.loc[0, "units"] == 326
    # every unit and every non-answer box, word for word and in order
    assert len(units) == len(read)
    for col in ("row", "respondent", "municipality", "question", "unit", "text", "status"):
        assert units[col].tolist() == read[col].tolist(), col
    assert units["polarity"].fillna("").tolist() == read["polarity"].fillna("").tolist()
    assert units["source"].unique().tolist() == [DEMO_CSV.name]
    assert units["unit_id"].is_unique


def test_a_changed_file_is_a_new_version_and_its_units_count(tmp_path):
    export = write_delimited(tmp_path / "eksport.csv", HEADER, ROWS)
    with Project(tmp_path / "p") as project:
        project.import_files([export])
        old = project.units()
        rows = [r[:] for r in ROWS]
        rows[0][2] = "Boligkontoret samler arbeidet"
        write_delimited(export, HEADER, rows)
        result = project.import_files([export])
        assert [r["version"] for r in result.imported] == [2]
        assert project.sources()[["version", "current"]].values.tolist() == [[1, False],
                                                                            [2, True]]
        new = project.units()
        assert "Boligkontoret samler arbeidet" in new["text"].tolist()
        assert "Tildelingsgruppa" in old["text"].tolist()
        assert "Tildelingsgruppa" not in new["text"].tolist()
        assert len(project.units(all_versions=True)) == len(old) + len(new)


def test_a_bad_file_stores_nothing_of_the_files_given_with_it(tmp_path):
    good = write_delimited(tmp_path / "eksport.csv", HEADER, ROWS)
    bad = tmp_path / "tom.csv"
    bad.write_bytes(b"")
    with Project(tmp_path / "p") as project:
        with pytest.raises(InputError):
            project.import_files([good, bad])
        assert project.sources().empty and project.units().empty


def test_codes_are_appended_and_the_newest_per_coder_counts(tmp_path, book):
    with Project(tmp_path / "p") as project:
        project.import_files([DEMO_CSV])
        ids = project.units().query("status == 'answer'")["unit_id"].head(3).tolist()
        project.add_codes(pd.DataFrame({"unit_id": ids, "themes": ["boligmangel", "",
                                                                   "samordning;oppfolging"],
                                        "confidence": [0.9, 0.4, 0.7]}),
                          origin="machine", coder="fritekst-nb-nn@2.1.0", codebook=book)
        project.add_codes(pd.DataFrame({"unit_id": ids[:1], "themes": [["tildeling"]]}),
                          origin="human", coder="Kari", codebook=book)
        project.add_codes(pd.DataFrame({"unit_id": ids[:1], "themes": ["boligmangel"],
                                        "polarity": ["utfordring"]}),
                          origin="human", coder="Kari", codebook=book)
        latest = project.codes()
        history = project.codes(history=True)
        human = project.codes(origin="human")
    assert latest[["unit_id", "origin", "coder", "themes"]].values.tolist() == [
        [ids[0], "machine", "fritekst-nb-nn@2.1.0", "boligmangel"],
        [ids[1], "machine", "fritekst-nb-nn@2.1.0", ""],
        [ids[2], "machine", "fritekst-nb-nn@2.1.0", "samordning;oppfolging"],
        [ids[0], "human", "Kari", "boligmangel"]]
    assert human["polarity"].tolist() == ["utfordring"]
    # the correction did not overwrite: both of Kari's codes are in the history
    assert history.query("coder == 'Kari'")["themes"].tolist() == ["tildeling", "boligmangel"]
    assert latest["codebook"].unique().tolist() == [f"{book.name} {book.version}"]


def test_codes_cannot_be_changed_or_deleted_behind_the_store(tmp_path, book):
    with Project(tmp_path / "p") as project:
        project.import_files([DEMO_CSV])
        uid = int(project.units()["unit_id"].iloc[0])
        project.add_codes(pd.DataFrame({"unit_id": [uid], "themes": ["boligmangel"]}),
                          origin="human", coder="Kari", codebook=book)
    db = sqlite3.connect(tmp_path / "p" / DB_NAME)
    for sql in ("UPDATE codes SET themes = 'samordning'", "DELETE FROM codes"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute(sql)
    db.close()


def test_unknown_themes_units_and_origins_are_refused_whole(tmp_path, book):
    with Project(tmp_path / "p") as project:
        project.import_files([DEMO_CSV])
        uid = int(project.units()["unit_id"].iloc[0])
        with pytest.raises(StoreError) as err:
            project.add_codes(pd.DataFrame({"unit_id": [uid, uid], "themes": [
                "boligmangel", "boligmangel;husleie"]}), origin="human", coder="Kari",
                codebook=book)
        assert str(err.value) == (
            f"unit {uid}: unknown theme id 'husleie'; the codebook {book.name} "
            f"{book.version} has {', '.join(book.ids)}.")
        with pytest.raises(StoreError) as err:
            project.add_codes(pd.DataFrame({"unit_id": [uid, 99999], "themes": ["", ""]}),
                              origin="human", coder="Kari", codebook=book)
        assert str(err.value) == (f"unit 99999: no such unit in {tmp_path / 'p' / DB_NAME}; "
                                  "it belongs to another project, or its file was never "
                                  "imported here.")
        with pytest.raises(StoreError, match="origin must be one of machine, human"):
            project.add_codes(pd.DataFrame({"unit_id": [uid], "themes": [""]}),
                              origin="robot", coder="x", codebook=book)
        assert project.codes(history=True).empty


def test_opening_what_is_not_a_project_says_so(tmp_path):
    with pytest.raises(StoreError) as err:
        Project(tmp_path / "ingen", create=False)
    assert str(err.value) == (f"{tmp_path / 'ingen'}: no fritekst project here (no {DB_NAME}); "
                              f"run `fritekst import FILE --project {tmp_path / 'ingen'}` first.")
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / DB_NAME).write_text("dette er ikke en database " * 40)
    with pytest.raises(StoreError) as err:
        Project(tmp_path / "x")
    assert str(err.value) == (f"{tmp_path / 'x' / DB_NAME}: not a fritekst project (not a "
                              "readable SQLite database); choose another --project folder.")
    Project(tmp_path / "ny").close()
    db = sqlite3.connect(tmp_path / "ny" / DB_NAME)
    db.execute(f"PRAGMA user_version = {schema.version() + 1}")
    db.close()
    with pytest.raises(StoreError, match="made by a newer fritekst"):
        Project(tmp_path / "ny")


def test_a_project_in_use_is_reported_not_waited_on_forever(tmp_path):
    Project(tmp_path / "p").close()
    holder = sqlite3.connect(tmp_path / "p" / DB_NAME, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        with Project(tmp_path / "p", timeout=0.05) as project, \
                pytest.raises(StoreError) as err:
            project.import_files([DEMO_CSV])
        assert str(err.value) == (f"{tmp_path / 'p' / DB_NAME}: the project is in use by "
                                  "another program; wait for it to finish or close it, "
                                  "then try again.")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_crash_midway_through_an_import_leaves_the_store_as_it_was(tmp_path):
    """The process dies (no clean-up, as on a power cut) after the units are written and
    before the ratings are: the next opening finds the store as it was before the import."""
    folder = tmp_path / "p"
    second = write_delimited(tmp_path / "eksport.csv", HEADER, ROWS)
    with Project(folder) as project:
        project.import_files([DEMO_CSV])
        before = (project.sources(), project.units())
    script = textwrap.dedent(f"""
        import os
        from fritekst.store import Project

        class Dies:
            def __init__(self, db):
                self.db = db
            def executemany(self, sql, rows):
                if sql.startswith("INSERT INTO ratings"):
                    os._exit(9)
                return self.db.executemany(sql, rows)
            def __getattr__(self, name):
                return getattr(self.db, name)

        project = Project({str(folder)!r})
        project._db = Dies(project._db)
        project.import_files([{str(second)!r}])
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 9, done.stderr
    with Project(folder) as project:
        pd.testing.assert_frame_equal(project.sources(), before[0])
        pd.testing.assert_frame_equal(project.units(), before[1])
        assert project._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # and the import goes through when tried again
        assert [r["version"] for r in project.import_files([second]).imported] == [1]


def test_the_stored_survey_is_the_survey_as_read(tmp_path):
    export = write_delimited(tmp_path / "eksport.csv", HEADER, ROWS, encoding="cp1252",
                             delimiter=";")
    with Project(tmp_path / "p") as project:
        project.import_files([DEMO_CSV, export])
        stored = project.survey()
        ids = project.units()["unit_id"].tolist()
    read = load_survey([DEMO_CSV, export])
    assert stored.sources == read.sources
    assert stored.counts == read.counts
    assert stored.notes == read.notes and stored.skipped == read.skipped
    assert stored.plans == read.plans and stored.scale_max == read.scale_max
    assert stored.units.index.tolist() == ids
    pd.testing.assert_frame_equal(stored.units.reset_index(drop=True), read.units,
                                  check_dtype=False)
    pd.testing.assert_frame_equal(stored.respondents, read.respondents, check_dtype=False)
    pd.testing.assert_frame_equal(stored.ratings, read.ratings, check_dtype=False)
