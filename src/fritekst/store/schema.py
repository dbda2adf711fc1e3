"""The store's tables, as numbered migrations.

A database records the number of the last migration it has had (SQLite's ``user_version``);
opening it runs the later ones in one transaction. A migration is never edited once it has
shipped: a change to the schema is a new migration at the end of ``MIGRATIONS``.

Codes are append-only (triggers refuse UPDATE and DELETE): a correction is a new row, and the
newest row per unit and coder is the one that counts.
"""

from __future__ import annotations

DB_NAME = "fritekst.db"  # the store in a project folder

MIGRATIONS: list[str] = [
    # 1: sources, the survey as read, codebooks and codes
    """
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,          -- the file's name, as the user knows it
        path TEXT NOT NULL,          -- where it was imported from, as given
        key TEXT NOT NULL,           -- the file's absolute path: versions of one file share it
        sha256 TEXT NOT NULL UNIQUE, -- of the file's bytes: the same file is imported once
        version INTEGER NOT NULL,    -- 1, 2, ... as the file at that path changed
        imported_at TEXT NOT NULL,
        counts TEXT NOT NULL,        -- JSON: rows, units, non-answers, empty boxes, ...
        notes TEXT NOT NULL,         -- JSON list of what reading the file noted
        skipped TEXT NOT NULL,       -- JSON list of the rows skipped, with the reason
        plans TEXT NOT NULL,         -- JSON: which column was read as what
        scale_max INTEGER NOT NULL,  -- the rating scale's top
        UNIQUE (key, version)
    );
    CREATE TABLE respondents (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id),
        row INTEGER NOT NULL,
        respondent TEXT NOT NULL,
        municipality TEXT NOT NULL
    );
    CREATE TABLE units (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id),
        row INTEGER NOT NULL,
        respondent TEXT NOT NULL,
        municipality TEXT NOT NULL,
        question TEXT NOT NULL,
        polarity TEXT,
        unit INTEGER NOT NULL,
        text TEXT NOT NULL,
        status TEXT NOT NULL
    );
    CREATE INDEX units_source ON units(source_id);
    CREATE TABLE ratings (
        source_id INTEGER NOT NULL REFERENCES sources(id),
        row INTEGER NOT NULL,
        respondent TEXT NOT NULL,
        municipality TEXT NOT NULL,
        item TEXT NOT NULL,
        value INTEGER,
        dont_know INTEGER NOT NULL
    );
    CREATE TABLE codebooks (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        version TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        themes TEXT NOT NULL,        -- JSON: id, labels and definition of each theme
        added_at TEXT NOT NULL
    );
    CREATE TABLE codes (
        id INTEGER PRIMARY KEY,
        unit_id INTEGER NOT NULL REFERENCES units(id),
        origin TEXT NOT NULL CHECK (origin IN ('machine', 'human')),
        coder TEXT NOT NULL,         -- the model's name@version, or the person's name
        themes TEXT NOT NULL,        -- ';'-joined theme ids, '' for none
        polarity TEXT,
        confidence REAL,
        codebook_id INTEGER NOT NULL REFERENCES codebooks(id),
        at TEXT NOT NULL
    );
    CREATE INDEX codes_unit ON codes(unit_id, origin, coder);
    CREATE TRIGGER codes_no_update BEFORE UPDATE ON codes
        BEGIN SELECT RAISE(ABORT, 'codes are append-only'); END;
    CREATE TRIGGER codes_no_delete BEFORE DELETE ON codes
        BEGIN SELECT RAISE(ABORT, 'codes are append-only'); END;
    """,
    # 2: review files taken back, so a file is taken once and two coders' files are told apart
    """
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        export_id TEXT NOT NULL,     -- the id written into the exported workbook
        coder TEXT NOT NULL,
        file_sha256 TEXT NOT NULL UNIQUE,
        rows INTEGER NOT NULL,       -- reviewed rows taken in
        imported_at TEXT NOT NULL
    );
    """,
    # 3: the coding frame's changes (add, rename, merge, split), oldest first
    """
    CREATE TABLE frame_changes (
        id INTEGER PRIMARY KEY,
        action TEXT NOT NULL,
        args TEXT NOT NULL,          -- JSON: the theme ids and labels the change names
        at TEXT NOT NULL
    );
    """,
    # 4: the report index: each PDF read and coded once, its sentences searchable by key
    """
    CREATE TABLE report_files (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,    -- the file's absolute path
        sha256 TEXT NOT NULL,        -- of the file's bytes
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,   -- size and time tell an unchanged file without reading it
        built_with TEXT NOT NULL,    -- fritekst's version, the coder's and layout's fingerprint
        coder TEXT NOT NULL,         -- JSON: the coder as outputs record it
        meta TEXT NOT NULL,          -- JSON: the report's metadata and citation
        skipped TEXT NOT NULL,       -- JSON list of the pages without text, with the reason
        pages INTEGER NOT NULL,
        counts TEXT NOT NULL,        -- JSON: sentences by status
        indexed_at TEXT NOT NULL
    );
    CREATE TABLE report_sentences (
        id INTEGER PRIMARY KEY,      -- also the row of report_keys that holds its keys
        file_id INTEGER NOT NULL REFERENCES report_files(id),
        seq INTEGER NOT NULL,        -- its place in the report
        row TEXT NOT NULL            -- JSON: the sentence's columns
    );
    CREATE INDEX report_sentences_file ON report_sentences(file_id, seq);
    CREATE VIRTUAL TABLE report_keys USING fts5(keys, tokenize = 'unicode61 remove_diacritics 0');
    """,
    # 5: each respondent's functions (roles), for the tables by function
    """
    CREATE TABLE roles (
        source_id INTEGER NOT NULL REFERENCES sources(id),
        row INTEGER NOT NULL,
        respondent TEXT NOT NULL,
        municipality TEXT NOT NULL,
        role TEXT NOT NULL           -- one row per function ticked; "Ikke oppgitt" for none
    );
    CREATE INDEX roles_source ON roles(source_id);
    """,
]


def version() -> int:
    """The schema version this fritekst writes."""
    return len(MIGRATIONS)
