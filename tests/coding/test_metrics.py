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


def _best_threshold_by_counting(p, target):
    best, best_f1 = 0.5, -1.0
    for t in metrics.THRESHOLDS:
        pred = p >= t
        tp = int((pred & (target == 1)).sum())
        f1 = 2 * tp / (pred.sum() + target.sum())
        if f1 > best_f1:
            best, best_f1 = float(t), f1
    return best


@pytest.mark.parametrize("seed", range(5))
def test_best_threshold_is_the_cut_off_with_the_best_f1(seed):
    """The curve-based search picks what counting at every cut-off picks, ties included."""
    rng = np.random.default_rng(seed)
    for case in range(200):
        n = int(rng.integers(2, 120))
        p = rng.random(n)
        if case % 3 == 0:
            p = np.round(p, 1)  # ties
        if case % 4 == 0:
            p = metrics.THRESHOLDS[rng.integers(0, len(metrics.THRESHOLDS), n)]  # on the grid
        target = (rng.random(n) < 0.4).astype(int)
        if target.sum():
            assert metrics.best_threshold(p, target) == _best_threshold_by_counting(p, target)
    assert metrics.best_threshold(np.array([0.9, 0.1]), np.array([0, 0])) == 0.5
