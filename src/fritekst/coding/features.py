"""Features for the learned coder, read off the NLP pipeline's ``Doc``.

Text features are hashed (no vocabulary to store, nothing to unpickle): shared keys of every
word (lemma, Bokmål key, compound parts), key bigrams, keys inside a negation's scope, and
character 3–5-grams of every word (which catch compounds and typos). The codebook's verdicts
come as a small dense block: one column per theme for evidence that counts, one for evidence
in a denied clause.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from itertools import chain

import numpy as np
from scipy import sparse
from sklearn.utils import murmurhash3_32
from spacy.tokens import Doc

from fritekst.nlp.pipeline import NEGATORS, Words, words

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
# every distinct feature name gets a number once, with its hashed column (as scikit-learn's
# FeatureHasher computes it: murmurhash3 of the UTF-8 name, seed 0, |h| mod N_FEATURES)
_ids: dict[str, int] = {}
_columns = np.zeros(1024, dtype=np.int32)
# per lower-case word: its key and character-gram features, main key, cue and negated key
_words: dict[str, tuple[dict[int, float], str, tuple[int, ...] | None, int]] = {}
_bigrams: dict[tuple[str, str], int] = {}
_MAX_NAMES = 2_000_000
# the tables above are shared: threads (a Dask worker's) build features one at a time
_LOCK = threading.Lock()


def feature_id(name: str) -> int:
    """The number of a feature name (see :func:`column_of`)."""
    global _columns
    fid = _ids.get(name)
    if fid is None:
        fid = _ids[name] = len(_ids)
        if fid == len(_columns):
            _columns = np.concatenate([_columns, np.zeros_like(_columns)])
        _columns[fid] = abs(murmurhash3_32(name, seed=0)) % N_FEATURES
    return fid


def column_of(name: str) -> int:
    """The hashed column of a feature name."""
    return int(_columns[feature_id(name)])


def _forget() -> None:
    """Drop every numbered name (the numbers start again) once there are many, so memory
    stays bounded; only between batches, when no numbers are held."""
    if len(_ids) < _MAX_NAMES:
        return
    _ids.clear()
    _words.clear()
    _bigrams.clear()


@lru_cache(maxsize=100_000)
def char_grams(word: str) -> tuple[str, ...]:
    padded = f"<{word}>"
    return tuple(f"c:{padded[i:i + n]}" for n in (3, 4, 5) for i in range(len(padded) - n + 1))


def _word(low: str, ks: tuple[str, ...], n: int
          ) -> tuple[dict[int, float], str, tuple[int, ...] | None, int]:
    feats = {feature_id(f"k:{k}"): 1.0 for k in ks}
    feats.update((feature_id(g), CHAR_WEIGHT) for g in char_grams(low))
    kind = ("pos" if not POSITIVE_CUES.isdisjoint(ks) else
            "neg" if not NEGATIVE_CUES.isdisjoint(ks) else None)
    # the cue's features: plain, negated, after a contrast, negated after a contrast
    cues = None if kind is None else tuple(
        feature_id(f"cue:{kind}{'_neg' if negated else ''}{'_after' if after else ''}")
        for after in (False, True) for negated in (False, True))
    main = ks[min(n, 3) - 1]
    entry = _words[low] = (feats, main, cues, feature_id(f"n:{main}"))
    return entry


def text_features(read: Words, polarity: str | None, kind: str | None = None
                  ) -> dict[int, float]:
    """Numbered features (see :func:`feature_id`; hold ``_LOCK`` while they are used)
    → values for one unit: shared keys,
    character 3–5-grams, key bigrams, keys after a negation, cue words before and after a
    contrast, the question's polarity and the ``kind`` of text ("answer" or "sentence")."""
    f: dict[int, float] = {}
    prev = None
    negated = after_contrast = False
    for low, ks, n, word in zip(read.lower, read.keys, read.whole, map(_words.get, read.lower),
                                strict=True):
        if low in _CONTRAST:
            after_contrast = True
        if not ks:
            if low in _CLAUSE_END:
                negated, prev = False, None
            continue
        if word is None:
            word = _word(low, ks, n)
        f.update(word[0])
        main = word[1]
        cues = word[2]
        if cues is not None:
            cue = cues[negated]
            f[cue] = f.get(cue, 0.0) + CUE_WEIGHT
            if after_contrast:
                cue = cues[2 + negated]
                f[cue] = f.get(cue, 0.0) + CUE_WEIGHT
        if negated:
            f[word[3]] = 1.0
        if low in NEGATORS:
            negated = True
        elif low in _CLAUSE_END:
            negated = False
        if prev:
            bigram = _bigrams.get((prev, main))
            if bigram is None:
                bigram = _bigrams[(prev, main)] = feature_id(f"b:{prev}_{main}")
            f[bigram] = 1.0
        prev = main
    if polarity:
        f[feature_id(f"p:{polarity}")] = 1.0
    if kind:
        f[feature_id(f"kind:{kind}")] = 1.0
    if not f:
        f[feature_id("empty")] = 1.0
    return f


def rule_block(docs: list[Doc], themes: list[str]) -> np.ndarray:
    """Per unit and theme: the codebook's strongest evidence, and evidence in a denied clause."""
    index = {t: i for i, t in enumerate(themes)}
    out = np.zeros((len(docs), 2 * len(themes)), dtype=np.float64)
    for row, doc in enumerate(docs):
        for hit in words(doc).hits or []:
            j = index.get(hit.theme)
            if j is None:
                continue
            col = j + len(themes) if hit.denied else j
            out[row, col] = max(out[row, col], hit.weight)
    return out


def hash_features(rows: list[dict[int, float]]) -> sparse.csr_matrix:
    """Units × N_FEATURES: each unit's numbered features in their hashed columns, the values
    of features that share a column added (what FeatureHasher gives for the named
    features)."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=indptr[1:])
    ids = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=int(indptr[-1]))
    values = np.fromiter(chain.from_iterable(map(dict.values, rows)), dtype=np.float64,
                         count=int(indptr[-1]))
    index_type = np.int32 if indptr[-1] <= np.iinfo(np.int32).max else np.int64
    out = sparse.csr_matrix((values, _columns[ids].astype(index_type, copy=False),
                             indptr.astype(index_type)), shape=(len(rows), N_FEATURES))
    out.sum_duplicates()  # also sorts the columns
    return out


def plain_counts(docs: list[Doc], kinds) -> sparse.csr_matrix:
    """Hashed text features of each unit without the question's polarity: what the
    polarity and relevance models read."""
    with _LOCK:
        _forget()
        return hash_features([text_features(words(d), None, k)
                              for d, k in zip(docs, kinds, strict=True)])


def with_context(plain: sparse.csr_matrix, context) -> sparse.csr_matrix:
    """``plain`` plus the question's polarity: the same as hashing
    ``text_features(doc, polarity, kind)`` (the hasher adds feature by feature)."""
    return (plain + context_counts(context)).tocsr()


def context_counts(context) -> sparse.csr_matrix:
    """The question's polarity of each unit as hashed features (none where it is None)."""
    with _LOCK:
        ids = {p: feature_id(f"p:{p}") for p in set(context) if p}
        return hash_features([{ids[p]: 1.0} if p else {} for p in context])
