"""The learned theme classifier: a scikit-learn estimator over the NLP pipeline's features.

:class:`ThemeClassifier` takes texts (or a DataFrame with ``text`` and, where known, the
question's ``polarity`` and the ``kind`` of text) and learns one calibrated linear model per
theme, per-theme thresholds, a floor and a polarity model, all chosen by cross-validation in
:meth:`~ThemeClassifier.fit` (the steps are in :mod:`fritekst.coding.fitting`). It follows
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
from sklearn.utils.validation import check_is_fitted

from fritekst.coding import features as F
from fritekst.coding.codebook import Codebook
from fritekst.coding.fitting import fit_classifier
from fritekst.coding.linear import KINDS, Units, apply_floor, apply_gate
from fritekst.coding.paths import default_model_path
from fritekst.coding.persist import FORMAT, file_sha256, read_model
from fritekst.coding.rules import STRONG, RuleCoder
from fritekst.errors import InputError, ModelError, OutputError
from fritekst.nlp.pipeline import make_pipeline
from fritekst.outfiles import replacing, write_text

__all__ = ["FORMAT", "ModelError", "Reading", "ThemeClassifier", "default_model_path"]


@dataclass
class Reading:
    """What :meth:`ThemeClassifier.read` reads of each unit."""

    pred: np.ndarray                  # units × themes, bool
    scores: np.ndarray                # units × themes
    polarity: pd.DataFrame | None     # units × polarities (sums to 1), None without a model
    relevance: np.ndarray | None      # P(about housing-social work), None without a model
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
    n_jobs : int or None
        Threads for the cross-validation fits (None: one).
    name, version : str
        Recorded in every output coded with the model.
    sentence_weight : float
        How much a report sentence weighs against a survey answer when the theme models
        are fitted.
    """

    def __init__(self, codebook: str | Path | None = None, learner: str = "auto",
                 C: float | None = None, variant: str = "auto", folds: int = 5,
                 random_state: int = 0, n_jobs: int | None = 2, name: str = "fritekst",
                 version: str = "1", sentence_weight: float = 1.0):
        self.codebook = codebook
        self.learner = learner
        self.C = C
        self.variant = variant
        self.folds = folds
        self.random_state = random_state
        self.n_jobs = n_jobs
        self.name = name
        self.version = version
        self.sentence_weight = sentence_weight

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
        units = Units.of(X)
        if y is None:
            if not isinstance(X, pd.DataFrame) or "themes" not in X.columns:
                raise InputError("give the themes as y, or a 'themes' column in X.")
            y = X["themes"]
        fit_classifier(self, units, self._targets(y, len(units.texts)), progress=progress,
                       source=source)
        return self

    def _targets(self, y, n: int) -> np.ndarray:
        """``y`` as an indicator matrix in codebook order. It may be one (array, sparse, list
        of lists), a DataFrame whose columns are the theme ids (in any order), or one entry
        per unit: theme ids as a ";"-joined string or a collection; a gap means no theme."""
        ids = self._codebook().ids
        if sparse.issparse(y):
            y = y.toarray()
        if isinstance(y, pd.DataFrame):
            names = [str(c) for c in y.columns]
            if set(names) & set(ids) or any(isinstance(c, str) for c in y.columns):
                if sorted(names) != sorted(ids):
                    odd = sorted(set(names) ^ set(ids))[0]
                    what = "not one" if odd in names else "missing"
                    raise InputError(f"y's columns must be the codebook's theme ids; "
                                     f"'{odd}' is {what}.")
                y = y[ids]
            y = y.to_numpy()
        if not isinstance(y, np.ndarray) and len(y) and not isinstance(y, pd.Series) and all(
                isinstance(v, list | tuple | np.ndarray) and len(v) == len(ids) and all(
                    isinstance(x, int | float | np.number | bool) for x in v) for v in y):
            y = np.asarray(y)  # a list of 0/1 rows
        if isinstance(y, np.ndarray) and y.ndim == 2:
            if y.shape != (n, len(ids)):
                raise InputError(f"y has shape {y.shape}; the codebook has {len(ids)} themes "
                                 f"and X {n} units.")
            return (y != 0).astype(int)
        rows = [_theme_set(v) for v in y]
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
        if not units.texts:
            return np.zeros((0, len(self.classes_)))
        docs = self.parse(units.texts)
        x_text, x_rules = self.featurize(docs, units.context, units.kinds)
        return self.theme_layer_.proba(x_text, x_rules)

    def predict(self, X) -> np.ndarray:
        """Themes (units × themes, 0/1): thresholds per kind of text, the codebook's strong
        verdicts where the model uses them, and the floor."""
        check_is_fitted(self, "theme_layer_")
        units = Units.of(X)
        if not units.texts:
            return np.zeros((0, len(self.classes_)), dtype=int)
        docs = self.parse(units.texts)
        pred, _ = self.decide(docs, units.context, units.kinds)
        return pred.astype(int)

    def decide(self, docs: list, context: Sequence[str | None], kinds: Sequence[str]
               ) -> tuple[np.ndarray, np.ndarray]:
        """Decisions (bool) and scores for parsed units; scores are the probabilities, raised
        to the codebook's score where a strong verdict decided."""
        reading = self.read(docs, context, kinds, polarity=False)
        return reading.pred, reading.scores

    def read(self, docs: list, context: Sequence[str | None], kinds: Sequence[str],
             polarity: bool = True, relevance_prior: float | np.ndarray | None = None
             ) -> Reading:
        """Everything the model reads of parsed units, from one pass of feature building:
        themes (thresholds per kind, the codebook's strong verdicts where the model uses
        them, the relevance gate, the floor), their scores, the polarity probabilities (with
        ``polarity``) and the probability of being about housing-social work.

        ``relevance_prior`` is what the units' surroundings say (the share of the sentences
        around them that are about the field; one value, or one per unit): each unit's
        relevance is moved from the training data's base rate to that prior (Bayes' rule on
        the odds) before the gate."""
        plain = F.plain_counts(docs, kinds)
        columns = self.columns_
        if len(columns) > 1 and not np.all(columns[1:] > columns[:-1]):  # never saved so
            x_text = self.tfidf_.transform(F.with_context(plain, context)[:, columns])
            x_plain = self.tfidf_.transform(plain[:, columns])
        else:
            # the model's columns are in order, so selecting them keeps each row's columns
            # in order, and selecting before adding the question's polarity gives the same
            # matrix as after, for one selection of the large matrix instead of two
            plain = plain[:, columns]
            x_plain = self.tfidf_.transform(plain)
            x_text = self.tfidf_.transform(plain + F.context_counts(context)[:, columns])
        x_rules = F.rule_block(docs, self.themes_) if self.uses_rules else None
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
        relevance = None if self.relevance_layer_ is None else \
            self.relevance_layer_.proba(x_plain, None)[:, 0]
        if relevance is not None and relevance_prior is not None:
            relevance = shift_prior(relevance, self.relevance_base_, relevance_prior)
        gates = np.array([self.gates_.get(k, 0.0) for k in KINDS])
        pred, closed = apply_gate(pred, relevance, gates[rows])
        pred = apply_floor(proba, pred, np.where(closed, np.nan, floors[rows]))
        pol = self._polarity(x_plain, x_rules, rows) if polarity else None
        return Reading(pred, scores, pol, relevance)

    def _polarity(self, x_plain, x_rules, rows: np.ndarray) -> pd.DataFrame | None:
        if self.polarity_layer_ is None:
            return None
        p = self.polarity_layer_.proba(x_plain, x_rules)
        if p.shape[1] == 1:  # a two-way model of format 2: P(styrke)
            p = np.column_stack([p[:, 0], 1 - p[:, 0]])
        weights = self.polarity_weights_
        if weights:
            # the polarities' shares differ between the training data and real text of a
            # kind: weigh each polarity's probability (a prior shift) before they are summed
            w = np.array([[weights.get(k, {}).get(c, 1.0) for c in self.polarity_classes_]
                          for k in KINDS])
            p = p * w[rows]
        p = p / np.clip(p.sum(axis=1, keepdims=True), 1e-12, None)
        return pd.DataFrame(p, columns=self.polarity_classes_)

    def polarity_proba(self, docs: list, kinds: Sequence[str]) -> pd.DataFrame | None:
        """Probability of each polarity read from the text alone (units × the polarities
        the model learned, which sum to 1)."""
        return self.read(docs, [None] * len(docs), kinds).polarity

    def relevance_proba(self, docs: list, kinds: Sequence[str]) -> np.ndarray | None:
        """Probability that each unit is about housing-social work (None: the model has no
        relevance model)."""
        return self.read(docs, [None] * len(docs), kinds, polarity=False).relevance

    # ---- the parts fit and predict share ------------------------------------------------
    @property
    def themes_(self) -> list[str]:
        return list(self.classes_)

    @property
    def uses_rules(self) -> bool:
        return getattr(self, "variant_", self.variant) != "text"

    def _codebook(self) -> Codebook:
        return self.rule_coder().codebook

    def rule_coder(self) -> RuleCoder:
        """The codebook coder (its NLP pipeline tags the codebook's patterns), made again
        when ``codebook`` has been set to another one."""
        cached: tuple | None = getattr(self, "_rules", None)
        if cached is None or cached[0] != self.codebook:
            cached = self._rules = (self.codebook, RuleCoder(self.codebook))
        return cached[1]

    def forget_codebook(self) -> None:
        """Drop the codebook coder, so the next use reads ``codebook`` again."""
        if hasattr(self, "_rules"):
            del self._rules

    def parse(self, texts: Sequence[str]) -> list:
        """Run the NLP pipeline (with the codebook tagger when the model reads its
        verdicts)."""
        nlp = self.rule_coder().nlp if self.uses_rules else make_pipeline()
        return list(nlp.pipe(texts, batch_size=512))

    def featurize(self, docs: list, context: Sequence[str | None], kinds: Sequence[str]
                  ) -> tuple[sparse.csr_matrix, np.ndarray | None]:
        """TF-IDF weighted text features over the model's columns, and the codebook block."""
        counts = F.with_context(F.plain_counts(docs, kinds), context)
        x_text = self.tfidf_.transform(counts[:, self.columns_])
        x_rules = F.rule_block(docs, self.themes_) if self.uses_rules else None
        return x_text, x_rules

    def with_floors(self, floors: dict[str, float | None]) -> ThemeClassifier:
        """A copy that floors units differently (for trying floors without refitting)."""
        return self.with_settings(floors=floors)

    def with_settings(self, *, floors: dict[str, float | None] | None = None,
                      gates: dict[str, float] | None = None,
                      polarity_weights: dict[str, dict[str, float]] | None = None
                      ) -> ThemeClassifier:
        """A copy with other floors, relevance gates or polarity weights per kind of text
        (for trying them on a coded sample without refitting); ``None`` keeps the model's."""
        out = copy.copy(self)
        if floors is not None:
            out.floors_ = dict(floors)
        if gates is not None:
            out.gates_ = {k: float(gates.get(k, 0.0)) for k in KINDS}
        if polarity_weights is not None:
            out.polarity_weights_ = {k: dict(v) for k, v in polarity_weights.items() if v}
        return out

    @property
    def model_version(self) -> str:
        return f"{self.meta_.get('name', self.name)}@{self.meta_.get('version', self.version)}"

    # ---- persistence -------------------------------------------------------------------
    def save(self, folder: str | Path) -> Path:
        """Write ``weights.npz`` (arrays only) and then ``model.json`` into ``folder``; the
        description holds the weights' sha256, so a folder whose save was interrupted
        between the two is refused on loading instead of pairing new weights with old
        settings."""
        check_is_fitted(self, "theme_layer_")
        folder = Path(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{folder}: cannot make the model folder ({exc.strerror}); "
                              "choose a folder you can write to.") from None
        arrays = {"columns": self.columns_.astype(np.int64), "idf": self.tfidf_.idf_,
                  "thresholds": self.thresholds_}
        for name, layer in (("theme", self.theme_layer_), ("polarity", self.polarity_layer_),
                            ("relevance", self.relevance_layer_)):
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
               "polarity_classes": self.polarity_classes_,
               "has_relevance": self.relevance_layer_ is not None, "gates": self.gates_,
               "relevance_base": self.relevance_base_,
               "floors": self.floors_,
               "polarity_weights": self.polarity_weights_, **self.meta_,
               "weights_sha256": file_sha256(folder / "weights.npz")}
        write_text(folder / "model.json", json.dumps(doc, ensure_ascii=False, indent=2))
        return folder

    @classmethod
    def load(cls, folder: str | Path, codebook: str | Path | None = None) -> ThemeClassifier:
        """Read a model folder; anything malformed is a :class:`ModelError`, never a crash."""
        return read_model(cls, Path(folder), codebook)


def shift_prior(p: np.ndarray, base: float, prior) -> np.ndarray:
    """Probabilities learned at base rate ``base`` moved to the rate ``prior`` (one rate, or
    one per unit): odds times prior odds over base odds; rates are kept within 2–98 %."""
    def logit(q):
        q = np.clip(q, 1e-6, 1 - 1e-6)
        return np.log(q / (1 - q))

    base_rate = np.clip(base, 0.02, 0.98)
    prior_rate = np.clip(np.asarray(prior, dtype=float), 0.02, 0.98)
    return 1.0 / (1.0 + np.exp(-(logit(p) + logit(prior_rate) - logit(base_rate))))


def estimate_prior(p: np.ndarray, base: float, iterations: int = 100, tol: float = 1e-6
                   ) -> float:
    """The share of relevant units in a set (a report's sentences), estimated by EM from
    probabilities learned at base rate ``base`` (Saerens, Latinne and Decaestecker 2002):
    shift the probabilities to the current estimate, take their mean, repeat."""
    prior = float(np.mean(p)) if len(p) else base
    for _ in range(iterations):
        new = float(np.mean(shift_prior(p, base, prior)))
        if abs(new - prior) < tol:
            break
        prior = new
    return min(max(prior, 0.02), 0.98)


def _theme_set(value) -> set[str]:
    """One unit's themes: ";"-joined ids, a collection of ids, or a gap (no theme)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return set()
    if isinstance(value, str):
        return {t.strip() for t in value.split(";") if t.strip()}
    return {str(t) for t in value}


