"""Reading and writing the user's files, with every failure a clear error naming the path.

Writing: :func:`replace_all` writes every file to a temporary file beside it first, and only
when all of them are fully written (and flushed to disk) renames each over its target. A failure
while writing (a full disk, a read-only folder, a missing folder, a file where a folder should
be) removes the temporary files and leaves every target as it was. The renames that follow need
no new space; only a crash during them (a few microseconds) could leave some files new and some
old. :func:`write_atomic` is the same for one file. No folder is ever created implicitly:
:func:`ensure_folder` creates one level, for ``build``'s exports folder, and says when it fails.

Reading: :func:`read_text` decodes UTF-8 (or, when asked, UTF-16 with a byte-order mark) and,
when a file is not UTF-8, names the line and byte and the encoding it looks like.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ogpgraph.core.errors import DataError, WriteError

#: what each errno means for a write, in words a user can act on
_WRITE_REASONS = {
    errno.ENOSPC: "no space left on the device (the disk is full)",
    errno.EFBIG: "the file is larger than the file-size limit of this system or process",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied (is the folder read-only?)",
    errno.EPERM: "permission denied (is the folder read-only?)",
}


def _first(path: Path, test: str) -> Path | None:
    """The first ancestor of ``path`` (from the root down) that is missing or is not a folder."""
    for ancestor in reversed([path, *path.parents]):
        if test == "missing" and not ancestor.exists():
            return ancestor
        if test == "file" and ancestor.exists() and not ancestor.is_dir():
            return ancestor
    return None


def write_error(error: OSError, path: Path, doing: str = "write") -> WriteError:
    """A clear error for a failed write of ``path`` (no traceback, the path named)."""
    folder = path.parent
    if error.errno == errno.ENOTDIR:
        blocker = _first(folder, "file")
        if blocker is not None:
            return WriteError(
                f"cannot {doing} {path}: {blocker} is a file, not a folder", path=path
            )
    if error.errno == errno.ENOENT:
        missing = _first(folder, "missing")
        if missing is not None:
            return WriteError(
                f"cannot {doing} {path}: the folder {missing} does not exist",
                path=path,
                hint="Create it first: ogpgraph does not create folders it was not asked to.",
            )
    if error.errno == errno.EISDIR or path.is_dir():
        return WriteError(f"cannot {doing} {path}: it is a folder", path=path)
    reason = _WRITE_REASONS.get(error.errno or 0, error.strerror or str(error))
    return WriteError(f"cannot {doing} {path}: {reason}", path=path)


def ensure_folder(folder: Path) -> bool:
    """Create ``folder`` if it is missing (its parent must exist). Returns whether it was made."""
    if folder.is_dir():
        return False
    try:
        folder.mkdir()
    except OSError as error:
        if error.errno == errno.EEXIST:  # a file of that name
            raise WriteError(
                f"cannot write into {folder}: it is a file, not a folder", path=folder
            ) from None
        raise write_error(error, folder, "create the folder") from None
    return True


def _stage(path: Path, data: bytes) -> str:
    """Write ``data`` to a temporary file beside ``path``, flushed to disk; return its name."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; a normal file is readable
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def replace_all(files: Mapping[Path, bytes]) -> None:
    """Write every file, all or nothing (see the module docstring for the guarantee).

    Raises:
        WriteError: naming the file that could not be written and why; no target was changed.
    """
    staged: list[tuple[str, Path]] = []
    current: Path | None = None
    try:
        for current, data in files.items():
            staged.append((_stage(current, data), current))
    except BaseException as error:
        for tmp, _path in staged:
            os.unlink(tmp)
        if isinstance(error, OSError) and current is not None:
            raise write_error(error, current) from None
        raise
    done = 0
    try:
        for tmp, path in staged:
            os.replace(tmp, path)
            done += 1
    except OSError as error:
        for tmp, _path in staged[done:]:
            if os.path.exists(tmp):
                os.unlink(tmp)
        failed = write_error(error, staged[done][1])
        if done:
            failed.message += f" ({done} of {len(staged)} files were already replaced)"
        raise failed from None


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write one file via a temporary file in the same folder and a rename: never half-written,
    and the folder must exist (:class:`WriteError` otherwise)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    replace_all({Path(path): raw})


def _looks_like(data: bytes) -> str:
    """A guess at the encoding of bytes that are not UTF-8, in words."""
    if data.count(b"\x00") * 4 >= len(data):
        return "UTF-16 without a byte-order mark"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "an 8-bit encoding other than Windows-1252"
    return 'Windows-1252 (what Excel\'s plain "CSV (Comma delimited)" saves)'


def decode_utf8(
    data: bytes, path: str | Path, *, utf16: bool = False, hint: str | None = None
) -> str:
    """``data`` as text (a leading BOM dropped), or a :class:`DataError` naming the line and
    byte that is not UTF-8 and the encoding it looks like. ``utf16``: text that starts with a
    UTF-16 byte-order mark (Excel's "Unicode text") is read as UTF-16, and a NUL byte (UTF-16
    without the mark) is refused like a byte that is not UTF-8. ``hint``: what the error
    suggests instead of "Save the file as UTF-8."

    >>> decode_utf8("\ufeffkia ora".encode("utf-16"), "t.csv", utf16=True)
    'kia ora'
    """
    if utf16 and data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16").removeprefix("\ufeff")
        except UnicodeDecodeError as error:
            raise DataError(
                f"not UTF-16 text, although it starts with a UTF-16 byte-order mark: "
                f"{error.reason} at byte {error.start + 1}",
                path=path,
                hint=hint or "Save the file as UTF-8.",
            ) from None
    try:
        text = data.decode("utf-8-sig")
        if utf16 and "\x00" in text:  # valid UTF-8, but no spreadsheet saves NUL in UTF-8
            start = data.index(b"\x00")
            raise UnicodeDecodeError("utf-8", data, start, start + 1, "a NUL byte")
        return text
    except UnicodeDecodeError as error:
        start = error.start
        line_start = data.rfind(b"\n", 0, start) + 1
        raise DataError(
            f"not UTF-8 text: byte 0x{data[start]:02x} at byte {start - line_start + 1} of the "
            f"line ({error.reason}); it looks like {_looks_like(data)}",
            path=path,
            line=data.count(b"\n", 0, start) + 1,
            hint=hint or "Save the file as UTF-8.",
        ) from None


def read_text(path: str | Path, *, utf16: bool = False, hint: str | None = None) -> str:
    """A UTF-8 text file's content; a :class:`DataError` naming the file (and the line that is
    not UTF-8) when it cannot be read. ``utf16`` and ``hint``: as :func:`decode_utf8`."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise DataError(f"cannot read: {error.strerror or error}", path=path) from None
    return decode_utf8(data, path, utf16=utf16, hint=hint)


def shown(path: str | Path) -> str:
    """A path as messages show it: relative to the working folder when it is inside it
    (``exports``), else absolute.

    >>> shown(Path.cwd() / "exports")
    'exports'
    >>> shown("/nonexistent/elsewhere")
    '/nonexistent/elsewhere'
    """
    resolved = Path(path).absolute()
    try:
        return str(resolved.relative_to(Path.cwd()))
    except ValueError:
        return str(resolved)
