"""A CSV written by fritekst and read back gives the same cells (the promise in words)."""

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from fritekst.api import CODED_COLUMNS
from fritekst.export.survey import write_coded
from fritekst.extract.readers import read_table

# any text a respondent could type: every character but NUL and lone surrogates, with the
# ones that matter to CSV and Excel made likely
_TRICKY = ["=", "+", "@", "'", "-", "&amp;", "&#230;", "&lt;", '"', ",", ";", "\t", "\n",
           "\r\n", "\r", " ", "æøå", "Ø", "sep=;", "\ufeff"]
_text = st.lists(st.one_of(st.sampled_from(_TRICKY),
                           st.text(st.characters(blacklist_categories=("Cs",),
                                                 blacklist_characters="\x00"), max_size=8)),
                 max_size=8).map("".join)
_row = st.fixed_dictionaries({
    "respondent": _text, "municipality": _text, "question": _text, "text": _text,
    "themes": st.sampled_from(["", "boligmangel", "boligmangel;samordning"]),
    "evidence": _text,
})


@settings(max_examples=150, deadline=None)
@given(st.lists(_row, min_size=1, max_size=6))
def test_coded_csv_reads_back_cell_for_cell(tmp_path_factory, rows):
    units = pd.DataFrame([{
        "source": "eksport.csv", "row": i + 2, "polarity": "utfordring", "unit": 1,
        "confidence": 0.875, "status": "coded", "polarity_from": "question", **r}
        for i, r in enumerate(rows)], columns=CODED_COLUMNS)
    path = tmp_path_factory.mktemp("rundtur") / "kodet.csv"
    write_coded(units, {}, path)
    table = read_table(path)
    assert table.header == CODED_COLUMNS
    back = pd.DataFrame(table.rows, columns=table.header)
    for column in ("respondent", "municipality", "question", "text", "themes", "evidence"):
        assert back[column].tolist() == units[column].tolist(), column
    assert back["confidence"].tolist() == ["0.875"] * len(rows)
