"""The codebook coder (v1): a spaCy component that finds codebook patterns in each unit.

Patterns are matched on the shared keys the pipeline gives each token, so inflections, Nynorsk
forms and compound parts all match (see :mod:`fritekst.coding.codebook` for the syntax). Words
the dictionaries do not know and that are one edit away from a codebook word (``samarbied``,
``bolgmangel``) are read as that word. Evidence in a clause that denies a problem ("ikke noe
problem med boligmangel") does not count towards a challenge.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from fritekst.coding.base import Coding, code_distinct, longest_first
from fritekst.coding.codebook import Codebook, load_codebook
from fritekst.lexicon import is_known, nn_nb_map
from fritekst.nlp.normalize import lemma, shared_key, word_keys
from fritekst.nlp.pipeline import blank, make_pipeline, words

# a strong pattern codes a theme on its own; weak evidence (0.4) needs a second hit to pass 0.5
STRONG, WEAK = 0.9, 0.4
THRESHOLD = 0.5
NO_THEME_CONFIDENCE = 0.5
_FUZZY_MIN_LEN = 6

Doc.set_extension("theme_hits", getter=lambda doc: words(doc).hits, force=True)


@dataclass(frozen=True)
class Hit:
    """One pattern found in a unit."""

    theme: str
    start: int
    end: int
    evidence: str
    weight: float
    pattern: str
    denied: bool


@dataclass(frozen=True)
class _Pattern:
    theme: str
    text: str
    groups: tuple[tuple[int, ...], ...]
    weight: float
    exclude: bool
    whole_unit: bool = False


class PatternSet:
    """A codebook compiled into a term index: exact keys, prefixes, and a typo index."""

    def __init__(self, codebook: Codebook):
        self.window = codebook.window
        self.contested = {(t.id, c) for t in codebook.themes for c in t.contested}
        self.yields_to = {t.id: set(t.yields_to) for t in codebook.themes if t.yields_to}
        self.terms: list[tuple[str, str]] = []  # (key, kind)
        self._term_ids: dict[tuple[str, str], int] = {}
        self.exact: dict[str, list[int]] = {}
        self.surface: dict[str, list[int]] = {}
        self.prefixes: list[tuple[str, int]] = []
        self.suffixes: list[tuple[str, int]] = []
        self.patterns: list[_Pattern] = []
        vocabulary: set[str] = set()
        for theme in codebook.themes:
            for kind, weight, texts in (("pattern", STRONG, theme.patterns),
                                        ("weak", WEAK, theme.weak),
                                        ("exclude", 0.0, theme.exclude)):
                for text in texts:
                    body = text.lower().removeprefix("^")
                    groups = tuple(
                        tuple(self._term(word, vocabulary) for word in group.split())
                        for group in body.split("+") if group.strip()
                    )
                    self.patterns.append(_Pattern(theme.id, text, groups, weight,
                                                  kind == "exclude", text.startswith("^")))
        # only patterns whose terms all occur are tried: index them by their terms
        self._by_term: dict[int, list[int]] = {}
        for pi, pat in enumerate(self.patterns):
            for tid in {t for g in pat.groups for t in g}:
                self._by_term.setdefault(tid, []).append(pi)
        self._needs = [{t for g in pat.groups for t in g} for pat in self.patterns]
        # Nynorsk spellings are typo targets too: "ppfylging" → oppfylging
        vocabulary.update(w for w in nn_nb_map() if len(w) >= _FUZZY_MIN_LEN)
        self._deletions: dict[str, str] = {}
        for word in sorted(vocabulary):
            for variant in (word, *_deletes(word)):
                self._deletions.setdefault(variant, word)

    def _term(self, word: str, vocabulary: set[str]) -> int:
        """``tildel*`` prefix, ``*bolig`` head word, ``=få`` exact written form, else a word."""
        if word.endswith("*"):
            kind, key = "prefix", word[:-1]
        elif word.startswith("*"):
            kind, key = "suffix", shared_key(lemma(word[1:]))
        elif word.startswith("="):
            kind, key = "surface", word[1:]
        else:
            kind, key = "word", shared_key(lemma(word))
            if len(word) >= _FUZZY_MIN_LEN:
                vocabulary.add(word)
        ident = (key, kind)
        if ident in self._term_ids:
            return self._term_ids[ident]
        tid = self._term_ids[ident] = len(self.terms)
        self.terms.append(ident)
        if kind == "prefix":
            self.prefixes.append((key, tid))
        elif kind == "suffix":
            self.suffixes.append((key, tid))
        elif kind == "surface":
            self.surface.setdefault(key, []).append(tid)
        else:
            for k in {key, word}:
                self.exact.setdefault(k, []).append(tid)
        return tid

    def correct(self, word: str) -> str | None:
        """A codebook word one edit away from an unknown word, or ``None``."""
        if len(word) < _FUZZY_MIN_LEN or not word.isalpha() or is_known(word):
            return None
        for variant in (word, *_deletes(word)):
            hit = self._deletions.get(variant)
            if hit and hit != word:
                return hit
        return None

    def find(self, doc: Doc) -> list[Hit]:
        read = words(doc)
        keys = read.keys
        whole = list(read.whole)
        term_pos: dict[int, set[int]] = {}
        for i, ks in enumerate(keys):
            if ks and len(ks[0]) >= _FUZZY_MIN_LEN and len(ks) == 1:
                fixed = self.correct(ks[0])
                if fixed:
                    ks = (*ks, *word_keys(fixed))
                    whole[i] = len(ks)
            if not ks:
                continue
            found = list(self.surface.get(ks[0], ()))
            for j, k in enumerate(ks):
                found.extend(self.exact.get(k, ()))
                found.extend(tid for p, tid in self.prefixes if k.startswith(p))
                if j < whole[i]:
                    found.extend(tid for p, tid in self.suffixes if k.endswith(p))
            for tid in found:
                term_pos.setdefault(tid, set()).add(i)
        if not term_pos:
            return []
        sent_of = read.sent
        clause_of = read.clause
        denied = read.denied
        hits: list[Hit] = []
        excluded_clauses: dict[str, set[int]] = {}
        content = sum(1 for ks in keys if ks)
        present = term_pos.keys()
        candidates = sorted({pi for tid in present for pi in self._by_term.get(tid, ())
                             if self._needs[pi] <= present})
        for pat in (self.patterns[pi] for pi in candidates):
            if pat.whole_unit and content != sum(len(g) for g in pat.groups):
                continue
            spans = self._match(pat, term_pos, sent_of)
            for groups in spans:
                if pat.exclude:
                    for s, e in groups:
                        for i in range(s, e):
                            excluded_clauses.setdefault(pat.theme, set()).add(clause_of[i])
                    continue
                start = min(s for s, _ in groups)
                end = max(e for _, e in groups)
                hits.append(Hit(
                    theme=pat.theme, start=start, end=end,
                    evidence=_evidence(doc, groups),
                    weight=pat.weight, pattern=pat.text,
                    denied=any(denied[i] for s, e in groups for i in range(s, e)),
                ))
        if excluded_clauses:
            hits = [h for h in hits
                    if not any(clause_of[i] in excluded_clauses.get(h.theme, ())
                               for i in range(h.start, h.end))]
        return hits

    def _match(self, pat: _Pattern, term_pos, sent_of) -> list[list[tuple[int, int]]]:
        occurrences = []
        for group in pat.groups:
            first = term_pos.get(group[0])
            if not first:
                return []
            occ = [(p, p + len(group)) for p in sorted(first)
                   if all(p + j in term_pos.get(t, ()) for j, t in enumerate(group[1:], 1))]
            if not occ:
                return []
            occurrences.append(occ)
        if len(occurrences) == 1:
            return [[o] for o in occurrences[0]]
        found = []
        for combo in itertools.islice(itertools.product(*occurrences), 200):
            start, end = min(s for s, _ in combo), max(e for _, e in combo)
            if end - start <= self.window and len({sent_of[s] for s, _ in combo}) == 1:
                found.append(list(combo))
                break
        return found


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _evidence(doc: Doc, groups: list[tuple[int, int]]) -> str:
    start, end = min(s for s, _ in groups), max(e for _, e in groups)
    if end - start <= 5:
        return doc[start:end].text
    return " … ".join(doc[s:e].text for s, e in sorted(set(groups)))


class CodebookTagger:
    """spaCy component: sets ``doc._.theme_hits``, the :class:`Hit` of every pattern found."""

    def __init__(self, nlp: Language, name: str, codebook_path: str | None):
        self.name = name
        self.codebook = load_codebook(codebook_path)
        self.patterns = PatternSet(self.codebook)

    def __call__(self, doc: Doc) -> Doc:
        words(doc).hits = self.patterns.find(doc)
        return doc


@Language.factory("fritekst_codebook", default_config={"codebook_path": None})
def make_codebook_tagger(nlp: Language, name: str, codebook_path: str | None):
    return CodebookTagger(nlp, name, codebook_path)


def build_nlp(codebook_path: str | Path | None = None) -> Language:
    """The NLP pipeline with the codebook tagger at the end."""
    nlp = blank()
    for name in make_pipeline().pipe_names:  # the shared components, then the tagger
        nlp.add_pipe(name)
    nlp.add_pipe("fritekst_codebook",
                 config={"codebook_path": str(codebook_path) if codebook_path else None})
    return nlp


class RuleCoder:
    """Codes units with the codebook patterns alone (``--rules-only``)."""

    name = "regler"
    model_version: str | None = None  # no learned model

    def __init__(self, codebook_path: str | Path | None = None):
        self.nlp = build_nlp(codebook_path)
        self.tagger: CodebookTagger = self.nlp.get_pipe("fritekst_codebook")  # type: ignore[assignment]
        self.codebook: Codebook = self.tagger.codebook
        self.version = f"{self.codebook.name}@{self.codebook.version}"

    def describe(self) -> dict:
        return {"name": self.name, "version": self.version, "codebook": self.codebook.describe()}

    def code(self, texts: Sequence[str], polarities: Sequence[str | None],
             kinds: Sequence[str] | None = None, batch_size: int = 512) -> list[Coding]:
        """Code each text; a text repeated with the same polarity is coded once (see
        :func:`~fritekst.coding.base.code_distinct`)."""
        def code(texts: list[str], polarities: list[str | None], _kinds: list[str]
                 ) -> list[Coding]:
            return [self.coding_of(doc, pol) for doc, pol in
                    zip(self.nlp.pipe(texts, batch_size=batch_size), polarities, strict=True)]

        return code_distinct(code, texts, polarities, kinds)

    def coding_of(self, doc: Doc, polarity: str | None) -> Coding:
        found = words(doc).hits or []
        hits = [h for h in found if not (h.denied and polarity == "utfordring")]
        denied: dict[str, list[str]] = {}
        for h in found:
            if h.denied and polarity == "utfordring":
                denied.setdefault(h.theme, []).append(h.evidence)
        scores = _scores(hits)
        patterns = self.tagger.patterns
        coded = {t for t, s in scores.items() if s >= THRESHOLD}
        # a theme whose only evidence is contested gives way ("lange ventelister fordi det
        # ikke finnes boliger" is housing shortage, not allocation)
        yielding = {t for t, targets in patterns.yields_to.items() if t in coded and
                    targets & coded}
        if yielding:
            hits = [h for h in hits
                    if h.theme not in yielding or (h.theme, h.pattern) not in patterns.contested]
            scores = _scores(hits)
        evidence: dict[str, list[str]] = {}
        for h in hits:
            evidence.setdefault(h.theme, []).append(h.evidence)
        order = {t: i for i, t in enumerate(self.codebook.ids)}
        themes = tuple(sorted((t for t in scores if scores[t] >= THRESHOLD),
                              key=order.__getitem__))
        scores = {t: round(min(scores[t], 0.99), 3) for t in themes}
        confidence = min(scores.values()) if scores else NO_THEME_CONFIDENCE
        evidence = {t: longest_first(evidence[t]) for t in themes}
        return Coding(themes, scores, evidence, confidence, None, denied)


def _scores(hits: list[Hit]) -> dict[str, float]:
    """Noisy-or over the distinct patterns that hit each theme."""
    scores: dict[str, float] = {}
    seen: set[tuple[str, str]] = set()
    for h in hits:
        if (h.theme, h.pattern) in seen:
            continue
        seen.add((h.theme, h.pattern))
        scores[h.theme] = 1 - (1 - scores.get(h.theme, 0.0)) * (1 - h.weight)
    return scores
