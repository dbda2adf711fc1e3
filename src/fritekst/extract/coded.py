"""A coded file read back: what ``fritekst code -o`` wrote, with the themes a researcher
corrected by hand in Excel, so it can be summarised with those themes as the codes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from fritekst.errors import InputError
from fritekst.extract.readers import decode_bytes, read_table
from fritekst.extract.survey import Survey

CODED_COLUMNS = ["source", "row", "respondent", "municipality", "question", "polarity", "unit",
                 "text", "themes", "confidence", "evidence", "status", "polarity_from"]
_NEEDED = {"source", "row", "respondent", "municipality", "question", "polarity", "unit",
           "text", "themes", "status"}
_STATUSES = {"coded", "uncoded", "to_review", "non_answer"}
RATING_COLUMNS = ["source", "row", "respondent", "municipality", "item", "value", "dont_know"]


def is_coded_file(path: str | Path) -> bool:
    """Whether a table is a file of coded units written by fritekst (its columns)."""
    if not _may_name_columns(Path(path)):
        return False
    try:
        table = read_table(path)
    except InputError:
        return False
    return {h.strip() for h in table.header} >= _NEEDED


def _may_name_columns(path: Path) -> bool:
    """False where a delimited file's text does not hold every column name of a coded file
    anywhere (a survey export): then it need not be read as a table. (HTML entities could
    spell a name, so a text with "&" is read.)"""
    if path.suffix.lower() not in (".csv", ".tsv"):
        return True
    try:
        text = decode_bytes(path, path.read_bytes())[0]
    except (OSError, InputError):
        return True  # reading it as a table says what is wrong
    return "&" in text or all(name in text for name in _NEEDED)


def load_coded(paths: list[str | Path], themes: list[str]) -> tuple[pd.DataFrame, Survey]:
    """Coded units and the survey they describe, from files written by ``fritekst code -o``
    (.xlsx, .csv). The ``themes`` column is taken as it stands (a researcher's corrections
    included); a unit's status follows it: themes → ``coded``, none → ``uncoded`` (a
    ``to_review`` unit left empty stays ``to_review``). Unknown theme ids and statuses are
    errors naming the row. A coded file holds no ratings and no empty boxes."""
    known = set(themes)
    frames, notes = [], []
    for path in paths:
        table = read_table(path, again="write the coded units again with fritekst code -o")
        header = [h.strip() for h in table.header]
        missing = sorted(_NEEDED - set(header))
        if missing:
            raise InputError(f"{path}: not a file of coded units (no column {missing[0]!r}); "
                             "summarize survey exports, or files written by fritekst code -o.")
        df = pd.DataFrame(table.rows, columns=header).astype(str)
        for n, (themes_cell, status) in enumerate(zip(df["themes"], df["status"], strict=True)):
            row = table.row_numbers[n]
            bad = [t.strip() for t in themes_cell.replace(",", ";").split(";")
                   if t.strip() and t.strip() not in known]
            if bad:
                raise InputError(f"{path}, row {row}: unknown theme '{bad[0]}'; known ids: "
                                 f"{', '.join(themes)}.")
            if status.strip() not in _STATUSES:
                raise InputError(f"{path}, row {row}: status '{status}' is not coded, uncoded, "
                                 "to_review or non_answer; do not edit that column.")
        for col in ("confidence", "evidence", "polarity_from"):
            if col not in df:
                df[col] = ""
        df["themes"] = df["themes"].map(
            lambda s: ";".join(t.strip() for t in s.replace(",", ";").split(";") if t.strip()))
        status = df["status"].str.strip()
        answer = status.isin(["coded", "uncoded", "to_review"])
        df["status"] = status.where(~answer, "uncoded")
        df.loc[answer & (df["themes"] != ""), "status"] = "coded"
        df.loc[answer & (df["themes"] == "") & (status == "to_review"), "status"] = "to_review"
        df["row"] = pd.to_numeric(df["row"], errors="coerce").fillna(0).astype(int)
        df["unit"] = pd.to_numeric(df["unit"], errors="coerce").fillna(0).astype(int)
        df["confidence"] = pd.to_numeric(df["confidence"], errors="coerce").astype("Float64")
        df["polarity"] = df["polarity"].where(df["polarity"].str.strip() != "", None)
        frames.append(df[CODED_COLUMNS])
        notes.append(f"{path}: a coded file; its themes are counted as they stand (a "
                     f"researcher's corrections included) for {int(answer.sum())} answer units. "
                     "It holds no ratings and no empty boxes, so the rating tables are empty.")
    units = pd.concat(frames, ignore_index=True)
    respondents = units.drop_duplicates(["source", "municipality", "respondent"])[
        ["source", "row", "respondent", "municipality"]].reset_index(drop=True)
    answers = units["status"].isin(["coded", "uncoded", "to_review"])
    counts = {"rows": len(respondents), "respondents": len(respondents), "skipped_rows": 0,
              "units": int(answers.sum()),
              "non_answers": int((units["status"] == "non_answer").sum())}
    survey = Survey(sources=[str(p) for p in paths], respondents=respondents,
                    units=units[["source", "row", "respondent", "municipality", "question",
                                 "polarity", "unit", "text", "status"]],
                    ratings=pd.DataFrame(columns=RATING_COLUMNS), plans={}, counts=counts,
                    notes=notes)
    return units, survey
