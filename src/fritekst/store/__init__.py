"""The project store: one SQLite file per research project that keeps what was imported,
how each unit was coded by the machine and by people, and every correction, never overwriting.

:class:`Project` is the whole interface; the schema and its versioned migrations are in
:mod:`fritekst.store.schema`.
"""

from fritekst.store.project import DB_NAME, ImportResult, Project

__all__ = ["DB_NAME", "ImportResult", "Project"]
