"""What every coder returns, so the codebook rules and learned models fit the same slot."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from fritekst.coding.codebook import Codebook


@dataclass
class Coding:
    """The coding of one answer unit.

    ``scores`` holds a score in [0, 1] for each coded theme; ``evidence`` the words that
    triggered it. ``confidence`` is how sure the coder is of the whole set of themes (for an
    uncoded unit: how sure it is that no theme applies). ``polarity`` is the coder's own reading
    when no question gave one, else ``None``.
    """

    themes: tuple[str, ...]
    scores: dict[str, float]
    evidence: dict[str, list[str]]
    confidence: float
    polarity: str | None = None
    denied: dict[str, list[str]] = field(default_factory=dict)


class Coder(Protocol):
    """Anything that codes texts: the codebook rules now, a learned model later."""

    name: str
    version: str
    codebook: Codebook

    def code(self, texts: Sequence[str], polarities: Sequence[str | None],
             kinds: Sequence[str] | None = None) -> list[Coding]:
        """Code each text; ``polarities[i]`` is the question's polarity or ``None``;
        ``kinds[i]`` is "answer" (survey answers, the default) or "sentence" (report text)."""
        ...

    def describe(self) -> dict:
        """Name, version and what it was built from, for the ``meta`` of every output."""
        ...
