"""Reading order, paragraphs and hyphenation from hand-made text segments."""

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from fritekst.extract.layout import (
    Segment,
    blocks,
    clean,
    group_lines,
    join_broken,
    reading_lines,
)


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
    # words in capitals broken at a line end, but not abbreviations joined by a hyphen
    ("SAM-", "ORDNING", "SAMORDNING"),
    ("BOLIG-", "SOSIALT ARBEID", "BOLIGSOSIALT ARBEID"),
    ("EU-", "EØS", "EU-EØS"),
    ("Ikke-", "dødelige", "Ikke-dødelige"),
    # a cell of a table broken over three lines
    ("Investe-", "ringspro-", "Investeringspro-"),
])
def test_line_end_hyphens(first, second, joined):
    assert join_broken(first, second) == joined


# whitespace and the characters a line-end hyphen may be written with
_SPACE_OR_HYPHEN = re.compile(r"[\s\-\u00ad\u2010\ufffe\x02]")
# pieces of lines as join_broken meets them: letters of both cases, the hyphens, quotes,
# punctuation, odd spaces and the words that show a hyphen is real
_PIECES = st.lists(st.sampled_from([
    *"abeløåROPN7", "-", "\u00ad", "\u2010", "\ufffe", "\x02", " ", "\n", "\r", "\u00a0",
    ",", ";", ".", "»", '"', ")", "og", "eller", "til", "bo", "lig",
]), max_size=8).map("".join)


def _bare(text: str) -> str:
    return _SPACE_OR_HYPHEN.sub("", text)


@settings(max_examples=400, deadline=None)
@example("A-", "\r")  # a hyphen before a blank line: once an IndexError
@given(st.one_of(_PIECES, st.text()), st.one_of(_PIECES, st.text()))
def test_joining_lines_changes_nothing_but_the_hyphen_and_spaces(first, second):
    assert _bare(join_broken(first, second)) == _bare(first + second)


def test_a_hyphen_before_a_line_of_dot_leaders_is_kept():
    # the second line cleans to a space: there is no word to finish (this used to crash)
    assert join_broken("bo-", " ") == "bo-  "
    segments = [Segment(60, 700, 300, 710, "Dette er et bo-", 10.0),
                Segment(60, 686, 300, 696, ".....", 10.0)]
    assert [b.text for b in blocks(group_lines(segments))] == ["Dette er et bo-"]


def test_clean_ligatures_and_spaces():
    assert clean("\ufb01nne\u00a0de\u200b \ufb02yktning") == "finne de flyktning"


def _column_rows(x: float, words: list[str], top: float = 700) -> list[Segment]:
    return [Segment(x, top - 14 * i, x + 200, top - 14 * i + 10, w, 10.0)
            for i, w in enumerate(words)]


def test_two_columns_drawn_row_by_row_are_read_column_by_column():
    left = [f"venstre spalte, linje {i} av åtte" for i in range(8)]
    right = [f"høyre spalte, linje {i} av åtte" for i in range(8)]
    # interleave as some producers draw them: row by row across both columns
    segments = [s for pair in zip(_column_rows(60, left), _column_rows(320, right), strict=True)
                for s in pair]
    assert [ln.text for ln in reading_lines(segments, 595)] == left + right


def test_full_width_heading_closes_a_band():
    heading = Segment(60, 740, 530, 754, "3 Volda kommune", 14.0)
    left = _column_rows(60, [f"a{i} tekst" for i in range(6)])
    right = _column_rows(320, [f"b{i} tekst" for i in range(6)])
    lines = reading_lines([*right, heading, *left], 595)
    assert [ln.text for ln in lines] == ["3 Volda kommune", *(f"a{i} tekst" for i in range(6)),
                                         *(f"b{i} tekst" for i in range(6))]


def test_one_column_page_is_read_line_by_line():
    segs = _column_rows(60, [f"linje {i} med tekst" for i in range(12)])
    segs = [Segment(s.x0, s.y0, 530, s.y1, s.text, s.size) for s in segs]
    assert [ln.text for ln in reading_lines(segs)] == [ln.text for ln in group_lines(segs)]


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


def test_page_drawn_word_by_word_is_one_column():
    words = ["det", "er", "for", "få", "boliger", "og", "i", "år", "har", "vi", "ikke", "fått",
             "noe", "nytt", "på", "plass", "i", "kommunen"]
    segments = []
    for row in range(20):
        x = 60.0
        for w in words[row % 5:] + words[:row % 5]:
            width = 5.0 * len(w)
            segments.append(Segment(x, 700 - 14 * row, x + width, 710 - 14 * row, w, 10.0))
            x += width + 3.0
    assert [ln.text for ln in reading_lines(segments)] == [
        ln.text for ln in group_lines(segments)]


def test_lone_hyphen_run_and_footnote_mark():
    line1 = [Segment(60, 700, 200, 710, "Senter", 10.0), Segment(200.5, 703, 203, 705, "\x02", 2.0)]
    line2 = [Segment(60, 686, 150, 696, "struktur i Oppdal", 10.0),
             Segment(151, 692, 155, 698, "7", 6.0), Segment(157, 686, 250, 696, "er god.", 10.0)]
    lines = group_lines(line1 + line2)
    assert [ln.text for ln in lines] == ["Senter\x02", "struktur i Oppdal er god."]
    assert [b.text for b in blocks(lines)] == ["Senterstruktur i Oppdal er god."]


def test_large_title_over_two_lines_stays_one_block():
    rows = [Segment(60, 700, 500, 726, "Bustadsosialt arbeid i fem", 26.0),
            Segment(60, 670, 300, 696, "kommunar", 26.0),
            Segment(60, 620, 400, 632, "Kari Nordmann", 12.0)]
    assert [b.text for b in blocks(reading_lines(rows, 595))] == [
        "Bustadsosialt arbeid i fem kommunar", "Kari Nordmann"]


def _run_on_page(last_left: str, first_right: str) -> list[str]:
    """Two columns of paragraphs set off by wider gaps: a paragraph of six lines and a
    one-line paragraph at the foot of the left column, one line at the head of the right
    column and a paragraph of six lines below it."""
    left = [Segment(60, 700 - 14 * i, 260, 710 - 14 * i,
                    f"linje {i} i venstre" + ("." if i == 5 else ""), 10.0) for i in range(6)]
    left.append(Segment(60, 606, 260, 616, last_left, 10.0))
    right = [Segment(320, 700, 520, 710, first_right, 10.0)] + [
        Segment(320, 676 - 14 * i, 520, 686 - 14 * i, f"rad {i} til høgre", 10.0)
        for i in range(6)]
    return [b.text for b in blocks(reading_lines(left + right, 595))]


FIRST = " ".join(f"linje {i} i venstre" for i in range(6)) + "."
LAST = " ".join(f"rad {i} til høgre" for i in range(6))


def test_sentence_running_on_into_the_next_column_stays_one_paragraph():
    assert _run_on_page("Og denne setningen går", "videre i høgre spalte.") == [
        FIRST, "Og denne setningen går videre i høgre spalte.", LAST]
    # a sentence that ends at the foot of the column is a paragraph of its own
    assert _run_on_page("Og denne setningen sluttar her.", "Ny setning i høgre spalte.") == [
        FIRST, "Og denne setningen sluttar her.", "Ny setning i høgre spalte.", LAST]
