"""The thresholds PDF layout analysis works with, in one validated, frozen settings object.

`LayoutSettings()` holds the values extraction has always used. Pass overrides as a dict
(`extract_pdf(path, settings={"band": 0.12})`) or as an instance; `LayoutSettings.resolve`
turns either, or None, into settings and rejects unknown names and values out of range with a
`SettingsError` that names the setting, the value and what is allowed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from ..errors import SettingsError


@dataclass(frozen=True)
class _Range:
    """The values a setting may take: a number (or a whole number) between two bounds."""

    low: float
    high: float = math.inf
    low_included: bool = False
    high_included: bool = True
    whole: bool = False

    def admits(self, value: float) -> bool:
        above = value >= self.low if self.low_included else value > self.low
        below = value <= self.high if self.high_included else value < self.high
        return above and below

    def describe(self) -> str:
        if self.whole:
            return f"a whole number of at least {self.low:g}"
        low = f"from {self.low:g}" if self.low_included else f"above {self.low:g}"
        if math.isinf(self.high):
            return f"a number {low}"
        high = f"at most {self.high:g}" if self.high_included else f"below {self.high:g}"
        if self.low_included and self.high_included:
            return f"a number from {self.low:g} to {self.high:g}"
        return f"a number {low} and {high}"


_SHARE = _Range(0, 1)  # a share of the pages: above 0, at most all of them
_PLACE = _Range(0, 1, low_included=True)  # a place across the page, as a share of its width
_FACTOR = _Range(0)  # a positive multiple of a line height, or a distance in points
_COUNT = _Range(1, low_included=True, whole=True)


def _setting(default: float, allowed: _Range) -> Any:
    return field(default=default, metadata={"allowed": allowed})


@dataclass(frozen=True)
class LayoutSettings:
    """Thresholds of PDF layout analysis; the defaults are the tested ones."""

    # running heads and page numbers:
    # share of the page height, at top and bottom, where running heads are looked for (a head
    # once found is known down to twice that: some pages set it lower)
    band: float = _setting(0.09, _Range(0, 0.5, high_included=False))
    # an edge line is set off from the text when the gap to it exceeds this many line heights
    set_off: float = _setting(1.6, _FACTOR)
    # share of the pages a line must repeat on to be a running head
    head_share: float = _setting(0.25, _SHARE)
    # share of the pages a set-off line must stand at the same height on to be a head
    slot_share: float = _setting(0.4, _SHARE)
    # fewest pages a running head must repeat on, however short the file
    head_min_pages: int = _setting(3, _COUNT)

    # columns and blocks (a recursive XY-cut of the page, see layout.reading_lines):
    # narrowest white channel, in points, that counts as a gutter
    gutter_min_width: float = _setting(6.0, _FACTOR)
    # fewest text runs on each side of a gutter that headings or full-width text cross
    column_lines: int = _setting(5, _COUNT)
    # fewest characters in a line of running text; columns hold such lines, the cells of a
    # table, bullets and page numbers do not
    line_chars: int = _setting(20, _COUNT)
    # beside a column that is not running text, a column of running text is read on its own
    # when less than this share of its lines stand on a baseline of the other (table rows do)
    row_share: float = _setting(0.5, _SHARE)
    # a block crossing the gutter set in this share of the width from both edges, with column
    # text above and below, is a pull-quote: it does not cut the columns
    quote_inset: float = _setting(0.08, _PLACE)

    # paragraphs:
    # widest line pitch of body text, in font sizes: where every line is a paragraph of its
    # own, a wider pitch is not taken for the usual one
    paragraph_pitch: float = _setting(1.45, _FACTOR)
    # a line starting this many points left or right of the one before is in another column
    column_jump: float = _setting(150.0, _FACTOR)

    # tables:
    # fewest horizontal and vertical rules that cross a page needs to hold a ruled table
    rule_grid: int = _setting(3, _COUNT)
    # a page with more path objects than this is a drawing, not a table
    drawing_paths: int = _setting(3000, _COUNT)

    def __post_init__(self) -> None:
        for f in fields(self):
            _check(f.name, getattr(self, f.name), f.metadata["allowed"])

    @classmethod
    def resolve(cls, value: LayoutSettings | Mapping[str, Any] | None) -> LayoutSettings:
        """Settings from None (the defaults), a dict of overrides, or settings themselves."""
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        if isinstance(value, Mapping):
            names = [f.name for f in fields(cls)]
            unknown = [repr(k) for k in value if k not in names]
            if unknown:
                raise SettingsError(
                    f"unknown layout setting{'s' if len(unknown) > 1 else ''} "
                    f"{', '.join(unknown)}; valid names are {', '.join(names)}")
            return cls(**value)
        raise SettingsError(f"layout settings must be a dict or LayoutSettings, not "
                            f"{type(value).__name__}")


def _check(name: str, value: object, allowed: _Range) -> None:
    kind = (int,) if allowed.whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, kind):
        what = "a whole number" if allowed.whole else "a number"
        raise SettingsError(f"layout setting {name}={value!r} is not {what}; use "
                            f"{allowed.describe()}")
    if not allowed.admits(value):
        raise SettingsError(f"layout setting {name}={value!r} is out of range; use "
                            f"{allowed.describe()}")
