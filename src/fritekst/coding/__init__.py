"""Coding units into themes: the codebook, the rule coder, the learned model, evaluation."""

from __future__ import annotations

from pathlib import Path

from fritekst.coding.base import Coder


def make_coder(*, model: str | Path | None = None, codebook: str | Path | None = None,
               rules_only: bool = False) -> Coder:
    """The coder to use: the shipped learned model with the default codebook unless told
    otherwise; the codebook rules alone with ``rules_only``, with a user's own codebook and no
    model trained with it, or when no model is installed."""
    from fritekst.coding.learned import LearnedCoder
    from fritekst.coding.model import default_model_path
    from fritekst.coding.rules import RuleCoder

    if rules_only:
        return RuleCoder(codebook)
    if model is not None:
        return LearnedCoder(model, codebook)
    if codebook is None and (default_model_path() / "model.json").is_file():
        return LearnedCoder(default_model_path())
    return RuleCoder(codebook)
