"""Protect respondents: redact personal details in quotes and suppress small cells."""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from fritekst.lexicon import first_names, is_known, municipality_names

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_NATIONAL_ID = re.compile(r"\b[0-7]\d[01]\d{3}\s?\d{5}\b")
# Norwegian numbers as people write them: 91234567, 912 34 567, 912-34-567, 91.23.45.67,
# +47 …; not years ("2019-2023") or amounts ("12 000 000")
_PHONE = re.compile(
    r"(?<![\w+-])(?:(?:\+|00)47[\s.-]?)?(?:[2-9]\d{7}|[2-9]\d{2}([ .-])\d{2}\1\d{3}|"
    r"[2-9]\d([ .-])\d{2}\2\d{2}\2\d{2}|[2-9]\d{3} \d{4})(?![\w-])")
# a capitalised word on its own (not the start of "AbdiAarborte" or "NAVsystemet")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"(?<![^\W_])[A-ZÆØÅ][a-zæøåéèü]+(?:-[A-ZÆØÅ][a-zæøåéèü]+)?(?![^\W_])")
# first names that are also ordinary words: only a name with a surname or after a cue
_AMBIGUOUS = {"Liv", "Per", "Tor", "Dag", "Kai", "Siv", "Odd", "Finn", "Stig", "Even", "Ole",
              "Eli", "Gro", "Mona", "Line", "Rita", "Kim", "Ruth", "Aud", "Ann", "Leif", "Ali",
              "Ola", "Anna", "Sara", "Maria", "Nora"}
_CUES = {"ring", "ringe", "kontakt", "kontakte", "snakk", "snakke", "spør", "spørre", "send",
         "v/", "ved", "kollega", "kollegaen", "leder", "leiar", "rådmann", "rådmannen",
         "kommunedirektør", "kommunedirektøren", "ordfører", "ordføreren", "saksbehandler"}
REDACTED = {"email": "[e-post]", "national_id": "[fnr]", "phone": "[telefon]", "name": "[navn]"}


def redact(text: str, known_names: frozenset[str] = frozenset()) -> str:
    """Replace e-mail addresses, national id numbers, phone numbers and personal names.

    A name is a known first name with the capitalised words that follow it (a surname), or a
    capitalised word right after a cue such as "Ring", "kontakt" or "rådmannen". First names
    that are also ordinary words ("Per", "Liv") count only with a surname or after a cue.
    Municipality names (old and new, from the gazetteer) and the names in ``known_names``
    are never touched, also where they follow a first name ("Kari Volda" → "[navn] Volda").
    Redacting twice gives the same text as redacting once.
    """
    for _ in range(5):  # a replacement can free a neighbour: "912 34 567Kari" → … → fixed
        done = _redact_once(text, known_names)
        if done == text:
            break
        text = done
    return text


def _redact_once(text: str, known: frozenset[str]) -> str:
    if "@" in text:
        text = _EMAIL.sub(REDACTED["email"], text)
    if _DIGIT.search(text):  # national ids and phone numbers are figures
        text = _NATIONAL_ID.sub(REDACTED["national_id"], text)
        text = _PHONE.sub(REDACTED["phone"], text)
    return _redact_names(text, known)


@cache
def _municipality_pattern() -> re.Pattern:
    names = sorted(municipality_names(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")


def _protected(text: str, words: list[re.Match], known: frozenset[str]) -> set[int]:
    """Start positions of the words that lie inside a municipality name or a known name."""
    spans = [m.span() for m in _municipality_pattern().finditer(text)]
    for name in known:
        spans += [m.span() for m in
                  re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)]
    return {w.start() for w in words if any(a <= w.start() < b for a, b in spans)}


def _after_cue(text: str, start: int) -> bool:
    """Whether the word at ``start`` follows a cue such as "Ring", "kontakt" or "rådmannen"."""
    before = text[:start].rsplit(None, 1)
    return bool(before) and before[-1].lower().strip(",:") in _CUES


def _redact_names(text: str, known: frozenset[str]) -> str:
    names = first_names()
    words = list(_WORD.finditer(text))
    if not any(_first_name(w.group(0), names) or _after_cue(text, w.start()) for w in words):
        return text  # no first name and no cue: nothing to look for (most texts)
    protected = _protected(text, words, known)
    spans = []
    i = 0
    while i < len(words):
        w = words[i].group(0)
        j = i
        while j + 1 < len(words) and text[words[j].end():words[j + 1].start()] == " " \
                and words[j + 1].start() not in protected:
            j += 1
        cue = _after_cue(text, words[i].start())
        surname = j > i
        if words[i].start() in protected:
            pass
        elif (_first_name(w, names) and (w not in _AMBIGUOUS or surname or cue)) or \
                (cue and surname and not is_known(w.lower())):
            spans.append((words[i].start(), words[j].end()))
            i = j + 1
            continue
        i += 1
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], REDACTED["name"]]
        last = end
    return "".join([*out, text[last:]])


def redact_column(values: pd.Series, known_names: frozenset[str] = frozenset()) -> pd.Series:
    """:func:`redact` over a column of texts, each distinct text once; gaps stay gaps."""
    distinct = {t: redact(t, known_names) for t in values.dropna().unique() if isinstance(t, str)}
    return values.map(lambda t: distinct.get(t, t) if isinstance(t, str) else t)


def _first_name(word: str, names: frozenset[str]) -> bool:
    """A first name, or a double name of two ("Bjørn-Erik", "Kari-Anne")."""
    return word in names or ("-" in word and all(part in names for part in word.split("-")))


def suppress(count: int, min_cell: int, hidden: bool | None = None) -> int | str:
    """``count``, or ``"<min_cell"`` where it is hidden: by default where a non-zero count is
    below the threshold; ``hidden`` decides instead where more than the count says (a total
    row is hidden when any of its rows is). The one place small cells are rendered."""
    if hidden is None:
        hidden = bool(min_cell) and 0 < count < min_cell
    return f"<{min_cell}" if hidden else count


def suppress_rows(table: pd.DataFrame, min_cell: int, count: str | None,
                  blank: dict[str, object]) -> pd.DataFrame:
    """A copy of a table with a ``suppressed`` flag column: in flagged rows the ``count``
    column (if any) is shown as ``"<min_cell"`` and the ``blank`` columns (share, quotes, …)
    get the values given; the flag column itself is dropped."""
    out = table.drop(columns="suppressed").copy()
    hidden = table["suppressed"].astype(bool)
    if count is not None:
        out[count] = pd.Series([suppress(int(n), min_cell, h) for n, h in
                                zip(table[count], hidden, strict=True)], index=out.index,
                               dtype=object)
    for column, value in blank.items():
        out[column] = pd.Series([value if h else v for v, h in
                                 zip(out[column], hidden, strict=True)], index=out.index,
                                dtype=object)
    return out


def suppress_cells(counts: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """A copy of a table of counts with each small non-zero cell shown as ``"<min_cell"``."""
    return counts.map(lambda n: suppress(int(n), min_cell)).astype(object)
