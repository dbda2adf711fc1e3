"""fritekst: code Norwegian open survey answers about social housing work into themes.

The public API returns pandas DataFrames and plain dataclasses; the ``fritekst`` command is a
thin wrapper around it: every function it calls is importable from here.
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("fritekst")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"

# name → module; imported on first use so that ``import fritekst`` stays fast and light
_API = {
    "code_files": "fritekst.api",
    "summarize_files": "fritekst.api",
    "load_survey": "fritekst.extract.survey",
    "make_coder": "fritekst.coding",
    "ThemeClassifier": "fritekst.coding.model",
    "train_file": "fritekst.coding.train",
    "evaluate_file": "fritekst.coding.evaluate",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'fritekst' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
