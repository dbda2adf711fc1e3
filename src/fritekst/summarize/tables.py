"""Coded units → the tables of a report: themes per municipality, matrices, ratings, responses.

Counts are respondents, not answers: a respondent who names a theme twice (in two boxes, or
as two points) counts once. Shares are of the respondents who answered a question of that
polarity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from fritekst.coding.codebook import Codebook
from fritekst.extract.survey import Survey, respondent_key
from fritekst.privacy import redact, suppress, suppress_cells, suppress_rows

POLARITY_LABELS = {"styrke": "Styrker", "utfordring": "Utfordringer", "": "Uten polaritet"}
DONT_KNOW_LABEL = "Vet ikke"
TOTAL = "Totalt"
_QUOTE_MAX = 160


@dataclass
class RoleTables:
    """The breakdown by function (see :mod:`fritekst.summarize.roles`). ``themes``: one row
    per municipality (and ``Totalt``) × function (and ``Alle``) × polarity × theme named;
    ``answered``: per municipality × function × polarity, how many answered; ``ratings``: one
    row per item × municipality × function, with ``suppressed`` and, in ``hidden``, the cells
    small-cell suppression leaves out."""

    roles: list[str]
    themes: pd.DataFrame
    answered: pd.DataFrame
    ratings: pd.DataFrame
    hidden: list[set[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def shown_ratings(self, min_cell: int) -> pd.DataFrame:
        return show_ratings(self.ratings, self.hidden if min_cell else None, min_cell)


@dataclass
class Summary:
    """All tables of one run; every table is a DataFrame, ``meta`` a plain dict."""

    themes: pd.DataFrame
    matrices: dict[str, pd.DataFrame]
    ratings: pd.DataFrame
    responses: pd.DataFrame
    meta: dict
    min_cell: int = 0
    by_role: RoleTables | None = None

    def shown_themes(self) -> pd.DataFrame:
        """The theme table as it may be published: small counts as ``<N``, their share and
        quotes left out, and a small number of respondents who answered as ``<N`` too."""
        shown = suppress_rows(self.themes, self.min_cell, "respondents",
                              {"share": None, "quotes": []})
        shown["answered"] = pd.Series([suppress(int(n), self.min_cell)
                                       for n in shown["answered"]], index=shown.index,
                                      dtype=object)
        return shown

    def shown_ratings(self) -> pd.DataFrame:
        """The rating table as it may be published. A row with a small N keeps only its
        item, municipality and ``<N``; the total of an item with such a row keeps no N
        either (it would give the hidden one away). In the other rows, every percentage
        (and the "Vet ikke" count) that stands for fewer than ``min_cell`` people is left out,
        and so is one more where it alone could be worked out from N and the rest of its
        row, or from the total and the rest of its column (see :func:`hidden_cells`)."""
        return show_ratings(self.ratings, hidden_cells(self.ratings, self.min_cell)
                            if self.min_cell else None, self.min_cell)

    def shown_responses(self) -> pd.DataFrame:
        """How many responded, per municipality, with small counts as ``<N``."""
        counts = self.responses.set_index("municipality")
        return suppress_cells(counts, self.min_cell).reset_index()

    def ratings_scale(self) -> int:
        """The highest point of the rating scale (the distributions' keys say it)."""
        dists = [d for d in self.ratings["distribution"] if d]
        return max((int(k) for d in dists for k in d if k.isdigit()), default=6)

    def shown_matrix(self, polarity: str) -> pd.DataFrame:
        """A theme × municipality matrix with small counts as ``<N``."""
        return suppress_cells(self.matrices[polarity], self.min_cell)

    def to_json(self) -> dict:
        """The ``--json`` object: themes, ratings, responses and meta (small cells hidden)."""
        themes = []
        for r in self.shown_themes().itertuples(index=False):
            themes.append({
                "municipality": r.municipality, "polarity": r.polarity, "theme": r.theme,
                "label": r.label, "respondents": r.respondents, "answered": r.answered,
                "share": None if r.share is None else round(r.share, 4), "rank": r.rank,
                "quotes": r.quotes})
        ratings = []
        for r in self.shown_ratings().itertuples(index=False):
            ratings.append({
                "municipality": r.municipality, "item": r.item, "n": _plain(r.n),
                "mean": None if r.mean is None or pd.isna(r.mean) else float(r.mean),
                "dont_know": _plain(r.dont_know),
                "distribution": r.distribution,
            })
        responses = [{k: _plain(v) for k, v in row.items()}
                     for row in self.shown_responses().to_dict(orient="records")]
        out = {"themes": themes, "ratings": ratings, "responses": responses,
               "meta": self.meta}
        if self.by_role is not None:
            out["by_role"] = self._role_json()
        return out

    def shown_role_themes(self) -> pd.DataFrame:
        """The theme table by function as it may be published (as :meth:`shown_themes`)."""
        assert self.by_role is not None
        shown = suppress_rows(self.by_role.themes, self.min_cell, "respondents",
                              {"share": None})
        shown["answered"] = pd.Series([suppress(int(n), self.min_cell)
                                       for n in shown["answered"]], index=shown.index,
                                      dtype=object)
        return shown

    def _role_json(self) -> dict:
        assert self.by_role is not None
        themes = [{"municipality": r.municipality, "role": r.role, "polarity": r.polarity,
                   "theme": r.theme, "label": r.label, "respondents": r.respondents,
                   "answered": r.answered,
                   "share": None if r.share is None else round(r.share, 4)}
                  for r in self.shown_role_themes().itertuples(index=False)]
        ratings = [{"municipality": r.municipality, "role": r.role, "item": r.item,
                    "n": _plain(r.n),
                    "mean": None if r.mean is None or pd.isna(r.mean) else float(r.mean),
                    "dont_know": _plain(r.dont_know), "distribution": r.distribution}
                   for r in self.by_role.shown_ratings(self.min_cell).itertuples(index=False)]
        return {"roles": self.by_role.roles, "notes": self.by_role.notes, "themes": themes,
                "ratings": ratings}


def show_ratings(ratings: pd.DataFrame, cells: list[set[str]] | None, min_cell: int
                 ) -> pd.DataFrame:
    """Rating rows as they may be published (see :meth:`Summary.shown_ratings`); ``cells``
    names, per row, the distribution cells to leave out."""
    shown = suppress_rows(ratings.drop(columns="counts"), min_cell, None,
                          {"mean": None, "dont_know": None, "distribution": None})
    if not min_cell or cells is None:
        return shown
    n: list[int | str | None] = []
    dont_know: list[int | str | None] = []
    dist: list[dict | None] = []
    for r, hidden, gone in zip(shown.itertuples(index=False), ratings["suppressed"],
                               cells, strict=True):
        small = 0 < r.n < min_cell
        n.append(suppress(int(r.n), min_cell) if small or not hidden else None)
        if hidden:
            dont_know.append(None)
        elif DONT_KNOW_LABEL not in gone:
            dont_know.append(int(r.dont_know))
        else:  # "<N" for a small count; a larger one left out beside it is a gap
            dont_know.append(f"<{min_cell}" if r.dont_know < min_cell else None)
        dist.append(None if hidden else {k: None if k in gone else v
                                         for k, v in r.distribution.items()})
    for column, values in (("n", n), ("dont_know", dont_know), ("distribution", dist)):
        shown[column] = pd.Series(values, index=shown.index, dtype=object)
    return shown


def mark_small_rows(ratings: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """Flag (``suppressed``) the rating rows answered by fewer than ``min_cell`` people, and
    the total of an item with such a row (it would give the hidden row away)."""
    ratings["suppressed"] = ratings["n"].between(1, min_cell - 1) if min_cell else False
    if min_cell:
        for item, grp in ratings.groupby("item"):
            if grp.loc[grp["municipality"] != TOTAL, "suppressed"].any():
                ratings.loc[(ratings["item"] == item) & (ratings["municipality"] == TOTAL),
                            "suppressed"] = True
    return ratings


def hidden_cells(ratings: pd.DataFrame, min_cell: int) -> list[set[str]]:
    """Per rating row, the scale points (and "Vet ikke") to leave out of the distribution:
    every cell of fewer than ``min_cell`` people; then, in a row where that leaves one cell
    out, the next smallest too (N and the rest of the row would give it away); in a total
    row, every column left out in one of its municipalities' rows (the total and the rest
    of the column would give it away), and the row rule again."""
    out: list[set[str]] = [set() for _ in range(len(ratings))]
    for _, group in ratings.groupby("item", sort=False):
        rows = [i for i in group.index if ratings.at[i, "municipality"] != TOTAL]
        totals = [i for i in group.index if ratings.at[i, "municipality"] == TOTAL]
        for i in rows:
            counts = ratings.at[i, "counts"]
            out[i] = {k for k, c in counts.items() if 0 < c < min_cell}
            _complete_row(out[i], counts)
        for i in totals:
            out[i] = set().union(*(out[j] for j in rows if not ratings.at[j, "suppressed"]))
            out[i] |= {k for k, c in ratings.at[i, "counts"].items() if 0 < c < min_cell}
            _complete_row(out[i], ratings.at[i, "counts"])
    return out


def _complete_row(gone: set[str], counts: dict[str, int]) -> None:
    """One cell left out of a row whose N is shown can be worked out: leave out another."""
    if len(gone) == 1:
        others = [(c, k) for k, c in counts.items() if c > 0 and k not in gone]
        if others:
            gone.add(min(others)[1])


def _plain(value):
    """A JSON value: ints as ints, "<N" as text, gaps as null."""
    if value is None or isinstance(value, str):
        return value
    return int(value)


def summarize(units: pd.DataFrame, survey: Survey, meta: dict, codebook: Codebook, *,
              quotes: int = 3, redact: bool = False, min_cell: int = 0) -> Summary:
    """Build every table from coded units (see :func:`fritekst.api.code_survey`); themes are
    named and ordered as in the codebook, with its label for strengths or challenges. (The
    breakdown by function is added by :func:`fritekst.summarize.roles.with_roles`.)"""
    municipalities = sorted(survey.respondents["municipality"].unique().tolist(),
                            key=norwegian_order)
    known = frozenset(municipalities)
    themes = theme_table(units, codebook, quotes=quotes, redact_quotes=redact,
                         known_names=known)
    themes["suppressed"] = themes["respondents"].between(1, min_cell - 1) if min_cell else False
    ratings = mark_small_rows(rating_table(survey.ratings, municipalities, survey.scale_max),
                              min_cell)
    meta = {**meta, "redacted": redact, "min_cell": min_cell}
    polarities = [p for p in _polarities(units) if p or (themes["polarity"] == "").any()]
    return Summary(
        themes=themes,
        matrices={pol: theme_matrix(themes, codebook.labels_for(pol), municipalities, pol)
                  for pol in polarities},
        ratings=ratings,
        responses=response_table(survey, units, municipalities),
        meta=meta,
        min_cell=min_cell,
    )


def _polarities(units: pd.DataFrame) -> list[str]:
    """The polarities the real answers were asked with (as :func:`answered_units` gives them)."""
    real = units["status"].isin(["coded", "uncoded", "to_review"])
    asked = units.loc[real, "polarity"]
    if "polarity_from" in units:
        asked = asked.where(units.loc[real, "polarity_from"] == "question", "")
    present = set(asked.fillna("").unique())
    return [p for p in ("styrke", "utfordring", "") if p in present]


def answered_units(units: pd.DataFrame) -> pd.DataFrame:
    """Real answers (coded, uncoded or to review), with the polarity their question gave."""
    real = units[units["status"].isin(["coded", "uncoded", "to_review"])].copy()
    if "polarity_from" in real:
        real.loc[real["polarity_from"] != "question", "polarity"] = ""
    real["polarity"] = real["polarity"].fillna("")
    real["person"] = respondent_key(real)
    return real


def theme_table(units: pd.DataFrame, codebook: Codebook, *, quotes: int = 3,
                redact_quotes: bool = False, known_names: frozenset[str] = frozenset()
                ) -> pd.DataFrame:
    """Per municipality × polarity × theme: respondents, answered, share, rank and quotes."""
    real = answered_units(units)
    answered = real.groupby(["municipality", "polarity"])["person"].nunique()
    coded = real[real["themes"] != ""].copy()
    if redact_quotes:  # each distinct text once: exports repeat short answers many times
        texts = coded["text"].astype(str)
        coded["text"] = texts.map({t: redact(t, known_names) for t in texts.unique()})
    coded["theme"] = coded["themes"].str.split(";")
    coded = coded.explode("theme")
    order = {t: i for i, t in enumerate(codebook.ids)}
    themes_by_id = {t.id: t for t in codebook.themes}
    keys = ["municipality", "polarity", "theme"]
    picked_all = pick_quotes(coded, keys, quotes)
    rows = []
    for (muni, pol, theme), n in coded.groupby(keys)["person"].nunique().items():
        total = int(answered.get((muni, pol), 0))
        picked = picked_all.get((muni, pol, theme), [])
        rows.append({"municipality": muni, "polarity": pol, "theme": theme,
                     "label": themes_by_id[theme].label_for(pol) if theme in themes_by_id
                     else theme, "respondents": n, "answered": total,
                     "share": n / total if total else 0.0, "quotes": picked})
    table = pd.DataFrame(rows, columns=["municipality", "polarity", "theme", "label",
                                        "respondents", "answered", "share", "quotes"])
    if table.empty:
        table.insert(6, "rank", pd.Series(dtype="int64"))
        return table
    table["_order"] = table["theme"].map(lambda t: order.get(t, len(order)))
    table["_pol"] = table["polarity"].map({"styrke": 0, "utfordring": 1}).fillna(2)
    table = table.sort_values(["municipality", "_pol", "respondents", "_order"],
                              ascending=[True, True, False, True])
    table["rank"] = (table.groupby(["municipality", "polarity"])["respondents"]
                     .rank(method="min", ascending=False).astype(int))
    cols = ["municipality", "polarity", "theme", "label", "respondents", "answered", "share",
            "rank", "quotes"]
    return table[cols].reset_index(drop=True)


def pick_quotes(units: pd.DataFrame, keys: list[str], n: int) -> dict[tuple, list[str]]:
    """Per group of ``keys`` (municipality, polarity, theme), up to ``n`` short, typical
    quotes: units that carry few themes, from different people. One sort of all units (a
    stable sort, so each group keeps its own order) instead of one per group."""
    if n <= 0 or units.empty:
        return {}
    cand = units.assign(
        _k=units["themes"].str.count(";"),
        _len=units["text"].str.len(),
        _short=units["text"].str.len() > _QUOTE_MAX,
    ).sort_values([*keys, "_short", "_k", "confidence", "_len"],
                  ascending=[*(True for _ in keys), True, True, False, False])
    out: dict[tuple, list[str]] = {}
    seen: dict[tuple, tuple[set, set]] = {}
    for key, raw, person in zip(zip(*(cand[k].tolist() for k in keys), strict=True),
                                cand["text"].tolist(),
                                cand["person"].tolist(), strict=True):
        picked = out.setdefault(key, [])
        if len(picked) == n:
            continue
        text = " ".join(str(raw).split())
        if len(text) > _QUOTE_MAX:
            text = text[: _QUOTE_MAX - 1].rsplit(" ", 1)[0] + " …"
        people, texts = seen.setdefault(key, (set(), set()))
        if person in people or text.casefold() in texts:
            continue
        picked.append(text)
        people.add(person)
        texts.add(text.casefold())
    return out


def theme_matrix(themes: pd.DataFrame, labels: dict[str, str], municipalities: list[str],
                 polarity: str) -> pd.DataFrame:
    """Theme × municipality respondent counts for one polarity (the "who names what" overview).

    ``labels`` maps theme ids to the labels for this polarity, in codebook order; every
    codebook theme is a row, so a theme nobody named shows as zeros.
    """
    sub = themes[themes["polarity"] == polarity]
    counts = sub.pivot_table(index="theme", columns="municipality", values="respondents",
                             aggfunc="sum", fill_value=0)
    counts = counts.reindex(index=list(labels), columns=municipalities, fill_value=0).astype(int)
    counts.index = pd.Index([labels[t] for t in counts.index], name="Tema")
    counts.columns.name = None
    return counts


def rating_table(ratings: pd.DataFrame, municipalities: list[str],
                 scale_max: int = 6) -> pd.DataFrame:
    """Per item × municipality: N, mean without "Vet ikke" (two decimals), "Vet ikke", percents,
    and the counts behind the percents (``counts``, for small-cell suppression).

    ``n`` counts respondents who gave a scale value or "Vet ikke"; empty cells are not counted.
    A ``Totalt`` row per item is added when there is more than one municipality.
    """
    cols = ["item", "municipality", "n", "mean", "dont_know", "distribution", "counts"]
    rows = []
    for item in dict.fromkeys(ratings["item"]):
        sub = ratings[ratings["item"] == item]
        groups = [(m, sub[sub["municipality"] == m]) for m in municipalities]
        if len(municipalities) > 1:
            groups.append((TOTAL, sub))
        for muni, grp in groups:
            rows.append({"item": item, "municipality": muni, **rating_row(grp, scale_max)})
    return pd.DataFrame(rows, columns=cols)


def rating_row(grp: pd.DataFrame, scale_max: int = 6) -> dict:
    """One rating row from the ratings of a group of respondents: ``n``, ``mean`` without
    "Vet ikke" (two decimals), ``dont_know``, ``distribution`` in percent and its ``counts``."""
    values = grp["value"].dropna().astype(int)
    n = len(grp)
    dk = int(grp["dont_know"].sum())
    dist = {str(p): round_half_up(100 * int((values == p).sum()) / n, 1) if n else 0.0
            for p in range(1, scale_max + 1)}
    dist[DONT_KNOW_LABEL] = round_half_up(100 * dk / n, 1) if n else 0.0
    counts = {str(p): int((values == p).sum()) for p in range(1, scale_max + 1)}
    counts[DONT_KNOW_LABEL] = dk
    mean = round_half_up(values.sum() / len(values)) if len(values) else None
    return {"n": n, "mean": mean, "dont_know": dk, "distribution": dist, "counts": counts}


_ALPHABET = {"æ": "{", "ø": "|", "å": "}"}  # after z, in Norwegian order


def norwegian_order(name: str) -> str:
    """Sort key that puts Æ, Ø, Å after Z, as Norwegian readers expect."""
    return "".join(_ALPHABET.get(ch, ch) for ch in name.casefold())


def round_half_up(x: float, places: int = 2) -> float:
    """Round as reports do (3.125 → 3.13), not to even as Python's round does."""
    return float(Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))


def response_table(survey: Survey, units: pd.DataFrame, municipalities: list[str]
                   ) -> pd.DataFrame:
    """Per municipality: respondents, and how many answered each polarity and each rating."""
    real = answered_units(units)
    people, raters = respondent_key(survey.respondents), respondent_key(survey.ratings)
    polarities = _polarities(units)
    rows = []
    for muni in municipalities:
        row = {"municipality": muni,
               "respondents": int(people[survey.respondents["municipality"] == muni].nunique())}
        for pol in polarities:
            row[f"answered_{pol or 'uten_polaritet'}"] = int(real.loc[
                (real["municipality"] == muni) & (real["polarity"] == pol), "person"].nunique())
        row["answered_rating"] = int(raters[survey.ratings["municipality"] == muni].nunique())
        rows.append(row)
    return pd.DataFrame(rows)
