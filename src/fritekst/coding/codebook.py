"""Codebooks: themes with ids, labels, definitions and patterns, read from TOML.

The default codebook ships as ``fritekst/data/codebook.toml``; ``--codebook FILE`` reads a
user's own in the same format::

    [codebook]
    name = "min-kodebok"
    version = "1"
    window = 6                 # tokens within which the parts of a "+" pattern must occur

    [[theme]]
    id = "boligmangel"
    label = "Tilgang på egnede boliger"     # neutral: matrices over both polarities
    labels = { styrke = "God tilgang på egnede boliger", utfordring = "Mangel på egnede boliger" }
    definition = "For få (egnede, tilpassede, kommunale) boliger, boligmarkedet, priser."
    patterns = ["bolig + mangel", "for få + bolig", "boligmarked"]
    weak = ["venteliste"]      # evidence that counts less (lower confidence)
    exclude = ["i bolig"]      # a clause with one of these is not evidence for this theme

    [[theme]]
    id = "tildeling"
    patterns = ["tildelingskriterier", "venteliste"]
    contested = ["venteliste"] # evidence shared with another theme …
    yields_to = ["boligmangel"]# … which wins when it is coded in the same unit

Pattern syntax: words in a group must follow each other ("for få"); groups joined by ``+``
must all occur within ``window`` tokens of one sentence, in any order ("bolig + mangel" matches
"mangel på boliger" and the compound "boligmangel"); a trailing ``*`` matches any key that
starts with the word ("tildel*"). Words are compared by their shared keys, so a pattern in
Bokmål also matches Nynorsk (bustad → bolig) and inflected forms.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from fritekst.errors import CodebookError

THEME_ID = re.compile(r"^[a-z][a-z0-9_]*$")
# earlier shipped codebooks (file sha256) with the same patterns as a later one (its
# patterns_sha256): models trained with them before patterns were hashed apart still fit.
# 1.0.0 → 1.1.0 added labels per polarity and changed nothing that codes.
_EARLIER_DEFAULTS = {"c11a6f9e5948": ("5e0deae61c20",)}
POLARITIES = ("styrke", "utfordring")


@dataclass(frozen=True)
class Theme:
    id: str
    label: str  # neutral ("Samordning og samarbeid")
    definition: str
    patterns: tuple[str, ...]
    weak: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    contested: tuple[str, ...] = ()
    yields_to: tuple[str, ...] = ()
    # the label for strengths and for challenges ("Godt samarbeid", "Svak samordning"),
    # as (polarity, label) pairs; a polarity without one uses the neutral label
    polarity_labels: tuple[tuple[str, str], ...] = ()

    def label_for(self, polarity: str | None = None) -> str:
        """The label that fits the polarity of a table; the neutral label without one."""
        return dict(self.polarity_labels).get(polarity or "", self.label)


@dataclass(frozen=True)
class Codebook:
    name: str
    version: str
    themes: tuple[Theme, ...]
    window: int
    source: str
    sha256: str

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.themes]

    @property
    def labels(self) -> dict[str, str]:
        """Theme id → neutral label, in codebook order."""
        return {t.id: t.label for t in self.themes}

    def labels_for(self, polarity: str | None) -> dict[str, str]:
        """Theme id → the label for strengths, for challenges, or (``None``/"") neutral."""
        return {t.id: t.label_for(polarity) for t in self.themes}

    @property
    def patterns_sha256(self) -> str:
        """A hash of what decides the coding (ids, patterns, window), not of labels and
        definitions: a model trained with the codebook's verdicts stays valid when only the
        wording of a label changes."""
        content = [self.window] + [[t.id, t.patterns, t.weak, t.exclude, t.contested,
                                    t.yields_to] for t in self.themes]
        return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()

    def codes_like(self, described: dict) -> bool:
        """Does this codebook code as the one a model recorded (see :meth:`describe`)?"""
        if described.get("patterns_sha256"):
            return self.patterns_sha256.startswith(described["patterns_sha256"])
        want = described.get("sha256") or ""
        return self.sha256.startswith(want) or (
            self.source == "default" and want in _EARLIER_DEFAULTS.get(self.patterns_sha256[:12],
                                                                       ()))

    def describe(self) -> dict:
        return {"name": self.name, "version": self.version, "sha256": self.sha256[:12],
                "patterns_sha256": self.patterns_sha256[:12],
                "source": self.source, "themes": len(self.themes)}


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read and validate a codebook; ``None`` gives the shipped default."""
    if path is None:
        resource = files("fritekst.data").joinpath("codebook.toml")
        data, source = resource.read_bytes(), "default"
    else:
        path = Path(path)
        if not path.is_file():
            raise CodebookError(f"{path}: codebook file not found.")
        data, source = path.read_bytes(), str(path)
    try:
        doc = tomllib.loads(data.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CodebookError(f"{source}: not a valid TOML codebook ({exc}).") from None
    meta = doc.get("codebook", {})
    raw_themes = doc.get("theme", [])
    if not raw_themes:
        raise CodebookError(f"{source}: no [[theme]] entries; see the default codebook's format.")
    themes, seen = [], set()
    for i, t in enumerate(raw_themes, start=1):
        tid = str(t.get("id", "")).strip()
        if not THEME_ID.match(tid):
            raise CodebookError(
                f"{source}: theme {i} has id '{tid}'; ids are lower-case letters, digits and _."
            )
        if tid in seen:
            raise CodebookError(f"{source}: theme id '{tid}' appears twice.")
        seen.add(tid)
        patterns = _str_list(t, "patterns", source, tid)
        if not patterns:
            raise CodebookError(f"{source}: theme '{tid}' has no patterns.")
        themes.append(Theme(
            id=tid,
            label=str(t.get("label", tid)),
            polarity_labels=_polarity_labels(t, source, tid),
            definition=str(t.get("definition", "")),
            patterns=tuple(patterns),
            weak=tuple(_str_list(t, "weak", source, tid)),
            exclude=tuple(_str_list(t, "exclude", source, tid)),
            contested=tuple(_str_list(t, "contested", source, tid)),
            yields_to=tuple(_str_list(t, "yields_to", source, tid)),
        ))
    for theme in themes:
        unknown = set(theme.yields_to) - seen
        if unknown:
            raise CodebookError(
                f"{source}: theme '{theme.id}' yields to unknown theme '{sorted(unknown)[0]}'."
            )
        if not set(theme.contested) <= set(theme.patterns) | set(theme.weak):
            raise CodebookError(
                f"{source}: theme '{theme.id}': contested patterns must also be in patterns."
            )
    window = meta.get("window", 6)
    if not isinstance(window, int) or window < 1:
        raise CodebookError(f"{source}: [codebook] window must be a positive whole number.")
    return Codebook(
        name=str(meta.get("name", Path(source).stem)),
        version=str(meta.get("version", "0")),
        themes=tuple(themes),
        window=window,
        source=source,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _polarity_labels(table: dict, source: str, tid: str) -> tuple[tuple[str, str], ...]:
    value = table.get("labels", {})
    if not isinstance(value, dict) or not all(
            k in POLARITIES and isinstance(v, str) and v.strip() for k, v in value.items()):
        raise CodebookError(
            f"{source}: theme '{tid}': labels must be a table such as "
            '{ styrke = "Godt samarbeid", utfordring = "Svakt samarbeid" }.')
    return tuple((k, v.strip()) for k, v in value.items())


def _str_list(table: dict, key: str, source: str, tid: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CodebookError(f"{source}: theme '{tid}': {key} must be a list of non-empty strings.")
    return [v.strip() for v in value]
