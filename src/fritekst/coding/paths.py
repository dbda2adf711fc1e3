"""Where the shipped model lives (a module of its own, so finding it loads nothing)."""

from __future__ import annotations

from pathlib import Path


def default_model_path() -> Path:
    """The model shipped with fritekst (inside the package)."""
    from importlib.resources import files

    return Path(str(files("fritekst").joinpath("models").joinpath("fritekst-nb-nn")))
