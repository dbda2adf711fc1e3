"""Read SPSS exports (.sav, .zsav) as text, as a CSV export of the same survey holds it.

Questback, SurveyXact and Nettskjema export SPSS files with short variable names (``q3_1``)
whose labels carry the question text, and answers stored as codes with value labels. So the
header is each variable's label (its name where it has none), and a coded answer reads as its
label: a municipality coded 1–5 reads "Volda", a ticked checkbox its option text. On a rating
scale (labels such as "Svært dårlig" or "1 Svært dårlig") every answer reads as its code and
label ("3 Nokså godt"), so labels between the ends of the scale are understood too. Values the
file declares missing (``99 = Vet ikke``) read as "Vet ikke": they count as an answer that
does not know, neither as a number nor as nothing. Needs pyreadstat
(``pip install "fritekst[spss]"``).
"""

from __future__ import annotations

import numbers
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from fritekst.errors import InputError
from fritekst.extract.columns import parse_scale_value

SPSS_SUFFIXES = {".sav", ".zsav"}
DONT_KNOW = "Vet ikke"
_HIGHEST_SCALE = 11  # the longest rating scale fritekst reads (1–11)


@dataclass
class SavFile:
    """An SPSS file's variables: their names, their headers (the label, else the name), the
    answers as text (one list per case) and notes for the user."""

    names: list[str]
    headers: list[str]
    rows: list[list[str]]
    notes: list[str]


def read_sav(path: Path) -> SavFile:
    """Read one .sav or .zsav file; raises :class:`InputError` when it cannot."""
    try:
        import pyreadstat
    except ImportError:
        raise InputError(f"{path}: reading SPSS files needs pyreadstat: "
                         "pip install 'fritekst[spss]'") from None
    try:
        frame, meta = pyreadstat.read_sav(str(path), user_missing=True)
    except (pyreadstat.ReadstatError, pyreadstat.PyreadstatError, OSError, UnicodeError,
            ValueError):
        raise InputError(f"{path}: not a readable SPSS file (damaged, or not really "
                         f"{path.suffix}); export it again from the survey tool, or as .xlsx "
                         "or CSV.") from None
    names = list(meta.column_names)
    labels = meta.column_names_to_labels
    columns, notes = [], []
    for name in names:
        cells, note = _cells(frame[name], meta.variable_value_labels.get(name, {}),
                             meta.missing_ranges.get(name, []))
        columns.append(cells)
        if note:
            notes.append(f"{name}: {note}")
    return SavFile(names, [" ".join((labels.get(n) or "").split()) or n for n in names],
                   [list(row) for row in zip(*columns, strict=True)], notes)


def _cells(values: pd.Series, labels: dict, missing: list) -> tuple[list[str], str | None]:
    """One variable's answers as text, and a note when declared-missing values without a
    "Vet ikke"-like label were read as "Vet ikke"."""
    ranges = [(r["lo"], r["hi"]) if isinstance(r, dict) else (r, r) for r in missing]

    def is_missing(v) -> bool:
        return any(_is_number(lo) and lo <= v <= hi for lo, hi in ranges)

    scale = _is_scale(values.dropna().unique().tolist(), labels, is_missing)
    renamed: set[str] = set()

    def text(v) -> str:
        if not _is_number(v):
            return str(labels.get(v, _text(v)))
        label = labels.get(v)
        if is_missing(v):
            if label is None or (scale and not _dont_know(label)):
                renamed.add(_code(v) + (f" '{label}'" if label else ""))
                return DONT_KNOW
            return label
        if label is None:
            return _code(v)
        numbered = re.match(rf"{re.escape(_code(v))}(?!\d)", label.strip())
        on_scale = scale and not numbered and not _dont_know(label)
        return f"{_code(v)} {label}" if on_scale else label

    known: dict = {}  # a coded variable holds few distinct values: each is read once
    out = []
    for v, empty in zip(values.tolist(), values.isna().tolist(), strict=True):
        if empty:
            out.append("")
        else:
            if v not in known:
                known[v] = text(v)
            out.append(known[v])
    note = None
    if renamed:
        note = f"declared missing {', '.join(sorted(renamed))} read as '{DONT_KNOW}'"
    return out, note


def _is_scale(distinct: list, labels: dict, is_missing) -> bool:
    """Codes of a rating scale: whole numbers up to 11, and a label of a point on the scale
    that the rating parser reads ("Svært dårlig", "1 Svært dårlig")."""
    codes = {v for v in [*distinct, *labels] if _is_number(v) and not pd.isna(v)
             and not is_missing(v)}
    if not codes or not all(float(v).is_integer() and 0 <= v <= _HIGHEST_SCALE for v in codes):
        return False
    return any(isinstance(_parsed(label, _HIGHEST_SCALE), int)
               for code, label in labels.items() if code in codes)


def _parsed(label: str, scale_max: int = 6) -> int | str | None:
    try:
        return parse_scale_value(str(label), scale_max)
    except ValueError:
        return None


def _dont_know(label: str) -> bool:
    return _parsed(label) == "dont_know"


def _is_number(v) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, bool)


def _text(v) -> str:
    """A string, or a date or time as a spreadsheet shows it."""
    if hasattr(v, "hour") and hasattr(v, "year"):
        return v.strftime("%Y-%m-%d %H:%M")
    return v.isoformat() if hasattr(v, "isoformat") else str(v)


def _code(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)
