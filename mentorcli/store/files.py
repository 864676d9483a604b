"""The one writer for every file the tool makes: backups, exports, stats files, kept copies.

Files that hold personal data or figures about people are readable by their owner alone
(0600). Each is written to a temporary file with an unpredictable name in the target's own
folder (``mkstemp``: ``O_EXCL | O_NOFOLLOW``, mode 0600), flushed, fsynced and renamed over
the target, so a reader never sees half a file and a planted symlink is never followed.

What is refused, with one line and before anything is written:
- a target that exists and is not a regular file (a device such as /dev/null, a folder, a
  FIFO, a symbolic link): replacing it would at best surprise, at worst break the system;
- a destination folder that does not exist: a backup to an unmounted ``/media/usb`` must
  fail loudly instead of filling the system disk (only the tool's own folders are made);
- the open database and its ``-wal``/``-shm``/``-journal`` companions.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from mentorcli.core.errors import MentorError

_protected: list[Path] = []
_COMPANIONS = ("", "-wal", "-shm", "-journal")
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.EXDEV}


def protect(db_path: Path) -> None:
    """Never write over this database or its companion files (db.open_db calls this).

    Through a symbolic link, SQLite keeps the WAL beside the file the link points to:
    those companions are protected too, not only the ones beside the link.
    """
    for path in dict.fromkeys([db_path, db_path.resolve()]):
        for suffix in _COMPANIONS:
            _protected.append(path.with_name(path.name + suffix))


def unprotect_all() -> None:
    """Every database this process opened is closed (db.close_all)."""
    _protected.clear()


def _is_protected(path: Path, st: os.stat_result | None) -> bool:
    resolved = path.resolve()
    for other in _protected:
        if other.resolve() == resolved:
            return True
        if st is not None:
            with contextlib.suppress(OSError):
                mine = other.stat()
                if (mine.st_dev, mine.st_ino) == (st.st_dev, st.st_ino):
                    return True
    return False


def kind_of(mode: int) -> str | None:
    """What a file is when it is not a regular file ("a FIFO (named pipe)"), else None."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def check_target(path: Path, *, create_folder: bool = False) -> None:
    """Refuse, with one line, a target this module will not write (see the module doc)."""
    if path.name in ("", ".", ".."):
        raise MentorError(f"cannot write to {str(path)!r}: it is a folder, not a file name")
    folder = path.parent
    if not folder.is_dir():
        if folder.exists() or folder.is_symlink():
            raise MentorError(f"cannot write {path}: {folder} is not a folder")
        if not create_folder:
            raise MentorError(
                f"cannot write {path}: the folder {folder} does not exist "
                "(is the drive mounted?); create it first"
            )
    try:
        st: os.stat_result | None = path.lstat()
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise MentorError(f"cannot write {path}: {e.strerror or e}") from None
    if st is not None:
        kind = kind_of(st.st_mode)
        if kind is not None:
            raise MentorError(
                f"refusing to write {path}: it is {kind}, not a regular file; nothing was written"
            )
    if _is_protected(path, st):
        raise MentorError(f"refusing to write {path}: it is the database itself")


def _make_folder(folder: Path) -> None:
    if not folder.is_dir():
        folder.mkdir(mode=0o700)
        folder.chmod(0o700)


def _temporary(path: Path, payload: bytes) -> Path:
    """The payload in a new, fsynced file with an unpredictable name beside ``path``."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:200]}.", suffix=".part")
    tmp = Path(name)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some file systems cannot, which is no error."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def write_private_files(
    items: Sequence[tuple[Path, str | bytes]], *, create_folder: bool = False
) -> None:
    """Write several files all or none: every target is checked, every temporary file is
    written and fsynced, and only then is each renamed over its target."""
    for path, _ in items:
        check_target(path, create_folder=create_folder)
    done: list[Path] = []
    temporaries: list[tuple[Path, Path]] = []
    current = items[0][0] if items else Path()
    try:
        for path, data in items:
            current = path
            if create_folder:
                _make_folder(path.parent)
            temporaries.append((_temporary(path, _bytes(data)), path))
        for tmp, path in temporaries:
            current = path
            os.replace(tmp, path)
            done.append(tmp)
        for folder in {path.parent for path, _ in items}:
            _sync_folder(folder)
    except OSError as e:
        raise MentorError(f"cannot write {current}: {e.strerror or e}; nothing written") from None
    finally:
        for tmp, _ in temporaries:
            if tmp not in done:
                with contextlib.suppress(OSError):
                    tmp.unlink()


def write_private(path: Path, data: str | bytes, *, create_folder: bool = False) -> None:
    """Write one file atomically, owner-only; ``create_folder`` only for the tool's own
    folders (the backups folder beside the database), made 0700 whatever the umask."""
    write_private_files([(path, data)], create_folder=create_folder)


def write_private_new(
    names: Iterable[Path], data: str | bytes, *, create_folder: bool = False
) -> Path:
    """Write under the first of ``names`` that does not exist yet, never replacing a file
    (two backups or restores in the same second each keep their own); returns the name.

    A hard link publishes the finished file only if the name is free; on file systems
    without hard links (FAT on a USB stick) the name is checked just before the rename.
    """
    payload = _bytes(data)
    tmp: Path | None = None
    current = Path()
    try:
        for path in names:
            current = path
            if path.exists() or path.is_symlink():
                continue  # taken, whatever it is: never replaced, never looked into
            check_target(path, create_folder=create_folder)
            if tmp is None:
                if create_folder:
                    _make_folder(path.parent)
                tmp = _temporary(path, payload)
            try:
                os.link(tmp, path)
            except FileExistsError:
                continue
            except OSError as e:
                if e.errno not in _NO_HARD_LINKS:
                    raise
                if path.exists() or path.is_symlink():
                    continue
                os.replace(tmp, path)
                tmp = None
            _sync_folder(path.parent)
            return path
    except OSError as e:
        raise MentorError(f"cannot write {current}: {e.strerror or e}; nothing written") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
    raise MentorError("no free file name left to write to")
