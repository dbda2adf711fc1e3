"""Write a literature review to Excel (one sheet per view), JSON, or the sentences as CSV."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..errors import OutputError
from ..export.excel import _meta_frame, _sheet
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


def write_review(review: Review, path: str | Path) -> list[Path]:
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.parent.exists():
        raise OutputError(f"{path}: folder {path.parent} does not exist; create it first.")
    try:
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
        elif suffix == ".csv":
            review.sentences.to_csv(path, index=False, encoding="utf-8-sig")
        else:
            raise OutputError(f"{path}: cannot write '{suffix or '(no suffix)'}'; use .xlsx, "
                              ".json or .csv.")
    except PermissionError:
        raise OutputError(f"{path}: cannot write the file (is it open in Excel?); close it or "
                          "choose another name.") from None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the file ({exc.strerror}).") from None
    return [path]
