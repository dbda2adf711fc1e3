"""CSV output: coded units, the summary's tables as sibling files, and the one way fritekst
writes any CSV (:func:`write_csv`): UTF-8 with a BOM so Excel shows æøå, CRLF line ends as
Excel writes them, and every text cell escaped so Excel opens no formula and fritekst reads
the file back cell for cell."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from fritekst.extract.readers import escape_cell
from fritekst.outfiles import replacing, write_text
from fritekst.summarize.tables import Summary


def write_coded(units: pd.DataFrame, meta: dict, path: Path) -> list[Path]:
    """One row per unit, and the run's metadata beside it."""
    write_csv(units, path)
    return [path, _write_meta(meta, path)]


def write_csv(df: pd.DataFrame, path: str | Path, index: bool = False) -> Path:
    """Write a table as fritekst writes every CSV (see the module docstring), safely."""
    with replacing(path) as tmp:
        _escaped(df).to_csv(tmp, index=index, encoding="utf-8-sig", lineterminator="\r\n")
    return Path(path)


def csv_text(df: pd.DataFrame) -> str:
    """A table as CSV text for a pipe: escaped like :func:`write_csv`, without the BOM."""
    return _escaped(df).to_csv(index=False, lineterminator="\r\n")


def _escaped(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: escape_cell(v) if isinstance(v, str) else v)
    return out


def write_summary(summary: Summary, path: Path) -> list[Path]:
    """The theme table goes to ``path``; ratings, responses and matrices to siblings."""
    themes = summary.shown_themes()
    themes["quotes"] = themes["quotes"].map(" | ".join)
    write_csv(themes, path)
    written = [path]
    sibling = path.with_name(f"{path.stem}_ratings.csv")
    write_csv(_flat_ratings(summary.shown_ratings()), sibling)
    written.append(sibling)
    sibling = path.with_name(f"{path.stem}_responses.csv")
    write_csv(summary.shown_responses(), sibling)
    written.append(sibling)
    for pol in summary.matrices:
        sibling = path.with_name(f"{path.stem}_matrix_{pol or 'uten_polaritet'}.csv")
        write_csv(summary.shown_matrix(pol), sibling, index=True)
        written.append(sibling)
    if summary.by_role is not None:
        sibling = path.with_name(f"{path.stem}_by_role_themes.csv")
        write_csv(summary.shown_role_themes(), sibling)
        written.append(sibling)
        sibling = path.with_name(f"{path.stem}_by_role_ratings.csv")
        write_csv(_flat_ratings(summary.by_role.shown_ratings(summary.min_cell)), sibling)
        written.append(sibling)
    written.append(_write_meta(summary.meta, path))
    return written


def _flat_ratings(ratings: pd.DataFrame) -> pd.DataFrame:
    """Rating rows with the distribution as ``pct_<point>`` columns."""
    dist = pd.DataFrame([d or {} for d in ratings.pop("distribution")]).add_prefix("pct_")
    return pd.concat([ratings.reset_index(drop=True), dist], axis=1)


def _write_meta(meta: dict, path: Path) -> Path:
    """Versions and counts beside the CSV, since a CSV has no place for them."""
    target = path.with_name(f"{path.stem}_meta.json")
    return write_text(target, json.dumps(meta, ensure_ascii=False, indent=2, default=str))
