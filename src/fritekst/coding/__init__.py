"""Coding units into themes: the codebook, the rule coder, the learned model, evaluation."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from weakref import WeakKeyDictionary

from fritekst.coding.base import Coder
from fritekst.coding.paths import default_model_path


def make_coder(*, model: str | Path | None = None, codebook: str | Path | None = None,
               rules_only: bool = False) -> Coder:
    """The coder to use: the shipped learned model with the default codebook unless told
    otherwise; the codebook rules alone with ``rules_only``, with a user's own codebook and no
    model trained with it, or when no model is installed."""
    from fritekst.coding.learned import LearnedCoder
    from fritekst.coding.rules import RuleCoder

    coder: Coder
    if rules_only:
        coder = RuleCoder(codebook)
    elif model is not None:
        coder = LearnedCoder(model, codebook)
    elif codebook is None and (default_model_path() / "model.json").is_file():
        coder = LearnedCoder(default_model_path())
    else:
        coder = RuleCoder(codebook)
    # paths as they are now (a later change of folder must not change what workers load),
    # and the files' fingerprint (files changed since must not be loaded by workers)
    spec = CoderSpec(None if model is None else Path(model).resolve(),
                     None if codebook is None else Path(codebook).resolve(), rules_only)
    _MADE[coder] = (spec, spec.fingerprint())
    return coder


# the coders make_coder made, with what they were made from: worker processes make the same
# coder from this description instead of being sent the loaded one
_MADE: WeakKeyDictionary = WeakKeyDictionary()


def spec_of(coder: Coder) -> CoderSpec | None:
    """The :class:`CoderSpec` a coder was made from by :func:`make_coder`; None for a coder
    made otherwise (a model trained in memory, a coder of one's own), and for one whose
    files have changed since it was made (a model trained again into the same folder)."""
    try:
        made = _MADE.get(coder)
    except TypeError:  # a coder that cannot be weakly referred to was not made here
        return None
    if made is None:
        return None
    spec, fingerprint = made
    try:
        return spec if spec.fingerprint() == fingerprint else None
    except OSError:  # its files are gone
        return None


@dataclass(frozen=True)
class CoderSpec:
    """The coder :func:`make_coder` gives for these arguments, not yet loaded: an index tells
    by its :meth:`fingerprint` whether stored codes came from the same coder, and loads the
    coder (seconds) only when something must be coded."""

    model: str | Path | None = None
    codebook: str | Path | None = None
    rules_only: bool = False

    def make(self) -> Coder:
        return make_coder(model=self.model, codebook=self.codebook, rules_only=self.rules_only)

    def fingerprint(self) -> str:
        """A digest of the files the coder is made from: the model's description (which names
        its weights' digest) and the codebook."""
        from importlib.resources import files

        digest = hashlib.sha256()
        model = None if self.rules_only else self.model
        if model is None and not self.rules_only and self.codebook is None and \
                (default_model_path() / "model.json").is_file():
            model = default_model_path()
        digest.update(b"model:" + (Path(model, "model.json").read_bytes() if model else b"-"))
        codebook = (Path(self.codebook).read_bytes() if self.codebook is not None else
                    files("fritekst.data").joinpath("codebook.toml").read_bytes())
        digest.update(b"codebook:" + codebook)
        return digest.hexdigest()[:16]
