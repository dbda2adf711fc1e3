"""The learned coder: a :class:`~fritekst.coding.model.ThemeClassifier` in the coder slot,
with evidence for every theme, a confidence for the whole set, and polarity where no
question gives it.

The confidence is the probability that the unit's whole set of themes is right: the product
over themes of the probability of the decision made, and, where a relevance gate decides (report
sentences), times the probability that the unit is about the field (a unit with no theme is
also right when it is not about the field: (1 - r) + r × product)."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import cast

import numpy as np
from sklearn.utils import murmurhash3_32
from spacy.tokens import Doc

from fritekst.coding import features as F
from fritekst.coding.base import Coding, code_distinct, collector_paused, longest_first
from fritekst.coding.codebook import Codebook
from fritekst.coding.linear import KINDS
from fritekst.coding.model import ThemeClassifier, default_model_path, estimate_prior
from fritekst.errors import ModelError
from fritekst.lexicon import function_words
from fritekst.nlp.pipeline import words

_NO_RULES = Coding((), {}, {}, 1.0)
# never shown as evidence
_FUNCTION_WORDS = function_words()


class LearnedCoder:
    """Codes units with a :class:`ThemeClassifier` beside the codebook it was trained with."""

    name = "modell"

    def __init__(self, model: ThemeClassifier | str | Path | None = None,
                 codebook_path: str | Path | None = None):
        if not isinstance(model, ThemeClassifier):
            model = ThemeClassifier.load(model or default_model_path(), codebook_path)
        elif codebook_path is not None and model.codebook != codebook_path:
            model = copy.copy(model)  # the same weights beside another codebook
            model.codebook = codebook_path
            model.forget_codebook()
        self.model = model
        self.rules = model.rule_coder()
        self.codebook: Codebook = self.rules.codebook
        recorded = self.model.meta_.get("codebook", {})
        if recorded.get("sha256") and self.model.uses_rules and \
                not self.codebook.codes_like(recorded):
            raise ModelError(
                f"the model was trained with codebook {self.model.meta_['codebook'].get('name')};"
                " use --rules-only with your own codebook, or train a model with it."
            )
        missing = set(self.model.themes_) - set(self.codebook.ids)
        if missing:
            raise ModelError(f"the model codes themes the codebook lacks: {sorted(missing)}.")
        self.version = self.model.model_version
        self.model_version: str | None = self.version
        self._weights: dict[str, dict[int, float]] = {}  # per theme, for evidence
        self._word_weight: dict[str, dict[str, float]] = {}  # per theme and word

    def describe(self) -> dict:
        return {"name": self.name, "version": self.version, "variant": self.model.variant_,
                "trained": self.model.meta_.get("trained"),
                "codebook": self.codebook.describe()}

    def code(self, texts: Sequence[str], polarities: Sequence[str | None],
             kinds: Sequence[str] | None = None) -> list[Coding]:
        """Code each text; a text repeated with the same polarity and kind is coded once
        (see :func:`~fritekst.coding.base.code_distinct`)."""
        if not texts:
            return []
        return code_distinct(self._code, texts, polarities, kinds)

    def _code(self, texts: list[str], polarities: list[str | None], kinds: list[str]
              ) -> list[Coding]:
        return self.code_docs(self.model.parse(texts), polarities, kinds)

    def document_prior(self, relevance: Sequence[float]) -> float:
        """The share of a report's sentences that are about the field, estimated from their
        relevance as read one by one (see :func:`~fritekst.coding.model.estimate_prior`)."""
        return estimate_prior(np.asarray(relevance, dtype=float), self.model.relevance_base_)

    def code_in_context(self, texts: Sequence[str], polarities: Sequence[str | None],
                        kinds: Sequence[str] | None = None, *,
                        relevance_prior: float | Sequence[float] | None = None
                        ) -> list[Coding]:
        """:meth:`code` with what the units' surroundings say about relevance: the share of
        the sentences around each that are about the field (see
        :meth:`ThemeClassifier.read`)."""
        if not texts:
            return []
        with collector_paused():
            return self.code_docs(self.model.parse(texts), polarities, kinds,
                                  relevance_prior=relevance_prior)

    def code_docs(self, docs: list[Doc], polarities: Sequence[str | None],
                  kinds: Sequence[str] | None = None, *,
                  relevance_prior: float | Sequence[float] | None = None) -> list[Coding]:
        m = self.model
        kinds = [k if k in KINDS else "answer" for k in kinds] if kinds is not None \
            else ["answer"] * len(docs)
        prior = None if relevance_prior is None else np.asarray(relevance_prior, dtype=float)
        reading = m.read(docs, polarities, kinds, polarity=any(p is None for p in polarities),
                         relevance_prior=prior)
        pred, scores_all, relevance = reading.pred, reading.scores, reading.relevance
        pol_read = None if reading.polarity is None else \
            reading.polarity.idxmax(axis=1).tolist()
        rules = [self.rules.coding_of(d, p) if m.uses_rules else _NO_RULES
                 for d, p in zip(docs, polarities, strict=True)]
        order = {t: j for j, t in enumerate(self.codebook.ids)}
        themes_all = m.themes_
        # the model's themes in codebook order, and each unit's decisions and scores so
        by_order = sorted(range(len(themes_all)), key=lambda j: order[themes_all[j]])
        named = [themes_all[j] for j in by_order]
        chosen_all = pred[:, by_order].tolist()
        scores_in_order = scores_all[:, by_order].tolist()
        # how sure the model is of the whole set: the product over themes of the
        # probability of the decision made
        certainty_all = np.prod(np.where(pred, scores_all, 1 - scores_all), axis=1).tolist()
        relevance_all = None if relevance is None else relevance.tolist()
        gated = [m.gates_.get(k, 0.0) > 0 for k in kinds]
        out = []
        for i, (doc, pol, rule) in enumerate(zip(docs, polarities, rules, strict=True)):
            row = chosen_all[i]
            themes = tuple(t for t, c in zip(named, row, strict=True) if c)
            scores = {t: round(x, 3) for t, x, c in zip(named, scores_in_order[i], row,
                                                         strict=True) if c}
            certainty = certainty_all[i]
            if relevance_all is not None and gated[i]:
                # where relevance decides (the kind has a gate), the set is right when the
                # unit is about the field and the themes are right, or (no theme) when it is
                # not about the field at all
                r = relevance_all[i]
                certainty = r * certainty if themes else (1 - r) + r * certainty
            evidence = {t: longest_first(rule.evidence.get(t) or self._evidence(doc, t))
                        for t in themes}
            polarity = pol_read[i] if pol is None and pol_read is not None and themes \
                else None
            out.append(Coding(themes, scores, evidence, certainty, polarity, rule.denied,
                              None if relevance_all is None else round(relevance_all[i], 3)))
        return out

    def _evidence(self, doc: Doc, theme: str) -> list[str]:
        """The words that weigh most for a theme the model coded without a codebook pattern."""
        lookup = self._weights.get(theme)
        if lookup is None:
            row = self.model.theme_layer_.text.getrow(self.model.themes_.index(theme))
            columns = self.model.columns_
            lookup = self._weights[theme] = dict(zip(columns[row.indices].tolist(), row.data,
                                                     strict=True))
        weight = self._word_weight.setdefault(theme, {})  # by lower-case form
        if len(weight) > _MAX_WORDS:  # a long-lived process meets ever new words
            weight.clear()
        read = words(doc)
        keys = read.keys
        found = list(map(weight.get, read.lower))
        for i, w in enumerate(found):
            if w is None:  # function words, short words and punctuation weigh nothing here
                ks = keys[i]
                found[i] = weight[read.lower[i]] = 0.0 if not ks or ks[0] in _FUNCTION_WORDS \
                    or len(ks[0]) <= 2 else max(lookup.get(_index(k), 0.0) for k in ks)
        scored = [(w, i) for i, w in enumerate(cast(list[float], found)) if w > 0]
        if not scored:  # no word weighs for it alone (char-grams did): show the content words
            return [doc[i].text for i, ks in enumerate(keys)
                    if ks and ks[0] not in _FUNCTION_WORDS][:2] or [doc.text.strip()]
        return [doc[i].text for _, i in sorted(scored, reverse=True)[:2]]


# words whose evidence weight is kept per theme (a cache: cleared when it grows past this)
_MAX_WORDS = 500_000


@lru_cache(maxsize=200_000)
def _index(key: str) -> int:
    """The hashed column of the feature "k:<key>" (as sklearn's FeatureHasher computes it)."""
    return abs(murmurhash3_32(f"k:{key}", seed=0)) % F.N_FEATURES
