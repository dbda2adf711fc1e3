from pathlib import Path

import pytest

from conftest import HEADER, ROWS, write_delimited, write_xlsx
from fritekst.errors import InputError
from fritekst.extract.readers import read_table


@pytest.mark.parametrize(("encoding", "delimiter", "bom", "suffix", "detected"), [
    ("utf-8", ",", False, ".csv", "utf-8"),
    ("utf-8", ";", True, ".csv", "utf-8-sig"),
    ("cp1252", ";", False, ".csv", "cp1252"),
    ("latin-1", ";", False, ".csv", "cp1252"),   # the same letters; read as cp1252
    ("utf-16", "\t", False, ".txt", "utf-16"),
    ("utf-8", "\t", False, ".tsv", "utf-8"),
])
def test_reads_every_encoding_and_delimiter(tmp_path, encoding, delimiter, bom, suffix,
                                            detected):
    path = write_delimited(tmp_path / f"x{suffix}", HEADER, ROWS, encoding=encoding,
                           delimiter=delimiter, bom=bom)
    table = read_table(path)
    assert table.header == HEADER
    assert table.rows[0][4] == "1) For få bustader 2) Uklar ansvarsfordeling"
    # the multi-line cell survives quoting
    assert table.rows[1][4] == "Mangel på egnede utleieboliger\nFor lite oppfølging i bolig"
    assert table.row_numbers == [2, 3, 4, 5, 6]
    assert (table.delimiter, table.encoding, table.notes) == (delimiter, detected, [])


def test_cp1252_is_detected_not_mangled(tmp_path):
    path = write_delimited(tmp_path / "x.csv", ["Kommune", "Svar"],
                           [["Ørland", "Får ikkje bustad"]], encoding="cp1252", delimiter=";")
    table = read_table(path)
    assert table.encoding == "cp1252"
    assert table.rows == [["Ørland", "Får ikkje bustad"]]


def _mixed_export(tmp_path: Path, bom: bool = False) -> Path:
    """UTF-8 export with one line saved as cp1252 (a line edited in Notepad)."""
    lines = ["id;Kommune;Utfordringer?", "1;Ørsta;For få bustader", "2;Ørsta;Tid og pengar",
             "3;Våler;Små forhold", "4;Ørland;Ansvarsfordelinga er uklår"]
    data = b"\r\n".join(line.encode("cp1252" if i == 3 else "utf-8")
                         for i, line in enumerate(lines))
    path = tmp_path / "blanda.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data + b"\r\n")
    return path


@pytest.mark.parametrize("bom", [False, True])
def test_a_utf8_file_with_one_cp1252_line_is_decoded_line_by_line(tmp_path, bom):
    table = read_table(_mixed_export(tmp_path, bom))
    assert [r[1] for r in table.rows] == ["Ørsta", "Ørsta", "Våler", "Ørland"]
    assert table.rows[3][2] == "Ansvarsfordelinga er uklår"
    assert table.encoding == "utf-8+cp1252"
    assert table.notes == [
        "mixed encodings: 1 of 5 lines are not UTF-8 (line 4) and were read as cp1252 "
        "(Windows), the rest as UTF-8; check that their æ, ø and å look right"]


def test_text_decoded_twice_before_it_came_is_pointed_out(tmp_path):
    path = write_delimited(tmp_path / "x.csv", ["Kommune", "Svar"],
                           [["Ã˜rsta", "For fÃ¥ bustader"], ["Volda", "Tid"]])
    table = read_table(path)
    assert table.rows[0] == ["Ã˜rsta", "For fÃ¥ bustader"]  # read as written, not guessed
    assert table.notes == [
        "line 2 holds text such as 'Ã˜' or 'Ã¸', which is Ø or ø decoded twice before the "
        "file reached fritekst; export the survey again as UTF-8"]


def test_txt_is_one_answer_per_line(tmp_path):
    path = tmp_path / "svar.txt"
    path.write_text("For få boliger\n\nUklar ansvarsfordeling\n", encoding="utf-8")
    table = read_table(path)
    assert table.header == ["id", "text"]
    assert [r[1] for r in table.rows] == ["For få boliger", "Uklar ansvarsfordeling"]
    assert table.row_numbers == [1, 3]


def test_xlsx_with_two_row_merged_header(tmp_path):
    grid = [
        ["Respondent", "Kommune", "Hva er styrkene?", None, "Utfordringer?"],
        [None, None, "Styrke 1", "Styrke 2", None],
        [1, "Rissa", "Tildelingsteam", "Lokalkunnskap", "For få boliger"],
        [2, "Rissa", "Samarbeid", None, "Tid"],
    ]
    table = read_table(write_xlsx(tmp_path / "x.xlsx", grid, merges=["C1:D1"]))
    assert table.header == ["Respondent", "Kommune", "Hva er styrkene? - Styrke 1",
                            "Hva er styrkene? - Styrke 2", "Utfordringer?"]
    assert table.rows[0] == ["1", "Rissa", "Tildelingsteam", "Lokalkunnskap", "For få boliger"]
    assert table.row_numbers == [3, 4]
    assert table.notes == ["rows 1-2 read as one two-row header"]


def test_csv_with_two_row_header(tmp_path):
    # sub-labels, words or digits, under a question that spans two columns are merged
    for sub in (["", "1", "2"], ["", "Styrke 1", "Styrke 2"]):
        path = write_delimited(tmp_path / "x.csv", ["Kommune", "Hva er styrkene?", ""],
                               [sub, ["Volda", "Samarbeid", "Tid"]], delimiter=";")
        table = read_table(path)
        assert table.header == ["Kommune", f"Hva er styrkene? - {sub[1]}",
                                f"Hva er styrkene? - {sub[2]}"]
        assert table.rows == [["Volda", "Samarbeid", "Tid"]]
    # a data row under a spanning header is no sub-header
    path = write_delimited(tmp_path / "z.csv", ["Kommune", "Hva er styrkene?", ""],
                           [["Volda", "Samarbeid", "Tid"]], delimiter=";")
    assert read_table(path).rows == [["Volda", "Samarbeid", "Tid"]]


def test_numbers_in_xlsx_read_as_plain_digits(tmp_path):
    table = read_table(write_xlsx(tmp_path / "x.xlsx", [["Kommune", "Score"], ["Volda", 4.0]]))
    assert table.rows == [["Volda", "4"]]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("tom.csv", b"", "the file is empty; export the survey again."),
    ("blank.csv", b"\r\n \r\n", "the file has no data; export the survey again."),
    # ";;" is sniffed as one cell: a header without rows
    ("semikolon.csv", b"\r\n;;\r\n", "only a header row, no data rows; export the survey again."),
    ("hode.csv", b"Kommune;Svar\r\n", "only a header row, no data rows; export the survey again."),
    ("binary.xlsx", b"\x00\x01\x02 not a zip", "not a readable Excel file (damaged, or not really "
                                              ".xlsx); open it in Excel and save it again as "
                                              ".xlsx, or export CSV."),
    ("binary.csv", b"PK\x03\x04\x00\x00\x00binary",
     "looks like a binary file, not text; export the survey as .xlsx or CSV."),
    ("gammel.xls", b"\xd0\xcf\x11\xe0", "old Excel format (.xls) is not supported; open it in "
                                        "Excel and save as .xlsx or CSV."),
    ("notes.pdf", b"%PDF-1.4", "a PDF is a report, not a survey export; read reports with "
                               "'fritekst literature', 'search', 'meta' or 'extract'."),
    ("svar.docx", b"PK\x03\x04", "unknown file type '.docx'; use .xlsx, .csv, .tsv, .txt or .sav."),
])
def test_bad_files_give_one_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as exc:
        read_table(path)
    assert str(exc.value) == f"{path}: {message}"


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError) as exc:
        read_table(tmp_path / "finnes_ikke.csv")
    assert str(exc.value) == f"{tmp_path / 'finnes_ikke.csv'}: file not found. Check the path " \
                             "and spelling."
    with pytest.raises(InputError) as exc:
        read_table(Path(tmp_path))
    assert str(exc.value) == f"{tmp_path}: is a folder; give the survey export file(s) inside it."
