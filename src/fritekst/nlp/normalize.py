"""Word-level normalisation shared by Bokmål and Nynorsk: lemmas, shared keys, compound parts.

Every word gets a tuple of *keys*: its lower-case form, its lemma, the lemma mapped onto a
shared Bokmål key (bustad → bolig, teneste → tjeneste), and the parts of a compound
(utleigebustadene → utleie + bolig), so "mangel på boliger", "boligmangel" and "bustadmangel"
meet on the keys ``bolig`` and ``mangel``.

Lemmas come from simplemma's Bokmål dictionary with Nynorsk as fallback; the Nynorsk→Bokmål map
(``data/nn_nb.tsv``) is this project's own, written for the domain.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache, lru_cache

from fritekst.lexicon import lemma_dictionaries, nn_nb_map

# short compound parts that are real words in this domain (bo-oppfølging, rusomsorg, husleie)
_SHORT_PARTS = {"bo", "bu", "rus", "hus", "ung", "fag", "lån", "nav", "rop"}
_LINKS = ("s", "e")
_S_LINKED = ("ing", "sjon", "het", "skap", "dom", "else", "tet", "nad")
# lexicalised compounds that must stay whole: "det boligsosiale arbeidet" is no dwelling
_NO_SPLIT = {"boligsosial", "husbank", "bustadsosial", "midlertidig", "mellombels"}
_MIN_SPLIT_LEN = 7
_NN_MARKERS = {
    "ikkje", "eg", "kva", "korleis", "noko", "mykje", "berre", "frå", "òg", "fleire", "heile",
    "vere", "dei", "bustad", "bustader", "tenester", "teneste", "oppfylging", "utfordringane",
    "kommunane", "einingane", "sjølv", "nokon", "nokre", "kvar", "ein", "eit", "då", "ho",
    "busetjing", "tilsette", "bustadene", "tenesta", "me", "kan ikkje", "ynskjer", "meir",
}
_NB_MARKERS = {
    "ikke", "jeg", "hva", "hvordan", "noe", "mye", "bare", "fra", "også", "flere", "hele",
    "være", "de", "bolig", "boliger", "tjenester", "tjeneste", "oppfølging", "utfordringene",
    "kommunene", "enhetene", "selv", "noen", "hver", "en", "et", "hun", "boligene", "ansatte",
    "mer", "ønsker",
}
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def _dictionaries() -> tuple[Mapping[str, str], Mapping[str, str], Callable[[str], bool]]:
    """Bokmål form → lemma, Nynorsk form → lemma, and the test for a lemma."""
    d = lemma_dictionaries()
    return d.nb, d.nn, d.is_lemma


@cache
def _lemmatizer():
    """simplemma's rule-based lemmatizer for words the dictionaries do not list, reading the
    same tries (so it never decodes simplemma's own files)."""
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(
        dictionary_factory=lemma_dictionaries()))


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Lemma of a lower-case word: Bokmål dictionary first, Nynorsk as fallback, then the
    compound's head, then simplemma's rules."""
    nb, nn, _ = _dictionaries()
    if word in nb:
        return nb[word]
    if word in nn:
        return nn[word]
    parts = compound_parts(word)  # an unlisted compound with an inflected head: teamet → team
    if parts:
        cut = word.rfind(parts[-1][:3])
        if cut > 0:
            return word[:cut] + parts[-1]
    return _lemmatizer().lemmatize(word, lang=("nb", "nn"))


def shared_key(lem: str) -> str:
    """Map a (possibly Nynorsk) lemma onto the shared Bokmål key."""
    return nn_nb_map().get(lem, lem)


@lru_cache(maxsize=200_000)
def compound_parts(word: str) -> tuple[str, ...]:
    """Split a compound into lemma parts (fewest parts, then longest head); ``()`` if none.

    The head may be inflected (boligmangelen → bolig + mangel); a linking s or e on the left
    part is allowed (ansvarsfordeling → ansvar + fordeling). Parts are at least three letters
    unless they are short domain words such as ``bo`` and ``rus``.
    """
    best = _split(word, depth=0)
    return tuple(best) if best and len(best) > 1 else ()


def _split(word: str, depth: int) -> list[str] | None:
    nb, nn, is_lemma = _dictionaries()
    if depth > 0 and _is_part(word, is_lemma):
        return [word]
    if len(word) < (_MIN_SPLIT_LEN if depth == 0 else 5) or depth > 3:
        return None
    candidates = []
    for i in range(2, len(word) - 2):
        tail = word[i:]
        head = tail if is_lemma(tail) else nb.get(tail) or nn.get(tail)
        if not head or len(tail) < 3 or (len(tail) < 4 and tail not in _SHORT_PARTS):
            continue
        left = word[:i]
        if tail[0] == "s" and left.endswith(_S_LINKED):
            continue  # tildelings|teamet, not tildeling|steamet: these suffixes take a linking s
        for cand in (left, *(left[:-1] for link in _LINKS if left.endswith(link))):
            if not cand:
                continue
            parts = _split(cand, depth + 1)
            if parts:
                candidates.append((len(parts) + 1, -len(tail), [*parts, head]))
                break
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], c[1]))
    return candidates[0][2]


def _is_part(word: str, is_lemma: Callable[[str], bool]) -> bool:
    return word in _SHORT_PARTS or (len(word) >= 4 and is_lemma(word))


@lru_cache(maxsize=200_000)
def analyse(lower: str) -> tuple[tuple[str, ...], int]:
    """Keys of one lower-case word and how many of them name the whole word.

    The first ``n`` keys name the whole word (form, lemma, shared key, and for a compound its
    parts joined in shared form: utleigebustad → utleiebolig); the rest are compound parts. A
    head-word pattern such as ``*bolig`` looks only at whole-word keys, so "boligoppfølging" is
    no dwelling while "utleiebolig" is.
    """
    whole: list[str] = [lower]
    parts_out: list[str] = []
    _, _, is_lemma = _dictionaries()
    for piece in lower.split("-") if "-" in lower.strip("-") else [lower]:
        if not piece:
            continue
        lem = lemma(piece)
        # a listed Nynorsk form wins over a guessed lemma (eig → eie, not "eiga")
        key = nn_nb_map().get(piece) or shared_key(lem)
        whole.extend((piece, lem, key))
        if len(key) >= 7 and key.endswith("e") and is_lemma(key[:-1]):
            whole.append(key[:-1])  # verb and noun meet: samarbeide → samarbeid
        parts = () if lem in _NO_SPLIT else compound_parts(lem)
        if parts:
            whole.append("".join(shared_key(p) for p in parts))
            # the compound's own lemma, linking letters kept: tildelingsteamet → tildelingsteam
            cut = lem.rfind(parts[-1][:3])
            if cut > 0:
                whole.append(lem[:cut] + parts[-1])
            parts_out.extend(shared_key(p) for p in parts)
    whole = list(dict.fromkeys(k for k in whole if k))
    parts_out = [p for p in dict.fromkeys(parts_out) if p not in whole]
    return (*whole, *parts_out), len(whole)


@lru_cache(maxsize=200_000)
def search_keys(lower: str) -> tuple[str, ...]:
    """The keys a search finds a word by: its keys (see :func:`analyse`), the parts of
    lexicalised compounds kept whole for coding (boligsosial → bolig, sosial), and the words
    its lemma splits into where both halves are words (enebolig → bolig), so a search for
    "bolig" finds "eneboliger" and "boligsosiale". A word no dictionary knows is its own
    only key."""
    nb, nn, is_lemma = _dictionaries()
    if lower not in nb and lower not in nn and not is_lemma(lower) and \
            not compound_parts(lower):
        # a word no dictionary knows (a name, a misspelling): found as written, without a
        # guessed lemma, so a search need not load the lemmatizer's rules
        return (lower,)
    keys, _ = analyse(lower)
    extra: list[str] = []
    lem = lemma(lower)
    if lem in _NO_SPLIT:
        extra.extend(shared_key(p) for p in _split(lem, depth=0) or ())
    elif len(lem) >= 7:
        for i in range(3, len(lem) - 2):
            head, tail = lem[:i], lem[i:]
            if tail[0] == "s" and head.endswith(_S_LINKED):
                continue  # tildelings|team, not tildeling|steam
            if is_lemma(head) and is_lemma(tail) and min(len(head), len(tail)) >= 4:
                extra.extend((shared_key(head), shared_key(tail)))
            elif is_lemma(tail) and len(tail) >= 5 and is_lemma(head):
                extra.append(shared_key(tail))  # ene|bolig
    return tuple(dict.fromkeys((*keys, *extra)))


def word_keys(lower: str) -> tuple[str, ...]:
    """All keys of one lower-case word: whole-word keys first, then compound parts."""
    return analyse(lower)[0]


def variety(text: str | list[str]) -> str | None:
    """``"nn"`` or ``"nb"`` by a vote over marker words; ``None`` when the text does not say.
    Takes a text or its lower-case tokens."""
    words = _WORD.findall(text.lower()) if isinstance(text, str) else text
    nn = sum(w in _NN_MARKERS for w in words)
    nb = sum(w in _NB_MARKERS for w in words)
    if nn > nb:
        return "nn"
    if nb > nn:
        return "nb"
    return None
