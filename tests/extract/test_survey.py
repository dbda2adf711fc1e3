import pytest

from conftest import HEADER, ROWS, write_delimited
from fritekst.errors import ColumnError, ValueOnScaleError
from fritekst.extract.columns import ColumnOptions
from fritekst.extract.survey import ONE_GROUP, load_survey


def test_units_keep_their_links_and_counts_add_up(survey_csv):
    s = load_survey([survey_csv])
    c = s.counts
    assert c["rows"] == c["respondents"] + c["skipped_rows"] == 5
    assert c["boxes"] == 5 * 3 == c["empty"] + c["non_answers"] + c["answered_boxes"]
    assert c["units"] == len(s.units[s.units["status"] == "answer"])
    first = s.units.iloc[0]
    assert (first["source"], first["row"], first["respondent"], first["municipality"]) == \
        (str(survey_csv), 2, "101", "Volda")
    # "1) … 2) …" in the challenge box → two units of one question
    r101 = s.units[(s.units["respondent"] == "101") & (s.units["polarity"] == "utfordring")]
    assert r101["text"].tolist() == ["For få bustader", "Uklar ansvarsfordeling"]
    assert r101["unit"].tolist() == [1, 2]
    # the two strength boxes are one question, units numbered across them
    s101 = s.units[(s.units["respondent"] == "101") & (s.units["polarity"] == "styrke")]
    assert s101["unit"].tolist() == [1, 2]
    assert s101["question"].nunique() == 1
    # "Vet ikke" and "-" are non-answers, kept and marked
    na = s.units[s.units["status"] == "non_answer"]
    assert set(na["text"]) == {"Vet ikke", "-"}


def test_ratings_parse_with_dont_know(survey_csv):
    r = load_survey([survey_csv]).ratings
    assert r["value"].tolist()[:2] == [4, 6]
    assert r["dont_know"].sum() == 1
    assert len(r) == 5


def test_rating_off_the_scale_names_file_row_and_column(tmp_path):
    rows = [r[:] for r in ROWS]
    rows[3][5] = "7"
    path = write_delimited(tmp_path / "x.csv", HEADER, rows, delimiter=";")
    with pytest.raises(ValueOnScaleError,
                       match=r"x.csv, row 5, column 'Hvor godt mener du at SAMORDNINGEN av det b"
                             r"oligsosiale arbe…': '7' is not on the 1–6 scale"):
        load_survey([path])


def test_no_municipality_column_runs_as_one_group_and_says_how_to_name_it(tmp_path):
    path = write_delimited(tmp_path / "answers.csv", ["id", "text"],
                           [["a1", "For få boliger"], ["a2", "Uklar ansvarsfordeling"]])
    s = load_survey([path], ColumnOptions(text_columns=["text"], id_column="id"))
    assert set(s.units["municipality"]) == {ONE_GROUP}
    assert any("--municipality-column" in n for n in s.notes)
    assert s.units["respondent"].tolist() == ["a1", "a2"]
    assert s.units["polarity"].isna().all()


def test_no_free_text_column_is_an_error(tmp_path):
    path = write_delimited(tmp_path / "x.csv", ["Kommune", "Alder"],
                           [["Volda", "44"], ["Rissa", "51"]])
    with pytest.raises(ColumnError,
                       match=r"x\.csv: no free-text or rating column found; name them"):
        load_survey([path])


def test_several_files_read_as_one_survey(survey_csv, tmp_path):
    other = write_delimited(tmp_path / "b.csv", HEADER, ROWS[:2], delimiter=";")
    s = load_survey([survey_csv, other])
    assert s.counts["respondents"] == 7
    assert set(s.units["source"]) == {str(survey_csv), str(other)}


def test_repeated_header_row_is_skipped_with_reason(tmp_path):
    path = write_delimited(tmp_path / "x.csv", HEADER, [ROWS[0], HEADER, ROWS[1]], delimiter=";")
    s = load_survey([path])
    assert s.counts["skipped_rows"] == 1
    assert s.skipped == [{"source": str(path), "row": 3, "reason": "repeated header row"}]
    assert s.counts["rows"] == s.counts["respondents"] + s.counts["skipped_rows"]


def test_municipality_suffix_kommune_is_dropped(tmp_path):
    path = write_delimited(tmp_path / "x.csv", ["Kommune", "Hva er utfordringene?"],
                           [["Volda kommune", "For få bustader"], ["", "Tid"]])
    s = load_survey([path])
    assert s.units["municipality"].tolist() == ["Volda", "(ikke oppgitt)"]


def test_messy_questback_workbook(tmp_path):
    """Merged two-row header, numbers stored as numbers, a blank row, an empty trailing column,
    Nynorsk, and a two-box question named by its stem."""
    from conftest import write_xlsx

    q = "Kva er dei to viktigaste styrkane?"
    grid = [
        ["Respondent", "Kommune", q, None, "Kva er dei største utfordringane?",
         "Hvor godt fungerer SAMORDNINGEN?", None],
        [None, None, "Styrke 1", "Styrke 2", None, None, None],
        [7001, "Volda", "Tildelingsgruppa", "Korte avstandar", "For få bustader", 4, None],
        [None, None, None, None, None, None, None],
        [7002, "Volda", "Vet ikkje", None, "- uklar ansvarsfordeling\n- lite oppfylging",
         "Vet ikke", None],
        [7003, "Ørland", "Engasjerte tilsette", None, "Tid", 2, None],
    ]
    path = write_xlsx(tmp_path / "questback.xlsx", grid, merges=["C1:D1"])
    s = load_survey([path], ColumnOptions(text_columns=[q, "Kva er dei største utfordringane?"],
                                          rating_columns=["Hvor godt fungerer SAMORDNINGEN?"]))
    plan = s.plans[str(path)]
    assert plan["text"][q]["columns"] == [f"{q} - Styrke 1", f"{q} - Styrke 2"]
    assert plan["text"][q]["polarity"] == "styrke"
    assert s.counts["respondents"] == 3
    assert s.ratings["value"].tolist()[0] == 4 and s.ratings["dont_know"].tolist()[1]
    units = s.units[s.units["status"] == "answer"]
    assert units[units["respondent"] == "7002"]["text"].tolist() == [
        "uklar ansvarsfordeling", "lite oppfylging"]
    assert units["row"].tolist()[0] == 3
    assert plan["ignored"] == []  # the empty trailing column is dropped


def test_municipality_column_is_the_one_that_says_so(tmp_path):
    header = ["Hvor godt fungerer samordningen i kommunen?", "Hvilken funksjon har du i kommunen?",
              "Kommunenr", "Kommunenavn", "Hva er de største utfordringene?"]
    rows = [["4", "NAV", "1577", "volda", "For få bustader"],
            ["5", "Tildeling", "1577", "VOLDA", "Boligmangel"],
            ["2", "NAV", "5054", "Indre Fosen", "Boligmangel"],
            ["Vet ikke", "Tildeling", "5054", "Indre Fosen kommune", "Tid"]]
    s = load_survey([write_delimited(tmp_path / "x.csv", header, rows, delimiter=";")])
    plan = s.plans[str(tmp_path / "x.csv")]
    assert plan["municipality"] == "Kommunenavn"
    assert plan["rating"] == ["Hvor godt fungerer samordningen i kommunen?"]
    assert sorted(set(s.units["municipality"])) == ["Indre Fosen", "Volda"]


def test_repeated_short_answers_are_still_an_open_question(tmp_path):
    header = ["Kommune", "Hva er de største utfordringene?"]
    rows = [["Oppdal", a] for a in ["Boligmangel"] * 5 + ["Vet ikke"] * 3 + ["-", "Tid"]]
    s = load_survey([write_delimited(tmp_path / "x.csv", header, rows)])
    assert s.counts["answered_boxes"] == 6 and s.counts["non_answers"] == 4


def test_personal_data_columns_are_not_read(tmp_path):
    header = ["Navn", "E-post", "Kommune", "Hva er de største utfordringene?"]
    rows = [["Kari Nordmann", "kari@example.no", "Volda", "For få boliger"],
            ["Ola Hansen", "ola@example.no", "Volda", "Uklart ansvar"]]
    s = load_survey([write_delimited(tmp_path / "x.csv", header, rows)])
    assert set(s.units["question"]) == {"Hva er de største utfordringene?"}
    assert any("personal data" in n and "'Navn'" in n for n in s.notes)


def test_several_files_without_ids_keep_respondents_apart(tmp_path):
    header = ["Hva er de største utfordringene?"]
    a = write_delimited(tmp_path / "volda.csv", header, [["For få boliger"], ["Tid"]])
    b = write_delimited(tmp_path / "rissa.csv", header, [["Boligmangel"], ["Uklart ansvar"]])
    s = load_survey([a, b])
    assert s.units["respondent"].nunique() == 4
    assert not any("share a respondent id" in n for n in s.notes)


def test_title_line_and_excel_sep_hint(tmp_path):
    body = "Kommune;Hva er de største utfordringene?\r\nVolda;For få boliger\r\nRissa;Tid\r\n"
    (tmp_path / "sep.csv").write_text("sep=;\r\n" + body, encoding="cp1252")
    (tmp_path / "title.csv").write_text("Brukerundersøkelse 2025\r\n\r\n" + body,
                                        encoding="cp1252")
    for name in ("sep.csv", "title.csv"):
        s = load_survey([tmp_path / name])
        assert s.units["text"].tolist() == ["For få boliger", "Tid"], name
        assert s.units["municipality"].tolist() == ["Volda", "Rissa"]


def test_stray_quote_is_a_clear_error(tmp_path):
    from fritekst.errors import InputError

    (tmp_path / "q.csv").write_text('Kommune;Svar på utfordringer\nVolda;"For få boliger\n'
                                    'Volda;Lite samarbeid\nRissa;Uklare roller\nRissa;Tid\n',
                                    encoding="utf-8")
    with pytest.raises(InputError, match=r"q\.csv, line 2: a quote character"):
        load_survey([tmp_path / "q.csv"])


def test_workbook_with_cover_sheet_reads_the_data_sheet(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Info"
    wb.active.append(["Rapport generert av Questback"])
    ws = wb.create_sheet("Data")
    ws.append(["Kommune", "Hva er de største utfordringene?"])
    ws.append(["Volda", "For få boliger"])
    wb.save(tmp_path / "qb.xlsx")
    s = load_survey([tmp_path / "qb.xlsx"])
    assert s.units["text"].tolist() == ["For få boliger"]
    assert any("read sheet 'Data'" in n for n in s.notes)


def test_mixed_encoding_export_reads_every_name_and_says_what_it_did(tmp_path):
    rows = [[str(i), "Ørsta" if i % 2 else "Våler", f"For få bustader nr. {i}"]
            for i in range(1, 41)]
    lines = ["id;Kommune;Kva er dei største utfordringane?"] + [";".join(r) for r in rows]
    data = b"\r\n".join(ln.encode("cp1252" if i in (7, 30) else "utf-8")
                        for i, ln in enumerate(lines)) + b"\r\n"
    path = tmp_path / "blanda.csv"
    path.write_bytes(data)
    survey = load_survey([path])
    assert sorted(survey.respondents["municipality"].unique()) == ["Våler", "Ørsta"]
    assert survey.units["text"].str.startswith("For få bustader").all()
    assert len(survey.units) == 40
    assert survey.notes[0] == (
        f"{path}: mixed encodings: 2 of 41 lines are not UTF-8 (line 8, 31) and were read as "
        "cp1252 (Windows), the rest as UTF-8; check that their æ, ø and å look right")
