"""fritekst: code Norwegian open survey answers about social housing work into themes.

The public API returns pandas DataFrames and plain dataclasses; the ``fritekst`` command is a
thin wrapper around it.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("fritekst")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"

__all__ = ["__version__", "code_files", "load_survey", "summarize_files"]


def __getattr__(name: str):
    # import lazily so ``import fritekst`` stays fast and light
    if name in {"code_files", "summarize_files"}:
        from fritekst import api

        return getattr(api, name)
    if name == "load_survey":
        from fritekst.extract.survey import load_survey

        return load_survey
    raise AttributeError(name)
