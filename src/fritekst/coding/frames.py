"""Coding a table of texts: a pandas DataFrame here, or a Dask DataFrame partition by
partition on a Dask cluster (the ``fritekst[dask]`` extra), past what one machine holds.

Each row's text (with its question's polarity and kind, where the table has them) is coded
once per distinct text, and the table comes back with five columns added (:data:`CODED`):
``themes`` (";"-separated theme ids), ``confidence``, ``evidence`` ("theme: words | …"),
``status`` (``coded``, ``uncoded``, or ``empty`` for a blank text, which is not coded) and
``read_polarity`` (the polarity the coder read where no polarity was given). They are the
values ``fritekst code`` writes for the same texts.

On Dask, each worker process makes the coder once, from its :class:`~fritekst.coding.CoderSpec`
(the model's files must be readable there: the shipped model always is, a model of one's own
must lie at the same path on every worker), and keeps it for every partition it codes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from fritekst.coding import CoderSpec, make_coder, spec_of
from fritekst.coding.base import Coder, Coding
from fritekst.coding.pool import code_texts, loaded
from fritekst.errors import FritekstError

CODED = ["themes", "confidence", "evidence", "status", "read_polarity"]
NEEDS_DASK = "pip install 'fritekst[dask]'"


def coding_fields(coding: Coding) -> tuple[str, str, float, str, str | None]:
    """A coding as the values of its row: themes, evidence, confidence, status and the
    polarity the coder read."""
    return (";".join(coding.themes),
            " | ".join(f"{t}: {' / '.join(coding.evidence.get(t, []))}" for t in coding.themes),
            round(coding.confidence, 3), "coded" if coding.themes else "uncoded",
            coding.polarity or None)


def code_frame(frame: pd.DataFrame, coder: Coder | None = None, *, text: str = "text",
               polarity: str | None = None, kind: str | None = None,
               workers: int | None = 1) -> pd.DataFrame:
    """``frame`` with the :data:`CODED` columns added: its ``text`` column coded, each
    distinct (text, polarity, kind) once, with the question's polarity from column
    ``polarity`` and the kind ("answer", the default, or "sentence") from column ``kind``
    where given. ``workers`` as for :func:`~fritekst.coding.pool.code_texts` (one process
    by default: a Dask worker is one process already)."""
    _check_columns(frame, text, polarity, kind)
    coder = coder or make_coder()
    n = len(frame)
    texts = _strings(frame[text])
    pols = [p if isinstance(p, str) and p else None for p in
            (frame[polarity].tolist() if polarity else [None] * n)]
    kinds = _strings(frame[kind]) if kind else ["answer"] * n
    where: dict[tuple[str, str | None, str], int] = {}
    slots = [where.setdefault(key, len(where)) if key[0].strip() else -1
             for key in zip(texts, pols, kinds, strict=True)]
    keys = list(where)
    codings = code_texts(coder, [k[0] for k in keys], [k[1] for k in keys],
                         [k[2] or "answer" for k in keys], workers=workers)
    fields = [coding_fields(c) for c in codings]
    blank = ("", "", None, "empty", None)
    return _with_coded(frame, [fields[s] if s >= 0 else blank for s in slots])


def _check_columns(frame: pd.DataFrame, *names: str | None) -> None:
    for column in names:
        if column is not None and column not in frame.columns:
            raise FritekstError(f"the table has no column {column!r} to code; name the "
                                f"column of texts with text=, the others with polarity= and "
                                f"kind= (columns: {', '.join(map(str, frame.columns))}).")


def _with_coded(frame: pd.DataFrame, rows: list[tuple]) -> pd.DataFrame:
    """``frame`` with the :data:`CODED` columns from each row's values (see
    :func:`coding_fields`)."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * 5
    out = frame.copy()
    out["themes"] = pd.Series(columns[0], index=frame.index, dtype=object)
    out["confidence"] = pd.Series(columns[2], index=frame.index, dtype="Float64")
    out["evidence"] = pd.Series(columns[1], index=frame.index, dtype=object)
    out["status"] = pd.Series(columns[3], index=frame.index, dtype=object)
    out["read_polarity"] = pd.Series(columns[4], index=frame.index, dtype=object)
    return out


def _strings(column: pd.Series) -> list[str]:
    """The column's values as text; a missing one (None, NaN, pandas' NA) as ""."""
    return ["" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v)
            for v in column.tolist()]


def _code_partition(part: pd.DataFrame, spec: CoderSpec, text: str, polarity: str | None,
                    kind: str | None) -> pd.DataFrame:
    # the coder is made the first time this process codes a partition, then kept
    return code_frame(part, loaded(spec), text=text, polarity=polarity, kind=kind)


def _spec(coder: Coder | CoderSpec | None) -> CoderSpec:
    """The description Dask workers make the coder from, with its paths made absolute (a
    worker need not run in this folder)."""
    spec = coder if isinstance(coder, CoderSpec) else \
        CoderSpec() if coder is None else spec_of(coder)
    if spec is None:
        raise FritekstError(
            "code_dask needs a coder the workers can make from its files: one made by "
            "make_coder, or a CoderSpec (a model trained in memory: save it to a folder "
            "first, with model.save(folder)).")

    def absolute(path: str | Path | None) -> str | Path | None:
        return None if path is None else Path(path).resolve()

    return CoderSpec(absolute(spec.model), absolute(spec.codebook), spec.rules_only)


def code_dask(ddf: Any, coder: Coder | CoderSpec | None = None, *, text: str = "text",
              polarity: str | None = None, kind: str | None = None) -> Any:
    """A Dask DataFrame of texts coded partition by partition (see :func:`code_frame`):
    the same rows with the :data:`CODED` columns added, still lazy (``.compute()``, or
    ``.to_parquet(...)`` for more than fits in memory). Each worker process makes the coder
    once, from ``coder``'s spec (the shipped model when None), and keeps it."""
    spec = _spec(coder)
    empty = getattr(ddf, "_meta", None)
    if not isinstance(empty, pd.DataFrame):
        raise FritekstError("code_dask codes a Dask DataFrame (dask.dataframe); for a "
                            "pandas DataFrame use code_frame.")
    _check_columns(empty, text, polarity, kind)
    return ddf.map_partitions(_code_partition, spec, text, polarity, kind,
                              meta=_with_coded(empty, []))


def code_on_cluster(address: str, coder: Coder, texts: Sequence[str],
                    polarities: Sequence[str | None], *, batch: int = 2000,
                    progress: Callable[[int, int], None] | None = None
                    ) -> list[tuple[str, str, float, str, str | None]]:
    """The row values (see :func:`coding_fields`) of each text, coded on the Dask cluster
    whose scheduler is at ``address``, in partitions of ``batch`` texts; ``progress`` counts
    the texts of each partition as it comes back."""
    try:
        import dask.dataframe as dd
        from distributed import Client, as_completed
    except ImportError:
        raise FritekstError(f"--dask needs Dask and its distributed scheduler: "
                            f"{NEEDS_DASK}") from None
    n = len(texts)
    if not n:
        return []
    frame = pd.DataFrame({"text": pd.Series(texts, dtype=object),
                          "polarity": pd.Series(polarities, dtype=object)})
    ddf = dd.from_pandas(frame, npartitions=max(1, -(-n // batch)), sort=False)
    coded = code_dask(ddf, coder, polarity="polarity")
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise FritekstError(f"--dask {address}: no Dask scheduler answers there ({exc}); "
                            "start one ('dask scheduler', and 'dask worker ADDRESS' on each "
                            "machine) or leave --dask out.") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=60)
        except TimeoutError:
            raise FritekstError(f"--dask {address}: the scheduler has no workers; start some "
                                "('dask worker ADDRESS') and try again.") from None
        futures = client.compute(coded.to_delayed())
        parts: dict[str, pd.DataFrame] = {}
        coded_texts = 0
        for future, part in as_completed(futures, with_results=True):
            parts[future.key] = part
            coded_texts += len(part)
            if progress:
                progress(coded_texts, n)
        out = pd.concat([parts[f.key] for f in futures])
    # Dask may have turned the text columns into Arrow strings: plain values again
    return [(str(t), str(e), float(c), str(s), None if pd.isna(r) else str(r))
            for t, e, c, s, r in zip(out["themes"], out["evidence"], out["confidence"],
                                     out["status"], out["read_polarity"], strict=True)]
