"""Find the Norwegian municipalities a sentence speaks about.

The gazetteer (`data/kommuner.tsv`, built by `scripts/build_gazetteer.py` from SSB's
classification 131) knows every municipality of 2026 with its number, Sami and Kven name forms,
and the municipalities merged 2011-2024 under their old names, mapped to their successors
("Rissa" -> Indre Fosen, "Nærøy" -> Nærøysund).

A capitalised name is a municipality unless the context says otherwise: "Høgskulen i Volda" and
"Volda sjukehus" are institutions, "Kari Volda" is a person. Names that are also ordinary words
("Time", "Gran", "Vik") need a cue at the start of a sentence: "kommune" after it or a
preposition ("i", "på", "frå") before it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache

from fritekst.lexicon import first_names, gazetteer, is_lemma, lemma_dictionaries

PREPOSITIONS = {"i", "på", "fra", "frå", "til", "for", "ved", "utenfor", "utanfor", "rundt",
                "mot", "som", "og", "enn", "både", "mellom", "av", "om", "unntatt", "utenom",
                "utanom", "inkludert"}
# words that make "X i Volda" or "Volda X" an institution or organisation, not the municipality
INSTITUTIONS = (
    "høgskule", "høgskole", "høyskole", "universitet", "sjukehus", "sykehus", "skule", "skole",
    "gymnas", "kyrkje", "kirke", "menighet", "sokn", "bibliotek", "idrettslag", "lag", "klubb",
    "bank", "sparebank", "hotell", "avis", "museum", "museet", "stasjon", "tingrett", "prosti",
    "turn", "il", "fk", "bk", "sk", "as", "asa", "kraft", "energi", "næringsforening",
    "næringshage", "vidaregåande", "videregående", "folkehøgskule", "folkehøgskole", "kino",
)
_CASE_WORDS = {"kommune", "kommunes", "kommunen", "kommunane", "kommunene", "herad", "heradet",
               "by", "bys"}
_CITATION = re.compile(
    r"^(?:\s+(?:og|and|&)\s+[A-ZÆØÅ][\w-]+)?(?:\s+m\.\s?fl\.?|\s+et al\.?)?,?\s*\(?"
    r"(?:19|20)\d\d[a-z]?\b")
_NEXT_WORD = re.compile(r"^\s+([\wæøåÆØÅ]+)")
# "Lund, R." and "Berg, A. M." in a reference list: a surname with initials
_INITIALS_AFTER = re.compile(r"^,\s*[A-ZÆØÅ]\.(?:\s?-?[A-ZÆØÅ]\.)*(?=[\s,(]|$)")
# "S.M. Moss", "A. Berg": initials before
_INITIALS_BEFORE = re.compile(r"(?:^|\s)(?:[A-ZÆØÅ]\.\s?-?)+\s*$")
_PREV_WORDS = re.compile(r"([\wæøåÆØÅ]+)[\s,]+([\wæøåÆØÅ]+)\s*$")


@dataclass(frozen=True)
class Place:
    form: str  # as written in the text ("Rissa")
    numbers: tuple[str, ...]  # municipality numbers of 2026 ("5054",)
    municipality: str  # municipality of 2026 ("Indre Fosen"); several joined with " / "
    kind: str  # current, sami_kven, historic, or ambiguous (a current and an old one)
    until: str  # year a historic municipality ended
    start: int
    end: int

    evidence: str = ""  # the words that make it a municipality ("i Volda", "Volda kommune")

    @property
    def label(self) -> str:
        """How tables name it: the form, with today's municipality when it has changed."""
        if self.kind == "historic":
            return f"{self.form} (nå {self.municipality})"
        if self.kind == "ambiguous":
            return f"{self.form} ({self.municipality.replace(' / ', ' eller ')})"
        return self.municipality


@cache
def _pattern() -> re.Pattern:
    forms = sorted(gazetteer(), key=len, reverse=True)
    alternatives = "|".join(re.escape(f) for f in forms)
    # whole words; a genitive -s may follow ("Oppdals"), a hyphen compound may not
    # a footnote number may stick to it ("Rissa3")
    return re.compile(rf"(?<![\w-])({alternatives})(s)?(?![^\W\d_]|-)")


def _institution(word: str) -> bool:
    w = word.lower()
    return any(w == s or w.startswith(s) or (len(s) > 4 and w.endswith(s)) or
               w.endswith(s + "en") or w.endswith(s + "a") or w.endswith(s + "et")
               for s in INSTITUTIONS)


def find_places(text: str) -> list[Place]:
    """Municipalities named in one sentence, in order of appearance."""
    out = []
    for m in _pattern().finditer(text):
        form = m.group(1)
        before, after = text[: m.start()], text[m.end():]
        nxt = _NEXT_WORD.match(after)
        next_word = nxt.group(1) if nxt else ""
        prev = _PREV_WORDS.search(before)
        prev_word, prev2 = (prev.group(2), prev.group(1)) if prev else ("", "")
        if not prev and before.strip():
            prev_word = before.split()[-1].strip(",(«\"[")
        strong = next_word.lower() in _CASE_WORDS or prev_word.lower() in PREPOSITIONS
        if _CITATION.match(after) or _INITIALS_AFTER.match(after) or \
                _INITIALS_BEFORE.search(before):
            continue  # "Strand (2011)", "Eide m.fl. 2016", "Lund, R.", "S.M. Moss": an author
        if next_word[:1].isupper() and next_word not in gazetteer() and after[:1] == " " and \
                next_word.lower() not in _CASE_WORDS and (not strong or m.group(2)):
            continue  # "Giske Sigmundstad", "Times New Roman": part of a longer name
        inside = re.match(r"^\s+i\s+([A-ZÆØÅ][\wæøå-]+)", after)
        if inside and inside.group(1) in gazetteer() and inside.group(1) != form:
            continue  # "Åmot i Vinje": a village in another municipality
        if next_word and _institution(next_word) and next_word.lower() not in _CASE_WORDS:
            continue  # "Volda sjukehus", "Oppdal Sparebank"
        if prev_word.lower() in PREPOSITIONS and prev2 and _institution(prev2):
            continue  # "Høgskulen i Volda"
        if not strong and _in_citation(text, m.start(), m.end()):
            continue  # "(Berg, Flemmen & Gulbrandsen, 2020)": authors of a work cited
        if before.rstrip().endswith("&"):
            continue  # "Aarseth, Bråten & Lund": the last of a list of authors
        if len(before.split()) == 1 and prev_word[:1].isupper() and prev_word.isalpha() and \
                not strong and prev_word not in gazetteer() and not _word(prev_word.lower()):
            continue  # "Rebecca Lund er postdoktor": a name that opens the sentence
        if prev_word in first_names() or (prev_word[:1].isupper() and prev_word.isalpha()
                                          and prev_word not in gazetteer() and before.strip()
                                          and not before.rstrip().endswith((".", ":", ","))
                                          and len(before.split()) > 1 and not strong):
            continue  # "Kari Volda", "Jon Helge Oppdal"
        at_start = not before.strip() or before.rstrip().endswith((".", ":", "!", "?", "«", '"'))
        if at_start and not strong and is_lemma(form.lower()):
            continue  # "Time brukt på …", "Gran og furu …"
        entries = gazetteer()[form]
        kinds = {e[2] for e in entries}
        kind = "current" if "current" in kinds else next(iter(sorted(kinds)))
        chosen = entries
        if len({e[1] for e in entries}) > 1 and len(kinds) > 1:
            # "Bø" is a municipality in Nordland and was one in Telemark (now Midt-Telemark)
            kind = "ambiguous"
        elif kind == "current":
            chosen = [e for e in entries if e[2] == kind]
        out.append(Place(
            form=form, numbers=tuple(e[0] for e in chosen),
            municipality=" / ".join(dict.fromkeys(e[1] for e in chosen)),
            kind=kind, until=max(e[3] for e in chosen), start=m.start(), end=m.end(),
            evidence=_evidence(text, m.start(), m.end(), prev_word, next_word),
        ))
    return out


def counties(places: list[Place]) -> dict[str, int]:
    """How often each county (the first two digits of the municipality number) is named by the
    places that are not ambiguous."""
    out: dict[str, int] = {}
    for place in places:
        if place.kind != "ambiguous":
            for county in {n[:2] for n in place.numbers}:
                out[county] = out.get(county, 0) + 1
    return out


def settle(place: Place, named: Mapping[str, int]) -> Place:
    """An ambiguous name settled by the document around it: "Bø" in a plan that names Seljord
    and Notodden (Telemark) is the old Bø, now Midt-Telemark, not Bø in Nordland. Left
    ambiguous when the counties named do not tell."""
    if place.kind != "ambiguous":
        return place
    entries = gazetteer()[place.form]
    best = max(named.get(e[0][:2], 0) for e in entries)
    chosen = [e for e in entries if named.get(e[0][:2], 0) == best]
    if best == 0 or len({e[1] for e in chosen}) != 1:
        return place
    kind = "current" if any(e[2] == "current" for e in chosen) else chosen[0][2]
    chosen = [e for e in chosen if e[2] == kind]
    return replace(place, numbers=tuple(e[0] for e in chosen), municipality=chosen[0][1],
                   kind=kind, until=max(e[3] for e in chosen))


def _in_citation(text: str, start: int, end: int) -> bool:
    """Inside parentheses that cite a work: a year and a list of names ("(Berg, Flemmen &
    Gulbrandsen, 2020)", "(Lund mfl. 2019)")."""
    opening = text.rfind("(", 0, start)
    closing = text.find(")", end)
    if opening < 0 or closing < 0 or ")" in text[opening:start] or "(" in text[end:closing]:
        return False
    inside = text[opening + 1:closing]
    return bool(re.search(r"\b(?:19|20)\d\d[a-z]?\b", inside)) and \
        bool(re.search(r"&|\bet al\b|\bm\.?\s?fl\b|\bmfl\b|,\s*(?:19|20)\d\d", inside))


def _word(lower: str) -> bool:
    """A word of the language (any inflected form), not a name."""
    d = lemma_dictionaries()
    return lower in d.nb or lower in d.nn or is_lemma(lower)


def _evidence(text: str, start: int, end: int, prev_word: str, next_word: str) -> str:
    """The phrase that names the municipality: with its preposition or "kommune" where the
    sentence has one, else the name and the words on either side."""
    name = text[start:end]
    if next_word.lower() in _CASE_WORDS:
        return f"{name} {next_word}"
    if prev_word.lower() in PREPOSITIONS:
        return f"{prev_word} {name}"
    left = re.search(r"[\w-]+[^\w]*$", text[:start])
    right = re.match(r"[^\w]*[\w-]+", text[end:])
    phrase = (left.group(0) if left else "") + name + (right.group(0) if right else "")
    return " ".join(phrase.split())
