"""Coded units → the tables of a report: themes per municipality, matrices, ratings, responses.

Counts are respondents, not answers: a respondent who names a theme twice (in two boxes, or
as two points) counts once. Shares are of the respondents who answered a question of that
polarity.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from fritekst.coding.codebook import Codebook
from fritekst.extract.survey import Survey, respondent_key
from fritekst.privacy import redact, suppress_cells, suppress_rows

POLARITY_LABELS = {"styrke": "Styrker", "utfordring": "Utfordringer", "": "Uten polaritet"}
DONT_KNOW_LABEL = "Vet ikke"
TOTAL = "Totalt"
_QUOTE_MAX = 160


@dataclass
class Summary:
    """All tables of one run; every table is a DataFrame, ``meta`` a plain dict."""

    themes: pd.DataFrame
    matrices: dict[str, pd.DataFrame]
    ratings: pd.DataFrame
    responses: pd.DataFrame
    meta: dict
    min_cell: int = 0

    def shown_themes(self) -> pd.DataFrame:
        """The theme table as it may be published: small counts as ``<N``, their share and
        quotes left out."""
        return suppress_rows(self.themes, self.min_cell, "respondents",
                             {"share": None, "quotes": []})

    def shown_ratings(self) -> pd.DataFrame:
        """The rating table as it may be published: where a row is hidden, only its item,
        municipality and N remain (a hidden municipality hides the total too)."""
        return suppress_rows(self.ratings, self.min_cell, None,
                             {"mean": None, "dont_know": None, "distribution": None})

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
                "municipality": r.municipality, "item": r.item, "n": int(r.n),
                "mean": None if r.mean is None or pd.isna(r.mean) else float(r.mean),
                "dont_know": None if r.dont_know is None else int(r.dont_know),
                "distribution": r.distribution,
            })
        return {"themes": themes, "ratings": ratings,
                "responses": self.responses.to_dict(orient="records"), "meta": self.meta}


def summarize(units: pd.DataFrame, survey: Survey, meta: dict, codebook: Codebook, *,
              quotes: int = 3, redact: bool = False, min_cell: int = 0) -> Summary:
    """Build every table from coded units (see :func:`fritekst.api.code_survey`); themes are
    named and ordered as in the codebook, with its label for strengths or challenges."""
    municipalities = sorted(survey.respondents["municipality"].unique().tolist(),
                            key=norwegian_order)
    known = frozenset(municipalities)
    themes = theme_table(units, codebook, quotes=quotes, redact_quotes=redact,
                         known_names=known)
    themes["suppressed"] = themes["respondents"].between(1, min_cell - 1) if min_cell else False
    ratings = rating_table(survey.ratings, municipalities, survey.scale_max)
    ratings["suppressed"] = ratings["n"].between(1, min_cell - 1) if min_cell else False
    if min_cell:  # a hidden row could be worked out from the total and the other rows
        for item, grp in ratings.groupby("item"):
            if grp.loc[grp["municipality"] != TOTAL, "suppressed"].any():
                ratings.loc[(ratings["item"] == item) & (ratings["municipality"] == TOTAL),
                            "suppressed"] = True
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
    present = set(answered_units(units)["polarity"].unique())
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
    coded["theme"] = coded["themes"].str.split(";")
    coded = coded.explode("theme")
    order = {t: i for i, t in enumerate(codebook.ids)}
    themes_by_id = {t.id: t for t in codebook.themes}
    rows = []
    for (muni, pol, theme), grp in coded.groupby(["municipality", "polarity", "theme"]):
        n = grp["person"].nunique()
        total = int(answered.get((muni, pol), 0))
        if redact_quotes:
            grp = grp.assign(text=grp["text"].map(lambda t: redact(str(t), known_names)))
        picked = pick_quotes(grp, quotes)
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


def pick_quotes(group: pd.DataFrame, n: int) -> list[str]:
    """Up to ``n`` short, typical quotes: units that carry few themes, from different people."""
    if n <= 0:
        return []
    cand = group.assign(
        _k=group["themes"].str.count(";"),
        _len=group["text"].str.len(),
        _short=group["text"].str.len() > _QUOTE_MAX,
    ).sort_values(["_short", "_k", "confidence", "_len"], ascending=[True, True, False, False])
    out, seen_resp, seen_text = [], set(), set()
    for r in cand.itertuples(index=False):
        text = " ".join(str(r.text).split())
        if len(text) > _QUOTE_MAX:
            text = text[: _QUOTE_MAX - 1].rsplit(" ", 1)[0] + " …"
        if r.person in seen_resp or text.casefold() in seen_text:
            continue
        out.append(text)
        seen_resp.add(r.person)
        seen_text.add(text.casefold())
        if len(out) == n:
            break
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
    """Per item × municipality: N, mean without "Vet ikke" (two decimals), "Vet ikke", percents.

    ``n`` counts respondents who gave a scale value or "Vet ikke"; empty cells are not counted.
    A ``Totalt`` row per item is added when there is more than one municipality.
    """
    cols = ["item", "municipality", "n", "mean", "dont_know", "distribution"]
    rows = []
    for item in dict.fromkeys(ratings["item"]):
        sub = ratings[ratings["item"] == item]
        groups = [(m, sub[sub["municipality"] == m]) for m in municipalities]
        if len(municipalities) > 1:
            groups.append((TOTAL, sub))
        for muni, grp in groups:
            values = grp["value"].dropna().astype(int)
            n = len(grp)
            dk = int(grp["dont_know"].sum())
            dist = {str(p): round_half_up(100 * int((values == p).sum()) / n, 1) if n else 0.0
                    for p in range(1, scale_max + 1)}
            dist[DONT_KNOW_LABEL] = round_half_up(100 * dk / n, 1) if n else 0.0
            mean = round_half_up(values.sum() / len(values)) if len(values) else None
            rows.append({"item": item, "municipality": muni, "n": n, "mean": mean,
                         "dont_know": dk, "distribution": dist})
    return pd.DataFrame(rows, columns=cols)


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
    rows = []
    for muni in municipalities:
        row = {"municipality": muni,
               "respondents": int(people[survey.respondents["municipality"] == muni].nunique())}
        for pol in _polarities(units):
            row[f"answered_{pol or 'uten_polaritet'}"] = int(real.loc[
                (real["municipality"] == muni) & (real["polarity"] == pol), "person"].nunique())
        row["answered_rating"] = int(raters[survey.ratings["municipality"] == muni].nunique())
        rows.append(row)
    return pd.DataFrame(rows)
