"""Write a literature review to Excel (one sheet per view), JSON, or the sentences as CSV."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from ..errors import OutputError
from ..export import check_output_path
from ..export.excel import _meta_frame, _sheet
from .bib import to_bibtex, to_ris
from .meta import ReportMeta
from .review import Review

SHEETS = ("Setninger", "Tema x rapport", "Kommune x tema", "Rapporter", "Sider uten tekst", "Meta")


def review_json(review: Review) -> dict:
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


def meta_rows(metas: list[ReportMeta]) -> list[dict]:
    return [{**m.as_dict(), "citation": m.citation} for m in metas]


def write_meta(metas: list[ReportMeta], path: str | Path) -> list[Path]:
    """Report metadata as BibTeX (.bib), RIS (.ris), or a table (.csv, .xlsx, .json)."""
    path = Path(path)
    check_output_path(path, META_SUFFIXES)
    suffix = path.suffix.lower()
    with _writing(path):
        if suffix == ".bib":
            path.write_text(to_bibtex(metas), encoding="utf-8")
        elif suffix == ".ris":
            path.write_text(to_ris(metas), encoding="utf-8")
        elif suffix == ".json":
            path.write_text(json.dumps(meta_rows(metas), ensure_ascii=False, indent=1),
                            encoding="utf-8")
        elif suffix == ".csv":
            pd.DataFrame(meta_rows(metas)).to_csv(path, index=False, encoding="utf-8-sig")
        else:
            with pd.ExcelWriter(path, engine="openpyxl") as xw:
                _sheet(xw, pd.DataFrame(meta_rows(metas)), "Rapporter")
    return [path]


@contextmanager
def _writing(path: Path):
    try:
        yield
    except PermissionError:
        raise OutputError(f"{path}: cannot write the file (is it open in Excel?); close it or "
                          "choose another name.") from None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the file ({exc.strerror}).") from None


def write_review(review: Review, path: str | Path) -> list[Path]:
    path = Path(path)
    check_output_path(path, REVIEW_SUFFIXES)
    suffix = path.suffix.lower()
    with _writing(path):
        if suffix == ".xlsx":
            with pd.ExcelWriter(path, engine="openpyxl") as xw:
                views = [review.sentences.drop(columns=["source"]), review.theme_report(),
                         review.municipality_theme(), review.reports, review.skipped_pages,
                         _meta_frame(review.meta)]
                for name, frame in zip(SHEETS, views, strict=True):
                    _sheet(xw, frame, name)
        elif suffix == ".json":
            path.write_text(json.dumps(review_json(review), ensure_ascii=False, indent=1,
                                       default=str), encoding="utf-8")
        else:
            review.sentences.to_csv(path, index=False, encoding="utf-8-sig")
    return [path]
