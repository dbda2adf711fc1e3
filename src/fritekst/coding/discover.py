"""Discovery: do the units the codebook does not cover share something the frame misses?

Units that got no theme, or only with low confidence, are grouped by the words they share
(TF-IDF over lemma keys, so "bustadene" and "boligene" are one word; non-negative matrix
factorisation from scikit-learn), and each group is shown with its top words, its size and
example quotes, for a researcher to judge whether it is a theme of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer

from fritekst.lexicon import function_words
from fritekst.nlp.normalize import analyse

COLUMNS = ["group", "units", "terms", "examples", "unit_ids"]
MIN_UNITS = 10
_WORD = re.compile(r"[^\W\d_]{3,}")


def _keys(text: str) -> list[str]:
    """The lemma key of every content word: Bokmål and Nynorsk forms of a word share it."""
    stop = function_words()
    out = []
    for word in _WORD.findall(text.lower()):
        if word in stop:
            continue
        keys, whole = analyse(word)
        key = keys[max(whole, 1) - 1] if keys else word
        if key not in stop:
            out.append(key)
    return out


def candidates(units: pd.DataFrame, *, k: int | None = None, min_confidence: float = 0.5,
               examples: int = 3, seed: int = 0,
               redact: Callable[[str], str] | None = None) -> pd.DataFrame:
    """Candidate new themes among answer units with no theme or a confidence under
    ``min_confidence`` (a unit without a confidence was coded by a researcher and counts as
    sure): ``group``, ``units`` (how many), ``terms`` (the group's top words),
    ``examples`` (its most typical quotes, through ``redact`` if given) and ``unit_ids``
    (the index values of its units). ``k`` groups (default: about one per 15 units, 2–8).
    Fewer than :data:`MIN_UNITS` such units give an empty table."""
    pool = units[units["status"].isin(["coded", "uncoded"]) &
                 ((units["themes"].fillna("") == "") |
                  (pd.to_numeric(units["confidence"], errors="coerce").fillna(1.0)
                   < min_confidence))]
    if len(pool) < MIN_UNITS:
        return pd.DataFrame(columns=COLUMNS)
    vectorizer = TfidfVectorizer(analyzer=_keys, min_df=2, sublinear_tf=True)
    try:
        x = vectorizer.fit_transform(pool["text"].astype(str))
    except ValueError:  # no word occurs twice
        return pd.DataFrame(columns=COLUMNS)
    k = k or int(np.clip(round(len(pool) / 15), 2, 8))
    k = max(1, min(k, x.shape[1], len(pool) - 1))
    nmf = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=500)
    w = nmf.fit_transform(x)
    terms = vectorizer.get_feature_names_out()
    group = w.argmax(axis=1)
    rows = []
    for g in range(k):
        members = np.flatnonzero((group == g) & (w.max(axis=1) > 0))
        if not len(members):
            continue
        top = [terms[i] for i in np.argsort(nmf.components_[g])[::-1][:6]
               if nmf.components_[g, i] > 0]
        typical = members[np.argsort(w[members, g])[::-1][:examples]]
        quotes = [str(pool["text"].iloc[i]) for i in typical]
        rows.append({"units": len(members), "terms": ", ".join(top),
                     "examples": [redact(q) if redact else q for q in quotes],
                     "unit_ids": pool.index[members].tolist()})
    rows.sort(key=lambda r: -r["units"])
    for i, r in enumerate(rows, start=1):
        r["group"] = i
    return pd.DataFrame(rows, columns=COLUMNS)
