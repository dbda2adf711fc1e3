"""SPSS exports (.sav, .zsav): variable labels as headers, value labels as answers, declared
missing values as "Vet ikke" — and the demo survey saved as .sav summarised exactly as its CSV."""

import builtins
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import CHALLENGE_Q, DEMO_CSV, RATING_Q, STRENGTH_Q, run_cli
from fritekst import summarize_files
from fritekst.errors import InputError
from fritekst.extract.columns import ColumnOptions
from fritekst.extract.readers import read_table
from fritekst.extract.survey import load_survey

pyreadstat = pytest.importorskip("pyreadstat")

SCALE = {1.0: "Svært dårlig", 2.0: "Dårlig", 3.0: "Nokså dårlig", 4.0: "Nokså godt",
         5.0: "Godt", 6.0: "Svært godt", 99.0: "Vet ikke"}
TOWNS = {1.0: "Volda", 2.0: "Rissa", 3.0: "Ørland"}


def _small_sav(path: Path, **write) -> Path:
    """A SurveyXact-style file: short names, the question in the label, coded answers."""
    frame = pd.DataFrame({
        "resp": [101.0, 102, 103, 104, 105],
        "kom": [1.0, 1, 2, 3, np.nan],
        "q3_1": ["Tildelingsgruppa", "Godt samarbeid med NAV", "Vet ikke", "", "Tenestene "
                 "samarbeider godt"],
        "q4": ["1) For få bustader 2) Uklar ansvarsfordeling",
               "Mangel på egnede utleieboliger\nFor lite oppfølging i bolig", "",
               "Ikkje nok bustader til flyktningar. " * 12, ""],
        "q5": [4.0, 6, 99, 98, 1],
        "q6": [2.0, np.nan, 97, 5, 3],
    })
    pyreadstat.write_sav(
        frame, str(path),
        column_labels={"kom": "Kommune", "q3_1": f"{STRENGTH_Q} - Styrke 1", "q4": CHALLENGE_Q,
                       "q5": RATING_Q, "q6": "Hvor godt fungerer tildelingen?"},
        variable_value_labels={"kom": TOWNS, "q5": SCALE,
                               "q6": {1.0: "1 Svært dårlig", 6.0: "6 Svært godt",
                                      97.0: "Ikke svart"}},
        missing_ranges={"q5": [{"lo": 97.0, "hi": 99.0}], "q6": [97.0]}, **write)
    return path


def test_labels_become_headers_and_value_labels_answers(tmp_path):
    table = read_table(_small_sav(tmp_path / "svar.sav"))
    assert table.header == ["resp", "Kommune", f"{STRENGTH_Q} - Styrke 1", CHALLENGE_Q,
                            RATING_Q, "Hvor godt fungerer tildelingen?"]
    assert table.names["q5"] == RATING_Q and table.names["resp"] == "resp"
    assert [r[0] for r in table.rows] == ["101", "102", "103", "104", "105"]
    assert [r[1] for r in table.rows] == ["Volda", "Volda", "Rissa", "Ørland", ""]
    assert table.row_numbers == [1, 2, 3, 4, 5]  # the case numbers SPSS shows
    # Nynorsk, an empty box, a line break and a long answer are kept as written
    assert table.rows[1][3] == "Mangel på egnede utleieboliger\nFor lite oppfølging i bolig"
    assert table.rows[3][3] == ("Ikkje nok bustader til flyktningar. " * 12).strip()
    assert table.rows[2][3] == ""
    # each scale point as its code and label; 99 (declared missing, "Vet ikke") and 98
    # (declared missing, no label) both read as "Vet ikke"
    assert [r[4] for r in table.rows] == ["4 Nokså godt", "6 Svært godt", "Vet ikke",
                                          "Vet ikke", "1 Svært dårlig"]
    # labels that carry their number stay; "Ikke svart" (declared missing) is a "Vet ikke"
    assert [r[5] for r in table.rows] == ["2", "", "Vet ikke", "5", "3"]
    assert table.notes == ["q5: declared missing 98 read as 'Vet ikke'",
                           "q6: declared missing 97 'Ikke svart' read as 'Vet ikke'"]


def test_a_survey_from_sav_has_its_municipalities_ratings_and_vet_ikke(tmp_path):
    survey = load_survey([_small_sav(tmp_path / "svar.zsav", compress=True)])
    plan = survey.plans[str(tmp_path / "svar.zsav")]
    assert plan["municipality"] == "Kommune"
    assert plan["rating"] == [RATING_Q, "Hvor godt fungerer tildelingen?"]
    assert set(plan["text"]) == {f"{STRENGTH_Q} - Styrke 1", CHALLENGE_Q}
    ratings = survey.ratings[survey.ratings["item"] == RATING_Q]
    assert ratings["value"].tolist()[:2] == [4, 6]
    assert ratings["dont_know"].tolist() == [False, False, True, True, False]
    assert list(survey.respondents["municipality"]) == ["Volda", "Volda", "Rissa", "Ørland",
                                                        "(ikke oppgitt)"]


def test_options_name_a_variable_by_its_name_or_its_label(tmp_path):
    path = _small_sav(tmp_path / "svar.sav")
    by_name = load_survey([path], ColumnOptions(
        municipality_column="KOM", id_column="resp", text_columns=["q4"],
        rating_columns=["q6"], polarity={"q4": "utfordring"}))
    by_label = load_survey([path], ColumnOptions(
        municipality_column="Kommune", id_column="resp", text_columns=[CHALLENGE_Q],
        rating_columns=["Hvor godt fungerer tildelingen?"],
        polarity={CHALLENGE_Q: "utfordring"}))
    assert by_name.plans == by_label.plans
    assert by_name.plans[str(path)]["text"] == {CHALLENGE_Q: {"columns": [CHALLENGE_Q],
                                                              "polarity": "utfordring"}}
    pd.testing.assert_frame_equal(by_name.units, by_label.units)


def test_two_boxes_under_one_label_are_one_question(tmp_path):
    """Nettskjema labels both boxes of a question with its text; unlabelled variables keep
    their names."""
    works = "Hva fungerer godt i det boligsosiale arbeidet i din kommune?"
    frame = pd.DataFrame({"id": ["a1", "a2"], "q1": [2.0, 1.0],
                          "q2_1": ["Tildelinga", "Bustadkontoret"], "q2_2": ["Startlån", ""],
                          "vekt": [1.5, 0.5]})
    path = tmp_path / "nettskjema.sav"
    pyreadstat.write_sav(frame, str(path), variable_value_labels={"q1": TOWNS},
                         column_labels={"q1": "Kommune", "q2_1": works, "q2_2": works})
    survey = load_survey([path])
    question = survey.plans[str(path)]["text"]
    assert question == {works: {"columns": [works, f"{works} (2)"], "polarity": "styrke"}}
    assert survey.units["text"].tolist() == ["Tildelinga", "Startlån", "Bustadkontoret"]
    assert survey.units["municipality"].tolist() == ["Rissa", "Rissa", "Volda"]
    assert read_table(path).header == ["id", "Kommune", works, f"{works} (2)", "vekt"]


def _demo_as_sav(path: Path) -> Path:
    """The demo survey as SurveyXact would save it: numbered variables, the question text in
    their labels, municipality, functions and ratings coded with value labels, 99 = Vet ikke."""
    csv = read_table(DEMO_CSV)
    columns, labels, values, missing = {}, {}, {}, {}
    for j, head in enumerate(csv.header):
        name = f"v{j + 1}"
        cells = [row[j] for row in csv.rows]
        labels[name] = head
        if head == "Respondent-ID":
            columns[name] = [float(c) for c in cells]
        elif head == "Tidspunkt":
            columns[name] = pd.to_datetime(cells)
        elif head == "Kommune":
            towns = sorted(set(cells))
            values[name] = {float(k): t for k, t in enumerate(towns, start=1)}
            columns[name] = [float(towns.index(c) + 1) for c in cells]
        elif head.startswith("Hvilken funksjon"):
            values[name] = {0.0: "Ikke valgt", 1.0: head.rpartition(" - ")[2]}
            columns[name] = [1.0 if c else 0.0 for c in cells]
        elif head.startswith("Hvor godt"):
            values[name], missing[name] = SCALE, [99.0]
            columns[name] = [99.0 if c == "Vet ikke" else float(c[:1]) if c else np.nan
                             for c in cells]
        else:
            columns[name] = cells
    pyreadstat.write_sav(pd.DataFrame(columns), str(path), column_labels=labels,
                         variable_value_labels=values, missing_ranges=missing)
    return path


def test_the_demo_survey_as_sav_gives_the_same_tables_as_its_csv(tmp_path, coder):
    sav = _demo_as_sav(tmp_path / "boligsosial_demo.sav")
    from_csv = summarize_files([DEMO_CSV], coder=coder, by="role")
    from_sav = summarize_files([sav], coder=coder, by="role")
    assert len(from_sav.themes) > 10 and from_sav.ratings["n"].sum() > 0
    pd.testing.assert_frame_equal(from_sav.themes, from_csv.themes)
    pd.testing.assert_frame_equal(from_sav.ratings, from_csv.ratings)
    pd.testing.assert_frame_equal(from_sav.responses, from_csv.responses)
    assert from_sav.matrices.keys() == from_csv.matrices.keys()
    for name, matrix in from_csv.matrices.items():
        pd.testing.assert_frame_equal(from_sav.matrices[name], matrix)
    assert from_sav.by_role is not None and from_csv.by_role is not None
    pd.testing.assert_frame_equal(from_sav.by_role.themes, from_csv.by_role.themes)
    pd.testing.assert_frame_equal(from_sav.by_role.ratings, from_csv.by_role.ratings)
    assert list(from_sav.meta["columns"].values()) == list(from_csv.meta["columns"].values())


def test_without_pyreadstat_a_sav_gives_one_line(tmp_path, capsys, monkeypatch):
    path = _small_sav(tmp_path / "svar.sav")
    real_import = builtins.__import__

    def no_pyreadstat(name, *args, **kwargs):
        if name == "pyreadstat":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyreadstat)
    code, out, err = run_cli(capsys, monkeypatch, "summarize", path, "--rules-only")
    assert (code, out) == (1, "")
    assert err == (f"Error: {path}: reading SPSS files needs pyreadstat: "
                   "pip install 'fritekst[spss]'\n")


@pytest.mark.parametrize("cut", [0, 200, None])
def test_a_damaged_sav_is_one_input_error(tmp_path, cut):
    good = _small_sav(tmp_path / "god.sav").read_bytes()
    path = tmp_path / "skadet.sav"
    path.write_bytes(b"not an SPSS file at all" if cut is None else good[:cut] or b"$FL2")
    with pytest.raises(InputError) as exc:
        read_table(path)
    assert str(exc.value) == (f"{path}: not a readable SPSS file (damaged, or not really "
                              ".sav); export it again from the survey tool, or as .xlsx or "
                              "CSV.")
