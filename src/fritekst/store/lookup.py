"""Searching the report index with nothing but SQLite and the search keys.

What ``fritekst search`` runs on an indexed project: it loads neither pandas nor the coder,
so that a search answers from the shell in well under a second. The report index
(:mod:`fritekst.store.reports`) keeps it current and uses :func:`find` for its own searches, so
both give the same hits.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from fritekst.coding import CoderSpec
from fritekst.errors import FritekstError
from fritekst.extract.files import pdf_files
from fritekst.extract.settings import LayoutSettings
from fritekst.literature.cite import told_apart
from fritekst.literature.search import HIT_COLUMNS, match, query_keys
from fritekst.outfiles import file_sha256
from fritekst.store import schema
from fritekst.store.schema import DB_NAME

INDEX_FORMAT = "2"  # raised when what is stored per file changes

# the sentence columns a hit shows that are text (None is stored for an empty one)
_TEXT = ("source", "page_label", "section", "text", "themes", "polarity", "municipalities")


@dataclass
class IndexHits:
    """The hits of a search in the index (dicts of
    :data:`~fritekst.literature.search.HIT_COLUMNS`, in report and page order), how many
    reports were searched, and per file id the sentences that could match."""

    hits: list[dict]
    reports: int
    candidates: dict[int, list[int]] = field(default_factory=dict)

    def frame(self):
        """The hits as a DataFrame, as :func:`~fritekst.literature.search.search` gives them."""
        import pandas as pd

        return pd.DataFrame(self.hits, columns=HIT_COLUMNS)


def built_with(spec: CoderSpec, settings: LayoutSettings | dict | None,
               ocr: bool = False) -> str:
    """The fingerprint of everything a file's stored reading depends on besides its bytes."""
    from fritekst import __version__

    layout = LayoutSettings.resolve(settings)
    stamp = {"fritekst": __version__, "index": INDEX_FORMAT, "coder": spec.fingerprint(),
             "layout": repr(layout)}
    return json.dumps({**stamp, "ocr": True} if ocr else stamp, sort_keys=True)


@dataclass
class Pending:
    """What bringing the index up to date for some inputs would do: the files they name (as
    keys, in order), those already current, those only touched (size, mtime, key: current
    by their checksum), those to read, and the indexed files gone from a folder given."""

    files: list[str]
    unchanged: list[str]
    touched: list[tuple[int, int, str]]
    todo: list[Path]
    gone: list[str]
    stored: list[str]

    @property
    def current(self) -> bool:
        return not (self.touched or self.todo or self.gone)


def pending(db: sqlite3.Connection, inputs: Iterable[str | Path], spec: CoderSpec,
            settings: LayoutSettings | dict | None = None, ocr: bool = False) -> Pending:
    """Compare the PDFs under ``inputs`` with the index (see :class:`Pending`). A file
    indexed with OCR serves runs without it too; one indexed without is read again for OCR."""
    inputs = list(inputs)
    stamp = built_with(spec, settings, ocr)
    serves = {stamp} if ocr else {stamp, built_with(spec, settings, True)}
    paths = pdf_files(inputs)
    state = Pending([str(f.resolve()) for f in paths], [], [], [], [], [])
    stored = {r[0]: r for r in db.execute(
        "SELECT key, size, mtime_ns, sha256, built_with FROM report_files")}
    state.stored = list(stored)
    for path, key in zip(paths, state.files, strict=True):
        st = path.stat()
        row = stored.get(key)
        if row and row[4] in serves and (row[1], row[2]) == (st.st_size, st.st_mtime_ns):
            state.unchanged.append(key)
        elif row and row[4] in serves and row[3] == file_sha256(path):
            state.unchanged.append(key)
            state.touched.append((st.st_size, st.st_mtime_ns, key))
        else:
            state.todo.append(path)
    folders = [str(Path(p).resolve()) for p in inputs if Path(p).is_dir()]
    given = set(state.files)
    state.gone = [k for k in stored if k not in given and
                  any(k.startswith(d.rstrip(os.sep) + os.sep) for d in folders)]
    return state


def search_project(query: str, project: str | Path = ".", inputs: Iterable[str | Path] = (),
                   *, spec: CoderSpec | None = None,
                   settings: LayoutSettings | dict | None = None, ocr: bool = False,
                   theme: str | None = None, municipality: str | None = None
                   ) -> IndexHits | None:
    """Keyword in context over the reports under ``inputs`` (every indexed report when
    none) from the project's index alone. The hits are those of
    :func:`~fritekst.store.reports.search_index`; None when files under ``inputs`` are new,
    changed or gone, so that the index must be brought up to date first (which
    :func:`~fritekst.store.reports.search_index` does)."""
    inputs = list(inputs)
    db = _open(Path(project) / DB_NAME)
    if db is None:
        # no store, an older schema, or unreadable: the store itself says why, or migrates
        from fritekst.store.project import Project

        if inputs:
            return None
        with Project(project, create=False) as store:
            return find(store._db, query, theme=theme, municipality=municipality)
    with contextlib.closing(db):
        keys = None
        if inputs:
            state = pending(db, inputs, spec or CoderSpec(), settings, ocr)
            if not state.current:
                return None
            keys = state.files
        return find(db, query, keys, theme=theme, municipality=municipality)


def _open(path: Path) -> sqlite3.Connection | None:
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=5.0)
    except sqlite3.Error:
        return None
    try:
        if db.execute("PRAGMA user_version").fetchone()[0] == schema.version():
            return db
    except sqlite3.Error:
        pass
    db.close()
    return None


def find(db: sqlite3.Connection, query: str, keys: list[str] | None = None, *,
         theme: str | None = None, municipality: str | None = None) -> IndexHits:
    """The search over the indexed files ``keys`` (all when None) in the store ``db``: only
    sentences whose keys can match are read, then checked as a search without an index
    checks them."""
    wanted = query_keys(query)
    labels = indexed_labels(db)
    if theme and theme not in labels:
        raise FritekstError(f"unknown theme '{theme}'; use one of {', '.join(labels)}.")
    files = indexed_files(db, keys, "meta")
    cites = dict(zip((f[0] for f in files),
                     told_apart([json.loads(f[2])["citation"] for f in files]), strict=True))
    expr = " AND ".join("(" + " OR ".join(_quoted(k) for k in sorted(ks)) + ")"
                        for ks in wanted)
    candidates: dict[int, list[int]] = {}
    for sid, fid in db.execute(
            "SELECT s.id, s.file_id FROM report_keys JOIN report_sentences s "
            "ON s.id = report_keys.rowid WHERE report_keys MATCH ?", (expr,)):
        if fid in cites:
            candidates.setdefault(fid, []).append(sid)
    hits = []
    for fid, _key, _meta in files:
        ids = candidates.get(fid)
        if ids:
            rows = _rows(db, fid, ids, cites[fid])
            hits += match(rows, wanted, theme=theme, municipality=municipality)
    return IndexHits(hits, len(files), candidates)


def _rows(db: sqlite3.Connection, fid: int, ids: list[int], cite: str) -> Iterable[dict]:
    """The stored sentences ``ids`` of a file, in reading order, as the review reads them."""
    for (stored,) in db.execute(
            f"SELECT row FROM report_sentences WHERE file_id = ? AND id IN "
            f"({','.join('?' * len(ids))}) ORDER BY seq", [fid, *ids]):
        row = json.loads(stored)
        for col in _TEXT:
            value = row.get(col)
            row[col] = "" if value is None else str(value)
        row["page_index"] = int(row["page_index"])
        row["report"] = cite
        yield row


def indexed_labels(db: sqlite3.Connection) -> dict[str, str]:
    """Theme id → label of the codebook the index was coded with (the shipped codebook's
    while nothing is indexed)."""
    row = db.execute("SELECT coder FROM report_files LIMIT 1").fetchone()
    if row is None:
        from fritekst.coding.codebook import load_codebook

        return dict(load_codebook().labels)
    return json.loads(row[0])["labels"]


def indexed_files(db: sqlite3.Connection, keys: list[str] | None, *columns: str
                  ) -> list[tuple]:
    """(id, key, *columns) of the indexed files ``keys``, in that order (all, by key, when
    None); keys not indexed are left out."""
    rows = db.execute(f"SELECT {', '.join(('id', 'key', *columns))} FROM report_files "
                      "ORDER BY key").fetchall()
    if keys is None:
        return rows
    by_key = {r[1]: r for r in rows}
    return [by_key[k] for k in keys if k in by_key]


def _quoted(key: str) -> str:
    return '"' + key.replace('"', '""') + '"'
