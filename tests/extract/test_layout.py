"""Reading order, paragraphs and hyphenation from hand-made text segments."""

import pytest

from fritekst.extract.layout import Segment, blocks, clean, find_gutter, join_broken, reading_lines


@pytest.mark.parametrize(("first", "second", "joined"), [
    ("bo-", "ligpolitikken er ny", "boligpolitikken er ny"),
    ("kommu\x02", "nene", "kommunene"),
    ("ut\u00ad", "leie", "utleie"),
    ("låne-", "og støtteordninger", "låne- og støtteordninger"),
    ("rus-", "og psykisk helse", "rus- og psykisk helse"),
    ("ROP-", "pasienter", "ROP-pasienter"),
    ("Nord-", "Fron kommune", "Nord-Fron kommune"),
    ("leie-", "til-eie", "leie-til-eie"),
    ("bo-", "oppfølging", "bo-oppfølging"),
    ("fort-", "eller om", "forteller om"),
    ("Betweenness-", "sentralitet", "Betweenness-sentralitet"),
    ("«Vet ikke»-", "svarene", "«Vet ikke»-svarene"),
    ("helse-", ", pleie-", "helse- , pleie-"),
    ("Det er", "to linjer", "Det er to linjer"),
])
def test_line_end_hyphens(first, second, joined):
    assert join_broken(first, second) == joined


def test_clean_ligatures_and_spaces():
    assert clean("\ufb01nne\u00a0de\u200b \ufb02yktning") == "finne de flyktning"


def _column_rows(x: float, words: list[str], top: float = 700) -> list[Segment]:
    return [Segment(x, top - 14 * i, x + 200, top - 14 * i + 10, w, 10.0)
            for i, w in enumerate(words)]


def test_two_columns_drawn_row_by_row_are_read_column_by_column():
    left = [f"venstre {i}" for i in range(8)]
    right = [f"høyre {i}" for i in range(8)]
    # interleave as some producers draw them: row by row across both columns
    segments = [s for pair in zip(_column_rows(60, left), _column_rows(320, right), strict=True)
                for s in pair]
    assert find_gutter(segments, 595) is not None
    assert [ln.text for ln in reading_lines(segments, 595)] == left + right


def test_full_width_heading_closes_a_band():
    heading = Segment(60, 740, 530, 754, "3 Volda kommune", 14.0)
    left = _column_rows(60, [f"a{i} tekst" for i in range(6)])
    right = _column_rows(320, [f"b{i} tekst" for i in range(6)])
    lines = reading_lines([*right, heading, *left], 595)
    assert lines[0].text == "3 Volda kommune"
    assert [ln.text for ln in lines[1:7]] == [f"a{i} tekst" for i in range(6)]


def test_one_column_page_has_no_gutter():
    segs = _column_rows(60, [f"linje {i} med tekst" for i in range(12)])
    segs = [Segment(s.x0, s.y0, 530, s.y1, s.text, s.size) for s in segs]
    assert find_gutter(segs, 595) is None


def test_paragraphs_split_at_wider_gaps_and_size_changes():
    rows = [Segment(60, 700, 400, 714, "Overskrift", 14.0),
            Segment(60, 680, 530, 690, "Første avsnitt går over to linjer og bo-", 10.0),
            Segment(60, 666, 530, 676, "ligene er for få.", 10.0),
            Segment(60, 640, 530, 650, "Andre avsnitt.", 10.0)]
    out = blocks(reading_lines(rows, 595))
    assert [b.text for b in out] == ["Overskrift",
                                     "Første avsnitt går over to linjer og boligene er for få.",
                                     "Andre avsnitt."]
    assert out[0].size > out[1].size
