"""The project store: one SQLite file per research project that keeps what was imported,
how each unit was coded by the machine and by people, and every correction, never overwriting.

:class:`Project` is the whole interface; the schema and its versioned migrations are in
:mod:`fritekst.store.schema`. :class:`Project` is imported on first use, so that a search in
the report index (:mod:`fritekst.store.lookup`) does not load pandas.
"""

from fritekst.store.schema import DB_NAME

__all__ = ["DB_NAME", "ImportResult", "Project"]


def __getattr__(name: str):
    if name in ("ImportResult", "Project"):
        from fritekst.store import project

        return getattr(project, name)
    raise AttributeError(f"module 'fritekst.store' has no attribute '{name}'")
