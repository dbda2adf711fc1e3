"""CSV output (UTF-8, comma): coded units, or the summary's tables as sibling files."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from fritekst.extract.readers import escape_cell
from fritekst.outfiles import replacing, write_text
from fritekst.summarize.tables import Summary


def write_coded(units: pd.DataFrame, meta: dict, path: Path) -> list[Path]:
    """One row per unit; every text cell as :func:`escape_cell` writes it, so Excel opens no
    formula and fritekst reads the file back cell for cell."""
    units = units.copy()
    for col in units.columns:
        if units[col].dtype == object or pd.api.types.is_string_dtype(units[col]):
            units[col] = units[col].map(lambda v: escape_cell(v) if isinstance(v, str) else v)
    _csv(units, path)
    return [path, _write_meta(meta, path)]


def write_summary(summary: Summary, path: Path) -> list[Path]:
    """The theme table goes to ``path``; ratings, responses and matrices to siblings."""
    themes = summary.shown_themes()
    themes["quotes"] = themes["quotes"].map(" | ".join)
    _csv(themes, path)
    written = [path]
    ratings = summary.shown_ratings()
    dist = pd.DataFrame([d or {} for d in ratings.pop("distribution")]).add_prefix("pct_")
    ratings = pd.concat([ratings.reset_index(drop=True), dist], axis=1)
    sibling = path.with_name(f"{path.stem}_ratings.csv")
    _csv(ratings, sibling)
    written.append(sibling)
    sibling = path.with_name(f"{path.stem}_responses.csv")
    _csv(summary.shown_responses(), sibling)
    written.append(sibling)
    for pol in summary.matrices:
        sibling = path.with_name(f"{path.stem}_matrix_{pol or 'uten_polaritet'}.csv")
        _csv(summary.shown_matrix(pol), sibling, index=True)
        written.append(sibling)
    written.append(_write_meta(summary.meta, path))
    return written


def _csv(df: pd.DataFrame, path: Path, index: bool = False) -> None:
    with replacing(path) as tmp:
        # the BOM lets Excel read æøå; CRLF line ends (as Excel writes them) also make the
        # csv module quote a cell holding a lone carriage return
        df.to_csv(tmp, index=index, encoding="utf-8-sig", lineterminator="\r\n")


def _write_meta(meta: dict, path: Path) -> Path:
    """Versions and counts beside the CSV, since a CSV has no place for them."""
    target = path.with_name(f"{path.stem}_meta.json")
    return write_text(target, json.dumps(meta, ensure_ascii=False, indent=2, default=str))
