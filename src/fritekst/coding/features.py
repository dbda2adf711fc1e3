"""Features for the learned coder, read off the NLP pipeline's ``Doc``.

Text features are hashed (no vocabulary to store, nothing to unpickle): shared keys of every
word (lemma, Bokmål key, compound parts), key bigrams, keys inside a negation's scope, and
character 3–5-grams of every word (which catch compounds and typos). The codebook's verdicts
come as a small dense block: one column per theme for evidence that counts, one for evidence
in a denied clause.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import FeatureHasher
from spacy.tokens import Doc

from fritekst.nlp.pipeline import NEGATORS

N_FEATURES = 2**20
# character n-grams count half as much as whole-word keys (chosen by cross-validation)
CHAR_WEIGHT = 0.5
_CLAUSE_END = {",", ".", ";", ":", "!", "?", "men", "mens", "og"}
# words that say something works or does not, for reading the polarity of a report sentence;
# counted per clause, flipped by a negation before them, and apart after "men" (the main
# claim of "X er godt, men Y mangler" comes last). Weight 2 chosen by cross-validation.
POSITIVE_CUES = frozenset({
    "god", "godt", "bra", "fungere", "styrke", "tydelig", "tett", "fornøyd", "positiv", "lett",
    "enkel", "bedre", "effektiv", "nyttig", "trygg", "stabil", "rask", "fleksibel", "engasjert",
    "kompetent", "framheve", "fremheve", "løse", "lykkes", "velfungerende", "solid", "sterk",
    "oversiktlig", "kort"})
NEGATIVE_CUES = frozenset({
    "mangel", "mangle", "lite", "vanskelig", "uklar", "utfordring", "problem", "svak", "dårlig",
    "savne", "krevende", "belaste", "tung", "treg", "mangelfull", "utilstrekkelig", "bekymring",
    "fragmentere", "silo", "lang", "stor", "mindre", "svikt", "hinder", "manglende", "uheldig",
    "ustabil", "press", "presset", "ingen", "sjelden", "aldri", "slite", "stoppe", "vente"})
_CONTRAST = {"men", "likevel", "derimot", "imidlertid", "samtidig", "tross"}
CUE_WEIGHT = 2.0
_HASHER = FeatureHasher(n_features=N_FEATURES, input_type="dict", alternate_sign=False)


@lru_cache(maxsize=100_000)
def char_grams(word: str) -> tuple[str, ...]:
    padded = f"<{word}>"
    return tuple(f"c:{padded[i:i + n]}" for n in (3, 4, 5) for i in range(len(padded) - n + 1))


def text_features(doc: Doc, polarity: str | None, kind: str | None = None
                  ) -> dict[str, float]:
    """Hashed-feature names → values for one unit; ``kind`` is "answer" or "sentence"."""
    f: dict[str, float] = {}
    keys, whole = doc._.keys, doc._.whole
    prev = None
    negated = after_contrast = False
    for low, ks, n in zip(doc._.lower, keys, whole, strict=True):
        if low in _CONTRAST:
            after_contrast = True
        if not ks:
            if low in _CLAUSE_END:
                negated, prev = False, None
            continue
        main = ks[min(n, 3) - 1]
        for k in ks:
            f[f"k:{k}"] = 1.0
        _cue(f, ks, negated, after_contrast)
        if negated:
            f[f"n:{main}"] = 1.0
        if low in NEGATORS:
            negated = True
        elif low in _CLAUSE_END:
            negated = False
        if prev:
            f[f"b:{prev}_{main}"] = 1.0
        prev = main
        for g in char_grams(low):
            f[g] = CHAR_WEIGHT
    if polarity:
        f[f"p:{polarity}"] = 1.0
    if kind:
        f[f"kind:{kind}"] = 1.0
    if not f:
        f["empty"] = 1.0
    return f


def _cue(f: dict[str, float], keys: tuple[str, ...], negated: bool, after: bool) -> None:
    kind = ("pos" if not POSITIVE_CUES.isdisjoint(keys) else
            "neg" if not NEGATIVE_CUES.isdisjoint(keys) else None)
    if kind is None:
        return
    name = f"cue:{kind}{'_neg' if negated else ''}"
    f[name] = f.get(name, 0.0) + CUE_WEIGHT
    if after:
        f[name + "_after"] = f.get(name + "_after", 0.0) + CUE_WEIGHT


def rule_block(docs: list[Doc], themes: list[str]) -> np.ndarray:
    """Per unit and theme: the codebook's strongest evidence, and evidence in a denied clause."""
    index = {t: i for i, t in enumerate(themes)}
    out = np.zeros((len(docs), 2 * len(themes)), dtype=np.float64)
    for row, doc in enumerate(docs):
        for hit in (doc._.theme_hits if doc.has_extension("theme_hits") else None) or []:
            j = index.get(hit.theme)
            if j is None:
                continue
            col = j + len(themes) if hit.denied else j
            out[row, col] = max(out[row, col], hit.weight)
    return out


def hash_features(dicts: list[dict[str, float]]) -> sparse.csr_matrix:
    return _HASHER.transform(dicts).tocsr()


def plain_counts(docs: list[Doc], kinds) -> sparse.csr_matrix:
    """Hashed text features of each unit without the question's polarity: what the
    polarity and relevance models read."""
    return hash_features([text_features(d, None, k) for d, k in zip(docs, kinds, strict=True)])


def with_context(plain: sparse.csr_matrix, context) -> sparse.csr_matrix:
    """``plain`` plus the question's polarity: the same as hashing
    ``text_features(doc, polarity, kind)`` (the hasher adds feature by feature)."""
    return (plain + hash_features([{f"p:{p}": 1.0} if p else {} for p in context])).tocsr()
