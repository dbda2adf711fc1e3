"""What every coder returns, so the codebook rules and learned models fit the same slot."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from fritekst.coding.codebook import Codebook


@dataclass
class Coding:
    """The coding of one answer unit.

    ``scores`` holds a score in [0, 1] for each coded theme; ``evidence`` the words that
    triggered it. ``confidence`` is how sure the coder is of the whole set of themes (for an
    uncoded unit: how sure it is that no theme applies). ``polarity`` is the coder's own reading
    (styrke, utfordring or nøytral) when no question gave one, else ``None``. ``relevance`` is
    the learned coder's probability that the unit is about housing-social work at all.
    """

    themes: tuple[str, ...]
    scores: dict[str, float]
    evidence: dict[str, list[str]]
    confidence: float
    polarity: str | None = None
    denied: dict[str, list[str]] = field(default_factory=dict)
    relevance: float | None = None  # P(about housing-social work), where the coder reads it


class Coder(Protocol):
    """Anything that codes texts: the codebook rules or a learned model."""

    name: str
    version: str
    codebook: Codebook
    model_version: str | None  # the learned model's name@version; None for the rules alone

    def code(self, texts: Sequence[str], polarities: Sequence[str | None],
             kinds: Sequence[str] | None = None) -> list[Coding]:
        """Code each text; ``polarities[i]`` is the question's polarity or ``None``;
        ``kinds[i]`` is "answer" (survey answers, the default) or "sentence" (report text)."""
        ...

    def describe(self) -> dict:
        """Name, version and what it was built from, for the ``meta`` of every output."""
        ...


@runtime_checkable
class ContextCoder(Coder, Protocol):
    """A coder that can read each unit's relevance in its surroundings (the learned model)."""

    def document_prior(self, relevance: Sequence[float]) -> float:
        """The share of units about the field, from their relevance read one by one."""
        ...

    def code_in_context(self, texts: Sequence[str], polarities: Sequence[str | None],
                        kinds: Sequence[str] | None = None, *,
                        relevance_prior: float | Sequence[float] | None = None
                        ) -> list[Coding]:
        """:meth:`Coder.code` given the share of relevant units around each."""
        ...


@dataclass(frozen=True)
class CoderInfo:
    """What outputs record about a coder, kept without the coder itself: for results read
    back from an index, so the model need not be loaded to report them."""

    described: dict
    model_version: str | None
    labels: dict[str, str]

    @classmethod
    def of(cls, coder: Coder | CoderInfo) -> CoderInfo:
        if isinstance(coder, CoderInfo):
            return coder
        return cls(coder.describe(), coder.model_version, dict(coder.codebook.labels))

    def describe(self) -> dict:
        return self.described


def code_distinct(code: Callable[[list[str], list[str | None], list[str]], list[Coding]],
                  texts: Sequence[str], polarities: Sequence[str | None],
                  kinds: Sequence[str] | None = None) -> list[Coding]:
    """``code`` run on each distinct (text, polarity, kind) once, mapped back to every unit in
    input order: real exports repeat short answers ("Vet ikke", "Samarbeid") many times.

    Repeated units share one :class:`Coding` object; nothing in fritekst changes a coding
    after it is made (copy it before changing it)."""
    kinds = list(kinds) if kinds is not None else ["answer"] * len(texts)
    where: dict[tuple[str, str | None, str], int] = {}
    slots = [where.setdefault(key, len(where))
             for key in zip(texts, polarities, kinds, strict=True)]
    with collector_paused():
        if len(where) == len(slots):
            return code(list(texts), list(polarities), kinds)
        keys = list(where)
        codings = code([k[0] for k in keys], [k[1] for k in keys], [k[2] for k in keys])
    return [codings[i] for i in slots]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a batch is coded. Coding makes hundreds of
    thousands of small objects (each token's keys, each unit's features) and no cycles, and
    the collector would walk everything alive again and again as they pile up: a quarter of
    the coding time of a large survey. Whatever the batch leaves is collected after."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def longest_first(items: list[str]) -> list[str]:
    """Drop evidence contained in longer evidence ("få boliger" inside "For få boliger")."""
    kept: list[str] = []
    for item in sorted(items, key=len, reverse=True):
        if not any(item.lower() in k.lower() for k in kept):
            kept.append(item)
    return kept


def run_meta(coder: Coder | CoderInfo, inputs: list[str], **extra) -> dict:
    """What every output records about the run: fritekst's version, when, the coder, the
    codebook and the model, and the inputs; ``extra`` adds counts, notes and the like."""
    import datetime as _dt

    from fritekst import __version__

    described = coder.describe()
    return {
        "fritekst": __version__,
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "coder": described,
        "codebook": described.get("codebook"),
        "model": coder.model_version,
        "inputs": list(inputs),
        **extra,
    }
