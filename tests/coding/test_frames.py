"""A table of texts (pandas) coded with code_frame: the same themes, evidence, confidence and
read polarity as the survey's units coded by ``fritekst code``; blank texts are not coded."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import DEMO_CSV
from fritekst import code_files, code_frame, make_coder
from fritekst.errors import FritekstError


@pytest.fixture(scope="module")
def model():
    return make_coder()


def test_a_table_of_the_demo_answers_codes_as_the_survey_does(model):
    units = code_files([DEMO_CSV], coder=model, workers=1).units
    answers = units[units["status"].isin(["coded", "uncoded"])]
    asked = answers["polarity"].where(answers["polarity_from"] == "question")
    table = pd.DataFrame({"id": range(len(answers)), "text": answers["text"].to_numpy(),
                          "polarity": asked.to_numpy()})
    out = code_frame(pd.concat([table, pd.DataFrame({"id": [-1], "text": ["  "]})],
                               ignore_index=True), model, polarity="polarity")
    coded, blank = out.iloc[:-1], out.iloc[-1]
    for column in ("themes", "evidence", "status"):
        assert coded[column].tolist() == answers[column].tolist()
    assert coded["confidence"].tolist() == answers["confidence"].tolist()
    read = answers["polarity"].where(answers["polarity_from"] == "model")
    assert [r if isinstance(r, str) else None for r in read] == coded["read_polarity"].tolist()
    assert coded["read_polarity"].notna().any() and (coded["status"] == "coded").sum() > 100
    assert blank["status"] == "empty" and blank["themes"] == "" and pd.isna(blank["confidence"])
    assert list(out.columns[:3]) == ["id", "text", "polarity"]  # the table's own columns kept


def test_a_missing_column_is_named(model):
    with pytest.raises(FritekstError, match=r"no column 'svar'.*columns: tekst"):
        code_frame(pd.DataFrame({"tekst": ["For få boliger"]}), model, text="svar")
