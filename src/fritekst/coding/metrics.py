"""The one place fritekst computes agreement figures, all with scikit-learn's metric functions.

Codings are indicator matrices (units × themes, 0/1) or, for codings that need not share
units (a human coder's respondent-level codes against the tool's), sets of labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from sklearn.metrics import (
    cohen_kappa_score,
    f1_score,
    precision_recall_curve,
    precision_recall_fscore_support,
)
from sklearn.preprocessing import MultiLabelBinarizer


def _average(y: np.ndarray) -> dict:
    """scikit-learn reads a one-column indicator matrix as a binary target, whose micro
    average would count the units without the theme too: ask for the positive class."""
    return {"average": "binary", "pos_label": 1} if np.ndim(y) == 1 or np.shape(y)[1] == 1 \
        else {"average": "micro"}


def _columns(y) -> np.ndarray:
    y = np.asarray(y)
    return y[:, 0] if y.ndim == 2 and y.shape[1] == 1 else y


def micro(y: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    """Micro-averaged precision, recall and F1 over every unit and theme (0 where undefined)."""
    if not np.size(y):
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    p, r, f, _ = precision_recall_fscore_support(_columns(y), _columns(pred), zero_division=0,
                                                 **_average(y))
    return {"precision": float(p), "recall": float(r), "f1": float(f)}


def micro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    """Micro-averaged F1 (0 where nothing was coded by either)."""
    if not np.size(y):
        return 0.0
    return float(f1_score(_columns(y), _columns(pred), zero_division=0, **_average(y)))


def per_label(y: np.ndarray, pred: np.ndarray) -> dict[str, np.ndarray]:
    """Per column: precision, recall, F1, support (gold count) and predicted count."""
    k = y.shape[1]
    if not len(y):
        zeros = np.zeros(k)
        return {"precision": zeros, "recall": zeros, "f1": zeros,
                "support": zeros.astype(int), "predicted": zeros.astype(int)}
    if k == 1:  # one theme: its own precision, recall and F1
        one = micro(y, pred)
        return {"precision": np.array([one["precision"]]), "recall": np.array([one["recall"]]),
                "f1": np.array([one["f1"]]), "support": np.asarray(y).sum(axis=0).astype(int),
                "predicted": np.asarray(pred).sum(axis=0).astype(int)}
    p, r, f, support = precision_recall_fscore_support(y, pred, average=None, zero_division=0,
                                                       labels=list(range(k)))
    return {"precision": p, "recall": r, "f1": f, "support": support.astype(int),
            "predicted": np.asarray(pred).sum(axis=0).astype(int)}


def kappa(a: np.ndarray, b: np.ndarray) -> float | None:
    """Cohen's kappa of two binary codings; ``None`` where both coders are constant."""
    if a.min() == a.max() and b.min() == b.max():
        return None
    return float(cohen_kappa_score(a, b))


def exact_set(y: np.ndarray, pred: np.ndarray) -> float:
    """Share of units whose whole set of themes is right."""
    return float((np.asarray(y) == np.asarray(pred)).all(axis=1).mean()) if len(y) else 0.0


def binarize(*codings: Sequence[Iterable]) -> tuple[list, list[np.ndarray]]:
    """Sets of labels (one per unit) → indicator matrices over the labels of all codings."""
    mlb = MultiLabelBinarizer()
    mlb.fit([label for coding in codings for label in coding])
    return list(mlb.classes_), [mlb.transform(c) for c in codings]


def set_agreement(a: Sequence[Iterable], b: Sequence[Iterable]) -> dict[str, float]:
    """Agreement of two codings of the same units given as label sets: micro P/R/F1 of ``b``
    against ``a`` and exact-set agreement."""
    _, (ya, yb) = binarize(a, b)
    if not ya.shape[1]:  # neither coder gave any label
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "exact_set": 1.0}
    return {**micro(ya, yb), "exact_set": exact_set(ya, yb)}


THRESHOLDS = np.arange(0.15, 0.86, 0.025)


def best_threshold(p: np.ndarray, target: np.ndarray) -> float:
    """The probability cut-off (of :data:`THRESHOLDS`) with the best F1 for one theme; 0.5
    when the theme never occurs. One precision-recall curve gives F1 at every cut-off (an
    F1 call per cut-off spends its time checking its input: 40 s on 54 rows)."""
    if target.sum() == 0:
        return 0.5
    precision, recall, cuts = precision_recall_curve(target, p)
    # predicting p >= t is predicting p >= the smallest score at or above t
    at = np.searchsorted(cuts, THRESHOLDS, side="left")
    # back to counts, so that F1 = 2 tp / (predicted + gold) to the last bit, ties included
    positives = int(target.sum())
    tp = np.rint(recall[at] * positives)
    predicted = np.divide(tp, precision[at], out=np.zeros_like(tp), where=tp > 0)
    f1 = 2 * tp / (np.rint(predicted) + positives)
    return float(THRESHOLDS[int(np.argmax(f1))])


def krippendorff_alpha(items: Sequence[Sequence]) -> float | None:
    """Krippendorff's alpha for nominal values: ``items`` holds, per unit, the values the
    coders gave it (any number of coders; units with fewer than two values do not count).
    ``None`` when there is no disagreement to expect (every value the same).

    alpha = 1 − D_o / D_e from the coincidence matrix: each unit with m values adds
    1 / (m − 1) for every ordered pair of values from different coders."""
    values = sorted({v for item in items for v in item}, key=str)
    index = {v: i for i, v in enumerate(values)}
    o = np.zeros((len(values), len(values)))
    for item in items:
        m = len(item)
        if m < 2:
            continue
        for i, a in enumerate(item):
            for j, b in enumerate(item):
                if i != j:
                    o[index[a], index[b]] += 1.0 / (m - 1)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    if n <= 1:
        return None
    disagree_observed = o.sum() - np.trace(o)
    disagree_expected = (n_c.sum() ** 2 - (n_c ** 2).sum()) / (n - 1)
    if disagree_expected == 0:
        return None
    return float(1.0 - disagree_observed / disagree_expected)
