"""Theme and rating tables by the respondent's function (``summarize --by role``).

The counting rules are the theme tables' and the rating tables': a respondent counts once per
theme and polarity, shares are of those who answered a question of that polarity, and ratings
count respondents who gave a value or "Vet ikke". A respondent with several functions counts
under each of them, so the function rows of a municipality add up to more than the
municipality; the ``Alle`` row of each municipality is the municipality's own figure (the same
as in the tables without ``--by role``), and ``Totalt`` is every municipality together.
"""

from __future__ import annotations

import pandas as pd

from fritekst.coding.codebook import Codebook
from fritekst.errors import ColumnError, FritekstError
from fritekst.extract.roles import NO_ROLE, matrix_parts
from fritekst.extract.survey import Survey, respondent_key
from fritekst.summarize.tables import (
    TOTAL,
    RoleTables,
    Summary,
    _complete_row,
    answered_units,
    hidden_cells,
    norwegian_order,
    rating_row,
)

ALL = "Alle"
MULTI_ROLE_NOTE = (
    "by role: a respondent with several functions counts under each of them, so the function "
    "rows of a municipality can add up to more than the municipality; the row 'Alle' is the "
    "municipality's own figure.")
THEME_COLUMNS = ["municipality", "role", "polarity", "theme", "label", "respondents",
                 "answered", "share"]


def no_roles_error(project=None) -> FritekstError:
    """Where functions were never read: files of coded units, or a project whose files were
    imported before the store kept functions."""
    if project is not None:
        return FritekstError(
            f"--by role: {project} holds files imported before fritekst kept the respondents' "
            f"functions; import them again (`fritekst import FILE --project {project}`).")
    return FritekstError(
        "--by role needs the respondents' functions, which only the survey exports hold "
        "(a file of coded units has none); summarize the survey files.")


def person_roles(survey: Survey) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Each respondent's functions (``person``, ``municipality``, ``role``), the functions in
    the survey's order (``Ikke oppgitt`` last) and notes; an error when they were not read."""
    if survey.roles is None:
        raise no_roles_error()
    with_roles = [src for src, plan in survey.plans.items() if plan.get("role")]
    if not with_roles:
        raise ColumnError(
            f"{survey.sources[0]}: no column with the respondents' functions found; name it "
            "with --role-column COLUMN (a column, or the question of a checkbox matrix).")
    notes = [MULTI_ROLE_NOTE]
    without = [src for src in survey.sources if src not in with_roles]
    if without:
        notes.append(f"{', '.join(without)}: no function column, so its respondents count "
                     f"as «{NO_ROLE}».")
    roles = survey.roles.assign(person=respondent_key(survey.roles))
    order = _order(roles["role"], [c for src in with_roles for c in survey.plans[src]["role"]])
    multi = roles.groupby("person")["role"].nunique()
    if (multi > 1).any():
        notes.append(f"{int((multi > 1).sum())} of {len(multi)} respondents named more than "
                     "one function.")
    return roles[["person", "municipality", "role"]], order, notes


def _order(named: pd.Series, columns: list[str]) -> list[str]:
    """The survey's order: a checkbox matrix's options as its columns stand, then the other
    functions, the most named first, and ``Ikke oppgitt`` last."""
    counts = named.value_counts()
    labels = {r.casefold(): r for r in counts.index if r != NO_ROLE}
    options = [p[1].casefold() for c in columns if (p := matrix_parts(c))]
    first = [labels[o] for o in dict.fromkeys(options) if o in labels]
    rest = sorted((r for r in labels.values() if r not in first),
                  key=lambda r: (-counts[r], norwegian_order(r)))
    return [*first, *rest] + ([NO_ROLE] if NO_ROLE in counts.index else [])


def with_roles(summary: Summary, units: pd.DataFrame, survey: Survey, codebook: Codebook
               ) -> Summary:
    """The summary with its breakdown by function (``summary.by_role``) and its notes."""
    municipalities = summary.responses["municipality"].tolist()
    summary.by_role = role_tables(units, survey, codebook, municipalities, summary.ratings,
                                  summary.min_cell)
    summary.meta["notes"] = [*summary.meta.get("notes", []), *summary.by_role.notes]
    return summary


def role_tables(units: pd.DataFrame, survey: Survey, codebook: Codebook,
                municipalities: list[str], main_ratings: pd.DataFrame, min_cell: int
                ) -> RoleTables:
    """Theme and rating tables by function; ``main_ratings`` is the summary's rating table
    (with ``suppressed``), whose rows the ``Alle`` rows repeat."""
    roles, order, notes = person_roles(survey)
    themes, answered = _theme_rows(units, roles, codebook, municipalities, order)
    themes["suppressed"] = themes["respondents"].between(1, min_cell - 1) if min_cell \
        else False
    ratings = _rating_rows(survey, roles, municipalities, order, main_ratings)
    hidden = _hidden(ratings, main_ratings, min_cell) if min_cell else \
        [set() for _ in range(len(ratings))]
    return RoleTables(order, themes, answered, ratings.drop(columns="_main"), hidden, notes)


def _theme_rows(units: pd.DataFrame, roles: pd.DataFrame, codebook: Codebook,
                municipalities: list[str], order: list[str]
                ) -> tuple[pd.DataFrame, pd.DataFrame]:
    real = answered_units(units)
    real = real.merge(roles[["person", "role"]], on="person", how="left")
    real["role"] = real["role"].fillna(NO_ROLE)
    coded = real[real["themes"] != ""].assign(theme=lambda d: d["themes"].str.split(";"))
    coded = coded.explode("theme")
    labels = {t.id: t for t in codebook.themes}
    theme_order = {t: i for i, t in enumerate(codebook.ids)}
    groups = [(m, real["municipality"] == m, coded["municipality"] == m) for m in municipalities]
    if len(municipalities) > 1:
        groups.append((TOTAL, pd.Series(True, index=real.index),
                       pd.Series(True, index=coded.index)))
    rows, answered_rows = [], []
    for muni, in_real, in_coded in groups:
        for role in [*order, ALL]:
            r = real[in_real] if role == ALL else real[in_real & (real["role"] == role)]
            c = coded[in_coded] if role == ALL else coded[in_coded & (coded["role"] == role)]
            answered = r.groupby("polarity")["person"].nunique()
            answered_rows += [{"municipality": muni, "role": role, "polarity": pol,
                               "answered": int(n)} for pol, n in answered.items()]
            for (pol, theme), grp in c.groupby(["polarity", "theme"]):
                n = grp["person"].nunique()
                total = int(answered.get(pol, 0))
                rows.append({"municipality": muni, "role": role, "polarity": pol,
                             "theme": theme, "label": labels[theme].label_for(pol)
                             if theme in labels else theme, "respondents": n,
                             "answered": total, "share": n / total if total else 0.0})
    table = pd.DataFrame(rows, columns=THEME_COLUMNS)
    answered_table = pd.DataFrame(answered_rows,
                                  columns=["municipality", "role", "polarity", "answered"])
    if table.empty:
        return table, answered_table
    place = {m: i for i, m in enumerate([*municipalities, TOTAL])}
    role_place = {r: i for i, r in enumerate([*order, ALL])}
    table = table.assign(
        _m=table["municipality"].map(place), _r=table["role"].map(role_place),
        _p=table["polarity"].map({"styrke": 0, "utfordring": 1}).fillna(2),
        _t=table["theme"].map(lambda t: theme_order.get(t, len(theme_order))))
    table = table.sort_values(["_m", "_p", "_r", "respondents", "_t"],
                              ascending=[True, True, True, False, True])
    return table[THEME_COLUMNS].reset_index(drop=True), answered_table


def _rating_rows(survey: Survey, roles: pd.DataFrame, municipalities: list[str],
                 order: list[str], main: pd.DataFrame) -> pd.DataFrame:
    """Per item × municipality (and ``Totalt``) × function, then the ``Alle`` row, which is
    the summary's own row for that municipality (``_main`` says which)."""
    ratings = survey.ratings.assign(person=respondent_key(survey.ratings))
    rated = ratings.merge(roles[["person", "role"]], on="person", how="left")
    rated["role"] = rated["role"].fillna(NO_ROLE)
    present = {m: set(roles.loc[roles["municipality"] == m, "role"]) for m in municipalities}
    present[TOTAL] = set(roles["role"])
    scale = survey.scale_max
    rows = []
    for item in dict.fromkeys(main["item"]):
        sub = rated[rated["item"] == item]
        places = [*municipalities, TOTAL] if len(municipalities) > 1 else municipalities
        for muni in places:
            grp = sub if muni == TOTAL else sub[sub["municipality"] == muni]
            for role in order:
                if role in present[muni]:
                    rows.append({"item": item, "municipality": muni, "role": role,
                                 **rating_row(grp[grp["role"] == role], scale), "_main": -1})
            at = main.index[(main["item"] == item) & (main["municipality"] == muni)]
            if len(at):
                rows.append({"item": item, "municipality": muni, "role": ALL,
                             **{k: main.at[at[0], k] for k in
                                ("n", "mean", "dont_know", "distribution", "counts")},
                             "_main": int(at[0])})
    cols = ["item", "municipality", "role", "n", "mean", "dont_know", "distribution", "counts",
            "_main"]
    table = pd.DataFrame(rows, columns=cols)
    table["suppressed"] = False
    return table


def _hidden(ratings: pd.DataFrame, main: pd.DataFrame, min_cell: int) -> list[set[str]]:
    """Small-cell suppression of the rating rows by function. ``Alle`` rows are hidden exactly
    as in the summary's rating table. A function row with a small N is hidden whole, and so is
    its ``Totalt`` row; in the others every small cell is left out, one more where N and the
    rest of the row would give it away, and, where only one function row of a municipality
    leaves a cell out that ``Alle`` shows, the next smallest of that column too (``Alle``
    minus the rest would give it away where people have one function each). A ``Totalt``
    function row leaves out what its municipalities' rows leave out."""
    main_hidden = hidden_cells(main, min_cell)
    own = ratings["role"] != ALL
    ratings["suppressed"] = own & ratings["n"].between(1, min_cell - 1)
    for i in ratings.index[~own]:
        ratings.at[i, "suppressed"] = bool(main.at[ratings.at[i, "_main"], "suppressed"])
    totals = own & (ratings["municipality"] == TOTAL)
    for i in ratings.index[totals]:
        item, role = ratings.at[i, "item"], ratings.at[i, "role"]
        members = own & ~totals & (ratings["item"] == item) & (ratings["role"] == role)
        if ratings.loc[members, "suppressed"].any():
            ratings.at[i, "suppressed"] = True
    out: list[set[str]] = [set() for _ in range(len(ratings))]
    for i in ratings.index:
        if ratings.at[i, "role"] == ALL:
            out[i] = set(main_hidden[ratings.at[i, "_main"]])
        elif ratings.at[i, "municipality"] != TOTAL:
            out[i] = {k for k, c in ratings.at[i, "counts"].items() if 0 < c < min_cell}
            _complete_row(out[i], ratings.at[i, "counts"])
    for _, group in ratings[~totals].groupby(["item", "municipality"], sort=False):
        _complete_columns(ratings, group.index, out)
    for i in ratings.index[totals]:
        item, role = ratings.at[i, "item"], ratings.at[i, "role"]
        members = ratings.index[own & ~totals & (ratings["item"] == item)
                                & (ratings["role"] == role) & ~ratings["suppressed"]]
        out[i] = set().union(*(out[j] for j in members))
        out[i] |= {k for k, c in ratings.at[i, "counts"].items() if 0 < c < min_cell}
        _complete_row(out[i], ratings.at[i, "counts"])
    for _, group in ratings[ratings["municipality"] == TOTAL].groupby("item", sort=False):
        _complete_columns(ratings, group.index, out)
    return out


def _complete_columns(ratings: pd.DataFrame, group: pd.Index, out: list[set[str]]) -> None:
    """In one municipality's rows, a cell only one function row leaves out, while ``Alle``
    shows it, takes the next smallest non-zero cell of its column with it; repeated until
    nothing changes."""
    total = [i for i in group if ratings.at[i, "role"] == ALL]
    members = [i for i in group if ratings.at[i, "role"] != ALL
               and not ratings.at[i, "suppressed"]]
    if not total or ratings.at[total[0], "suppressed"]:
        return
    changed = True
    while changed:
        changed = False
        keys = {k for i in members for k in out[i]} - out[total[0]]
        for k in sorted(keys):
            hiding = [i for i in members if k in out[i]]
            if len(hiding) != 1:
                continue
            others = [(ratings.at[i, "counts"][k], i) for i in members
                      if k not in out[i] and ratings.at[i, "counts"][k] > 0]
            if others:
                j = min(others)[1]
                out[j].add(k)
                _complete_row(out[j], ratings.at[j, "counts"])
                changed = True
