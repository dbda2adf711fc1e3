"""The survey side's files: ``write_coded`` and ``write_summary`` pick the writer by suffix."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from fritekst.export import delimited, excel, jsonout, markdown
from fritekst.outfiles import check_output_path
from fritekst.summarize.tables import Summary

CODED_FORMATS = {".csv": delimited.write_coded, ".xlsx": excel.write_coded,
                 ".jsonl": jsonout.write_coded}
SUMMARY_FORMATS = {".xlsx": excel.write_summary, ".md": markdown.write_summary,
                   ".csv": delimited.write_summary, ".json": jsonout.write_summary}


def write_coded(units: pd.DataFrame, meta: dict, path: str | Path) -> list[Path]:
    """Write coded units as .csv, .xlsx or .jsonl; returns the files written."""
    return _dispatch(CODED_FORMATS, Path(path), units, meta)


def write_summary(summary: Summary, path: str | Path) -> list[Path]:
    """Write a summary as .xlsx, .md, .csv or .json; returns the files written."""
    return _dispatch(SUMMARY_FORMATS, Path(path), summary)


def coded_csv(units: pd.DataFrame) -> str:
    """Coded units as CSV text for a pipe, escaped as every CSV fritekst writes."""
    return delimited.csv_text(units)


def check_coded_path(path: str | Path) -> Path:
    """Check an output path for coded units before the work starts."""
    return check_output_path(path, CODED_FORMATS)


def check_summary_path(path: str | Path) -> Path:
    """Check an output path for a summary before the work starts."""
    return check_output_path(path, SUMMARY_FORMATS)


def _dispatch(formats: dict, path: Path, *args) -> list[Path]:
    check_output_path(path, formats)
    return formats[path.suffix.lower()](*args, path)
