"""JSON output: coded units as JSON lines, the summary as one object."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from fritekst.outfiles import replacing, write_text
from fritekst.summarize.tables import Summary


def write_coded(units: pd.DataFrame, meta: dict, path: Path) -> list[Path]:
    """One JSON object per unit; the first line is ``{"meta": …}``."""
    with replacing(path) as tmp, tmp.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"meta": meta}, ensure_ascii=False, default=str) + "\n")
        for rec in units.to_dict(orient="records"):
            rec = {k: (None if _missing(v) else v) for k, v in rec.items()}
            rec["themes"] = [t for t in (rec["themes"] or "").split(";") if t]
            fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
    return [path]


def write_summary(summary: Summary, path: Path) -> list[Path]:
    return [write_text(path, summary_json(summary))]


def summary_json(summary: Summary) -> str:
    """The ``--json`` object (themes, ratings, responses, meta) as text."""
    return json.dumps(summary.to_json(), ensure_ascii=False, indent=2, default=str)


def _missing(v) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False
