"""The report index: every PDF read, coded and made searchable once, in the project's store.

A file is known by its absolute path; its size and modification time tell an unchanged file
without reading it, its sha256 a file that was only touched. A file is read again when its
bytes change or when fritekst, the coder or the layout settings it was read with change (the
*built_with* fingerprint). A folder indexed again also loses the files no longer in it.

Each sentence's search keys (see :func:`fritekst.literature.search.sentence_keys`) are kept
in an SQLite FTS5 table, so a search reads only the sentences that can match and checks those
exactly as a search without an index would: the hits are the same, only faster.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from fritekst.coding import CoderSpec
from fritekst.coding.base import Coder, CoderInfo
from fritekst.extract.pdf import Failure
from fritekst.extract.settings import LayoutSettings
from fritekst.literature.review import (
    MIN_RELEVANT,
    SENTENCE_COLUMNS,
    ReportPart,
    Review,
    assemble,
    read_and_review,
)
from fritekst.literature.search import sentence_keys
from fritekst.outfiles import file_sha256
from fritekst.store.lookup import (
    built_with,
    find,
    indexed_files,
    indexed_labels,
    pending,
)
from fritekst.store.project import DB_NAME, Project


@dataclass
class IndexResult:
    """What indexing did: files read now (new or changed), files already current, files
    dropped because they left an indexed folder, and files that could not be read."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # indexed and current, in the order given


class ReportIndex:
    """The report index of a :class:`~fritekst.store.Project`."""

    def __init__(self, project: Project):
        self.project = project
        self._db = project._db

    # ---- keeping it current ------------------------------------------------------------
    def update(self, inputs: Iterable[str | Path], spec: CoderSpec | None = None, *,
               coder: Coder | None = None,
               settings: LayoutSettings | dict | None = None,
               progress: Callable[[int, int], None] | None = None,
               workers: int | None = None, ocr: bool = False) -> IndexResult:
        """Bring the index up to date for the PDFs under ``inputs``: read and code the new
        and changed files (the coder is made from ``spec`` only then, unless ``coder`` is
        that coder already made), and forget files that left a folder given. With ``ocr``,
        pages that are images are read by Tesseract; a file indexed with OCR serves later
        runs without it too, one indexed without is read again when OCR is asked for."""
        spec = spec or CoderSpec()
        stamp = built_with(spec, settings, ocr)
        state = pending(self._db, inputs, spec, settings, ocr)
        result = IndexResult(files=state.files, unchanged=state.unchanged)
        todo, touched, gone = state.todo, state.touched, state.gone
        stored = set(state.stored)
        with self.project._transaction() as db:
            db.executemany("UPDATE report_files SET size = ?, mtime_ns = ? WHERE key = ?",
                           touched)
            for key in gone:
                self._forget(db, key)
        result.dropped = gone
        if todo:
            coder = coder or spec.make()
            docs, parts, result.failures = read_and_review(
                todo, coder, workers=workers, progress=progress, settings=settings, ocr=ocr)
            info = CoderInfo.of(coder)
            for doc, part in zip(docs, parts, strict=True):
                key = str(Path(doc.source).resolve())
                (result.updated if key in stored else result.added).append(key)
                self._store(Path(doc.source), part, stamp, info)
            failed = {str(Path(f.source).resolve()) for f in result.failures}
            result.files = [k for k in result.files if k not in failed]
        return result

    def _store(self, path: Path, part: ReportPart, stamp: str, info: CoderInfo) -> None:
        key = str(path.resolve())
        st = path.stat()
        status = part.sentences["status"].value_counts()
        counts = {s: int(status.get(s, 0)) for s in ("coded", "uncoded", "not_coded")}
        counts["sentences"] = len(part.sentences)
        rows = json.loads(part.sentences.to_json(orient="records", force_ascii=False))
        with self.project._transaction() as db:
            self._forget(db, key)
            cur = db.execute(
                "INSERT INTO report_files (key, sha256, size, mtime_ns, built_with, coder, meta, "
                "skipped, pages, counts, indexed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key, file_sha256(path), st.st_size, st.st_mtime_ns, stamp,
                 json.dumps({"described": info.described, "model_version": info.model_version,
                             "labels": info.labels}, ensure_ascii=False),
                 json.dumps(part.meta, ensure_ascii=False, default=str),
                 json.dumps(part.skipped, ensure_ascii=False), part.pages, json.dumps(counts),
                 datetime.now(UTC).isoformat(timespec="seconds")))
            file_id = cur.lastrowid
            for seq, row in enumerate(rows):
                sid = db.execute("INSERT INTO report_sentences (file_id, seq, row) "
                                 "VALUES (?, ?, ?)",
                                 (file_id, seq, json.dumps(row, ensure_ascii=False))).lastrowid
                db.execute("INSERT INTO report_keys (rowid, keys) VALUES (?, ?)",
                           (sid, " ".join(sorted(sentence_keys(row["text"] or "")))))

    @staticmethod
    def _forget(db, key: str) -> None:
        row = db.execute("SELECT id FROM report_files WHERE key = ?", (key,)).fetchone()
        if row is None:
            return
        db.execute("DELETE FROM report_keys WHERE rowid IN "
                   "(SELECT id FROM report_sentences WHERE file_id = ?)", row)
        db.execute("DELETE FROM report_sentences WHERE file_id = ?", row)
        db.execute("DELETE FROM report_files WHERE id = ?", row)

    # ---- reading it --------------------------------------------------------------------
    def documents(self) -> pd.DataFrame:
        """The indexed files: path, citation, pages, sentences and when they were read."""
        out = []
        for key, meta, pages, counts, at in self._db.execute(
                "SELECT key, meta, pages, counts, indexed_at FROM report_files ORDER BY key"):
            out.append({"file": key, "citation": json.loads(meta).get("citation", ""),
                        "pages": pages, **json.loads(counts), "indexed_at": at})
        return pd.DataFrame(out, columns=["file", "citation", "pages", "sentences", "coded",
                                          "uncoded", "not_coded", "indexed_at"])

    def labels(self) -> dict[str, str]:
        """Theme id → label of the codebook the index was coded with (the shipped
        codebook's while nothing is indexed)."""
        return indexed_labels(self._db)

    def review(self, keys: list[str] | None = None, *, failures: list[Failure] | None = None,
               all_documents: bool = False, min_relevant: float = MIN_RELEVANT,
               only: dict[int, list[int]] | None = None) -> Review:
        """The review of the indexed files ``keys`` (all when None), as
        :func:`~fritekst.literature.review.review_files` would give it; ``only`` limits the
        sentences read to these ids per file (the counts stay the whole files')."""
        rows = self._files(keys)
        parts, info, totals = [], None, dict.fromkeys(
            ("sentences", "coded", "uncoded", "not_coded"), 0)
        for fid, key, coder, meta, skipped, pages, counts in rows:
            info = info or CoderInfo(**json.loads(coder))
            if only is not None and fid not in only:
                sents: list[dict] = []
            else:
                sql = "SELECT row FROM report_sentences WHERE file_id = ?"
                args: list = [fid]
                if only is not None:
                    ids = only[fid]
                    sql += f" AND id IN ({','.join('?' * len(ids))})"
                    args += ids
                sents = [json.loads(r[0]) for r in self._db.execute(sql + " ORDER BY seq", args)]
            for k, v in json.loads(counts).items():
                totals[k] += v
            parts.append(ReportPart(key, json.loads(meta), _frame(sents),
                                    json.loads(skipped), pages))
        if info is None:
            from fritekst.coding import make_coder

            info = CoderInfo.of(make_coder(rules_only=True))
        review = assemble(parts, failures or [], info, [r[1] for r in rows],
                          all_documents=all_documents, min_relevant=min_relevant)
        review.meta["counts"].update(totals)
        return review

    def search(self, query: str, keys: list[str] | None = None, *, theme: str | None = None,
               municipality: str | None = None, failures: list[Failure] | None = None
               ) -> tuple[pd.DataFrame, Review]:
        """:func:`~fritekst.literature.search.search` over the indexed files ``keys`` (all
        when None), reading only the sentences whose keys can match (see
        :func:`~fritekst.store.lookup.find`)."""
        found = find(self._db, query, keys, theme=theme, municipality=municipality)
        review = self.review(keys, failures=failures, only=found.candidates)
        return found.frame(), review

    def _files(self, keys: list[str] | None) -> list[tuple]:
        return indexed_files(self._db, keys, "coder", "meta", "skipped", "pages", "counts")


def _frame(rows: list[dict]) -> pd.DataFrame:
    """The sentence table as the review makes it, from the stored rows."""
    frame = pd.DataFrame(rows)
    extra = [c for c in frame.columns if c not in SENTENCE_COLUMNS]
    frame = frame.reindex(columns=[*SENTENCE_COLUMNS, *extra])
    for col in SENTENCE_COLUMNS:
        if col in ("confidence", "relevance"):
            frame[col] = frame[col].astype("Float64")
        elif col == "page_index":
            frame[col] = frame[col].astype(int)
        elif col == "ocr":  # a row stored before OCR existed was not read by it
            frame[col] = frame[col].fillna(False).astype(bool)
        else:
            frame[col] = frame[col].fillna("").astype(str)
    return frame


# ---- the library's entry points (the CLI's 'index', and 'search'/'literature' with a project)
def index_reports(inputs: list[str | Path], project: str | Path = ".", *,
                  spec: CoderSpec | None = None, progress: Callable[[int, int], None] | None = None,
                  settings: LayoutSettings | dict | None = None,
                  workers: int | None = None, ocr: bool = False) -> IndexResult:
    """Read, code and index the PDFs under ``inputs`` in the project's store (made when
    missing), so that searches and reviews of them need not read them again. Files already
    indexed with the same fritekst, coder and layout settings are skipped; changed files are
    read again; files gone from an indexed folder are dropped. A new project in which no
    file could be indexed is not left behind. ``workers`` processes (the machine's cores when
    None) read the files and code the reports."""
    folder = Path(project)
    new = not (folder / DB_NAME).exists()
    made = not folder.exists()
    with Project(project) as store:
        done = ReportIndex(store).update(inputs, spec, settings=settings, progress=progress,
                                         workers=workers, ocr=ocr)
    if new and not done.files:
        (folder / DB_NAME).unlink(missing_ok=True)
        if made and not any(folder.iterdir()):
            folder.rmdir()
    return done


def review_reports(inputs: list[str | Path], project: str | Path, *,
                   spec: CoderSpec | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   settings: LayoutSettings | dict | None = None, all_documents: bool = False,
                   ocr: bool = False, workers: int | None = None) -> Review:
    """:func:`~fritekst.literature.review.review_files` through the project's report index:
    only new and changed files are read and coded (by ``workers`` processes, the machine's
    cores when None); ``inputs`` empty reviews every indexed report."""
    with Project(project, create=bool(inputs)) as store:
        index = ReportIndex(store)
        done = index.update(inputs, spec, settings=settings, progress=progress,
                            ocr=ocr, workers=workers) if inputs else IndexResult()
        return index.review(done.files if inputs else None, failures=done.failures,
                            all_documents=all_documents)


def search_index(query: str, inputs: list[str | Path], project: str | Path, *,
                 spec: CoderSpec | None = None, theme: str | None = None,
                 municipality: str | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 settings: LayoutSettings | dict | None = None, ocr: bool = False
                 ) -> tuple[pd.DataFrame, Review]:
    """Keyword in context (see :func:`~fritekst.literature.search.search`) through the
    project's report index: files already indexed are not read again, ``inputs`` empty
    searches every indexed report, and the review returned holds only the sentences that
    can match (its counts are the whole reports')."""
    with Project(project, create=bool(inputs)) as store:
        index = ReportIndex(store)
        done = index.update(inputs, spec, settings=settings, progress=progress,
                            ocr=ocr) if inputs else IndexResult()
        return index.search(query, done.files if inputs else None, theme=theme,
                            municipality=municipality, failures=done.failures)
