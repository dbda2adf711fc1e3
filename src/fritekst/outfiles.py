"""Writing output files safely: check the path before the work, write beside the target, and
rename into place only when the file is complete.

An interrupted or failed run (Ctrl-C, a full disk, a bug) leaves the file that was there
before untouched and no half-written file behind. Every writer in fritekst goes through
:func:`replacing` (or :func:`write_text`), and every command checks its output path with
:func:`check_output_path` before it starts work.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path

from fritekst.errors import OutputError


def check_output_path(path: str | Path, suffixes: Iterable[str] = ()) -> Path:
    """Refuse an output path that cannot be written, before any long work starts: an unknown
    suffix, a folder that does not exist or cannot be written to, or a folder given as a
    file. Returns the path."""
    path = Path(path)
    suffixes = sorted(suffixes)
    if path.is_dir():
        example = path / f"ut{path.suffix or (suffixes[0] if suffixes else '.csv')}"
        raise OutputError(f"{path}: is a folder; give a file name such as {example}.")
    if suffixes and path.suffix.lower() not in suffixes:
        raise OutputError(f"{path}: cannot write '{path.suffix or '(no suffix)'}'; use one of "
                          f"{', '.join(suffixes)}.")
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: folder {folder} does not exist; create it first.")
    probe = folder / f".{path.name}.{secrets.token_hex(4)}.probe"
    try:
        os.close(os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except OSError as exc:
        raise _folder_error(path, exc) from None
    os.unlink(probe)
    return path


def check_output_folder(folder: str | Path, what: str = "the files") -> Path:
    """A folder to write ``what`` into, made if missing; refused before any work when it is
    a file, its parent is missing, or it cannot be written to."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file; give a folder for {what} (-o DIR).")
    if not folder.exists():
        if not folder.parent.is_dir():
            raise OutputError(f"{folder}: folder {folder.parent} does not exist; create it "
                              "first.")
        try:
            folder.mkdir()
        except OSError as exc:
            raise OutputError(f"{folder}: cannot make the folder ({exc.strerror}).") from None
    if not os.access(folder, os.W_OK):
        raise OutputError(f"{folder}: cannot write in this folder (no permission); choose "
                          "one you can write to.")
    return folder


@contextlib.contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` to write to; when the block ends normally the
    temporary file replaces ``path``, when it ends by an exception or an interrupt the
    temporary file is removed and ``path`` is left as it was. OS errors become one-line
    :class:`OutputError`s."""
    path = Path(path)
    tmp = path.with_name(f".{path.stem}.{secrets.token_hex(4)}.tmp{path.suffix}")
    try:
        yield tmp
        os.replace(tmp, path)
    except OSError as exc:
        raise _replace_error(path, exc) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def write_text(path: str | Path, text: str) -> Path:
    """Write a UTF-8 text file safely (see :func:`replacing`)."""
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


def _folder_error(path: Path, exc: OSError) -> OutputError:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(f"{path}: cannot write in folder {path.parent} (no permission); "
                           "choose a folder you can write to.")
    return OutputError(f"{path}: cannot write in folder {path.parent} ({exc.strerror}).")


def _replace_error(path: Path, exc: OSError) -> OutputError:
    if isinstance(exc, PermissionError) and path.exists():
        return OutputError(f"{path}: cannot replace the file (is it open in Excel?); close it "
                           "or choose another name.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _folder_error(path, exc)
    return OutputError(f"{path}: cannot write the file ({exc.strerror}).")


def file_sha256(path: str | Path) -> str:
    """The sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
