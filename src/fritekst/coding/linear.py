"""What the learned classifier is made of, shared by fitting, coding and reading a model:
the linear layers, the units as the classifier reads them, and the choices it is made from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfTransformer

from fritekst.errors import InputError

VARIANTS = ("text", "text+rules", "text+rules+override")
KINDS = ("answer", "sentence")  # thresholds and floors are chosen per kind of text
# what a question gives an answer, and what the polarity model reads off report prose
QUESTION_POLARITIES = ("styrke", "utfordring")
POLARITIES = ("styrke", "utfordring", "nøytral")
# the relevance gate: below this probability of being about housing-social work a unit of
# that kind gets no theme (0: no gate); cross-validation chooses per kind
GATES = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6)
# the learners cross-validation chooses between, each with its own regularisation grid
LEARNERS = {"logistic": (32.0, 100.0, 300.0), "svm": (1.0, 3.0, 10.0)}
# "no theme passed its threshold": give the most probable theme if it reaches this floor
FLOORS = (None, 0.1, 0.15, 0.2, 0.25)


@dataclass
class LinearLayer:
    """One linear layer: weights over the model's text columns (sparse) and over the
    codebook's verdicts (dense), a bias, and a sigmoid calibration per output."""

    text: sparse.csr_matrix          # (k, columns)
    rules: np.ndarray                # (k, 2 * themes) or (k, 0)
    intercept: np.ndarray            # (k,)
    calibration: np.ndarray          # (k, 2): p = sigmoid(a * z + b)

    @cached_property
    def _dense_text(self) -> np.ndarray:
        """The text weights as a dense (columns, k) array: a sparse matrix times a dense one
        adds the same products in the same order as two sparse ones, several times faster."""
        return self.text.T.toarray()

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_dense_text"}

    def decision(self, x_text: sparse.csr_matrix, x_rules: np.ndarray | None) -> np.ndarray:
        z = np.asarray(x_text @ self._dense_text) + self.intercept[np.newaxis, :]
        if self.rules.size and x_rules is not None:
            z = z + x_rules @ self.rules.T
        return z

    def proba(self, x_text: sparse.csr_matrix, x_rules: np.ndarray | None) -> np.ndarray:
        z = self.decision(x_text, x_rules)
        a, b = self.calibration[:, 0], self.calibration[:, 1]
        return 1.0 / (1.0 + np.exp(-(a * z + b)))


@dataclass
class Units:
    """What the classifier reads of each unit: its text, the question's polarity (answers
    only) and its kind; and for learning, the polarity and relevance as coded."""

    texts: list[str]
    context: list[str | None]
    kinds: list[str]
    polarity: list[str]  # as given (for sentences: the label the polarity model learns)
    relevant: np.ndarray  # 1 about housing-social work, 0 off-topic, NaN not coded

    @classmethod
    def of(cls, X) -> Units:
        """From texts, or a DataFrame with ``text`` and optional ``polarity`` and ``kind``."""
        if isinstance(X, pd.DataFrame):
            if "text" not in X.columns:
                raise InputError("the units need a 'text' column (and optionally polarity, "
                                 "kind).")
            texts = [str(t) for t in X["text"]]
            n = len(texts)
            kinds = [str(k) if k in KINDS else "answer" for k in
                     (X["kind"] if "kind" in X.columns else ["answer"] * n)]
            given = [p if isinstance(p, str) and p in POLARITIES else "" for p in
                     (X["polarity"] if "polarity" in X.columns else [""] * n)]
            relevant = (pd.to_numeric(X["relevant"], errors="coerce").to_numpy(dtype=float)
                        if "relevant" in X.columns else np.full(n, np.nan))
        elif isinstance(X, str) or not isinstance(X, Sequence | np.ndarray | pd.Series):
            raise InputError("give the texts as a list, a Series or a DataFrame with a 'text' "
                             "column.")
        else:
            texts = [str(t) for t in X]
            kinds, given = ["answer"] * len(texts), [""] * len(texts)
            relevant = np.full(len(texts), np.nan)
        context = [p if k == "answer" and p in QUESTION_POLARITIES else None
                   for p, k in zip(given, kinds, strict=True)]
        return cls(texts, context, kinds, given, relevant)

    def kind_rows(self) -> np.ndarray:
        return np.array([KINDS.index(k) for k in self.kinds], dtype=int)


def apply_floor(p: np.ndarray, pred: np.ndarray, floors: np.ndarray) -> np.ndarray:
    """Units (rows) with no theme get their most probable theme where it reaches the row's
    floor (NaN: no floor). Training and coding share it, so both floor the same units; rows
    the relevance gate closed get NaN."""
    top = p.argmax(axis=1)
    rows = np.flatnonzero(~pred.any(axis=1) & (p[np.arange(len(p)), top] >= np.nan_to_num(
        floors, nan=np.inf)))
    out = pred.copy()
    out[rows, top[rows]] = True
    return out


def make_tfidf(idf: np.ndarray) -> TfidfTransformer:
    """scikit-learn's TF-IDF weighting with a stored ``idf_`` (l2 rows, smoothed idf)."""
    tfidf = TfidfTransformer(norm="l2", use_idf=True, smooth_idf=True, sublinear_tf=False)
    tfidf.idf_ = np.asarray(idf, dtype=np.float64)
    tfidf.n_features_in_ = len(tfidf.idf_)
    return tfidf


def apply_gate(pred: np.ndarray, relevance: np.ndarray | None, gates: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
    """Units (rows) whose probability of being about housing-social work is under their
    row's gate get no theme. Returns the decisions and which rows the gate closed."""
    if relevance is None:
        return pred, np.zeros(len(pred), dtype=bool)
    closed = relevance < gates
    out = pred.copy()
    out[closed] = False
    return out, closed
