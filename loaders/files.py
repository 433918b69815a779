"""File helpers every loader and writer shares: the size limit, UTF-16 text, and writing a
file atomically (or to standard output for ``-``)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from graphmodel.errors import UsageError

__all__ = ["MAX_BYTES", "atomic_write_bytes", "check_writable", "utf16_text"]

MAX_BYTES = 50 * 1024 * 1024
"""Files above this size are refused with a message rather than read (see README)."""


def utf16_text(raw: bytes) -> str | None:
    """The text of a file saved as UTF-16 with a byte order mark (Notepad's "Unicode", Excel's
    "Unicode Text"), or None when ``raw`` is not that.

    >>> utf16_text("área: x".encode("utf-16")), utf16_text(b"area: x")
    ('área: x', None)
    """
    if not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        return raw.decode("utf-16")
    except UnicodeDecodeError:
        return None


def check_writable(path: Path) -> None:
    """Raise :class:`~graphmodel.errors.UsageError` naming ``path`` when a file cannot be
    written there: a missing folder, a folder where the file should be, or a file where a
    folder should be. Commands that work long before writing call it first."""
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give the name of the file to write")
    parent = path.parent
    if not parent.is_dir():
        what = "is not a folder" if parent.exists() else "does not exist"
        raise UsageError(f"{path}: {parent} {what}; create the folder first or write elsewhere")


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader never sees half a file.

    - ``-`` is standard output.
    - A regular file (or a new one) is written to a temporary file beside it, flushed to disk
      and renamed over, so an interrupted run leaves the old file (or none).
    - A symbolic link is followed: its target is replaced that way and the link stays.
    - A device, FIFO or other file that is not a regular file is written directly, never
      replaced (``-o /dev/stdout`` writes to standard output, even as root).

    Where no file can be written, :func:`check_writable` says why.
    """
    path = Path(path)
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        mode: int | None = path.stat().st_mode  # through any link
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        try:
            with open(path, "wb") as f:
                f.write(data)
        except OSError as e:
            raise UsageError(f"{path}: cannot write it: {e.strerror or e}") from None
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    check_writable(target)
    tmp = target.with_name(f".{target.name}.tmp{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, stat.S_IMODE(mode))
        os.replace(tmp, target)
    except OSError as e:
        raise UsageError(f"{path}: cannot write it: {e.strerror or e}") from None
    finally:
        if tmp.exists():
            tmp.unlink()
