"""The Norwegian NLP pipeline: ``spacy.blank("nb")`` plus fritekst's own components.

Components, in order:

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

import numpy as np
import spacy
from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, LOWER, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from fritekst.nlp.normalize import analyse, variety

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

for _name in ("keys", "whole", "denied", "lower", "sent", "clause", "variety"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
_SENT_END = {".", "!", "?"}
# abbreviations the tokenizer leaves without their full stop
_ABBREVIATIONS = {"kap", "jf", "ca", "nr", "s", "pkt", "bl.a", "tlf", "fig", "tab", "vol", "mill",
                  "mrd", "kr", "st", "ref"}


@Language.component("fritekst_keys")
def keys_component(doc: Doc) -> Doc:
    """One pass over the tokens: keys, lemmas, sentence and clause numbers. It reads and
    writes token attributes as arrays, since making spaCy ``Token`` objects is costly, and
    everything later reads the lists it leaves on the doc."""
    if not len(doc):
        doc._.keys = doc._.whole = doc._.lower = doc._.sent = doc._.clause = []
        doc._.variety = None
        return doc
    strings = doc.vocab.strings
    attrs = doc.to_array([LOWER, IS_PUNCT, IS_SPACE])
    keys: list[tuple[str, ...]] = []
    whole: list[int] = []
    lower: list[str] = []
    sent: list[int] = []
    clause: list[int] = []
    lemmas = np.zeros(len(doc), dtype=np.uint64)
    starts = np.zeros(len(doc), dtype=np.int64)
    s = c = 0
    new_sentence = True
    for i, (low_id, punct, space) in enumerate(attrs):
        low = strings[low_id]
        if new_sentence and lower:
            s += 1
        starts[i] = 1 if new_sentence else -1
        if low == "." and i and lower[-1] in _ABBREVIATIONS and i + 1 < len(doc) and (
                doc[i + 1].text[:1].isdigit() or doc[i + 1].text[:1].islower()):
            new_sentence = False  # "se kap. 3", "jf. tabell 2"
        else:
            new_sentence = low in _SENT_END or (
                # "frå 2020. Rus- og …": a year with a full stop ends a sentence when a
                # capital follows ("17. mai" does not)
                low[-1:] == "." and low[:-1].isdigit() and len(low) == 5 and i + 1 < len(doc)
                and doc[i + 1].text[:1].isupper())
        if low in _CLAUSE_BREAKS:
            c += 1
        k, n = analyse(low) if not punct and not space else ((), 0)
        keys.append(k)
        whole.append(n)
        lower.append(low)
        sent.append(s)
        clause.append(c if low not in _CLAUSE_BREAKS else -1)
        lemmas[i] = strings.add(k[min(n, 4) - 1] if n > 1 else low)
        if new_sentence:
            c += 1
    doc.from_array([LEMMA, SENT_START],
                   np.stack([lemmas, starts.astype(np.uint64)], axis=1))  # type: ignore[arg-type]
    doc._.keys, doc._.whole, doc._.lower = keys, whole, lower
    doc._.sent, doc._.clause = sent, clause
    doc._.variety = variety(lower)
    return doc


@Language.component("fritekst_negation")
def negation_component(doc: Doc) -> Doc:
    keys = doc._.keys
    denied = [False] * len(doc)
    for start, end in clauses(doc):
        if clause_denies_problem(keys[start:end]):
            for i in range(start, end):
                denied[i] = True
    doc._.denied = denied
    return doc


def clauses(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of clauses: split at punctuation, sentence ends and contrastive
    conjunctions (men); the break tokens themselves belong to no clause."""
    out, start, current = [], None, None
    for i, cid in enumerate(doc._.clause):
        if cid != current:
            if start is not None and current != -1:
                out.append((start, i))
            start, current = i, cid
    if start is not None and current != -1 and len(doc):
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


# what PDFs and word processors put into text that no reader sees as a letter of its own:
# typographic ligatures (ﬁ), soft hyphens, zero-width spaces and joiners, non-breaking spaces
CLEAN = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                       "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st", "\u00ad": None,
                       "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None,
                       "\ufeff": None, "\u00a0": " ", "\u202f": " ", "\u2007": " "})


class CleaningTokenizer:
    """spaCy's tokenizer after :data:`CLEAN`: "utﬂytting" and "bu\u00adstad" are read as
    "utflytting" and "bustad" (evidence is quoted in the cleaned form)."""

    def __init__(self, inner):
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        return self.inner(text.translate(CLEAN))


def blank() -> Language:
    """``spacy.blank("nb")`` whose tokenizer first cleans the text (:data:`CLEAN`)."""
    nlp = spacy.blank("nb")
    nlp.tokenizer = CleaningTokenizer(nlp.tokenizer)
    return nlp


@cache
def make_pipeline() -> Language:
    """The shared pipeline without a codebook (cached: building it loads dictionaries once)."""
    nlp = blank()
    nlp.add_pipe("fritekst_keys")
    nlp.add_pipe("fritekst_negation")
    return nlp
