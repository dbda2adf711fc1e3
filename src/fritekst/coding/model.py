"""The learned theme classifier: a scikit-learn estimator over the NLP pipeline's features.

:class:`ThemeClassifier` takes texts (or a DataFrame with ``text`` and, where known, the
question's ``polarity`` and the ``kind`` of text) and learns one calibrated linear model per
theme, per-theme thresholds, a floor and a polarity model, all chosen by cross-validation in
:meth:`~ThemeClassifier.fit` (the steps are in :mod:`fritekst.coding.train`). It follows
scikit-learn's rules (``fit`` returns ``self``, learned attributes end in ``_``), so it can go
into a researcher's own pipelines and cross-validation::

    from sklearn.model_selection import cross_val_predict
    Y_hat = cross_val_predict(ThemeClassifier(learner="logistic", C=32), texts, Y, cv=5)

A fitted model is a folder with ``model.json`` (settings, thresholds, provenance) and
``weights.npz`` (arrays only, loaded with ``allow_pickle=False``): nothing in it can run code.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.utils.validation import check_is_fitted

from fritekst.coding import features as F
from fritekst.coding.codebook import Codebook
from fritekst.errors import FritekstError, InputError
from fritekst.outfiles import replacing, write_text

FORMAT = "fritekst-model/2"
OLD_FORMAT = "fritekst-model/1"  # weights over all 2^20 hashed columns; read and converted
VARIANTS = ("text", "text+rules", "text+rules+override")
KINDS = ("answer", "sentence")  # thresholds and floors are chosen per kind of text
POLARITIES = ("styrke", "utfordring")
# the learners cross-validation chooses between, each with its own regularisation grid
LEARNERS = {"logistic": (32.0, 100.0, 300.0), "svm": (1.0, 3.0, 10.0)}
# "no theme passed its threshold": give the most probable theme if it reaches this floor
FLOORS = (None, 0.1, 0.15, 0.2, 0.25)


class ModelError(FritekstError):
    """A model folder is missing, incomplete or of another format."""


@dataclass
class LinearLayer:
    """One linear layer: weights over the model's text columns (sparse) and over the
    codebook's verdicts (dense), a bias, and a sigmoid calibration per output."""

    text: sparse.csr_matrix          # (k, columns)
    rules: np.ndarray                # (k, 2 * themes) or (k, 0)
    intercept: np.ndarray            # (k,)
    calibration: np.ndarray          # (k, 2): p = sigmoid(a * z + b)

    def decision(self, x_text: sparse.csr_matrix, x_rules: np.ndarray | None) -> np.ndarray:
        z = np.asarray((x_text @ self.text.T).todense()) + self.intercept[np.newaxis, :]
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
    only) and its kind."""

    texts: list[str]
    context: list[str | None]
    kinds: list[str]
    polarity: list[str]  # as given (for sentences: the label the polarity model learns)

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
        elif isinstance(X, str) or not isinstance(X, Sequence | np.ndarray | pd.Series):
            raise InputError("give the texts as a list, a Series or a DataFrame with a 'text' "
                             "column.")
        else:
            texts = [str(t) for t in X]
            kinds, given = ["answer"] * len(texts), [""] * len(texts)
        context = [p if k == "answer" and p else None for p, k in zip(given, kinds, strict=True)]
        return cls(texts, context, kinds, given)

    def kind_rows(self) -> np.ndarray:
        return np.array([KINDS.index(k) for k in self.kinds], dtype=int)


class ThemeClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label classifier of the codebook's themes (see the module docstring).

    Parameters
    ----------
    codebook : path or None
        The codebook whose themes are learned (default: the shipped one).
    learner : "auto", "logistic" or "svm"
        "auto" lets cross-validation choose.
    C : float or None
        Regularisation; ``None`` lets cross-validation choose from the learner's grid.
    variant : "auto", "text", "text+rules" or "text+rules+override"
        How to combine the text with the codebook's verdicts; "auto" lets CV choose.
    folds : int
        Cross-validation folds for every choice.
    random_state : int
        Seed of the folds.
    n_jobs : int
        Threads for the cross-validation fits.
    name, version : str
        Recorded in every output coded with the model.
    """

    def __init__(self, codebook: str | Path | None = None, learner: str = "auto",
                 C: float | None = None, variant: str = "auto", folds: int = 5,
                 random_state: int = 0, n_jobs: int = 2, name: str = "fritekst",
                 version: str = "1"):
        self.codebook = codebook
        self.learner = learner
        self.C = C
        self.variant = variant
        self.folds = folds
        self.random_state = random_state
        self.n_jobs = n_jobs
        self.name = name
        self.version = version

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.target_tags.multi_output = True
        tags.classifier_tags.multi_label = True
        return tags

    # ---- learning --------------------------------------------------------------------
    def fit(self, X, y=None, *, progress=None, source: str = "") -> ThemeClassifier:
        """Learn from units ``X`` and their themes ``y``: an indicator matrix (units ×
        themes, in codebook order) or one collection of theme ids (or ";"-joined string)
        per unit; with ``y`` None, ``X`` must be a DataFrame with a ``themes`` column."""
        from fritekst.coding.train import fit_classifier

        units = Units.of(X)
        if y is None:
            if not isinstance(X, pd.DataFrame) or "themes" not in X.columns:
                raise InputError("give the themes as y, or a 'themes' column in X.")
            y = X["themes"]
        fit_classifier(self, units, self._targets(y, len(units.texts)), progress=progress,
                       source=source)
        return self

    def _targets(self, y, n: int) -> np.ndarray:
        ids = self._codebook().ids
        if isinstance(y, np.ndarray | sparse.spmatrix | pd.DataFrame) and np.ndim(y) == 2:
            out = np.asarray(y.toarray() if sparse.issparse(y) else y)
            if out.shape != (n, len(ids)):
                raise InputError(f"y has shape {out.shape}; the codebook has {len(ids)} themes "
                                 f"and X {n} units.")
            return (out != 0).astype(int)
        rows = [({t.strip() for t in v.split(";") if t.strip()} if isinstance(v, str)
                 else set(v)) for v in y]
        if len(rows) != n:
            raise InputError(f"y has {len(rows)} rows and X {n} units.")
        unknown = sorted(set().union(*rows) - set(ids)) if rows else []
        if unknown:
            raise InputError(f"unknown theme '{unknown[0]}'; known ids: {', '.join(ids)}.")
        return np.array([[t in r for t in ids] for r in rows], dtype=int).reshape(n, len(ids))

    # ---- coding ------------------------------------------------------------------------
    def predict_proba(self, X) -> np.ndarray:
        """Calibrated probability of each theme (units × themes, ``classes_`` order)."""
        check_is_fitted(self, "theme_layer_")
        units = Units.of(X)
        docs = self.parse(units.texts)
        x_text, x_rules = self.featurize(docs, units.context, units.kinds)
        return self.theme_layer_.proba(x_text, x_rules)

    def predict(self, X) -> np.ndarray:
        """Themes (units × themes, 0/1): thresholds per kind of text, the codebook's strong
        verdicts where the model uses them, and the floor."""
        check_is_fitted(self, "theme_layer_")
        units = Units.of(X)
        docs = self.parse(units.texts)
        pred, _ = self.decide(docs, units.context, units.kinds)
        return pred.astype(int)

    def decide(self, docs: list, context: Sequence[str | None], kinds: Sequence[str]
               ) -> tuple[np.ndarray, np.ndarray]:
        """Decisions (bool) and scores for parsed units; scores are the probabilities, raised
        to the codebook's score where a strong verdict decided."""
        from fritekst.coding.rules import STRONG

        x_text, x_rules = self.featurize(docs, context, kinds)
        proba = self.theme_layer_.proba(x_text, x_rules)
        rows = np.array([KINDS.index(k) if k in KINDS else 0 for k in kinds], dtype=int)
        pred = proba >= self.thresholds_[rows]
        scores = proba.copy()
        if self.variant_.endswith("override"):
            rules = self.rule_coder()
            for i, (doc, pol) in enumerate(zip(docs, context, strict=True)):
                coding = rules.coding_of(doc, pol)
                for t in coding.themes:
                    if coding.scores[t] >= STRONG and t in self.themes_:
                        j = self.themes_.index(t)
                        pred[i, j] = True
                        scores[i, j] = max(scores[i, j], coding.scores[t])
        floors = np.array([np.nan if self.floors_.get(k) is None else self.floors_[k]
                           for k in KINDS])
        return apply_floor(proba, pred, floors[rows]), scores

    def polarity_proba(self, docs: list, kinds: Sequence[str]) -> np.ndarray | None:
        """Probability that each unit states a strength (read from the text alone)."""
        if self.polarity_layer_ is None:
            return None
        x_text, x_rules = self.featurize(docs, [None] * len(docs), kinds)
        return self.polarity_layer_.proba(x_text, x_rules)[:, 0]

    # ---- the parts fit and predict share ------------------------------------------------
    @property
    def themes_(self) -> list[str]:
        return list(self.classes_)

    @property
    def uses_rules(self) -> bool:
        return getattr(self, "variant_", self.variant) != "text"

    def _codebook(self) -> Codebook:
        return self.rule_coder().codebook

    def rule_coder(self):
        """The codebook coder (its NLP pipeline tags the codebook's patterns)."""
        from fritekst.coding.rules import RuleCoder

        if getattr(self, "_rules", None) is None:
            self._rules = RuleCoder(self.codebook)
        return self._rules

    def parse(self, texts: Sequence[str]) -> list:
        """Run the NLP pipeline (with the codebook tagger when the model reads its
        verdicts)."""
        from fritekst.nlp.pipeline import make_pipeline

        nlp = self.rule_coder().nlp if self.uses_rules else make_pipeline()
        return list(nlp.pipe(texts, batch_size=512))

    def featurize(self, docs: list, context: Sequence[str | None], kinds: Sequence[str]
                  ) -> tuple[sparse.csr_matrix, np.ndarray | None]:
        """TF-IDF weighted text features over the model's columns, and the codebook block."""
        counts = F.hash_features([F.text_features(d, p, k)
                                  for d, p, k in zip(docs, context, kinds, strict=True)])
        x_text = self.tfidf_.transform(counts[:, self.columns_])
        x_rules = F.rule_block(docs, self.themes_) if self.uses_rules else None
        return x_text, x_rules

    def with_floors(self, floors: dict[str, float | None]) -> ThemeClassifier:
        """A copy that floors units differently (for trying floors without refitting)."""
        out = copy.copy(self)
        out.floors_ = dict(floors)
        return out

    @property
    def model_version(self) -> str:
        return f"{self.meta_.get('name', self.name)}@{self.meta_.get('version', self.version)}"

    # ---- persistence -------------------------------------------------------------------
    def save(self, folder: str | Path) -> Path:
        """Write ``model.json`` and ``weights.npz`` (arrays only) into ``folder``."""
        check_is_fitted(self, "theme_layer_")
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        arrays = {"columns": self.columns_.astype(np.int64), "idf": self.tfidf_.idf_,
                  "thresholds": self.thresholds_}
        for name, layer in (("theme", self.theme_layer_), ("polarity", self.polarity_layer_)):
            if layer is None:
                continue
            t = layer.text.tocsr()
            arrays.update({f"{name}_data": t.data, f"{name}_indices": t.indices,
                           f"{name}_indptr": t.indptr, f"{name}_rules": layer.rules,
                           f"{name}_intercept": layer.intercept,
                           f"{name}_calibration": layer.calibration})
        with replacing(folder / "weights.npz") as tmp:
            np.savez_compressed(tmp, **arrays)
        doc = {"format": FORMAT, "themes": self.themes_, "variant": self.variant_,
               "n_features": F.N_FEATURES, "has_polarity": self.polarity_layer_ is not None,
               "floors": self.floors_, **self.meta_}
        write_text(folder / "model.json", json.dumps(doc, ensure_ascii=False, indent=2))
        return folder

    @classmethod
    def load(cls, folder: str | Path, codebook: str | Path | None = None) -> ThemeClassifier:
        """Read a model folder; anything malformed is a :class:`ModelError`, never a crash."""
        from fritekst.coding.persist import read_model

        return read_model(cls, Path(folder), codebook)


def apply_floor(p: np.ndarray, pred: np.ndarray, floors: np.ndarray) -> np.ndarray:
    """Units (rows) with no theme get their most probable theme where it reaches the row's
    floor (NaN: no floor). Training and coding share it, so both floor the same units."""
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


def default_model_path() -> Path:
    """The model shipped with fritekst (inside the package)."""
    from importlib.resources import files

    return Path(str(files("fritekst").joinpath("models").joinpath("fritekst-nb-nn")))
