import pytest

from conftest import HEADER, ROWS, write_delimited
from fritekst.errors import ColumnError, ValueOnScaleError
from fritekst.extract.columns import ColumnOptions
from fritekst.extract.survey import ONE_GROUP, load_survey


def test_units_keep_their_links_and_counts_add_up(survey_csv):
    s = load_survey([survey_csv])
    c = s.counts
    assert (c["rows"], c["respondents"], c["duplicate_rows"], c["skipped_rows"]) == (5, 5, 0, 0)
    # 3 boxes each: 105 left all three empty, 102 and 104 one each, 103 wrote two non-answers
    assert (c["boxes"], c["empty"], c["non_answers"], c["answered_boxes"]) == (15, 5, 2, 8)
    assert c["units"] == len(s.units[s.units["status"] == "answer"]) == 10
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
    # "4", "6 - Svært godt", "Vet ikke", "2", "1 - Svært dårlig"
    assert r["value"].astype(object).where(r["value"].notna(), None).tolist() == [4, 6, None,
                                                                                   2, 1]
    assert r["dont_know"].tolist() == [False, False, True, False, False]
    assert r["respondent"].tolist() == ["101", "102", "103", "104", "105"]


def test_rating_off_the_scale_names_file_row_and_column(tmp_path):
    rows = [r[:] for r in ROWS]
    rows[3][5] = "7"
    path = write_delimited(tmp_path / "x.csv", HEADER, rows, delimiter=";")
    with pytest.raises(ValueOnScaleError) as exc:
        load_survey([path])
    assert str(exc.value) == (
        f"{path}, row 5, column 'Hvor godt mener du at SAMORDNINGEN av det boligsosiale arbe…': "
        "'7' is not on the 1–6 scale or 'Vet ikke'; correct or clear the cell, or name only the "
        "rating columns you want with --rating-column.")


def test_no_municipality_column_runs_as_one_group_and_says_how_to_name_it(tmp_path):
    path = write_delimited(tmp_path / "answers.csv", ["id", "text"],
                           [["a1", "For få boliger"], ["a2", "Uklar ansvarsfordeling"]])
    s = load_survey([path], ColumnOptions(text_columns=["text"], id_column="id"))
    assert set(s.units["municipality"]) == {ONE_GROUP}
    assert s.notes == [f"{path}: no municipality column found, so all respondents form one group "
                       "('Alle'); name the column with --municipality-column COLUMN."]
    assert s.units["respondent"].tolist() == ["a1", "a2"]
    assert s.units["polarity"].isna().all()


def test_no_free_text_column_is_an_error(tmp_path):
    path = write_delimited(tmp_path / "x.csv", ["Kommune", "Alder"],
                           [["Volda", "44"], ["Rissa", "51"]])
    with pytest.raises(ColumnError) as exc:
        load_survey([path])
    assert str(exc.value) == (f"{path}: no free-text or rating column found; name them with "
                              "--text-column COLUMN (and --rating-column COLUMN).")


def test_several_files_read_as_one_survey(survey_csv, tmp_path):
    other = write_delimited(tmp_path / "b.csv", HEADER, ROWS[:2], delimiter=";")
    s = load_survey([survey_csv, other])
    assert (s.counts["rows"], s.counts["respondents"], s.counts["duplicate_rows"]) == (7, 7, 0)
    assert set(s.units["source"]) == {str(survey_csv), str(other)}
    # b.csv repeats ids 101 and 102: two people each, and the user is told
    assert s.notes == ["2 respondent ids occur in more than one file for the same municipality "
                       "(e.g. 101, 102): a respondent is an id within one file, so these count as "
                       "different people. If the files overlap, remove the repeated rows."]


def test_repeated_header_row_is_skipped_with_reason(tmp_path):
    path = write_delimited(tmp_path / "x.csv", HEADER, [ROWS[0], HEADER, ROWS[1]], delimiter=";")
    s = load_survey([path])
    assert (s.counts["rows"], s.counts["respondents"], s.counts["skipped_rows"]) == (3, 2, 1)
    assert s.skipped == [{"source": str(path), "row": 3, "reason": "repeated header row"}]


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
    assert s.notes == [f"{tmp_path / 'x.csv'}: not read, as they hold personal data: 'Navn', "
                       "'E-post'"]


def test_several_files_without_ids_keep_respondents_apart(tmp_path):
    header = ["Hva er de største utfordringene?"]
    a = write_delimited(tmp_path / "volda.csv", header, [["For få boliger"], ["Tid"]])
    b = write_delimited(tmp_path / "rissa.csv", header, [["Boligmangel"], ["Uklart ansvar"]])
    s = load_survey([a, b])
    assert s.units["respondent"].tolist() == ["volda.csv rad 2", "volda.csv rad 3",
                                              "rissa.csv rad 2", "rissa.csv rad 3"]
    assert not any("respondent id" in n for n in s.notes)


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
    with pytest.raises(InputError) as exc:
        load_survey([tmp_path / "q.csv"])
    assert str(exc.value) == (f"{tmp_path / 'q.csv'}, line 2: a quote character (\") opens a cell "
                              "that runs over the following rows; remove or double the stray "
                              "quote and try again.")


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
    assert s.notes == [f"{tmp_path / 'qb.xlsx'}: read sheet 'Data'"]


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


def test_reading_reports_rows_read_across_files(tmp_path):
    """A large export shows how far reading has come, not "0/?" until it is done."""
    big = [[str(1000 + i), "Volda", "Samarbeid", "", "For få boliger", "3"]
           for i in range(2500)]
    first = write_delimited(tmp_path / "a.csv", HEADER, big)
    second = write_delimited(tmp_path / "b.csv", HEADER, ROWS)
    calls: list[tuple[int, int]] = []
    survey = load_survey([first, second], progress=lambda d, t: calls.append((d, t)))
    assert calls[:4] == [(0, 2500), (1000, 2500), (2000, 2500), (2500, 2500)]
    total = 2500 + len(ROWS)
    assert calls[-1] == (total, total) == (survey.counts["rows"], survey.counts["rows"])
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
