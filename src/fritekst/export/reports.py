"""Write a literature review to Excel (one sheet per view), JSON, or the sentences as CSV."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from fritekst.export.bib import to_bibtex, to_ris
from fritekst.export.delimited import write_csv
from fritekst.export.excel import meta_frame, sheet
from fritekst.literature.meta import ReportMeta
from fritekst.literature.review import Review
from fritekst.outfiles import check_output_path, replacing, write_text

SHEETS = ("Setninger", "Tema x rapport", "Kommune x tema", "Rapporter", "Sider uten tekst", "Meta")


def review_json(review: Review) -> dict:
    """The review as one JSON object: meta, reports, sentences, both matrices, skipped
    pages."""
    def records(df: pd.DataFrame) -> list[dict]:
        return json.loads(df.to_json(orient="records", force_ascii=False))

    return {
        "meta": review.meta,
        "reports": records(review.reports),
        "sentences": records(review.sentences),
        "theme_report": records(review.theme_report()),
        "municipality_theme": records(review.municipality_theme()),
        "skipped_pages": records(review.skipped_pages),
    }


REVIEW_SUFFIXES = (".xlsx", ".json", ".csv")
META_SUFFIXES = (".bib", ".ris", ".csv", ".xlsx", ".json")


def check_review_path(path: str | Path) -> Path:
    """Check an output path for a review before the work starts."""
    return check_output_path(path, REVIEW_SUFFIXES)


def check_meta_path(path: str | Path) -> Path:
    """Check an output path for report metadata before the work starts."""
    return check_output_path(path, META_SUFFIXES)


def meta_rows(metas: list[ReportMeta]) -> list[dict]:
    """One flat dict per report (authors and keywords joined by "; ") with its citation."""
    return [{**m.as_dict(), "citation": m.citation} for m in metas]


def write_meta(metas: list[ReportMeta], path: str | Path) -> list[Path]:
    """Report metadata as BibTeX (.bib), RIS (.ris), or a table (.csv, .xlsx, .json)."""
    path = Path(path)
    check_output_path(path, META_SUFFIXES)
    suffix = path.suffix.lower()
    if suffix == ".bib":
        write_text(path, to_bibtex(metas))
    elif suffix == ".ris":
        write_text(path, to_ris(metas))
    elif suffix == ".json":
        write_text(path, json.dumps(meta_rows(metas), ensure_ascii=False, indent=1))
    elif suffix == ".csv":
        write_csv(pd.DataFrame(meta_rows(metas)), path)
    else:
        with replacing(path) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as xw:
            sheet(xw, pd.DataFrame(meta_rows(metas)), "Rapporter")
    return [path]


def write_review(review: Review, path: str | Path) -> list[Path]:
    """Write a review as .xlsx (one sheet per view), .json or .csv (the coded sentences)."""
    path = Path(path)
    check_output_path(path, REVIEW_SUFFIXES)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        with replacing(path) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as xw:
            views = [review.sentences.drop(columns=["source"]), review.theme_report(),
                     review.municipality_theme(), review.reports, review.skipped_pages,
                     meta_frame(review.meta)]
            for name, frame in zip(SHEETS, views, strict=True):
                sheet(xw, frame, name)
    elif suffix == ".json":
        write_text(path, json.dumps(review_json(review), ensure_ascii=False, indent=1,
                                    default=str))
    else:
        write_csv(review.sentences, path)
    return [path]
