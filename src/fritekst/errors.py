"""The one exception family of fritekst.

The library raises these; the CLI catches them once and prints their message as a single
``Error: …`` line with a non-zero exit code. Messages say what went wrong, where (file, row,
column, page) and what to do about it.
"""


class FritekstError(Exception):
    """Base class: a problem the user can fix, reported without a traceback."""


class InputError(FritekstError):
    """An input file is missing, unreadable, or not what it claims to be."""


class ColumnError(FritekstError):
    """A column named in an option does not exist, or a needed column cannot be found."""


class ValueOnScaleError(FritekstError):
    """A rating value is not on the scale."""


class CodebookError(FritekstError):
    """A codebook file is malformed."""


class OutputError(FritekstError):
    """An output file cannot be written in the requested format."""


class ModelError(FritekstError):
    """A model folder is missing, incomplete or of another format."""


class SettingsError(FritekstError):
    """A setting has an unknown name or a value outside its allowed range."""


class StoreError(FritekstError):
    """A project store cannot be opened or written, or a change to it is not valid."""


class ToolError(FritekstError):
    """An outside program that an option needs (Tesseract for --ocr) is missing or fails."""
