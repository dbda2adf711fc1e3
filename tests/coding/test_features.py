"""The hashed feature matrix is built from numbered features and their column indices (each
name hashed once); it must be exactly the matrix scikit-learn's FeatureHasher gives for the
features by name, as the shipped model was trained on."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse
from sklearn.feature_extraction import FeatureHasher

from fritekst.coding import features as F
from fritekst.coding.train import shipped_training_data
from fritekst.nlp.pipeline import NEGATORS, make_pipeline, words


def named_features(doc, polarity, kind) -> dict[str, float]:
    """The features by name, written out plainly (as fritekst built them before they were
    numbered): the reference the numbered ones are checked against."""
    f: dict[str, float] = {}
    read = words(doc)
    prev = None
    negated = after_contrast = False
    for low, ks, n in zip(read.lower, read.keys, read.whole, strict=True):
        if low in F._CONTRAST:
            after_contrast = True
        if not ks:
            if low in F._CLAUSE_END:
                negated, prev = False, None
            continue
        main = ks[min(n, 3) - 1]
        for k in ks:
            f[f"k:{k}"] = 1.0
        cue = ("pos" if not F.POSITIVE_CUES.isdisjoint(ks) else
               "neg" if not F.NEGATIVE_CUES.isdisjoint(ks) else None)
        if cue:
            name = f"cue:{cue}{'_neg' if negated else ''}"
            f[name] = f.get(name, 0.0) + F.CUE_WEIGHT
            if after_contrast:
                f[name + "_after"] = f.get(name + "_after", 0.0) + F.CUE_WEIGHT
        if negated:
            f[f"n:{main}"] = 1.0
        if low in NEGATORS:
            negated = True
        elif low in F._CLAUSE_END:
            negated = False
        if prev:
            f[f"b:{prev}_{main}"] = 1.0
        prev = main
        for g in F.char_grams(low):
            f[g] = F.CHAR_WEIGHT
    if polarity:
        f[f"p:{polarity}"] = 1.0
    if kind:
        f[f"kind:{kind}"] = 1.0
    return f or {"empty": 1.0}


def hasher_matrix(docs, polarities, kinds) -> sparse.csr_matrix:
    hasher = FeatureHasher(n_features=F.N_FEATURES, input_type="dict", alternate_sign=False)
    return hasher.transform([named_features(d, p, k) for d, p, k in
                             zip(docs, polarities, kinds, strict=True)]).tocsr()


def assert_same(ours: sparse.csr_matrix, theirs: sparse.csr_matrix) -> None:
    assert ours.shape == theirs.shape
    assert ours.dtype == theirs.dtype
    assert np.array_equal(ours.indptr, theirs.indptr)
    assert np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)


@pytest.fixture(scope="module")
def training_texts() -> pd.DataFrame:
    df = pd.read_csv(shipped_training_data(), dtype=str, keep_default_na=False)
    return df.sample(600, random_state=3).reset_index(drop=True)


def test_matrix_equals_feature_hashers_on_the_training_texts(training_texts):
    docs = list(make_pipeline().pipe(training_texts["text"]))
    kinds = training_texts["kind"].tolist()
    polarities = [p or None for p in training_texts["polarity"]]
    ours = F.with_context(F.plain_counts(docs, kinds), polarities)
    assert_same(ours, hasher_matrix(docs, polarities, kinds))
    assert ours.nnz > 50 * len(docs)  # char-grams, keys and bigrams of every word


def test_features_that_share_a_column_are_added():
    """Two names in one column: their values add up, as FeatureHasher adds them."""
    by_column: dict[int, str] = {}
    for i in range(5000):  # 5,000 names in 2^20 columns: some two share one
        name = f"k:ord{i}"
        other = by_column.setdefault(F.column_of(name), name)
        if other != name:
            pair = (other, name)
            break
    ours = F.hash_features([{F.feature_id(pair[0]): 1.0, F.feature_id(pair[1]): 0.5}])
    assert ours.nnz == 1 and ours.data[0] == 1.5
    theirs = FeatureHasher(n_features=F.N_FEATURES, alternate_sign=False).transform(
        [{pair[0]: 1.0, pair[1]: 0.5}])
    assert_same(ours, theirs.tocsr())


words_strategy = st.lists(st.one_of(
    st.sampled_from(["ikke", "ikkje", "men", "og", "bolig", "boligmangel", "bustader", "god",
                     "samarbeid", "mangler", "lite", "NAV", "få", ",", ".", "!", "likevel",
                     "utfordring", "tildelingsteamet", "2020.", "kap.", "Æ", "ø"]),
    st.text(alphabet="abcdefghijklmnoprstuvyæøåÆØÅ-.,!?;:()– ", min_size=1, max_size=12)),
    min_size=0, max_size=25)


@settings(max_examples=150, deadline=None)
@given(words_strategy, st.sampled_from([None, "styrke", "utfordring"]),
       st.sampled_from(["answer", "sentence"]))
def test_matrix_equals_feature_hashers_on_any_text(tokens, polarity, kind):
    doc = make_pipeline()(" ".join(tokens))
    ours = F.with_context(F.plain_counts([doc, doc], [kind, None]), [polarity, None])
    assert_same(ours, hasher_matrix([doc, doc], [polarity, None], [kind, None]))
