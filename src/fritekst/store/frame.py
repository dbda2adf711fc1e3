"""The project's coding frame: the codebook it started from, and the changes researchers made
to it since (add a theme, rename a label, merge two themes, split one), each a row in the
store. Codes are never rewritten: a merged theme's codes are read as the theme it was merged
into, and a split theme's codes wait for a researcher to review them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace

import pandas as pd

from fritekst.coding.codebook import THEME_ID, Codebook, Theme
from fritekst.errors import StoreError

ACTIONS = ("add", "rename", "merge", "split")


@dataclass
class Frame:
    """``codebook``: the themes in force (labels for tables, ids a coder may use);
    ``moves``: a merged theme → the theme its codes now count as; ``split``: themes split
    apart, whose codes wait for review; ``changes``: what was done, oldest first."""

    codebook: Codebook
    moves: dict[str, str] = field(default_factory=dict)
    split: dict[str, list[str]] = field(default_factory=dict)
    changes: list[dict] = field(default_factory=list)

    def read(self, themes: str) -> tuple[str, bool]:
        """A stored ';'-joined code as the frame reads it now, and whether it holds a theme
        that was split (the unit then waits for review)."""
        out, waits = [], False
        for t in (x for x in str(themes or "").split(";") if x):
            while t in self.moves:
                t = self.moves[t]
            if t in self.split:
                waits = True
                continue
            out.append(t)
        return ";".join(dict.fromkeys(out)), waits


def apply_changes(base: Codebook, changes: list[dict]) -> Frame:
    """The frame after ``changes`` (rows of the store's frame table, oldest first)."""
    themes = {t.id: t for t in base.themes}
    frame = Frame(base)
    for change in changes:
        args = change["args"]
        action = change["action"]
        # a codebook file that already holds a change (the theme added, the merged or split
        # theme gone) is not changed again, but stored codes still follow it
        if (action == "add" and args["id"] in themes) or \
                (action != "add" and args["id"] not in themes):
            if action == "merge" and args["into"] in themes:
                frame.moves[args["id"]] = args["into"]
            elif action == "split":
                frame.split[args["id"]] = [p["id"] for p in args["into"]]
            frame.changes.append(change)
            continue
        if action == "add":
            themes[args["id"]] = Theme(args["id"], args["label"], args.get("definition", ""),
                                       (), polarity_labels=_labels(args))
        elif action == "rename":
            old = themes[args["id"]]
            labels = dict(old.polarity_labels) | dict(_labels(args))
            themes[args["id"]] = replace(old, label=args.get("label") or old.label,
                                         polarity_labels=tuple(labels.items()))
        elif action == "merge":
            themes.pop(args["id"])
            frame.moves[args["id"]] = args["into"]
        elif action == "split":
            themes.pop(args["id"])
            frame.split[args["id"]] = [p["id"] for p in args["into"]]
            for part in args["into"]:
                themes[part["id"]] = Theme(part["id"], part["label"],
                                           part.get("definition", ""), ())
        frame.changes.append(change)
    if changes:
        digest = hashlib.sha256((base.sha256 + json.dumps(
            [[c["action"], c["args"]] for c in changes], ensure_ascii=False)).encode())
        frame.codebook = replace(base, themes=tuple(themes.values()),
                                 version=f"{base.version}+{len(changes)}",
                                 sha256=digest.hexdigest())
    return frame


def check_change(frame: Frame, action: str, args: dict) -> None:
    """Refuse a change that does not fit the frame in force, with what to do instead."""
    ids = set(frame.codebook.ids)
    if action not in ACTIONS:
        raise StoreError(f"unknown change {action!r}; use one of {', '.join(ACTIONS)}.")
    new = [args["id"]] if action == "add" else \
        [p["id"] for p in args.get("into", [])] if action == "split" else []
    for theme in new:
        if not THEME_ID.match(theme) or len(theme) > 32:
            raise StoreError(f"theme id {theme!r}: use up to 32 lower-case letters, digits "
                             "and _, starting with a letter (e.g. digital_soknad).")
        if theme in ids or theme in frame.moves or theme in frame.split:
            raise StoreError(f"theme id {theme!r} is taken; choose another id.")
    if action == "add" and not args.get("label", "").strip():
        raise StoreError("a new theme needs a label (--label).")
    old = [args["id"]] if action in ("rename", "merge", "split") else []
    if action == "merge":
        old.append(args["into"])
        if args["id"] == args["into"]:
            raise StoreError("a theme cannot be merged into itself.")
    for theme in old:
        if theme not in ids:
            raise StoreError(f"no theme {theme!r} in the project's coding frame; "
                             f"themes: {', '.join(frame.codebook.ids)}.")
    if action == "split" and len(args.get("into", [])) < 2:
        raise StoreError("a theme is split into at least two new themes.")
    if len(new) != len(set(new)):
        raise StoreError("the new themes of a split need different ids.")


def _labels(args: dict) -> tuple[tuple[str, str], ...]:
    return tuple((pol, args[key]) for pol, key in (("styrke", "strength_label"),
                                                    ("utfordring", "challenge_label"))
                 if args.get(key))


def read_codes(codes: pd.DataFrame, frame: Frame) -> pd.DataFrame:
    """Codes with their themes as the frame reads them now, and ``waits`` where a split
    theme was among them."""
    out = codes.copy()
    read = [frame.read(t) for t in out["themes"].fillna("")]
    out["themes"] = [r[0] for r in read]
    out["waits"] = [r[1] for r in read]
    return out
