"""The Norwegian NLP pipeline: ``spacy.blank("nb")`` plus fritekst's own component.

``fritekst_keys`` reads every token once and leaves a :class:`Words` on the doc (read it with
:func:`words`): per token the tuple of shared keys (form, lemma, Bokmål key, compound parts;
see :mod:`fritekst.nlp.normalize`), how many of them name the whole word, the lower-case form,
sentence and clause numbers, the text's variety (``"nb"``/``"nn"``/``None``), and on demand
which tokens sit in a clause that denies a problem ("ikke noe problem med boligmangel",
"boligmangel er ikkje eit problem", "mangler ikke"). It sets ``token.lemma_`` to the shared
key and the sentence starts. The same lists are there as ``doc._.keys``, ``doc._.whole``,
``doc._.lower``, ``doc._.sent``, ``doc._.clause``, ``doc._.variety`` and ``doc._.denied``.

The codebook tagger (:mod:`fritekst.coding.rules`) runs after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import spacy
from spacy.attrs import LEMMA, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from fritekst.nlp.normalize import _NB_MARKERS, _NN_MARKERS, analyse

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
_SENT_END = {".", "!", "?"}
# abbreviations the tokenizer leaves without their full stop
_ABBREVIATIONS = {"kap", "jf", "ca", "nr", "s", "pkt", "bl.a", "tlf", "fig", "tab", "vol", "mill",
                  "mrd", "kr", "st", "ref"}
_WORDS = "fritekst.words"  # where the component leaves its Words in doc.user_data
# what ends a sentence: a sentence mark, a full stop (unless after an abbreviation), or a
# year with its full stop (when a capital follows)
_NO_END, _END, _FULL_STOP, _YEAR = 0, 1, 2, 3
_NOT_START = np.iinfo(np.uint64).max  # SENT_START -1 as an unsigned attribute


@dataclass(slots=True, eq=False)
class Words:
    """What the pipeline reads of one text, per token, as plain lists (reading spaCy's
    ``Token`` objects or ``doc._`` extensions token by token is slow)."""

    keys: list[tuple[str, ...]]
    whole: list[int]       # how many of a token's keys name the whole word
    lower: list[str]
    sent: list[int]
    clause: list[int]      # -1 for a clause break (punctuation, "men")
    variety: str | None
    hits: list | None = None  # the codebook tagger's hits, where it ran
    _denied: list[bool] | None = None

    @property
    def denied(self) -> list[bool]:
        """Per token, True when it sits in a clause that denies a problem (worked out the
        first time it is asked for: only the codebook rules read it)."""
        if self._denied is None:
            self._denied = _denied(self.keys, self.clause, self.lower)
        return self._denied


_EMPTY = Words([], [], [], [], [], None)


def words(doc: Doc) -> Words:
    """The :class:`Words` the pipeline left on ``doc``."""
    return doc.user_data.get(_WORDS, _EMPTY)


def _extension(name: str):
    def get(doc: Doc):
        found = doc.user_data.get(_WORDS)
        return None if found is None else getattr(found, name)
    return get


for _name in ("keys", "whole", "denied", "lower", "sent", "clause", "variety"):
    Doc.set_extension(_name, getter=_extension(_name), force=True)


class KeysComponent:
    """One pass over the tokens: keys, lemmas, sentence and clause numbers. What depends on
    the word alone is worked out once per distinct word (``orth``) and kept, per vocabulary
    (the lemma strings must be in the doc's string store)."""

    _MAX_CACHED = 500_000

    def __init__(self) -> None:
        self._known: dict[int, tuple] = {}

    def _word(self, doc: Doc, orth: int) -> tuple:
        lex = doc.vocab[orth]
        low = lex.lower_
        k, n = analyse(low) if not lex.is_punct and not lex.is_space else ((), 0)
        lemma = doc.vocab.strings.add(k[min(n, 4) - 1] if n > 1 else low)
        end = (_FULL_STOP if low == "." else _END if low in _SENT_END else
               _YEAR if low[-1:] == "." and low[:-1].isdigit() and len(low) == 5 else _NO_END)
        vote = 1 if low in _NN_MARKERS else -1 if low in _NB_MARKERS else 0
        if len(self._known) >= self._MAX_CACHED:
            self._known.clear()
        info = self._known[orth] = (low, k, n, lemma, low in _CLAUSE_BREAKS, end,
                                    low in _ABBREVIATIONS, vote)
        return info

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            doc.user_data[_WORDS] = Words([], [], [], [], [], None)
            return doc
        orths = doc.to_array(ORTH).tolist()
        known = self._known
        found = list(map(known.get, orths))
        infos: list[tuple] = found if None not in found else [  # type: ignore[assignment]
            info or self._word(doc, o) for info, o in zip(found, orths, strict=True)]
        size = len(infos)
        lows, keys, whole, lemmas, breaks, ends, _, votes = zip(*infos, strict=True)
        sent: list[int] = []
        clause: list[int] = []
        starts: list[int] = []
        s = c = 0
        new_sentence = True
        done = 0  # tokens before this have their sentence and clause
        # only sentence marks and clause breaks change the numbers: the words between them
        # take the numbers of the run they are in
        for i in [i for i, (b, e) in enumerate(zip(breaks, ends, strict=True)) if b or e]:
            if i > done:
                if new_sentence:
                    starts.append(done)
                    s += done > 0
                    new_sentence = False
                sent += [s] * (i - done)
                clause += [c] * (i - done)
            if new_sentence:
                starts.append(i)
                s += i > 0
            end = ends[i]
            if end == _NO_END:
                new_sentence = False
            elif end == _FULL_STOP and i and infos[i - 1][6] and i + 1 < size and (
                    (nxt := doc.vocab.strings[orths[i + 1]][:1]).isdigit() or nxt.islower()):
                new_sentence = False  # "se kap. 3", "jf. tabell 2"
            elif end == _YEAR:
                # "frå 2020. Rus- og …": a year with a full stop ends a sentence when a
                # capital follows ("17. mai" does not)
                new_sentence = i + 1 < size and doc.vocab.strings[orths[i + 1]][:1].isupper()
            else:
                new_sentence = True
            if breaks[i]:
                c += 1
                clause.append(-1)
            else:
                clause.append(c)
            sent.append(s)
            if new_sentence:
                c += 1
            done = i + 1
        if size > done:
            if new_sentence:
                starts.append(done)
                s += done > 0
            sent += [s] * (size - done)
            clause += [c] * (size - done)
        marks = np.empty((size, 2), dtype=np.uint64)
        marks[:, 0] = lemmas
        marks[:, 1] = _NOT_START
        marks[starts, 1] = 1
        doc.from_array([LEMMA, SENT_START], marks)  # type: ignore[arg-type]
        vote = sum(votes)
        doc.user_data[_WORDS] = Words(list(keys), list(whole), list(lows), sent, clause,
                                      "nn" if vote > 0 else "nb" if vote < 0 else None)
        return doc


@Language.factory("fritekst_keys")
def make_keys_component(nlp: Language, name: str) -> KeysComponent:
    return KeysComponent()


def _denied(keys: list[tuple[str, ...]], clause_of: list[int], lower: list[str]) -> list[bool]:
    denied = [False] * len(keys)
    if NEGATORS.isdisjoint(lower):
        return denied  # no negator, no denial (the usual case)
    for start, end in _clauses(clause_of):
        if clause_denies_problem(keys[start:end]):
            for i in range(start, end):
                denied[i] = True
    return denied


def clauses(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of clauses: split at punctuation, sentence ends and contrastive
    conjunctions (men); the break tokens themselves belong to no clause."""
    return _clauses(words(doc).clause)


def _clauses(clause_of: list[int]) -> list[tuple[int, int]]:
    out, start, current = [], None, None
    for i, cid in enumerate(clause_of):
        if cid != current:
            if start is not None and current != -1:
                out.append((start, i))
            start, current = i, cid
    if start is not None and current != -1 and clause_of:
        out.append((start, len(clause_of)))
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
    return nlp
