"""Read who-talks-to-whom data: a Questback contact matrix, or an edge list.

The contact matrix has one row per respondent: a column naming the respondent (``Navn`` or
the id), a function column, and one column per network member headed ``<question> -
<member>`` whose cells say how often they have contact (``Daglig``, ``Ukentlig``,
``Månedlig``, ``Sjeldnere``, ``Aldri`` or empty). A member's function may stand in brackets
after the name (``Kari Nordmann (Tildeling)``), so that members who did not answer still
have one. Questions about contact with the political level (a header that says "politisk"
or "politiker") are read as answers by the respondent, not as ties.

The edge list has the columns ``fra``, ``til`` and ``hyppighet`` (how often ``fra`` says
they have contact with ``til``), and optionally ``kommune``, ``fra_funksjon`` and
``til_funksjon``.

Both come out as the same :class:`ContactData`: people, reported contacts (one row per
report, so that "either person reports it" can be applied later) and political answers.
The files are read with :func:`fritekst.extract.readers.read_table`, so cp1252, ';', BOMs and
two-row headers are handled as for surveys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from fritekst.errors import ColumnError, InputError
from fritekst.extract.readers import RawTable, read_table

# how often, as an ordered level: a tie "at least weekly" is a level ≥ 3
FREQUENCIES = {"Daglig": 4, "Ukentlig": 3, "Månedlig": 2, "Sjeldnere": 1, "Aldri": 0}
_SPELLINGS = {
    "daglig": 4, "dagleg": 4, "hver dag": 4, "kvar dag": 4,
    "ukentlig": 3, "ukentleg": 3, "vekentleg": 3, "vekentlig": 3, "hver uke": 3, "kvar veke": 3,
    "månedlig": 2, "månadleg": 2, "månedleg": 2, "hver måned": 2, "kvar månad": 2,
    "sjeldnere": 1, "sjeldnare": 1, "sjelden": 1, "sjeldan": 1,
    "aldri": 0, "ingen kontakt": 0, "ikke kontakt": 0, "ikkje kontakt": 0,
}
# cells that give no answer: no report either way
_NO_ANSWER = {"", "-", "–", "vet ikke", "vet ikkje", "veit ikkje", "ikke relevant",
              "ikkje relevant", "ubesvart"}
_YES_NO = {"ja": "Ja", "nei": "Nei", "x": "Ja"}

_NAME = re.compile(r"^(fullt )?(navn|namn|name)$|^(respondent(en)?|deltaker)s? ?(navn|namn)$",
                   re.I)
_ID = re.compile(r"^(respondent(en)?([ _-]?(id|nr|nummer))?|resp\.? ?(id|nr)?\.?|id|"
                 r"svar[ _-]?id|response[ _-]?id)$", re.I)
_FUNCTION = re.compile(r"funksjon|funksjonar|rolle|function|role|stilling", re.I)
_MUNICIPALITY = re.compile(r"^(kommune|kommunenavn|kommune ?namn|kommune ?navn|municipality)"
                           r"\s*:?$", re.I)
_POLITICAL = re.compile(r"politisk|politikar|politiker|folkevald|folkevalgt", re.I)
_MEMBER_FUNCTION = re.compile(r"^(?P<name>.*?)\s*[(\[](?P<function>[^()\[\]]+)[)\]]\s*$")
# words in a file name that say what the file is, not which municipality it is about
_FILE_WORDS = {"nettverk", "network", "kontakt", "kontakter", "kontaktmatrise", "eksport",
               "export", "questback", "kanter", "edges", "demo", "data"}


@dataclass
class ContactData:
    """What the network files say, before any threshold is applied.

    ``people``: municipality, key (the name or id, as a key), name (as written), function,
    responded (answered the survey), source. ``reports``: municipality, reporter, other
    (keys), level (0–4, see :data:`FREQUENCIES`), source, row, column. ``political``:
    municipality, key, function, question (the kind of contact, as the header says it),
    answer (``Daglig`` … ``Aldri``, ``Ja``/``Nei``), source, row."""

    people: pd.DataFrame
    reports: pd.DataFrame
    political: pd.DataFrame
    notes: list[str] = field(default_factory=list)


PEOPLE_COLUMNS = ["municipality", "key", "name", "function", "responded", "source"]
REPORT_COLUMNS = ["municipality", "reporter", "other", "level", "source", "row", "column"]
POLITICAL_COLUMNS = ["municipality", "key", "function", "question", "answer", "source", "row"]


def frequency_level(value: str) -> int | None:
    """The level of a contact cell (4 = daily … 0 = never), None for no answer; a
    ``ValueError`` for a word that is not on the scale."""
    text = " ".join(value.split()).casefold().rstrip(".")
    if text in _NO_ANSWER:
        return None
    if text in _SPELLINGS:
        return _SPELLINGS[text]
    raise ValueError(value)


def person_key(name: str) -> str:
    """Names and ids compared as a person would: case and spacing do not matter."""
    return " ".join(name.split()).casefold()


def read_contacts(paths: list[str | Path] | list[Path]) -> ContactData:
    """Read contact matrices and edge lists (any mix) into one :class:`ContactData`.

    The municipality comes from a ``Kommune`` column, else from the file name
    (``nettverk_levanger.csv`` → "Levanger"). Raises :class:`InputError` or
    :class:`ColumnError` naming the file, row and column of anything it cannot read."""
    people, reports, political, notes = [], [], [], []
    for path in paths:
        table = read_table(path, again="export the network question again")
        notes += [f"{table.source}: {n}" for n in table.notes]
        notes += [f"{table.source}, row {r}: skipped ({why})" for r, why in table.skipped]
        if _is_edge_list(table.header):
            p, r, n = _read_edge_list(table)
            pol: list[dict] = []
        else:
            p, r, pol, n = _read_matrix(table)
        people += p
        reports += r
        political += pol
        notes += n
    frame = pd.DataFrame(people, columns=PEOPLE_COLUMNS)
    # one row per person: a respondent's own row wins over a mention in someone's column
    frame = (frame.sort_values("responded", ascending=False, kind="stable")
             .assign(function=lambda f: f["function"].replace("", pd.NA))
             .groupby(["municipality", "key"], sort=False, as_index=False)
             .agg(name=("name", "first"), function=("function", "first"),
                  responded=("responded", "max"), source=("source", "first")))
    frame["function"] = frame["function"].fillna("")
    return ContactData(frame[PEOPLE_COLUMNS].reset_index(drop=True),
                       pd.DataFrame(reports, columns=REPORT_COLUMNS),
                       pd.DataFrame(political, columns=POLITICAL_COLUMNS), notes)


def municipality_from_file(path: Path) -> str:
    """A municipality name from a file name: ``nettverk_levanger`` → "Levanger"."""
    words = [w for w in re.split(r"[_\-\s.]+", path.stem)
             if w and w.casefold() not in _FILE_WORDS and not w.isdigit()]
    name = " ".join(words) or path.stem
    return name[:1].upper() + name[1:] if name.islower() else name


def _find(header: list[str], pattern: re.Pattern) -> str | None:
    return next((h for h in header if " - " not in h and pattern.search(h.strip())), None)


def _is_edge_list(header: list[str]) -> bool:
    names = {h.strip().casefold() for h in header}
    return {"fra", "til"} <= names or {"from", "to"} <= names


def _municipality_of(table: RawTable, header: list[str]):
    column = _find(header, _MUNICIPALITY)
    fallback = municipality_from_file(Path(table.source))
    index = header.index(column) if column else None

    def of(row: list[str]) -> str:
        value = " ".join(row[index].split()) if index is not None else ""
        return value or fallback
    return of


def _read_matrix(table: RawTable):
    header, source = table.header, str(table.source)
    name_col = _find(header, _NAME) or _find(header, _ID)
    if name_col is None:
        raise ColumnError(
            f"{source}: no column naming the respondent ('Navn' or a respondent id); add one "
            f"or rename it. Columns: {_listed(header)}.")
    function_col = _find(header, _FUNCTION)
    if function_col is None:
        raise ColumnError(
            f"{source}: no function column (a header with 'funksjon' or 'rolle'); the network "
            "is shown by function, so add the respondents' functions. Columns: "
            f"{_listed(header)}.")
    groups: dict[str, list[int]] = {}
    for j, h in enumerate(header):
        if " - " in h:
            groups.setdefault(h.rsplit(" - ", 1)[0].strip(), []).append(j)
    political = {q: cols for q, cols in groups.items() if _POLITICAL.search(q)}
    contact = {q: cols for q, cols in groups.items() if q not in political}
    if not contact:
        raise ColumnError(
            f"{source}: no contact question: expected one column per network member headed "
            "'<question> - <member>' (as Questback exports a matrix question).")
    question = max(contact, key=lambda q: len(contact[q]))
    notes = [f"{source}: columns of '{q}' are not the contact question; not read"
             for q in contact if q != question]
    municipality = _municipality_of(table, header)
    n_col, f_col = header.index(name_col), header.index(function_col)
    members = []
    for j in contact[question]:
        member = header[j].rsplit(" - ", 1)[1].strip()
        m = _MEMBER_FUNCTION.match(member)
        name, function = (m["name"], m["function"].strip()) if m else (member, "")
        members.append((j, " ".join(name.split()), function))
    people, reports, answers = [], [], []
    for row, number in zip(table.rows, table.row_numbers, strict=True):
        name = " ".join(row[n_col].split())
        if not name:
            notes.append(f"{source}, row {number}: no name or id in '{name_col}'; left out")
            continue
        muni, key = municipality(row), person_key(name)
        function = " ".join(row[f_col].split())
        people.append(dict(municipality=muni, key=key, name=name, function=function,
                           responded=True, source=source))
        for j, member, _ in members:
            if person_key(member) == key:
                continue  # a respondent's own column says nothing about a tie
            level = _level(row[j], source, number, header, j)
            if level is not None:
                reports.append(dict(municipality=muni, reporter=key, other=person_key(member),
                                    level=level, source=source, row=number,
                                    column=header[j]))
        for q, cols in political.items():
            for j in cols:
                answer = _political_answer(row[j], source, number, header, j)
                if answer is not None:
                    answers.append(dict(municipality=muni, key=key, function=function,
                                        question=header[j].rsplit(" - ", 1)[1].strip()
                                        if len(cols) > 1 else q,
                                        answer=answer, source=source, row=number))
    # every member is a node: in the file's one municipality, or, where a file holds several,
    # in each municipality whose respondents answered about them (also "Aldri")
    munis = list(dict.fromkeys(p["municipality"] for p in people))
    seen = {(r["municipality"], r["other"]) for r in reports}
    seen |= {(municipality(row), person_key(member)) for row in table.rows
             for j, member, _ in members if row[j].strip()}
    for j, member, function in members:
        places = munis if len(munis) == 1 else [m for m in munis
                                                if (m, person_key(member)) in seen]
        if not places:
            notes.append(f"{source}, column {j + 1}: nobody answered about this member and "
                         "the file holds several municipalities; left out")
        for muni in places:
            people.append(dict(municipality=muni, key=person_key(member), name=member,
                               function=function, responded=False, source=source))
    return people, reports, answers, notes


def _read_edge_list(table: RawTable):
    header, source = table.header, str(table.source)
    lower = {h.strip().casefold(): j for j, h in enumerate(header)}
    fra = lower.get("fra", lower.get("from"))
    til = lower.get("til", lower.get("to"))
    how = next((lower[k] for k in ("hyppighet", "frekvens", "frequency", "kontakt")
                if k in lower), None)
    if how is None or fra is None or til is None:
        raise ColumnError(f"{source}: an edge list needs a column 'hyppighet' (how often "
                          f"'fra' has contact with 'til'). Columns: {_listed(header)}.")
    f_fra = next((lower[k] for k in ("fra_funksjon", "funksjon_fra") if k in lower), None)
    f_til = next((lower[k] for k in ("til_funksjon", "funksjon_til") if k in lower), None)
    municipality = _municipality_of(table, header)
    people, reports, notes = [], [], []
    for row, number in zip(table.rows, table.row_numbers, strict=True):
        a, b = " ".join(row[fra].split()), " ".join(row[til].split())
        if not a or not b:
            notes.append(f"{source}, row {number}: 'fra' or 'til' is empty; left out")
            continue
        muni = municipality(row)
        people.append(dict(municipality=muni, key=person_key(a), name=a,
                           function=row[f_fra].strip() if f_fra is not None else "",
                           responded=True, source=source))
        people.append(dict(municipality=muni, key=person_key(b), name=b,
                           function=row[f_til].strip() if f_til is not None else "",
                           responded=False, source=source))
        level = _level(row[how], source, number, header, how)
        if level is not None and person_key(a) != person_key(b):
            reports.append(dict(municipality=muni, reporter=person_key(a),
                                other=person_key(b), level=level, source=source, row=number,
                                column=header[how]))
    return people, reports, notes


def _level(cell: str, source: str, row: int, header: list[str], j: int) -> int | None:
    try:
        return frequency_level(cell)
    except ValueError:
        from openpyxl.utils import get_column_letter

        name = header[j].rsplit(" - ", 1)[-1].strip()
        raise InputError(
            f"{source}, row {row}, column {get_column_letter(j + 1)} ('{_short(name)}'): "
            f"'{cell.strip()}' is not a contact frequency; use one of "
            f"{', '.join(FREQUENCIES)} or leave it empty."
        ) from None


def _political_answer(cell: str, source: str, row: int, header: list[str],
                      j: int) -> str | None:
    text = " ".join(cell.split()).casefold().rstrip(".")
    if text in _YES_NO:
        return _YES_NO[text]
    level = _level(cell, source, row, header, j)
    if level is None:
        return None
    return next(word for word, n in FREQUENCIES.items() if n == level)


def _short(column: str) -> str:
    return column if len(column) <= 70 else "…" + column[-69:]


def _listed(header: list[str]) -> str:
    """The columns, for an error message: the plain ones by name, the matrix counted."""
    plain = [h for h in header if " - " not in h]
    shown = ", ".join(f"'{_short(h)}'" for h in plain[:8])
    if len(plain) > 8:
        shown += f", {len(plain) - 8} more"
    matrix = len(header) - len(plain)
    if matrix:
        shown += f"{' and ' if shown else ''}{matrix} columns '<question> - <item>'"
    return shown


def demo_network_files() -> list[Path]:
    """The bundled demo network exports, one per demo municipality (made-up names)."""
    from importlib.resources import files

    folder = Path(str(files("fritekst") / "data" / "demo"))
    return sorted(folder.glob("nettverk_*.csv"))
