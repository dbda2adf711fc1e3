"""The one metrics module against figures worked out by hand."""

import numpy as np
import pandas as pd
import pytest

from fritekst.coding import metrics
from fritekst.coding.evaluate import agreement


def test_micro_and_per_label_on_a_small_coding():
    y = np.array([[1, 0, 1], [0, 1, 0], [1, 1, 0], [0, 0, 0]])
    p = np.array([[1, 0, 0], [0, 1, 1], [1, 0, 0], [0, 0, 0]])
    # tp = 3, predicted 4, gold 5
    assert metrics.micro(y, p) == pytest.approx({"precision": 3 / 4, "recall": 3 / 5,
                                                 "f1": 2 * 3 / 9})
    per = metrics.per_label(y, p)
    assert per["support"].tolist() == [2, 2, 1] and per["predicted"].tolist() == [2, 1, 1]
    assert per["f1"] == pytest.approx([1.0, 2 / 3, 0.0])
    assert metrics.exact_set(y, p) == 0.25


def test_one_theme_counts_only_the_units_that_have_it():
    """scikit-learn reads one column as a binary target; the units without the theme must not
    count as agreement."""
    y = np.array([[1], [1], [0], [0], [0], [0]])
    p = np.array([[1], [0], [1], [0], [0], [0]])
    assert metrics.micro(y, p)["f1"] == pytest.approx(0.5)
    assert metrics.micro_f1(y, p) == pytest.approx(0.5)
    assert metrics.per_label(y, p)["f1"] == pytest.approx([0.5])


def test_set_agreement_of_two_coders():
    a = [{"boligmangel"}, {"samordning", "tildeling"}, set(), {"ressurser"}]
    b = [{"boligmangel"}, {"samordning"}, {"ressurser"}, set()]
    got = metrics.set_agreement(a, b)
    assert got == pytest.approx({"precision": 2 / 3, "recall": 2 / 4, "f1": 4 / 7,
                                 "exact_set": 1 / 4})
    assert metrics.set_agreement([{"x"}], [{"x"}])["f1"] == 1.0


def test_agreement_over_respondent_polarity_and_theme():
    gold = pd.DataFrame({"municipality": "Volda", "respondent": ["1", "1", "2"],
                         "polarity": "utfordring",
                         "themes": ["boligmangel", "samordning;boligmangel", "ressurser"]})
    tool = pd.DataFrame({"municipality": "Volda", "respondent": ["1", "2", "2"],
                         "polarity": "utfordring",
                         "themes": ["boligmangel", "ressurser", "tildeling"]})
    got = agreement(gold, tool)  # gold {1 boligmangel, 1 samordning, 2 ressurser}
    assert (got.precision, got.recall) == pytest.approx((2 / 3, 2 / 3))
    per = got.per_theme.set_index("theme")
    assert per.loc["boligmangel", ["gold", "tool", "both"]].tolist() == [1, 1, 1]
    assert per.loc["tildeling", "f1"] == 0.0 and per.loc["ressurser", "f1"] == 1.0
