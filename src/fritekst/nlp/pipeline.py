"""The Norwegian NLP pipeline: ``spacy.blank("nb")`` plus fritekst's own components.

Components, in order:

``sentencizer``
    spaCy's rule-based sentence splitter.
``fritekst_keys``
    Sets ``doc._.keys``: for each token the tuple of shared keys (form, lemma, Bokmål key,
    compound parts; see :mod:`fritekst.nlp.normalize`) and ``doc._.whole``: how many of them
    name the whole word; sets ``token.lemma_`` to the shared key and ``doc._.variety`` to
    ``"nb"``/``"nn"``/``None``.
``fritekst_negation``
    Sets ``doc._.denied``: per token, True when it sits in a clause that denies a problem
    ("ikke noe problem med boligmangel", "boligmangel er ikkje eit problem", "mangler ikke").

The codebook tagger (:mod:`fritekst.coding.rules`) runs after these.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from fritekst.nlp.normalize import analyse, variety, word_keys

# matched on the written form, so "får" (lemma få) is no negator
NEGATORS = {"ikke", "ikkje", "ingen", "inga", "intet", "aldri", "uten", "utan", "lite", "få",
            "sjelden", "sjeldan", "ingenting", "null"}
PROBLEM_CUES = {
    "problem", "problematisk", "utfordring", "utfordrende", "mangel", "mangle", "vanskelig",
    "vanske", "vanskelighet", "hinder", "svikt", "svikte", "bekymring", "krise", "trøbbel",
    "flaskehals",
}
_CLAUSE_BREAKS = {",", ";", ":", ".", "!", "?", "men", "mens", "selv om", "sjølv om", "derimot",
                  "\n", "–", "—", "(", ")"}
_LOOKAHEAD = 4

for _name in ("keys", "whole", "denied"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Doc.has_extension("variety"):
    Doc.set_extension("variety", default=None)


@Language.component("fritekst_keys")
def keys_component(doc: Doc) -> Doc:
    keys, whole = [], []
    for token in doc:
        k, n = analyse(token.lower_) if not token.is_punct and not token.is_space else ((), 0)
        keys.append(k)
        whole.append(n)
        if n > 1:
            token.lemma_ = k[min(n, 4) - 1]
    doc._.keys = keys
    doc._.whole = whole
    doc._.variety = variety(doc.text)
    return doc


@Language.component("fritekst_negation")
def negation_component(doc: Doc) -> Doc:
    keys = doc._.keys if doc._.keys is not None else [word_keys(t.lower_) for t in doc]
    denied = [False] * len(doc)
    for start, end in clauses(doc):
        if clause_denies_problem(keys[start:end]):
            for i in range(start, end):
                denied[i] = True
    doc._.denied = denied
    return doc


def clauses(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of clauses: split at punctuation and at contrastive conjunctions (men)."""
    out, start = [], 0
    for i, token in enumerate(doc):
        if token.lower_ in _CLAUSE_BREAKS or (token.is_sent_start and i > start):
            if i > start:
                out.append((start, i))
            start = i + 1 if token.lower_ in _CLAUSE_BREAKS else i
    if start < len(doc):
        out.append((start, len(doc)))
    return out


def clause_denies_problem(clause_keys: list[tuple[str, ...]]) -> bool:
    """A negator shortly before a problem cue, or a problem cue shortly before a negator."""
    neg = [i for i, k in enumerate(clause_keys) if k and k[0] in NEGATORS]
    if not neg:
        return False
    cue = [i for i, k in enumerate(clause_keys) if PROBLEM_CUES.intersection(k)]
    for n in neg:
        for c in cue:
            if 0 < c - n <= _LOOKAHEAD:
                return True
            # "mangler ikke", "er ikke et problem" (cue after the negator is covered above)
            if 0 < n - c <= 2 and clause_keys[n][0] not in {"få", "lite"}:
                return True
    return False


@cache
def make_pipeline() -> Language:
    """The shared pipeline without a codebook (cached: building it loads dictionaries once)."""
    nlp = spacy.blank("nb")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("fritekst_keys")
    nlp.add_pipe("fritekst_negation")
    return nlp
