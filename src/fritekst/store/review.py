"""Review: which units a coder gets, and taking their codes back.

A coder gets a workbook of units (see :mod:`fritekst.export.review`) and fills in the
``themes`` column. Taking it back checks every row first — a unit of this project, the text
as exported, known theme ids — and stores nothing unless all rows are valid; then the codes
are added as that coder's, in the same transaction that records the file, so a file is taken
once and a crash leaves nothing half-stored.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import numpy as np
import pandas as pd

from fritekst.coding.codebook import Codebook
from fritekst.errors import StoreError
from fritekst.export.review import COLUMNS, NO_THEME, read_review
from fritekst.outfiles import file_sha256
from fritekst.privacy import redact
from fritekst.store.project import Project, _now

ORDERS = ("uncertain", "random", "source")
MAX_ERRORS = 20


def review_rows(units: pd.DataFrame, *, sample: int | None = None, order: str = "uncertain",
                blind: bool = False, seed: int = 0, first: list | None = None) -> pd.DataFrame:
    """The rows of a review workbook from machine-coded units (indexed by their id in the
    store): answer units only, the least sure first (``uncertain``), shuffled (``random``,
    seeded) or in the order of the files (``source``); the first ``sample`` of them. Units
    in ``first`` (coded with a theme since split) come before all others. The ``themes``
    column is the model's suggestion unless ``blind``."""
    if order not in ORDERS:
        raise StoreError(f"order must be one of {', '.join(ORDERS)}, not {order!r}.")
    early = set(first or [])
    answers = units[units["status"].isin(["coded", "uncoded"]) | units.index.isin(early)]
    if order == "uncertain":
        answers = answers.assign(_c=answers["confidence"].astype(float).fillna(0.0)) \
            .sort_values(["_c"], kind="stable")
    elif order == "random":
        answers = answers.iloc[np.random.default_rng(seed).permutation(len(answers))]
    if early:
        answers = pd.concat([answers[answers.index.isin(early)],
                             answers[~answers.index.isin(early)]])
    if sample is not None:
        answers = answers.head(sample)
    return pd.DataFrame({
        "unit_id": answers.index.astype(int), "municipality": answers["municipality"],
        "question": answers["question"], "text": answers["text"],
        "suggested": answers["themes"], "confidence": answers["confidence"].astype(float),
        "themes": "" if blind else answers["themes"].where(answers["themes"] != "", NO_THEME),
        "comment": ""})[COLUMNS].reset_index(drop=True)


def new_export_info(project: Project, codebook: Codebook, coder: str | None, n: int) -> dict:
    return {"export_id": uuid.uuid4().hex, "coder": coder or "", "project": str(project.folder),
            "codebook": f"{codebook.name} {codebook.version}",
            "codebook_sha256": codebook.sha256, "units": n}


def _taken(db, path: Path, digest: str, info: dict, coder: str) -> bool:
    """Whether this very file was taken back before; refuses an export another coder has
    already handed in."""
    if db.execute("SELECT 1 FROM reviews WHERE file_sha256 = ?", (digest,)).fetchone():
        return True
    other = db.execute("SELECT coder FROM reviews WHERE export_id = ? AND coder != ?",
                       (info.get("export_id", ""), coder)).fetchone()
    if other:
        raise StoreError(f"{path}: this export was already taken back as {other[0]}'s codes; "
                         f"each coder fills in their own export (fritekst review export "
                         f"--coder {coder}).")
    return False


def import_review(project: Project, path: str | Path, coder: str, codebook: Codebook) -> dict:
    """Check a filled-in review workbook row by row and store its codes as ``coder``'s.
    Returns counts: ``reviewed`` (codes stored), ``no_theme`` (of them, '-'),
    ``not_reviewed`` (rows left empty), and ``already`` (the same file was taken before,
    nothing stored again)."""
    path = Path(path)
    coder = coder.strip()
    if not coder:
        raise StoreError("give the coder's name with --coder NAME.")
    frame, info = read_review(path)
    if info.get("coder") and info["coder"] != coder:
        raise StoreError(f"{path}: this file was exported for {info['coder']}; take it back "
                         f"with --coder {info['coder']} (or export one for {coder}).")
    digest = file_sha256(path)
    db = project._db
    if _taken(db, path, digest, info, coder):
        return {"reviewed": 0, "no_theme": 0, "not_reviewed": 0, "already": True}
    stored = pd.read_sql_query("SELECT u.id, u.text, u.municipality, s.name FROM units u "
                               "JOIN sources s ON s.id = u.source_id", db).set_index("id")
    current = set(project.units()["unit_id"])
    known = frozenset(stored["municipality"].astype(str))
    ids = set(codebook.ids)
    errors: list[str] = []
    rows: list[tuple[int, str]] = []
    seen: dict[int, tuple[object, str]] = {}
    for _, r in frame.iterrows():
        where = f"row {r['sheet_row']}"
        raw_id = str(r["unit_id"]).strip()
        if not raw_id and not str(r["themes"]).strip():
            continue  # a row of comments only
        if not re.fullmatch(r"\d+(\.0+)?", raw_id):
            errors.append(f"{where}: unit_id {raw_id!r} is not a unit id; do not edit that "
                          "column.")
            continue
        unit = int(float(raw_id))
        if unit not in stored.index:
            errors.append(f"{where}: unit {unit} is not in this project; was the file made "
                          "for another project?")
            continue
        if unit not in current:
            errors.append(f"{where}: unit {unit} belongs to an older version of "
                          f"{stored.at[unit, 'name']}, imported again since; export a new "
                          "review file.")
            continue
        text = " ".join(str(r["text"]).split())
        original = str(stored.at[unit, "text"])
        if text not in (" ".join(original.split()), " ".join(redact(original, known).split())):
            errors.append(f"{where}: the text of unit {unit} was changed; put the exported "
                          "text back (codes are for the words the respondent wrote).")
            continue
        cell = str(r["themes"]).strip()
        if not cell:
            continue  # not reviewed
        if cell == NO_THEME:
            code = ""
        else:
            given = [t.strip() for t in cell.replace(",", ";").split(";") if t.strip()]
            unknown = [t for t in given if t not in ids]
            if unknown:
                errors.append(f"{where}: unknown theme id {unknown[0]!r}; use the ids on the "
                              f"sheet Kodebok, several joined with ';', or '{NO_THEME}' for "
                              "none.")
                continue
            code = ";".join(dict.fromkeys(given))
        if unit in seen:
            first_row, first_code = seen[unit]
            if set(first_code.split(";")) != set(code.split(";")):
                errors.append(f"{where}: unit {unit} is coded on row {first_row} too, "
                              "differently; keep one of the rows.")
            continue
        seen[unit] = (r["sheet_row"], code)
        rows.append((unit, code))
    if errors:
        more = len(errors) - MAX_ERRORS
        raise StoreError(f"{path}: {len(errors)} rows are not valid, so nothing was stored:\n"
                         + "\n".join(f"  {e}" for e in errors[:MAX_ERRORS])
                         + (f"\n  … and {more} more" if more > 0 else ""))
    codes = pd.DataFrame(rows, columns=["unit_id", "themes"])
    code_rows = project._code_rows(codes, origin="human", coder=coder, codebook=codebook)
    with project._transaction() as tx:
        # asked again under the write lock: another import may have taken it meanwhile
        if _taken(tx, path, digest, info, coder):
            return {"reviewed": 0, "no_theme": 0, "not_reviewed": 0, "already": True}
        project._insert_codes(tx, code_rows)
        tx.execute("INSERT INTO reviews (export_id, coder, file_sha256, rows, imported_at) "
                   "VALUES (?, ?, ?, ?, ?)",
                   (info.get("export_id", ""), coder, digest, len(rows), _now()))
    return {"reviewed": len(rows), "no_theme": sum(t == "" for _, t in rows),
            "not_reviewed": len(frame) - len(rows), "already": False}
