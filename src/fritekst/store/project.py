"""One research project's store: a SQLite file (``fritekst.db``) in the project's folder.

Everything that changes the store runs in one transaction, so a crash, a full disk or Ctrl-C
midway leaves the store as it was. Importing the same file twice changes nothing (files are
known by the sha256 of their bytes); a changed file of the same name is a new version, and
the units of a file's newest version are the ones that count.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from fritekst.coding.codebook import Codebook
from fritekst.errors import StoreError
from fritekst.extract.coded import is_coded_file
from fritekst.extract.columns import ColumnOptions
from fritekst.extract.survey import UNIT_COLUMNS, Survey, load_survey
from fritekst.outfiles import file_sha256
from fritekst.store import schema
from fritekst.store.frame import Frame, apply_changes, check_change
from fritekst.store.schema import DB_NAME

ORIGINS = ("machine", "human")


@dataclass
class ImportResult:
    """What an import did: the files stored (name, version, counts), the files that were
    already in the store unchanged, and what reading the files noted."""

    imported: list[dict] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Project:
    """A project folder's store. ``Project(folder)`` opens it, making the folder and the
    database when they do not exist (``create=False`` refuses instead); ``timeout`` is how
    many seconds to wait for another program that is writing to it. Use it in a ``with``
    block or call :meth:`close`."""

    def __init__(self, folder: str | Path = ".", *, create: bool = True,
                 timeout: float = 5.0):
        self.folder = Path(folder)
        self.path = self.folder / DB_NAME
        if not self.path.exists():
            if not create:
                raise StoreError(f"{self.folder}: no fritekst project here (no {DB_NAME}); "
                                 "run `fritekst import FILE --project "
                                 f"{self.folder}` first.")
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.folder}: cannot make the project folder "
                                 f"({exc.strerror}); choose a folder you can write to.") from None
        try:
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        self._db.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    # ---- opening and closing -----------------------------------------------------------
    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _migrate(self) -> None:
        try:
            have = self._db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        if have > schema.version():
            raise StoreError(f"{self.path}: made by a newer fritekst (schema {have}; this one "
                             f"knows up to {schema.version()}); update fritekst to open it.")
        if have == schema.version():
            return
        with self._transaction() as db:
            for number, script in enumerate(schema.MIGRATIONS[have:], start=have + 1):
                for statement in _statements(script):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number}")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT; anything raised (Ctrl-C included) rolls back."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        try:
            yield self._db
        except BaseException as exc:
            self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self._error(exc) from None
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._db.execute("ROLLBACK")
            raise self._error(exc) from None

    def _error(self, exc: sqlite3.Error) -> StoreError:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            return StoreError(f"{self.path}: the project is in use by another program; wait "
                              "for it to finish or close it, then try again.")
        if "readonly" in text or "read-only" in text or "unable to open" in text:
            return StoreError(f"{self.path}: the project cannot be written (read-only file "
                              "or folder); copy the project folder somewhere you can write to.")
        if "full" in text:
            return StoreError(f"{self.path}: the disk is full; nothing was stored. Free some "
                              "space and try again.")
        if "not a database" in text or "malformed" in text:
            return StoreError(f"{self.path}: not a fritekst project (not a readable SQLite "
                              "database); choose another --project folder.")
        return StoreError(f"{self.path}: {exc}")

    # ---- sources -----------------------------------------------------------------------
    def import_files(self, paths: Iterable[str | Path], options: ColumnOptions | None = None,
                     *, progress: Callable[[int, int], None] | None = None) -> ImportResult:
        """Read survey exports and store them: respondents, answer units (with the boxes
        that held no answer) and ratings. A file already in the store (same bytes) is left
        as it is; a changed file at the same path becomes its next version, and researchers'
        codes of units that did not change (same row, question, unit and text) carry over to
        it. Every file is read before anything is written, and all are stored in one
        transaction. A file of coded units (written by ``fritekst code -o``) is refused."""
        result = ImportResult()
        known = {r[0] for r in self._db.execute("SELECT sha256 FROM sources")}
        # files imported before the store kept the respondents' functions
        no_roles = dict(self._db.execute(
            "SELECT sha256, id FROM sources WHERE id NOT IN (SELECT source_id FROM roles)"))
        todo, add_roles = [], []
        files = [Path(p) for p in paths]
        for done, path in enumerate(files, start=1):
            digest = file_sha256(path) if path.is_file() else None
            if digest in known:
                result.unchanged.append(str(path))
                if digest in no_roles:
                    add_roles.append((no_roles.pop(digest), load_survey([path], options)))
            else:
                if path.suffix.lower() in (".xlsx", ".csv", ".tsv") and is_coded_file(path):
                    raise StoreError(f"{path}: a file of coded units, not a survey export; "
                                     "import the export it was coded from, or summarize "
                                     "the coded file directly (fritekst summarize FILE).")
                survey = load_survey([path], options)  # a bad file raises before any write
                todo.append((path, digest or file_sha256(path), survey))
                known.add(digest)
                result.notes += survey.notes
            if progress:
                progress(done, len(files))
        if not todo and not add_roles:
            return result
        now = _now()
        with self._transaction() as db:
            for sid, survey in add_roles:
                self._insert_roles(db, sid, survey)
                result.notes.append(f"{survey.sources[0]}: the respondents' functions are now "
                                    "kept too (the file was imported before they were).")
            for path, digest, survey in todo:
                if db.execute("SELECT 1 FROM sources WHERE sha256 = ?", (digest,)).fetchone():
                    result.unchanged.append(str(path))  # stored meanwhile by another import
                    continue
                key = str(path.resolve())
                version = 1 + db.execute("SELECT COALESCE(MAX(version), 0) FROM sources "
                                         "WHERE key = ?", (key,)).fetchone()[0]
                same_name = db.execute("SELECT path FROM sources WHERE name = ? AND key != ? "
                                       "LIMIT 1", (path.name, key)).fetchone()
                if same_name:
                    result.notes.append(
                        f"{path}: another file of this name ({same_name[0]}) is in the "
                        "project too; both count. A new export of the same survey belongs "
                        "at the old file's path, so that it replaces it as a new version.")
                cur = db.execute(
                    "INSERT INTO sources (name, path, key, sha256, version, imported_at, "
                    "counts, notes, skipped, plans, scale_max) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (path.name, str(path), key, digest, version, now, json.dumps(survey.counts),
                     json.dumps(survey.notes, ensure_ascii=False),
                     json.dumps(survey.skipped, ensure_ascii=False, default=str),
                     json.dumps(survey.plans, ensure_ascii=False, default=str),
                     survey.scale_max))
                sid = int(cur.lastrowid or 0)
                r = survey.respondents
                db.executemany("INSERT INTO respondents (source_id, row, respondent, "
                               "municipality) VALUES (?, ?, ?, ?)",
                               zip([sid] * len(r), r["row"].astype(int).tolist(),
                                   r["respondent"].astype(str), r["municipality"].astype(str),
                                   strict=True))
                self._insert_roles(db, sid, survey)
                u = survey.units
                db.executemany(
                    "INSERT INTO units (source_id, row, respondent, municipality, question, "
                    "polarity, unit, text, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    zip([sid] * len(u), u["row"].astype(int).tolist(), u["respondent"].astype(str),
                        u["municipality"].astype(str), u["question"].astype(str),
                        [None if pd.isna(p) else str(p) for p in u["polarity"]],
                        u["unit"].astype(int).tolist(), u["text"].astype(str),
                        u["status"].astype(str), strict=True))
                g = survey.ratings
                db.executemany(
                    "INSERT INTO ratings (source_id, row, respondent, municipality, item, "
                    "value, dont_know) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    zip([sid] * len(g), g["row"].astype(int).tolist(),
                        g["respondent"].astype(str), g["municipality"].astype(str),
                        g["item"].astype(str),
                        [None if pd.isna(v) else int(v) for v in g["value"]],
                        g["dont_know"].astype(bool).astype(int).tolist(), strict=True))
                carried, lost = self._carry_codes(db, key, version, sid)
                if carried or lost:
                    result.notes.append(
                        f"{path} version {version}: {carried} researchers' codes carried over "
                        f"to units that did not change"
                        + (f"; {lost} units coded by researchers changed or are gone, so "
                           "their codes no longer count" if lost else "") + ".")
                result.imported.append({"source": path.name, "path": str(path),
                                        "version": version, "units": int(
                                            (u["status"] == "answer").sum()),
                                        "respondents": len(r)})
        return result

    @staticmethod
    def _insert_roles(db: sqlite3.Connection, sid: int, survey: Survey) -> None:
        if survey.roles is None:
            return
        ro = survey.roles
        db.executemany("INSERT INTO roles (source_id, row, respondent, municipality, role) "
                       "VALUES (?, ?, ?, ?, ?)",
                       zip([sid] * len(ro), ro["row"].astype(int).tolist(),
                           ro["respondent"].astype(str), ro["municipality"].astype(str),
                           ro["role"].astype(str), strict=True))

    @staticmethod
    def _carry_codes(db: sqlite3.Connection, key: str, version: int, sid: int
                     ) -> tuple[int, int]:
        """Copy researchers' codes of the previous version's units to the same units (row,
        question, unit, text) of the new version. Returns (codes carried, coded units that
        found no match)."""
        if version < 2:
            return 0, 0
        old = db.execute("SELECT id FROM sources WHERE key = ? AND version = ?",
                         (key, version - 1)).fetchone()
        if not old:
            return 0, 0
        new_ids = {(r, q, n, t): i for i, r, q, n, t in db.execute(
            "SELECT id, row, question, unit, text FROM units WHERE source_id = ?", (sid,))}
        rows = db.execute(
            "SELECT c.unit_id, c.origin, c.coder, c.themes, c.polarity, c.confidence, "
            "c.codebook_id, c.at, u.row, u.question, u.unit, u.text FROM codes c "
            "JOIN units u ON u.id = c.unit_id WHERE u.source_id = ? AND c.origin = 'human' "
            "ORDER BY c.id", (old[0],)).fetchall()
        copies, lost = [], set()
        for unit, origin, coder, themes, pol, conf, book, at, row, q, n, text in rows:
            target = new_ids.get((row, q, n, text))
            if target is None:
                lost.add(unit)
                continue
            copies.append((target, origin, coder, themes, pol, conf, book, at))
        db.executemany("INSERT INTO codes (unit_id, origin, coder, themes, polarity, "
                       "confidence, codebook_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", copies)
        return len(copies), len(lost)

    def sources(self) -> pd.DataFrame:
        """Every imported file version: ``source_id``, ``name``, ``version``, ``path``,
        ``sha256``, ``imported_at``, ``current`` (the newest version of its name) and its
        number of ``units``."""
        frame = pd.read_sql_query(
            "SELECT s.id AS source_id, s.name, s.version, s.path, s.sha256, s.imported_at, "
            "(s.version = (SELECT MAX(version) FROM sources t WHERE t.key = s.key)) "
            "AS current, (SELECT COUNT(*) FROM units u WHERE u.source_id = s.id AND "
            "u.status = 'answer') AS units FROM sources s ORDER BY s.id", self._db)
        frame["current"] = frame["current"].astype(bool)
        return frame

    def units(self, *, all_versions: bool = False) -> pd.DataFrame:
        """The stored units, one row each: ``unit_id`` and the columns of
        :func:`~fritekst.extract.survey.load_survey`'s units (``source`` is the file's
        name). Only the newest version of each file, unless ``all_versions``."""
        where = "" if all_versions else (
            "WHERE s.version = (SELECT MAX(version) FROM sources t WHERE t.key = s.key)")
        frame = pd.read_sql_query(
            "SELECT u.id AS unit_id, s.name AS source, u.row, u.respondent, u.municipality, "
            "u.question, u.polarity, u.unit, u.text, u.status FROM units u "
            f"JOIN sources s ON s.id = u.source_id {where} ORDER BY u.id", self._db)
        return frame[["unit_id", *UNIT_COLUMNS]]

    def survey(self) -> Survey:
        """The current version of every imported file as one :class:`Survey`, as
        :func:`~fritekst.extract.survey.load_survey` would read the files together; the
        units' index is their ``unit_id`` in the store."""
        current = ("SELECT id FROM sources s WHERE s.version = (SELECT MAX(version) FROM "
                   "sources t WHERE t.key = s.key)")
        src = pd.read_sql_query(f"SELECT * FROM sources WHERE id IN ({current}) ORDER BY id",
                                self._db)
        if src.empty:
            raise StoreError(f"{self.path}: the project holds no survey yet; run `fritekst "
                             f"import FILE --project {self.folder}` first.")
        paths = dict(zip(src["id"], src["path"], strict=True))

        def read(table: str, columns: str, order: str) -> pd.DataFrame:
            frame = pd.read_sql_query(
                f"SELECT source_id, {columns} FROM {table} WHERE source_id IN ({current}) "
                f"ORDER BY {order}", self._db)
            frame.insert(0, "source", frame.pop("source_id").map(paths))
            return frame

        units = read("units", "id AS unit_id, row, respondent, municipality, question, "
                     "polarity, unit, text, status", "id").set_index("unit_id")
        units.index.name = None
        ratings = read("ratings", "row, respondent, municipality, item, value, dont_know",
                       "rowid")
        ratings["value"] = ratings["value"].astype("Int64")
        ratings["dont_know"] = ratings["dont_know"].astype(bool)
        counts: dict[str, int] = {}
        for c in src["counts"]:
            for k, v in json.loads(c).items():
                counts[k] = counts.get(k, 0) + v
        plans: dict[str, dict] = {}
        for p in src["plans"]:
            plans.update(json.loads(p))
        roles = read("roles", "row, respondent, municipality, role", "rowid")
        # a file imported before the store kept functions has none: its functions are unknown
        known = set(pd.read_sql_query("SELECT DISTINCT source_id FROM roles", self._db)
                    ["source_id"])
        return Survey(
            sources=src["path"].tolist(),
            roles=roles if set(src["id"]) <= known else None,
            respondents=read("respondents", "row, respondent, municipality", "id"),
            units=units, ratings=ratings, plans=plans, counts=counts,
            skipped=[s for k in src["skipped"] for s in json.loads(k)],
            notes=[n for k in src["notes"] for n in json.loads(k)],
            scale_max=int(src["scale_max"].max()))

    # ---- the coding frame ---------------------------------------------------------------
    def frame(self, base: Codebook) -> Frame:
        """The project's coding frame: ``base`` (the codebook coding started from) with the
        changes researchers made since."""
        rows = self._db.execute("SELECT action, args, at FROM frame_changes ORDER BY id")
        return apply_changes(base, [{"action": a, "args": json.loads(g), "at": t}
                                    for a, g, t in rows])

    def change_frame(self, base: Codebook, action: str, args: dict) -> Frame:
        """Add a theme, rename a label, merge two themes or split one (see
        :mod:`fritekst.store.frame`); returns the frame after the change."""
        check_change(self.frame(base), action, args)
        with self._transaction() as db:
            db.execute("INSERT INTO frame_changes (action, args, at) VALUES (?, ?, ?)",
                       (action, json.dumps(args, ensure_ascii=False), _now()))
        return self.frame(base)

    # ---- codes -------------------------------------------------------------------------
    def add_codebook(self, codebook: Codebook) -> int:
        """Store a codebook (once per content) and return its id."""
        row = self._db.execute("SELECT id FROM codebooks WHERE sha256 = ?",
                               (codebook.sha256,)).fetchone()
        if row:
            return int(row[0])
        themes = [{"id": t.id, "label": t.label, "definition": t.definition}
                  for t in codebook.themes]
        with self._transaction() as db:
            cur = db.execute("INSERT INTO codebooks (name, version, sha256, themes, added_at) "
                             "VALUES (?, ?, ?, ?, ?)",
                             (codebook.name, codebook.version, codebook.sha256,
                              json.dumps(themes, ensure_ascii=False), _now()))
        return int(cur.lastrowid or 0)

    def add_codes(self, codes: pd.DataFrame, *, origin: str, coder: str,
                  codebook: Codebook) -> int:
        """Append codes (columns ``unit_id``, ``themes`` as a ';'-joined string or a
        collection of ids, optional ``polarity`` and ``confidence``) by one coder: a model's
        ``name@version`` for ``origin="machine"``, a person's name for ``"human"``. Nothing
        is overwritten; the newest code per unit and coder is the one that counts. Unknown
        units or theme ids are refused before anything is stored."""
        rows = self._code_rows(codes, origin=origin, coder=coder, codebook=codebook)
        with self._transaction() as db:
            self._insert_codes(db, rows)
        return len(rows)

    def _code_rows(self, codes: pd.DataFrame, *, origin: str, coder: str,
                   codebook: Codebook) -> list[tuple]:
        """Checked rows for the codes table (see :meth:`add_codes`)."""
        if origin not in ORIGINS:
            raise StoreError(f"origin must be one of {', '.join(ORIGINS)}, not {origin!r}.")
        if not coder.strip():
            raise StoreError("a code needs a coder: the model's name or the person's name.")
        ids = set(codebook.ids)
        themes = [_joined(t) for t in codes["themes"]]
        for unit_id, joined in zip(codes["unit_id"], themes, strict=True):
            unknown = sorted({t for t in joined.split(";") if t} - ids)
            if unknown:
                raise StoreError(f"unit {unit_id}: unknown theme id {unknown[0]!r}; the "
                                 f"codebook {codebook.name} {codebook.version} has "
                                 f"{', '.join(codebook.ids)}.")
        known = {r[0] for r in self._db.execute("SELECT id FROM units")}
        missing = [int(u) for u in codes["unit_id"] if int(u) not in known]
        if missing:
            raise StoreError(f"unit {missing[0]}: no such unit in {self.path}; it belongs to "
                             "another project, or its file was never imported here.")
        book = self.add_codebook(codebook)
        polarity = codes["polarity"] if "polarity" in codes else pd.Series([None] * len(codes))
        confidence = [None if pd.isna(c) else float(c) for c in codes["confidence"]] \
            if "confidence" in codes else [None] * len(codes)
        now = _now()
        return list(zip(codes["unit_id"].astype(int).tolist(), [origin] * len(codes),
                        [coder] * len(codes), themes,
                        [None if pd.isna(p) or p == "" else str(p) for p in polarity],
                        confidence, [book] * len(codes), [now] * len(codes), strict=True))

    @staticmethod
    def _insert_codes(db: sqlite3.Connection, rows: list[tuple]) -> None:
        db.executemany("INSERT INTO codes (unit_id, origin, coder, themes, polarity, "
                       "confidence, codebook_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def codes(self, *, origin: str | None = None, history: bool = False) -> pd.DataFrame:
        """Codes: ``unit_id``, ``origin``, ``coder``, ``themes``, ``polarity``,
        ``confidence``, ``codebook`` (name version), ``at``. By default the newest code per
        unit and coder; ``history=True`` gives every code ever stored, oldest first."""
        where = [] if origin is None else ["c.origin = ?"]
        if not history:
            where.append("c.id = (SELECT MAX(d.id) FROM codes d WHERE d.unit_id = c.unit_id "
                         "AND d.origin = c.origin AND d.coder = c.coder)")
        sql = ("SELECT c.unit_id, c.origin, c.coder, c.themes, c.polarity, c.confidence, "
               "b.name || ' ' || b.version AS codebook, c.at FROM codes c "
               "JOIN codebooks b ON b.id = c.codebook_id"
               + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY c.id")
        return pd.read_sql_query(sql, self._db, params=[] if origin is None else [origin])


def _joined(themes) -> str:
    if themes is None or (isinstance(themes, float) and pd.isna(themes)):
        return ""
    if isinstance(themes, str):
        return ";".join(t.strip() for t in themes.split(";") if t.strip())
    return ";".join(themes)


def _statements(script: str) -> list[str]:
    """A migration's statements, one by one (``executescript`` would commit on its own)."""
    out, buf = [], ""
    for line in script.splitlines():
        buf += line + "\n"
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return [s for s in out if s]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
