"""Protect respondents: redact personal details in quotes and suppress small cells."""

from __future__ import annotations

import re

from fritekst.nlp.normalize import is_known

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_NATIONAL_ID = re.compile(r"\b[0-7]\d[01]\d{3}\s?\d{5}\b")
_PHONE = re.compile(r"(?<![\d-])(?:\+47[\s-]?)?(?:\d[\s-]?){7}\d(?![\d-])")
_CAPITALISED = re.compile(r"\b[A-ZÆØÅ][a-zæøåéèü]+(?:-[A-ZÆØÅ][a-zæøåéèü]+)?\b")
_NAME_CUES = {"ring", "kontakt", "snakk", "spør", "send", "til", "med", "v/", "ved", "hos", "fra"}
REDACTED = {"email": "[e-post]", "national_id": "[fnr]", "phone": "[telefon]", "name": "[navn]"}


def redact(text: str, known_names: frozenset[str] = frozenset()) -> str:
    """Replace e-mail addresses, national id numbers, phone numbers and personal names.

    A name is a run of capitalised words that are not dictionary words, not at the start of a
    sentence (or right after a cue such as "Ring" or "kontakt"); ``known_names`` (for example
    municipality names) are never redacted.
    """
    text = _EMAIL.sub(REDACTED["email"], text)
    text = _NATIONAL_ID.sub(REDACTED["national_id"], text)
    text = _PHONE.sub(REDACTED["phone"], text)
    return _redact_names(text, known_names)


def _redact_names(text: str, known: frozenset[str]) -> str:
    out, last = [], 0
    matches = list(_CAPITALISED.finditer(text))
    i = 0
    while i < len(matches):
        m = matches[i]
        j = i
        # extend over directly following capitalised words ("Kari Nygård")
        while j + 1 < len(matches) and text[matches[j].end():matches[j + 1].start()] == " ":
            j += 1
        words = [x.group(0) for x in matches[i:j + 1]]
        before = text[:m.start()].rstrip()
        sentence_start = not before or before[-1] in ".!?:\n-•"
        prev_word = before.split()[-1].lower() if before.split() else ""
        unknown = [w for w in words if not is_known(w.lower()) and w not in known]
        is_name = unknown and ((len(words) >= 2 and len(unknown) == len(words))
                               or not sentence_start or prev_word in _NAME_CUES)
        if is_name and (len(words) >= 2 or not sentence_start):
            out.append(text[last:m.start()])
            out.append(REDACTED["name"])
            last = matches[j].end()
        i = j + 1
    out.append(text[last:])
    return "".join(out)


def suppress(count: int, min_cell: int) -> int | str:
    """``count`` or ``"<min_cell"`` when a non-zero count is below the threshold."""
    if min_cell and 0 < count < min_cell:
        return f"<{min_cell}"
    return count
