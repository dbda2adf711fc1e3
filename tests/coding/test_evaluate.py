"""Evaluation maths against scikit-learn's own metric functions on small hand-made cases."""

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score, f1_score, precision_score, recall_score

from fritekst.coding.base import Coding
from fritekst.coding.codebook import load_codebook
from fritekst.coding.evaluate import evaluate

GOLD = [
    ("a", {"boligmangel"}, "utfordring"),
    ("b", {"boligmangel", "samordning"}, "utfordring"),
    ("c", {"samordning"}, "styrke"),
    ("d", set(), ""),
    ("e", {"moteplasser"}, "styrke"),
    ("f", {"boligmangel"}, "utfordring"),
]
CODED = {
    "a": (("boligmangel",), 0.95, "utfordring"),
    "b": (("boligmangel",), 0.60, "utfordring"),
    "c": (("samordning", "moteplasser"), 0.40, "styrke"),
    "d": ((), 0.90, None),
    "e": (("moteplasser",), 0.97, "utfordring"),
    "f": (("samordning",), 0.30, "utfordring"),
}


class FixedCoder:
    name, version = "fast", "1"

    def __init__(self):
        self.codebook = load_codebook()

    def describe(self):
        return {"name": self.name, "version": self.version}

    def code(self, texts, polarities, kinds=None):
        return [Coding(CODED[t][0], dict.fromkeys(CODED[t][0], 0.9), {}, CODED[t][1],
                       CODED[t][2] if p is None else None) for t, p in zip(texts, polarities,
                                                                          strict=True)]


@pytest.fixture
def result():
    gold = pd.DataFrame([{"text": t, "themes": ";".join(sorted(s)), "theme_set": s,
                          "polarity": p, "kind": "sentence"} for t, s, p in GOLD])
    return evaluate(gold, FixedCoder(), min_confidence=0.5)


def _matrices():
    ids = load_codebook().ids
    y = np.array([[t in s for t in ids] for _, s, _ in GOLD], dtype=int)
    p = np.array([[t in CODED[x][0] for t in ids] for x, _, _ in GOLD], dtype=int)
    return ids, y, p


def test_micro_macro_and_exact(result):
    _, y, p = _matrices()
    s = result.summary
    assert s["micro_precision"] == pytest.approx(precision_score(y, p, average="micro"))
    assert s["micro_recall"] == pytest.approx(recall_score(y, p, average="micro"))
    assert s["micro_f1"] == pytest.approx(f1_score(y, p, average="micro"))
    present = y.sum(axis=0) > 0
    assert s["macro_f1"] == pytest.approx(
        f1_score(y[:, present], p[:, present], average="macro", zero_division=0))
    assert s["exact_set_accuracy"] == pytest.approx(3 / 6)   # a, d, e


def test_per_theme_against_sklearn(result):
    ids, y, p = _matrices()
    per = result.per_theme.set_index("theme")
    for t in ["boligmangel", "samordning", "moteplasser"]:
        k = ids.index(t)
        assert per.loc[t, "f1"] == pytest.approx(f1_score(y[:, k], p[:, k]))
        assert per.loc[t, "kappa"] == pytest.approx(cohen_kappa_score(y[:, k], p[:, k]))
        assert per.loc[t, "support"] == y[:, k].sum()


def test_polarity_confusions_worst_and_abstention(result):
    s = result.summary
    # the coder read polarity itself on the 5 coded units with a gold polarity; e is wrong
    assert (s["polarity_units"], s["polarity_accuracy"]) == (5, pytest.approx(4 / 5))
    pairs = {(r.gold, r.coded_as): r.units for r in result.confused.itertuples()}
    assert pairs == {("boligmangel", "samordning"): 1}   # f; b and c miss or add, not swap
    # most errors first, then the more confident of equally wrong units
    assert result.worst.to_dict(orient="list") == {
        "text": ["f", "b", "c"], "gold": ["boligmangel", "boligmangel;samordning", "samordning"],
        "coded": ["samordning", "boligmangel", "samordning;moteplasser"],
        "confidence": [0.3, 0.6, 0.4], "errors": [2, 1, 1]}
    at = result.abstention["at_min_confidence"]
    assert at["coverage"] == pytest.approx(4 / 6)       # a, b, d, e
    assert at["exact_precision"] == pytest.approx(3 / 4)  # b misses samordning
    reach = result.abstention["at_target"]
    # the lowest unit confidence above which ≥ 95 % are right: d (0.9); b (0.6) is wrong
    assert reach["min_confidence"] == 0.9
    assert reach["coverage"] == pytest.approx(3 / 6) and reach["exact_precision"] == 1.0
