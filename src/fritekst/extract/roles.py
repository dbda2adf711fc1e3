"""The respondent's function(s) in the network: which columns hold them and how a row names them.

Surveys ask "Hvilken funksjon har du i det boligsosiale arbeidet?" and let people tick several.
Questback writes such a question in one of two shapes:

- a checkbox matrix: one column per option, headed ``<question> - <option>``, the cell holding
  the option text (or ``1``/``x``/``Ja``) where it was ticked and ``0``/``Nei``/nothing where not;
- one column whose cell lists the functions, separated by ``;``, ``,``, ``|`` or line breaks.

Labels are the survey's own option texts (one spelling per option); nothing is mapped to an
invented list. A respondent who ticked nothing gets :data:`NO_ROLE`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Container

from fritekst.extract.split import is_non_answer

NO_ROLE = "Ikke oppgitt"

ROLE_HEADER = re.compile(
    r"funksjon|rolle|stilling|arbeider du|arbeidar du|jobber du med|jobbar du med|"
    r"tjenesteområde|tenesteområde|fagområde|arbeidsområde|hvor jobber du|kvar jobbar du|"
    r"hvilken (enhet|avdeling|sektor|tjeneste)|kva (eining|avdeling|sektor|teneste)",
    re.I,
)
# a question about the role that asks for prose is an open question, not the role itself
_NOT_ROLE = re.compile(
    r"styrk(e|ar|an)|utfordring|svakhet|hindring|kommentar|beskriv|forklar|forslag|hvorfor|"
    r"kvifor|hvor godt|kor godt|i hvilken grad|i kva grad|hvor lenge|kor lenge|hvor mange|"
    r"kor mange|fungerer",
    re.I,
)
_TICKED = {"1", "x", "ja", "yes", "true", "sant", "valgt", "avkrysset", "✓", "✔", "☑"}
_UNTICKED = {"0", "nei", "no", "false", "usant", "ikke valgt", "ikkje valt", "-", "–", "."}
_LIST_SEPARATORS = re.compile(r"\s*(?:[;|\n\r]+)\s*")
_COMMA = re.compile(r"\s*,\s*")
_MATRIX_SEP = re.compile(r"\s+[-–]\s+")
_OTHER = re.compile(r"^(annet|anna|andre|other)\b|spesifis", re.I)


def matrix_parts(header: str) -> tuple[str, str] | None:
    """``("Hvilken funksjon …?", "Tildeling")`` for a header ``"<question> - <option>"``."""
    parts = _MATRIX_SEP.split(header.strip())
    if len(parts) < 2 or not parts[-1].strip():
        return None
    option = parts[-1].strip()
    stem = header.strip()[: len(header.strip()) - len(option)].rstrip(" -–")
    return (stem, option) if stem else None


def _option(header: str) -> str:
    parts = matrix_parts(header)
    return parts[1] if parts else header


def is_ticked(cell: str) -> bool:
    """A checkbox cell: the option text or a mark counts as ticked; empty, 0 and Nei do not."""
    value = " ".join(cell.split()).casefold()
    return bool(value) and value not in _UNTICKED


def _checkbox_like(values: list[str], option: str) -> bool:
    filled = [" ".join(v.split()).casefold() for v in values if v.strip()]
    fits = sum(1 for v in filled if v in _TICKED or v in _UNTICKED or v == option.casefold())
    return fits >= 0.8 * len(filled)


def _pieces(cell: str, whole: set[str]) -> list[str]:
    """The functions one cell lists: split on ';', '|' and line breaks, then on commas unless
    the piece is one several rows give whole ("Bygg, eiendom" stays one)."""
    out = []
    for part in _LIST_SEPARATORS.split(cell.strip()):
        part = part.strip(" .")
        if not part:
            continue
        if "," in part and part.casefold() not in whole:
            out += [p.strip(" .") for p in _COMMA.split(part) if p.strip(" .")]
        else:
            out.append(part)
    return out


def _whole_cells(values: list[str]) -> set[str]:
    """Answers with a comma that several rows give alone: option texts, not lists."""
    seen = Counter(" ".join(v.split()).strip(" .").casefold() for v in values
                   if "," in v and not _LIST_SEPARATORS.search(v.strip()))
    return {v for v, n in seen.items() if n >= 2}


def _list_like(values: list[str]) -> bool:
    """Short category names, not sentences or numbers."""
    filled = [v for v in values if v.strip()]
    if not filled:
        return False
    whole = _whole_cells(filled)
    pieces = [p for v in filled for p in _pieces(v, whole)]
    if not pieces or sum(p.replace(" ", "").isdigit() for p in pieces) > len(pieces) / 2:
        return False
    words = [len(p.split()) for p in pieces]
    return max(words) <= 8 and sum(words) / len(words) <= 4.5


def find_role_columns(header: list[str], values: dict[str, list[str]],
                      taken: Container[str | None]
                      ) -> list[str]:
    """The columns of the role question: a checkbox matrix whose question names a function or
    role, else one column that does and lists short names."""
    free = [h for h in header if h not in taken]
    groups: dict[str, list[str]] = {}
    for h in free:
        parts = matrix_parts(h)
        if parts:
            groups.setdefault(parts[0], []).append(h)
    for stem, cols in groups.items():
        if len(cols) < 2 or not ROLE_HEADER.search(stem) or _NOT_ROLE.search(stem):
            continue
        boxes = [c for c in cols if _checkbox_like(values[c], _option(c))]
        # "Annet, spesifiser": a text box beside the options, ticked where written in
        other = [c for c in cols if c not in boxes and _OTHER.search(_option(c))]
        if boxes and len(boxes) + len(other) == len(cols):
            return cols
    in_matrix = {c for cols in groups.values() if len(cols) > 1 for c in cols}
    for h in free:
        if h not in in_matrix and ROLE_HEADER.search(h) and not _NOT_ROLE.search(h) \
                and len(h) <= 200 and _list_like(values[h]):
            return [h]
    return []


def resolve_role_columns(name: str, header: list[str], resolve: Callable[[str, str], str]
                         ) -> list[str]:
    """A ``--role-column`` names a column, or the question of a checkbox matrix (every
    ``<question> - <option>`` column)."""
    if name in header:
        return [name]
    key = name.strip().casefold()
    cols = [h for h in header if (p := matrix_parts(h)) and p[0].casefold() == key]
    return cols or [resolve(name, "--role-column")]


class RoleReader:
    """Reads the functions of each row from the plan's role columns, with one spelling per
    function: the most common one in the file (first letter capitalised if all lower case)."""

    def __init__(self, columns: list[str], rows: list[list[str]], header: list[str]):
        self.columns = columns
        self.index = [header.index(c) for c in columns]
        options = [matrix_parts(c) if len(columns) > 1 else None for c in columns]
        self.options = [o[1] if o else None for o in options]
        values = {c: [r[j] for r in rows] for c, j in zip(columns, self.index, strict=True)}
        self.whole = {c: _whole_cells(v) for c, v in values.items()}
        # rows tick the same few combinations: each is read once
        self._read: dict[tuple[str, ...], tuple[str, ...]] = {}
        seen: Counter[str] = Counter()
        for row in rows:
            seen.update(self._raw(row))
        spellings: dict[str, Counter[str]] = {}
        for label, n in seen.items():
            spellings.setdefault(label.casefold(), Counter())[label] += n
        self.spelling = {k: _capitalised(c.most_common(1)[0][0]) for k, c in spellings.items()}
        # the survey's order: the matrix's columns, else the most named first
        order = [o for o in self.options if o] or [k for k, _ in seen.most_common()]
        self.order = list(dict.fromkeys(self.spelling[o.casefold()] for o in order
                                        if o.casefold() in self.spelling))

    def _raw(self, row: list[str]) -> tuple[str, ...]:
        cells = tuple(row[j] for j in self.index)
        found = self._read.get(cells)
        if found is None:
            found = self._read[cells] = self._read_cells(cells)
        return found

    def _read_cells(self, cells: tuple[str, ...]) -> tuple[str, ...]:
        out: list[str] = []
        for col, cell, option in zip(self.columns, cells, self.options, strict=True):
            if option is not None:
                if is_ticked(cell):
                    out.append(option)
            elif cell.strip() and not is_non_answer(cell):
                out += [p for p in _pieces(cell, self.whole[col]) if not is_non_answer(p)]
        return tuple(out)

    def roles(self, row: list[str]) -> list[str]:
        """The row's functions in the survey's order, each once; ``[NO_ROLE]`` for none."""
        got = list(dict.fromkeys(self.spelling[r.casefold()] for r in self._raw(row)))
        return got or [NO_ROLE]


def _capitalised(label: str) -> str:
    label = " ".join(label.split())
    return label[0].upper() + label[1:] if label.islower() else label
