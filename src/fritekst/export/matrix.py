"""The respondent × theme matrix as a file: .csv and .xlsx (with a sheet of labels), and
.sav for SPSS, Stata and R with variable and value labels (needs pyreadstat:
``pip install "fritekst[spss]"``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from fritekst.errors import OutputError
from fritekst.export import delimited
from fritekst.export.excel import sheet
from fritekst.outfiles import check_output_path, replacing
from fritekst.summarize.respondents import RespondentMatrix

SUFFIXES = (".csv", ".xlsx", ".sav")


def check_matrix_path(path: str | Path) -> Path:
    """Refuse a matrix path that cannot be written (suffix, folder) before any work."""
    return check_output_path(path, SUFFIXES)


def write_matrix(matrix: RespondentMatrix, path: str | Path) -> list[Path]:
    """Write the matrix as .csv, .xlsx (with a sheet of variable labels) or .sav (variable
    and value labels, missing values declared), beside the target and then renamed."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        delimited.write_csv(matrix.table, path)
    elif suffix == ".xlsx":
        labels = pd.DataFrame({"Variabel": list(matrix.labels),
                               "Etikett": list(matrix.labels.values())})
        with replacing(path) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as xw:
            sheet(xw, matrix.table, "Respondenter")
            sheet(xw, labels, "Variabler")
    elif suffix == ".sav":
        try:
            import pyreadstat
        except ImportError:
            raise OutputError(f"{path}: writing .sav needs pyreadstat; install it with "
                              "pip install \"fritekst[spss]\", or write .csv or .xlsx.") from None
        table = matrix.table.copy()
        for col in table.columns:
            if str(table[col].dtype) == "Int64":
                table[col] = table[col].astype("float64")
        names: dict[str, str | None] = dict(matrix.labels)
        values: dict[str, dict[int | float, str]] = {
            c: {float(k): t for k, t in v.items()} for c, v in matrix.value_labels.items()}
        missing: dict = {c: list(v) for c, v in matrix.missing.items()}
        with replacing(path) as tmp:
            pyreadstat.write_sav(table, str(tmp), column_labels=names,
                                 variable_value_labels=values, missing_ranges=missing)
    else:  # pragma: no cover - check_matrix_path refuses other suffixes first
        raise OutputError(f"{path}: use one of {', '.join(SUFFIXES)}.")
    return [path]
