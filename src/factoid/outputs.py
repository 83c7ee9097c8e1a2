"""Output files that never destroy data.

An output path that is the database, one of its companion files (-wal, -shm, -journal), the
input, or any SQLite file is refused before anything is opened. The output is written to a
temporary file in the same folder and renamed into place only when complete, so a failed or
interrupted write leaves the previous file (or none) and no half-written one."""
from __future__ import annotations

import os
import secrets
import stat
from contextlib import contextmanager
from pathlib import Path
import shutil
from typing import Iterator

from .errors import FactoidError

COMPANIONS = ("-wal", "-shm", "-journal")
# the first bytes of a database, of its write-ahead log (two byte orders) and of its rollback journal
MAGIC = (b"SQLite format 3\x00", b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83", b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7")


def _is_sqlite(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError:
        return False
    return any(head.startswith(m) for m in MAGIC)


def check_output(path: str, database: str | None = None, source: str | None = None) -> Path:
    """The real path `path` would write, or a one-line FactoidError if writing it could
    destroy data: the database (or its companions), the input, or any SQLite file."""
    target = os.path.realpath(path)
    if database is not None:
        base = os.path.realpath(database)
        if target in {base, *(base + c for c in COMPANIONS)}:
            raise FactoidError(f"{path}: refusing to overwrite the database {database} (or its -wal, -shm, "
                               "-journal files) with the output")
    if source is not None and os.path.exists(target) and os.path.exists(source) \
            and os.path.samefile(target, source):
        raise FactoidError(f"{path}: refusing to overwrite the input with the output")
    companion_of = next((target[:-len(c)] for c in COMPANIONS if target.endswith(c)), None)
    if _is_sqlite(target) or (companion_of and _is_sqlite(companion_of)):
        raise FactoidError(f"{path}: an SQLite database file; refusing to overwrite it with the output")
    if os.path.isdir(target):
        raise FactoidError(f"{path}: a folder; give a file name for the output")
    return Path(target)


class _Writer:
    """A text handle whose write errors (a full disk) name the output on one line."""

    def __init__(self, handle, path: str):
        self._handle, self._path = handle, path

    def write(self, text: str | bytes) -> int:
        try:
            return self._handle.write(text)
        except OSError as exc:
            raise FactoidError(f"{self._path}: cannot write: {exc.strerror or exc}") from None


@contextmanager
def atomic_output(path: str, database: str | None = None, source: str | None = None,
                  binary: bool = False) -> Iterator[_Writer]:
    """Write `path` (UTF-8 text, or bytes when `binary`) all at once: yields a handle to a
    temporary file beside it, renamed over `path` when the block ends without an exception,
    removed otherwise."""
    target = check_output(path, database, source)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    try:
        # 0o666 and O_EXCL: the umask applies as to any new file, and nothing is overwritten
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise FactoidError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with (open(fd, "wb") if binary else open(fd, "w", encoding="utf-8", newline="")) as handle:
            yield _Writer(handle, path)
            try:
                handle.flush()
                os.fsync(handle.fileno())
            except OSError as exc:
                raise FactoidError(f"{path}: cannot write: {exc.strerror or exc}") from None
        try:
            if target.exists():  # an output written again keeps its permissions
                os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
            os.replace(tmp, target)
        except OSError as exc:
            raise FactoidError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# the file that marks a folder as an earlier export of ours, which may be replaced whole
FOLDER_MARK = "datapackage.json"


@contextmanager
def atomic_folder(path: str, database: str | None = None) -> Iterator[Path]:
    """Write the folder `path` all at once: yields a temporary folder beside it, put in its
    place when the block ends without an exception, removed otherwise. An existing folder is
    replaced only when it is empty or an earlier export (it holds FOLDER_MARK): a folder of
    the user's own files is never deleted."""
    target = Path(os.path.realpath(path))
    if database is not None and os.path.realpath(database) in (str(target), *(str(target) + c for c in COMPANIONS)):
        raise FactoidError(f"{path}: refusing to overwrite the database {database} with the output")
    if target.exists() and not target.is_dir():
        raise FactoidError(f"{path}: a file; give a folder name (or a name ending in .zip) for the output")
    if target.is_dir() and any(target.iterdir()) and not (target / FOLDER_MARK).is_file():
        raise FactoidError(f"{path}: a folder with other files in it; give a new or empty folder")
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    try:
        os.mkdir(tmp)
    except OSError as exc:
        raise FactoidError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        yield tmp
        old = target.with_name(f".{target.name}.{secrets.token_hex(4)}.old")
        try:
            if target.exists():
                os.replace(target, old)  # a rename: the old export stays whole until the new one is in place
            os.replace(tmp, target)
        except OSError as exc:
            if old.exists() and not target.exists():
                os.replace(old, target)
            raise FactoidError(f"{path}: cannot write: {exc.strerror or exc}") from None
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
