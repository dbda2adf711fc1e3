"""Survey exports → respondents, answer units and rating values, each linked to its source row."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from fritekst.errors import ColumnError, FritekstError, ValueOnScaleError
from fritekst.extract.columns import ColumnOptions, ColumnPlan, parse_scale_value, plan_columns
from fritekst.extract.readers import read_table
from fritekst.extract.roles import NO_ROLE, RoleReader, matrix_parts
from fritekst.extract.split import is_non_answer, split_units

ONE_GROUP = "Alle"
UNKNOWN_MUNICIPALITY = "(ikke oppgitt)"
PROGRESS_ROWS = 1000  # report reading progress this often
ROLE_COLUMNS = ["source", "row", "respondent", "municipality", "role"]
UNIT_COLUMNS = ["source", "row", "respondent", "municipality", "question", "polarity", "unit",
                "text", "status"]


def respondent_key(df: pd.DataFrame) -> pd.Series:
    """Who a row belongs to. A respondent is an id within one file and one municipality
    (without an id column, a row of one file): rows with the same id there are one person;
    the same id in another file, or under another municipality (ids that restart per
    municipality), is another person. Every table counts respondents by this key."""
    parts = [df[c].astype(str) for c in ("source", "municipality") if c in df]
    key = df["respondent"].astype(str)
    for part in reversed(parts):
        key = part + "\x1f" + key
    return key


@dataclass
class Survey:
    """Everything read from one or more exports.

    ``units`` holds one row per answer unit (``status`` ``"answer"``) and one per non-answer box
    (``status`` ``"non_answer"``, ``unit`` 0); empty boxes are only counted (``counts["empty"]``).
    ``ratings`` holds one row per respondent × rating item, ``value`` is the scale point or NA.
    ``roles`` holds one row per respondent × function they ticked (``"Ikke oppgitt"`` for a
    respondent who ticked none, or whose file has no function column); ``None`` where the
    survey was not read from its files (a project, coded units), so functions are unknown.
    """

    sources: list[str]
    respondents: pd.DataFrame
    units: pd.DataFrame
    ratings: pd.DataFrame
    plans: dict[str, dict]
    counts: dict[str, int]
    skipped: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    scale_max: int = 6
    roles: pd.DataFrame | None = None


def load_survey(paths: list[str | Path], options: ColumnOptions | None = None, *,
                progress: Callable[[int, int], None] | None = None) -> Survey:
    """Read survey exports and return a :class:`Survey`; several files are read as one survey.

    ``progress(rows_read, rows)`` is called every :data:`PROGRESS_ROWS` rows of each file and
    at its end (``rows`` counts the rows of all files read so far)."""
    options = options or ColumnOptions()
    if not paths:
        raise FritekstError("no input files given.")
    # without an id column respondents are known by row; with several files, by file and row
    names = [Path(p).name for p in paths]
    labels = [("" if len(paths) == 1 else f"{n} " if names.count(n) == 1 else f"{p} ")
              for n, p in zip(names, paths, strict=True)]
    parts: list[Survey] = []
    before = 0  # rows of the files already read
    for p, label in zip(paths, labels, strict=True):
        step = None if progress is None else \
            (lambda done, total, b=before: progress(b + done, b + total))
        parts.append(_load_one(Path(p), options, label, step))
        before += len(parts[-1].respondents)
    counts: dict[str, int] = {}
    for part in parts:
        for k, v in part.counts.items():
            counts[k] = counts.get(k, 0) + v
    respondents = pd.concat([p.respondents for p in parts], ignore_index=True)
    ratings = pd.concat([p.ratings for p in parts], ignore_index=True)
    notes = [n for p in parts for n in p.notes]
    respondents, ratings = _one_row_per_respondent(respondents, ratings, counts, notes)
    roles = _one_set_of_roles(pd.concat([p.roles for p in parts if p.roles is not None],
                                        ignore_index=True))
    return Survey(
        sources=[s for p in parts for s in p.sources],
        respondents=respondents,
        units=pd.concat([p.units for p in parts], ignore_index=True),
        ratings=ratings,
        plans={k: v for p in parts for k, v in p.plans.items()},
        counts=counts,
        skipped=[s for p in parts for s in p.skipped],
        notes=notes,
        scale_max=options.scale_max,
        roles=roles,
    )


def _one_set_of_roles(roles: pd.DataFrame) -> pd.DataFrame:
    """Each respondent's functions once; rows that share an id (one respondent, see
    :func:`respondent_key`) give the functions of all their rows."""
    key = respondent_key(roles)
    roles = roles.assign(_key=key).drop_duplicates(["_key", "role"], keep="last")
    named = set(roles.loc[roles["role"] != NO_ROLE, "_key"])
    roles = roles[(roles["role"] != NO_ROLE) | ~roles["_key"].isin(named)]
    return roles.drop(columns="_key").reset_index(drop=True)


def _one_row_per_respondent(respondents: pd.DataFrame, ratings: pd.DataFrame,
                            counts: dict[str, int], notes: list[str]
                            ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply the one rule of who is a respondent (:func:`respondent_key`) to the respondent
    list and the ratings, and say what it did: rows of one file and municipality that share
    an id are one respondent (their answers all count, once; per rating item the last value
    given counts); ids that recur in another file or municipality are other people."""
    key = respondent_key(respondents)
    repeated = key.duplicated(keep=False)
    counts["duplicate_rows"] = int(key.duplicated().sum())
    counts["respondents"] = int(key.nunique())
    if repeated.any():
        first = respondents[repeated].iloc[0]
        same = respondents[repeated & (key == key[repeated].iloc[0])]
        ids = list(dict.fromkeys(respondents.loc[repeated, "respondent"].astype(str)))
        notes.append(
            f"{first['source']}: {int(repeated.sum())} rows share a respondent id with another "
            f"row of the same file and municipality (id {first['respondent']} in rows "
            f"{', '.join(map(str, same['row']))}"
            + (f", and {len(ids) - 1} more ids" if len(ids) > 1 else "")
            + "): each id counts as one "
            "respondent in every table, with the answers of all its rows and, per rating item, "
            "the last value given. Check for duplicate submissions.")
    restart = respondents.drop_duplicates(["source", "municipality", "respondent"]).duplicated(
        ["source", "respondent"], keep=False)
    if restart.any():
        ids = list(dict.fromkeys(respondents.drop_duplicates(
            ["source", "municipality", "respondent"]).loc[restart, "respondent"].astype(str)))
        notes.append(
            f"{len(ids)} respondent ids occur under more than one municipality in the same "
            f"file (e.g. {', '.join(ids[:3])}): ids that restart per municipality are "
            "different people, and so they are counted. If one person answered twice and "
            "named another municipality, remove one of the rows.")
    across = respondents.drop_duplicates(["source", "municipality", "respondent"]).duplicated(
        ["municipality", "respondent"], keep=False)
    if across.any() and respondents["source"].nunique() > 1:
        ids = list(dict.fromkeys(respondents.drop_duplicates(
            ["source", "municipality", "respondent"]).loc[across, "respondent"].astype(str)))
        notes.append(
            f"{len(ids)} respondent ids occur in more than one file for the same municipality "
            f"(e.g. {', '.join(ids[:3])}): a respondent is an id within one file, so these count "
            "as different people. If the files overlap, remove the repeated rows.")
    respondents = respondents[~key.duplicated(keep="last")].reset_index(drop=True)
    counts["ratings_replaced"] = 0
    if len(ratings):
        earlier = ratings.assign(_key=respondent_key(ratings)).duplicated(["_key", "item"],
                                                                           keep="last")
        counts["ratings_replaced"] = int(earlier.sum())
        ratings = ratings[~earlier].reset_index(drop=True)
    return respondents, ratings


def _load_one(path: Path, options: ColumnOptions, label: str = "",
              progress: Callable[[int, int], None] | None = None) -> Survey:
    """One file; ``label`` names the file in respondent ids made from row numbers."""
    table = read_table(path)
    src = str(path)
    if table.lines and not options.text_columns:
        options = replace(options, text_columns=["text"], id_column=options.id_column or "id")
    if table.names:
        options = _by_header(options, table.header, table.names)
    plan = plan_columns(table.header, table.rows, options, src)
    if not plan.questions and not plan.ratings:
        raise ColumnError(
            f"{src}: no free-text or rating column found; name them with --text-column COLUMN "
            "(and --rating-column COLUMN)."
        )
    notes = [f"{src}: {n}" for n in table.notes]
    if plan.personal:
        notes.append(f"{src}: not read, as they hold personal data: "
                     + ", ".join(f"'{_short(c, 40)}'" for c in plan.personal))
    unused = [c for c in plan.ignored if c not in plan.personal and not c.startswith("_col")]
    if unused:
        notes.append(f"{src}: columns not used: " + ", ".join(f"'{_short(c, 40)}'"
                                                           for c in unused))
    if plan.roles:
        notes.append(f"{src}: the respondents' functions read from {_role_source(plan.roles)}")
    if plan.municipality is None:
        notes.append(
            f"{src}: no municipality column found, so all respondents form one group "
            f"('{ONE_GROUP}'); name the column with --municipality-column COLUMN."
        )
    col = {h: j for j, h in enumerate(table.header)}
    reader = RoleReader(plan.roles, table.rows, table.header) if plan.roles else None
    # rows as tuples in the columns' order (a DataFrame is built once at the end)
    respondents: list[tuple] = []
    units: list[tuple] = []
    ratings: list[tuple] = []
    roles: list[tuple] = []
    skipped = []
    counts = {"rows": len(table.rows), "respondents": 0, "skipped_rows": 0, "boxes": 0,
              "empty": 0, "non_answers": 0, "answered_boxes": 0, "units": 0, "ratings": 0}
    for rowno, reason in table.skipped:
        skipped.append({"source": src, "row": rowno, "reason": reason})
    counts["rows"] += len(table.skipped)
    counts["skipped_rows"] += len(table.skipped)
    boxes = [(q.name, q.polarity, [col[c] for c in q.columns]) for q in plan.questions]
    items = [(item, col[item]) for item in plan.ratings]
    id_at = col[plan.id] if plan.id else None
    town_at = None if plan.municipality is None else col[plan.municipality]
    towns: dict[str, str] = {}
    # what a box holds, by its text: exports repeat short answers, so each is split once
    pieces_of: dict[str, list[str]] = {}
    empty = non_answers = answered = n_units = n_ratings = 0
    for done, (cells, rowno) in enumerate(zip(table.rows, table.row_numbers, strict=True)):
        if progress is not None and done % PROGRESS_ROWS == 0:
            progress(done, len(table.rows))
        if town_at is None:
            municipality = ONE_GROUP
        else:
            raw = cells[town_at]
            municipality = towns.get(raw) or towns.setdefault(raw, normalise_municipality(raw))
        respondent = cells[id_at].strip() if id_at is not None else ""
        respondent = respondent or f"{label}rad {rowno}"
        base = (src, rowno, respondent, municipality)
        respondents.append(base)
        roles += [(*base, r) for r in (reader.roles(cells) if reader else [NO_ROLE])]
        for name, polarity, at in boxes:
            unit_no = 0
            for j in at:
                text = cells[j]
                if not text.strip():
                    empty += 1
                    continue
                pieces = pieces_of.get(text)
                if pieces is None:
                    pieces = pieces_of[text] = [] if is_non_answer(text) else [
                        p for p in split_units(text) if not is_non_answer(p)]
                if not pieces:  # "Vet ikke", or a list of nothing but non-answers
                    non_answers += 1
                    units.append((*base, name, polarity, 0, text.strip(), "non_answer"))
                    continue
                answered += 1
                for piece in pieces:
                    unit_no += 1
                    units.append((*base, name, polarity, unit_no, piece, "answer"))
                n_units += len(pieces)
        for item, j in items:
            raw = cells[j]
            try:
                value = parse_scale_value(raw, options.scale_max)
            except ValueError:
                raise ValueOnScaleError(
                    f"{src}, row {rowno}, column '{_short(item)}': '{raw.strip()}' is not on the "
                    f"1–{options.scale_max} scale or 'Vet ikke'; correct or clear the cell"
                    + ("." if options.rating_columns else ", or name only the rating columns "
                       "you want with --rating-column.")
                ) from None
            if value is None:
                continue
            n_ratings += 1
            ratings.append((*base, item, value if isinstance(value, int) else pd.NA,
                            value == "dont_know"))
    counts["respondents"] = len(respondents)
    counts["boxes"] = len(respondents) * sum(len(at) for _, _, at in boxes)
    counts.update(empty=empty, non_answers=non_answers, answered_boxes=answered,
                  units=n_units, ratings=n_ratings)
    if progress is not None:
        progress(len(table.rows), len(table.rows))
    resp_df = pd.DataFrame(respondents, columns=["source", "row", "respondent", "municipality"])
    unit_df = pd.DataFrame(units, columns=UNIT_COLUMNS)
    unit_df["polarity"] = unit_df["polarity"].astype("object")
    rating_df = pd.DataFrame(ratings, columns=["source", "row", "respondent", "municipality",
                                               "item", "value", "dont_know"])
    rating_df["value"] = rating_df["value"].astype("Int64")
    return Survey([src], resp_df, unit_df, rating_df, {src: plan.describe()}, counts, skipped,
                  notes, roles=pd.DataFrame(roles, columns=ROLE_COLUMNS))


def _by_header(options: ColumnOptions, header: list[str], names: dict[str, str]
               ) -> ColumnOptions:
    """Column options may name an SPSS variable by its name (``q3_1``) or by its label, which
    is its header here; a name becomes the header it was read under."""
    by_name = {name.casefold(): head for name, head in names.items()}

    def head(column: str) -> str:
        if column in header:
            return column
        return by_name.get(column.strip().casefold(), column)

    return replace(
        options,
        municipality_column=options.municipality_column and head(options.municipality_column),
        id_column=options.id_column and head(options.id_column),
        text_columns=[head(c) for c in options.text_columns],
        rating_columns=[head(c) for c in options.rating_columns],
        role_columns=[head(c) for c in options.role_columns],
        polarity={head(c): p for c, p in options.polarity.items()},
    )


def _role_source(columns: list[str]) -> str:
    """The role question as a note names it: its column, or a checkbox matrix's options."""
    if len(columns) == 1:
        return f"'{_short(columns[0])}'"
    parts = [p for c in columns if (p := matrix_parts(c))]
    if len(parts) == len(columns):
        options = [option for _, option in parts]
        return (f"the checkbox matrix '{_short(parts[0][0])}' ({len(options)} options: "
                f"{', '.join(options)})")
    return ", ".join(f"'{_short(c, 40)}'" for c in columns)


def _municipality(cells: list[str], col: dict[str, int], plan: ColumnPlan) -> str:
    if plan.municipality is None:
        return ONE_GROUP
    return normalise_municipality(cells[col[plan.municipality]])


def normalise_municipality(raw: str) -> str:
    """One spelling per municipality: "VOLDA", "volda kommune" and "Volda" are all "Volda"."""
    name = unicodedata.normalize("NFC", " ".join(raw.split())).strip(" .")
    name = re.sub(r"\s+(kommune|kommuna|municipality)$", "", name, flags=re.I)
    if name.islower() or name.isupper():
        name = name.title()
    return name or UNKNOWN_MUNICIPALITY


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
