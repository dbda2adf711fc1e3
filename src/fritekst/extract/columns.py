"""Recognise what each column of a survey export holds, from its header and its values.

Questback-style exports put the question text in the header. We look for the municipality, the
respondent id, rating items (1–6 with "Vet ikke"), the respondent's function(s) (a checkbox
matrix or a listing column, see :mod:`fritekst.extract.roles`) and open questions, merge the
two boxes of one question ("… - Styrke 1", "… - Styrke 2") and read each open question's
polarity from its text.
Options always win over guesses (:class:`ColumnOptions`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from fritekst.errors import ColumnError
from fritekst.extract.roles import find_role_columns, resolve_role_columns

POLARITIES = ("styrke", "utfordring")

_ID_HEADER = re.compile(
    r"^(respondent(en)?([ _-]?(id|nr|nummer))?|resp\.? ?(id|nr)?\.?|id|løpenr\.?|lnr\.?|nr\.?|"
    r"svar[ _-]?id|response[ _-]?id|respondent id)$",
    re.I,
)
_MUNICIPALITY_HEADER = re.compile(r"kommune|municipality", re.I)
_MUNICIPALITY_STRONG = re.compile(
    r"^(kommune|kommunenavn|kommune ?navn|municipality|bostedskommune|arbeidskommune)\s*:?$|"
    r"^(i )?(hvilken|hvilke|kva|kvar|hvor|hva) (kommune|er din kommune)|kommune (jobber|arbeider"
    r"|arbeidar|jobbar) du",
    re.I,
)
# columns that hold respondents' own identity are never read as answers
_PERSONAL = re.compile(
    r"\b(fullt )?(navn|namn|name|fornavn|etternavn|e-?post|epost|e-?mail|email|telefon|"
    r"telefonnummer|tlf|mobil|mobilnummer|fødselsnummer|personnummer|ip-?adresse|"
    r"ip address|kontaktperson)\b", re.I)
_RATING_HEADER = re.compile(
    r"hvor (godt|bra|fornøyd|enig|viktig)|kor (godt|bra|nøgd)|i hvilken grad|i kva grad|"
    r"hvordan (fungerer|vurderer)|korleis (fungerer|vurderer)|vurder|på en skala|på ein skala|"
    r"skala fra|\(1\s*[-–]\s*\d+\)|1\s*=\s*svært",
    re.I,
)
_OPEN_HEADER = re.compile(
    r"styrke|styrkar|utfordring|svakhet|problem|kommentar|beskriv|forklar|hva |kva |hvilke|"
    r"kvifor|hvorfor|forslag|fritekst|annet|anna|andre|merknad|innspill",
    re.I,
)
# a header that can only be an open question: kept even when its answers repeat
_OPEN_STRONG = re.compile(
    r"styrk(e|ar|an)|utfordring|svakhet|hindring|kommentar|beskriv|forklar|forslag|fritekst|"
    r"merknad|innspill|hva opplever|kva opplever|hva fungerer|kva fungerer|hva mener du|"
    r"kva meiner du|hva tenker du|kva tenkjer du",
    re.I,
)
_TIMESTAMP = re.compile(r"^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}([ T]\d{1,2}[:.]\d{2}(:\d{2})?)?$")
_SCALE_VALUE = re.compile(r"^(\d+)(?:[.,]0)?(?:\s*[-–:.)=]\s*\D.*|\s+[^\W\d].*)?$")
_EMPTY_RATING = {"-", "–", "x", "."}
DONT_KNOW = {
    "vet ikke", "vet ikkje", "veit ikkje", "veit ikke", "vet ikke/ikke relevant",
    "ikke aktuelt", "ikkje aktuelt", "ikke relevant", "ikkje relevant", "kan ikke svare",
}
_SCALE_LABELS = {"svært dårlig": 1, "svært dårleg": 1, "svært godt": 6, "svært bra": 6}
_STRENGTH = re.compile(
    r"styrk(e|ar|an)|sterke sider|(?<!mindre )(?<!minst )(godt|bra)\b|positiv|lykkes", re.I)
_CHALLENGE = re.compile(
    r"utfordring|svakhet|svake sider|problem|hinder|hindring|barriere|dårlig|dårleg|"
    r"fungerer (ikke|ikkje)|mindre (godt|bra)|minst (godt|bra)|forbedr|betre|mangl",
    re.I,
)
# "… - Styrke 1", "… – 2", "… (1)", "…: Utfordring 2", "… 1)" → the stem names the question
_BOX_SUFFIX = re.compile(
    r"\s*(?:[-–:]\s*)?(?:\(?\s*(?:styrke|styrkar|utfordring|utfordringar|svar|punkt|nr\.?)?\s*"
    r"(\d)\s*\)?)\s*$",
    re.I,
)


@dataclass
class ColumnOptions:
    """What the user told us about the columns. Anything left empty is detected."""

    municipality_column: str | None = None
    id_column: str | None = None
    text_columns: list[str] = field(default_factory=list)
    rating_columns: list[str] = field(default_factory=list)
    role_columns: list[str] = field(default_factory=list)
    polarity: dict[str, str] = field(default_factory=dict)
    scale_max: int = 6

    def __post_init__(self) -> None:
        for col, pol in self.polarity.items():
            if pol not in POLARITIES:
                raise ColumnError(
                    f"--polarity {col}={pol}: polarity must be one of {', '.join(POLARITIES)}."
                )
        if not 2 <= self.scale_max <= 11:
            raise ColumnError(f"scale maximum {self.scale_max} must be between 2 and 11.")

    @classmethod
    def parse_polarity(cls, items: list[str]) -> dict[str, str]:
        """Turn ``["COLUMN=styrke", …]`` into a mapping, with a clear error for bad items."""
        out = {}
        for item in items:
            col, sep, pol = item.rpartition("=")
            if not sep or not col.strip():
                raise ColumnError(
                    f"--polarity '{item}': write it as COLUMN=styrke or COLUMN=utfordring."
                )
            out[col.strip()] = pol.strip().lower()
        return out


@dataclass
class Question:
    """An open question: one or more text boxes (columns) with one polarity."""

    name: str
    columns: list[str]
    polarity: str | None


@dataclass
class ColumnPlan:
    """What each column of one file was taken to be."""

    municipality: str | None
    id: str | None
    questions: list[Question]
    ratings: list[str]
    ignored: list[str]
    personal: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)

    def describe(self) -> dict:
        return {
            "municipality": self.municipality,
            "id": self.id,
            "text": {q.name: {"columns": q.columns, "polarity": q.polarity}
                     for q in self.questions},
            "rating": self.ratings,
            "role": self.roles,
            "ignored": self.ignored,
            "personal_data": self.personal,
        }


@lru_cache(maxsize=4096)  # exports repeat the same few values in every row
def parse_scale_value(value: str, scale_max: int = 6) -> int | str | None:
    """Return the scale point, ``"dont_know"``, ``None`` for empty, or raise ``ValueError``."""
    v = " ".join(value.split()).strip()
    if not v or v in _EMPTY_RATING:
        return None
    low = re.sub(r"\s*/\s*", "/", v.lower().rstrip("."))
    if low in DONT_KNOW or all(part in DONT_KNOW for part in low.split("/")):
        return "dont_know"
    m = _SCALE_VALUE.match(v)
    if m:
        point = int(m.group(1))
        if 1 <= point <= scale_max:
            return point
        raise ValueError(v)
    if low in _SCALE_LABELS:
        point = _SCALE_LABELS[low]
        return scale_max if point == 6 else point
    raise ValueError(v)


def polarity_from_text(text: str) -> str | None:
    """Read ``styrke``/``utfordring`` from a question; ``None`` when it asks for neither or both."""
    strength, challenge = bool(_STRENGTH.search(text)), bool(_CHALLENGE.search(text))
    if strength and not challenge:
        return "styrke"
    if challenge and not strength:
        return "utfordring"
    return None


def plan_columns(
    header: list[str], rows: list[list[str]], options: ColumnOptions, source: str
) -> ColumnPlan:
    """Decide the role of every column; raise :class:`ColumnError` for unknown named columns."""
    values = {h: [r[j] for r in rows] for j, h in enumerate(header)}

    def resolve(name: str, what: str) -> str:
        if name in values:
            return name
        folded = [h for h in header if h.casefold().strip() == name.casefold().strip()]
        if len(folded) == 1:
            return folded[0]
        shown = ", ".join(f"'{h}'" for h in header[:12]) + (" …" if len(header) > 12 else "")
        raise ColumnError(f"{source}: no column '{name}' ({what}). Columns are: {shown}")

    personal = [h for h in header if len(h) <= 50 and _PERSONAL.search(h)]
    rating_like = {h for h in header if _looks_rating(h, values[h], options.scale_max)}
    municipality = (
        resolve(options.municipality_column, "--municipality-column")
        if options.municipality_column
        else _find_municipality(header, values, rating_like)
    )
    id_col = resolve(options.id_column, "--id-column") if options.id_column else None
    if id_col is None:
        id_col = next((h for h in header if _ID_HEADER.match(h.strip())), None)
    taken = {municipality, id_col, *personal}

    if options.role_columns:
        roles = [c for name in options.role_columns
                 for c in resolve_role_columns(name, header, resolve)]
        taken.update(roles)
    if options.rating_columns:
        ratings = [resolve(c, "--rating-column") for c in options.rating_columns]
    else:
        ratings = [h for h in header if h not in taken and h in rating_like]
    taken.update(ratings)
    if not options.role_columns:
        roles = find_role_columns(header, values, taken | set(options.text_columns))
        taken.update(roles)

    if options.text_columns:
        texts = [c for name in options.text_columns for c in _resolve_text(name, header, resolve)]
    else:
        texts = [h for h in header if h not in taken and _looks_text(h, values[h])]
    taken.update(texts)
    questions = _group_questions(texts, options.polarity, source)
    ignored = [h for h in header if h not in taken or h in personal]
    return ColumnPlan(municipality, id_col, questions, ratings, ignored, personal, roles)


def _resolve_text(name: str, header: list[str], resolve) -> list[str]:
    """A text column option may name a column or the shared stem of a two-box question."""
    stems = [h for h in header if _BOX_SUFFIX.sub("", h).strip() == name.strip()]
    if name not in header and len(stems) > 1:
        return stems
    return [resolve(name, "--text-column")]


def _group_questions(columns: list[str], polarity: dict[str, str], source: str) -> list[Question]:
    """Boxes of one question share a stem; "… - Styrke 1" and "… - Utfordring 1" under one
    stem are two questions, with the polarity their suffix names."""
    groups: dict[tuple[str, str | None], list[str]] = {}
    for col in columns:
        stem = _BOX_SUFFIX.sub("", col).strip(" -–:") or col
        suffix = col[len(stem):] if col.startswith(stem) else ""
        groups.setdefault((stem, polarity_from_text(suffix)), []).append(col)
    stems = [stem for stem, _ in groups]
    questions = []
    for (stem, suffix_pol), cols in groups.items():
        name = stem if len(cols) > 1 else cols[0]
        if stems.count(stem) > 1 and len(cols) > 1:
            name = f"{stem} ({suffix_pol or 'annet'})"
        pol = None
        for key in (name, *cols):
            if key in polarity:
                pol = polarity[key]
        if pol is None:
            pol = suffix_pol or polarity_from_text(name) or polarity_from_text(" ".join(cols))
        questions.append(Question(name, cols, pol))
    unused = set(polarity) - {k for q in questions for k in (q.name, *q.columns)}
    if unused:
        raise ColumnError(
            f"{source}: --polarity names '{sorted(unused)[0]}', which is not a free-text column."
        )
    return questions


def _find_municipality(header: list[str], values: dict[str, list[str]],
                       ratings: set[str]) -> str | None:
    """The column that names the municipality: a header that says so ("Kommune", "Hvilken
    kommune jobber du i?") beats one that only mentions it; ratings, numbers (municipality
    numbers) and free-text answers are never it."""
    best, best_score = None, 0
    for h in header:
        if h in ratings or not _MUNICIPALITY_HEADER.search(h) or len(h) > 80:
            continue
        filled = [v.strip() for v in values[h] if v.strip()]
        if not filled or sum(v.isdigit() for v in filled) > len(filled) / 2:
            continue
        if sum(len(v.split()) > 3 for v in filled) > len(filled) / 4:
            continue  # sentences: an open question about the municipality
        strong = bool(_MUNICIPALITY_STRONG.search(h.strip()))
        if not strong and len(set(filled)) > max(12, len(filled) // 2):
            continue
        score = 2 if strong else 1
        if score > best_score:
            best, best_score = h, score
    return best


def _looks_rating(header: str, vals: list[str], scale_max: int) -> bool:
    filled = Counter(v for v in vals if v.strip())  # each distinct value read once
    if not filled:
        return False
    parsed: dict[str, int | str | None] = {}
    total, bad = filled.total(), 0
    for v, n in filled.most_common():
        try:
            parsed[v] = parse_scale_value(v, scale_max)
        except ValueError:
            parsed[v] = "bad"
            bad += n
            if bad > total / 4:  # far from 80 % on the scale: a text column, say so early
                return False
    on_scale = sum(n for v, n in filled.items() if parsed[v] != "bad") / total
    points = any(isinstance(p, int) for p in parsed.values())
    if not points or on_scale < 0.8:
        return False
    return bool(_RATING_HEADER.search(header)) or any(
        re.match(r"^\d+\s*[-–:]\s*\D", v.strip()) for v in filled)


def _looks_text(header: str, vals: list[str]) -> bool:
    # each distinct value read once, counted as often as it occurs
    filled: Counter[str] = Counter()
    for v, n in Counter(v for v in vals if v.strip()).items():
        filled[" ".join(v.split())] += n
    if not filled:
        return bool(_OPEN_HEADER.search(header))
    if all(_TIMESTAMP.match(v) or v.replace(",", ".").replace(".", "", 1).isdigit()
           for v in filled):
        return False
    total = filled.total()
    wordy = sum(n for v, n in filled.items() if len(v.split()) >= 2) / total
    distinct = len({v.casefold() for v in filled}) / total
    if _OPEN_STRONG.search(header):
        return True
    if _OPEN_HEADER.search(header) and distinct >= 0.5:
        return True
    return wordy >= 0.3 and distinct >= 0.6
