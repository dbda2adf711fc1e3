"""Writers, one module per format; ``write_coded`` and ``write_summary`` pick by file suffix."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from fritekst.errors import OutputError
from fritekst.export import delimited, excel, jsonout, markdown
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


def check_output_path(path: Path, suffixes=()) -> None:
    """Refuse an output path that cannot be written (call it before long work)."""
    if suffixes and path.suffix.lower() not in suffixes:
        raise OutputError(
            f"{path}: cannot write '{path.suffix or '(no suffix)'}'; use one of "
            f"{', '.join(sorted(suffixes))}."
        )
    if not path.parent.exists():
        raise OutputError(f"{path}: folder {path.parent} does not exist; create it first.")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name such as {path / 'ut'}"
                          f"{path.suffix or (sorted(suffixes)[0] if suffixes else '.csv')}.")


def _dispatch(formats: dict, path: Path, *args) -> list[Path]:
    check_output_path(path, formats)
    writer = formats[path.suffix.lower()]
    try:
        return writer(*args, path)
    except PermissionError:
        raise OutputError(
            f"{path}: cannot write the file (is it open in Excel?); close it or choose another "
            "name."
        ) from None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the file ({exc.strerror}).") from None
