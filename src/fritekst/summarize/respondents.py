"""One row per respondent, for statistics programs: the survey's own columns (municipality,
the ratings), whether the respondent answered each kind of question, and one 0/1 column per
polarity × theme, counted as the theme tables count (a theme named twice is 1)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from fritekst.coding.codebook import Codebook
from fritekst.extract.survey import Survey, respondent_key
from fritekst.summarize.tables import answered_units

PREFIX = {"styrke": "sty", "utfordring": "utf", "": "tema"}
POLARITY_NAMES = {"styrke": "Styrke", "utfordring": "Utfordring", "": "Tema"}
DONT_KNOW = 99


@dataclass
class RespondentMatrix:
    """``table``: one row per respondent; ``labels``: column → a readable label;
    ``value_labels``: column → {value: label}; ``missing``: column → values that mean
    "no answer" in a statistics program (``Vet ikke``)."""

    table: pd.DataFrame
    labels: dict[str, str]
    value_labels: dict[str, dict[int, str]]
    missing: dict[str, list[int]]


def respondent_matrix(units: pd.DataFrame, survey: Survey, codebook: Codebook
                      ) -> RespondentMatrix:
    """The matrix from coded units (researchers' codes already in place) and their survey.
    Ratings are the scale value, ``Vet ikke`` is 99 (declared missing), an empty cell is
    empty. ``svarte_<polarity>`` is 1 where the respondent answered a question of that
    polarity, so a 0 in a theme column can be told from no answer. A theme the respondent
    did not name is missing, not 0, where one of their answers of that kind waits for
    review (its themes are not known yet)."""
    people = survey.respondents.copy()
    people["_key"] = respondent_key(people)
    people = people.drop_duplicates("_key", keep="last")
    table = people[["_key", "source", "respondent", "municipality"]].copy()
    labels = {"source": "Fil", "respondent": "Respondent", "municipality": "Kommune"}
    value_labels: dict[str, dict[int, str]] = {}
    missing: dict[str, list[int]] = {}
    ratings = survey.ratings.copy()
    if len(ratings):
        ratings["_key"] = respondent_key(ratings)
        for i, item in enumerate(dict.fromkeys(ratings["item"]), start=1):
            col = f"vurdering_{i}"
            sub = ratings[ratings["item"] == item]
            value = sub["value"].astype("Int64").where(~sub["dont_know"].astype(bool),
                                                        DONT_KNOW)
            table[col] = table["_key"].map(dict(zip(sub["_key"], value, strict=True))) \
                .astype("Int64")
            labels[col] = str(item)
            value_labels[col] = {DONT_KNOW: "Vet ikke"}
            missing[col] = [DONT_KNOW]
    real = answered_units(units)
    for pol in [p for p in ("styrke", "utfordring", "") if p in set(real["polarity"])]:
        sub = real[real["polarity"] == pol]
        col = f"svarte_{PREFIX[pol]}"
        table[col] = table["_key"].isin(set(sub["person"])).astype(int)
        waiting = table["_key"].isin(set(sub.loc[sub["status"] == "to_review", "person"]))
        labels[col] = f"Svarte på spørsmål: {POLARITY_NAMES[pol].lower()}"
        value_labels[col] = {0: "Nei", 1: "Ja"}
        for theme in codebook.themes:
            named = sub[sub["themes"].fillna("").str.split(";").map(lambda ts, t=theme.id:
                                                                        t in ts)]
            col = f"{PREFIX[pol]}_{theme.id}"
            table[col] = table["_key"].isin(set(named["person"])).astype("Int64")
            table.loc[waiting & (table[col] == 0), col] = pd.NA
            labels[col] = f"{POLARITY_NAMES[pol]}: {theme.label_for(pol or None)}"
            value_labels[col] = {0: "Ikke nevnt", 1: "Nevnt"}
    return RespondentMatrix(table.drop(columns="_key").reset_index(drop=True), labels,
                            value_labels, missing)
