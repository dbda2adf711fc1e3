from pathlib import Path

import pytest

from conftest import HEADER, ROWS, write_delimited, write_xlsx
from fritekst.errors import InputError
from fritekst.extract.readers import read_table


@pytest.mark.parametrize(("encoding", "delimiter", "bom", "suffix"), [
    ("utf-8", ",", False, ".csv"),
    ("utf-8", ";", True, ".csv"),
    ("cp1252", ";", False, ".csv"),
    ("latin-1", ";", False, ".csv"),
    ("utf-16", "\t", False, ".txt"),
    ("utf-8", "\t", False, ".tsv"),
])
def test_reads_every_encoding_and_delimiter(tmp_path, encoding, delimiter, bom, suffix):
    path = write_delimited(tmp_path / f"x{suffix}", HEADER, ROWS, encoding=encoding,
                           delimiter=delimiter, bom=bom)
    table = read_table(path)
    assert table.header == HEADER
    assert table.rows[0][4] == "1) For få bustader 2) Uklar ansvarsfordeling"
    # the multi-line cell survives quoting
    assert table.rows[1][4] == "Mangel på egnede utleieboliger\nFor lite oppfølging i bolig"
    assert table.row_numbers[:2] == [2, 3]
    if delimiter != "\t":
        assert table.delimiter == delimiter


def test_cp1252_is_detected_not_mangled(tmp_path):
    path = write_delimited(tmp_path / "x.csv", ["Kommune", "Svar"],
                           [["Ørland", "Får ikkje bustad"]], encoding="cp1252", delimiter=";")
    table = read_table(path)
    assert table.encoding == "cp1252"
    assert table.rows == [["Ørland", "Får ikkje bustad"]]


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
    assert table.notes


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
    ("tom.csv", b"", "the file is empty"),
    ("blank.csv", b"\r\n;;\r\n", "no data"),
    ("binary.xlsx", b"\x00\x01\x02 not a zip", "not a readable Excel file"),
    ("binary.csv", b"PK\x03\x04\x00\x00\x00binary", "binary file"),
    ("gammel.xls", b"\xd0\xcf\x11\xe0", "old Excel format"),
    ("notes.pdf", b"%PDF-1.4", "a PDF is a report"),
])
def test_bad_files_give_one_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as exc:
        read_table(path)
    assert name in str(exc.value)
    assert "\n" not in str(exc.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_table(tmp_path / "finnes_ikke.csv")
    with pytest.raises(InputError, match="is a folder"):
        read_table(Path(tmp_path))
