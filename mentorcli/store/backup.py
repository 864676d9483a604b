"""Backups of one consistent snapshot, verified, rotated, optionally encrypted.

Never a file copy of a live database: a copy taken while another process writes can
miss the WAL or tear a page. SQLite's ``serialize`` reads every page through one read
transaction of the connection, so the copy is one consistent snapshot.

Encryption uses the ``cryptography`` package (Fernet: AES-128-CBC with HMAC-SHA256; key
from the passphrase with scrypt), installed with ``pip install 'mentorcli[encryption]'``.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import os
import re
import sqlite3
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mentorcli.core.errors import MentorError
from mentorcli.core.vocabulary import DATA_TABLES
from mentorcli.store.files import check_target, write_private, write_private_new

if TYPE_CHECKING:
    from sqlite_utils import Database

ENCRYPTED_MAGIC = b"MENTORCLI-ENC1\n"
PREFIX = "mentorcli-"
DATED = re.compile(r"mentorcli-\d{4}-\d{2}-\d{2}T\d{6}(-\d+)?\.db(\.enc)?")


@dataclass
class BackupResult:
    path: Path
    counts: dict[str, int]
    encrypted: bool
    removed: list[Path]


def default_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def dated_name(now: dt.datetime, encrypted: bool) -> str:
    return f"{PREFIX}{now.strftime('%Y-%m-%dT%H%M%S')}.db" + (".enc" if encrypted else "")


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    # A backup written before a table was added (check_ins) lacks it: counted as it is.
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in DATA_TABLES
        if t in present
    }


def _snapshot(db: Database) -> tuple[bytes, dict[str, int]]:
    """A consistent copy of the live database as bytes, with its row counts.

    ``serialize`` reads every page through the connection's own read snapshot, so it also
    works inside the caller's write transaction (the backup API would wait forever there).
    """
    source = db.conn
    own = not source.in_transaction  # inside the caller's transaction, that one suffices
    if own:
        source.execute("BEGIN")  # one read snapshot for the counts and the copy
    try:
        counts = _counts(source)
        data = bytearray(source.serialize())
    finally:
        if own:
            source.execute("COMMIT")
    # Header bytes 18-19 say "WAL" (2) when copied from a WAL database; a backup is one
    # standalone file, so mark it as a plain rollback-journal database (1).
    data[18:20] = b"\x01\x01"
    return bytes(data), counts


def require_encryption() -> None:
    """Refuse, before any question or write, when the optional package is missing."""
    try:
        import cryptography  # noqa: F401
        from cryptography.fernet import Fernet  # noqa: F401
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt  # noqa: F401
    except ImportError:
        raise MentorError(
            "encryption needs the cryptography package: pip install 'mentorcli[encryption]'"
        ) from None


def check_passphrase(passphrase: str) -> str:
    """A passphrase is text: bytes that are not UTF-8 (a terminal or environment in another
    encoding) would give a key no other machine could type again."""
    try:
        passphrase.encode("utf-8")
    except UnicodeEncodeError:
        raise MentorError(
            "the backup passphrase is not valid UTF-8 text: use letters your terminal's "
            "UTF-8 locale can type"
        ) from None
    return passphrase


def check_new_passphrase(passphrase: str) -> str:
    """A passphrase for a new encrypted backup: text (as :func:`check_passphrase`) and not
    blank, or "(encrypted)" would promise what a blank passphrase cannot keep."""
    from mentorcli.core.errors import UsageError

    if not passphrase.strip():
        raise UsageError("the backup passphrase is blank: it would protect nothing")
    return check_passphrase(passphrase)


def _key(passphrase: str, salt: bytes) -> bytes:
    require_encryption()
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    secret = check_passphrase(passphrase).encode("utf-8")
    raw = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(secret)
    return base64.urlsafe_b64encode(raw)


def encrypt(data: bytes, passphrase: str) -> bytes:
    salt = os.urandom(16)
    key = _key(passphrase, salt)
    from cryptography.fernet import Fernet

    return ENCRYPTED_MAGIC + salt + Fernet(key).encrypt(data)


def decrypt(data: bytes, passphrase: str | None) -> bytes:
    if passphrase is None:
        raise MentorError(
            "this backup is encrypted: give the passphrase (MENTORCLI_BACKUP_PASSPHRASE)"
        )
    salt = data[len(ENCRYPTED_MAGIC) : len(ENCRYPTED_MAGIC) + 16]
    token = data[len(ENCRYPTED_MAGIC) + 16 :]
    key = _key(passphrase, salt)
    from cryptography.fernet import Fernet, InvalidToken

    try:
        return Fernet(key).decrypt(token)
    except InvalidToken:
        raise MentorError("wrong passphrase, or the backup was altered") from None


def _verify_bytes(data: bytes, expected: dict[str, int] | None) -> dict[str, int]:
    """Integrity check and row counts of a database held as bytes."""
    from mentorcli.store.migrations import known_names

    if not data.startswith(b"SQLite format 3\x00"):
        raise MentorError("not an SQLite database")
    conn = sqlite3.connect(":memory:")
    try:
        # an in-memory copy cannot use WAL: read it as a rollback-journal database
        conn.deserialize(bytes(data[:18]) + b"\x01\x01" + bytes(data[20:]))
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise MentorError(f"integrity check failed: {result}")
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = '_sqlite_migrations'"
        ).fetchone()
        if not has_table:
            raise MentorError("not a mentorcli database")
        names = {
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = 'mentorcli'"
            )
        }
        if not names:
            raise MentorError("not a mentorcli database")
        if names - set(known_names()):
            raise MentorError("written by a newer mentorcli; upgrade first")
        counts = _counts(conn)
    except sqlite3.DatabaseError as e:
        raise MentorError(f"not a readable mentorcli database ({e})") from None
    finally:
        conn.close()
    if expected is not None and counts != expected:
        raise MentorError(
            f"the written backup has other row counts ({counts}) than the database ({expected})"
        )
    return counts


def read_backup_header(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(len(ENCRYPTED_MAGIC))
    except OSError as e:
        raise MentorError(f"cannot read {path}: {e.strerror or e}") from None


def read_backup(path: Path, passphrase: str | None) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise MentorError(f"cannot read {path}: {e.strerror or e}") from None
    if data.startswith(ENCRYPTED_MAGIC):
        data = decrypt(data, passphrase)
    return data


def destination(db_path: Path, dest: Path | None) -> tuple[Path, bool]:
    """The folder for a dated name, or a file; True when it is the tool's own folder.

    A destination that does not exist is a new file only when its name has an extension
    (``/media/usb/mentorcli.store.db.enc``); a missing ``/media/usb`` is an unmounted drive, so
    it is refused rather than written as a file on the system disk.
    """
    if dest is None:
        return default_folder(db_path), True
    if dest.is_dir():
        return dest, False
    if not dest.exists() and not dest.is_symlink() and not dest.suffix:
        raise MentorError(
            f"the folder {dest} does not exist (is the drive mounted?); create it first, "
            "or give a file name such as mentorcli.db"
        )
    return dest, False


def _dated_names(folder: Path, now: dt.datetime, encrypted: bool) -> Iterator[Path]:
    first = dated_name(now, encrypted)
    yield folder / first
    for serial in range(2, 1000):
        yield folder / first.replace(".db", f"-{serial}.db", 1)


def check_destination(db_path: Path, dest: Path | None) -> tuple[Path, bool]:
    """Where the backup goes and whether it gets a dated name; refused before any work."""
    where, own_folder = destination(db_path, dest)
    dated = own_folder or where.is_dir()
    if not dated:
        check_target(where)
        if where.exists() and where.stat().st_size > 0 and not _holds_a_backup(where):
            raise MentorError(
                f"{where} exists and is not a mentorcli backup: it is not replaced; give a "
                "new file name or a folder"
            )
    return where, own_folder


def write_backup(
    db: Database,
    db_path: Path,
    dest: Path | None,
    *,
    passphrase: str | None,
    now: dt.datetime,
    created: list[Path] | None = None,
) -> BackupResult:
    """Write and verify one backup; the caller logs it and only then rotates.

    A new dated file is appended to ``created`` as soon as it exists, so the caller can
    remove it if the command fails before the backup is logged (:func:`discard`); one
    that fails its check is removed here, or a later ``--keep`` would count it as good.
    """
    encrypted = passphrase is not None
    where, own_folder = check_destination(db_path, dest)
    dated = own_folder or where.is_dir()
    data, counts = _snapshot(db)
    payload = encrypt(data, passphrase) if passphrase is not None else data
    new: list[Path] = [] if created is None else created
    if dated:
        target = write_private_new(
            _dated_names(where, now, encrypted), payload, create_folder=own_folder
        )
        new.append(target)
    else:
        target = where
        write_private(target, payload)
    try:
        _verify_bytes(read_backup(target, passphrase), counts)
    except MentorError as e:
        removed = " (removed)" if discard(new) else ""
        raise MentorError(f"the backup {target}{removed} failed its check: {e}") from None
    return BackupResult(target, counts, encrypted, [])


def discard(created: list[Path]) -> bool:
    """Remove the backups a command wrote but did not finish (check and log)."""
    removed = False
    for path in created:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed = True
    created.clear()
    return removed


def _is_own_backup(path: Path, live: list[os.stat_result], live_paths: list[Path]) -> bool:
    """A file `backup` made itself: its dated name, a regular file, not a live database,
    and the content of a mentorcli backup (encrypted, or a mentorcli SQLite file that is
    not in WAL mode, as every backup is marked and every live database is not)."""
    if not DATED.fullmatch(path.name):
        return False
    try:
        st = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode):
        return False
    if any((st.st_dev, st.st_ino) == (o.st_dev, o.st_ino) for o in live):
        return False
    if path.resolve() in live_paths:
        return False
    return _holds_a_backup(path, marked=True)


def _holds_a_backup(path: Path, *, marked: bool = False) -> bool:
    """The content of a mentorcli backup: encrypted, or an SQLite file with mentorcli's
    migrations; ``marked``: also not in WAL mode, as `backup` marks every backup and no
    live database is."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if data.startswith(ENCRYPTED_MAGIC):
        return len(data) > len(ENCRYPTED_MAGIC) + 16
    if not data.startswith(b"SQLite format 3\x00"):
        return False
    if marked and data[18:20] != b"\x01\x01":
        return False
    data = data[:18] + b"\x01\x01" + data[20:]  # read a WAL-mode copy as a plain one
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(data)
        return bool(
            conn.execute(
                "SELECT 1 FROM _sqlite_migrations WHERE migration_set = 'mentorcli' LIMIT 1"
            ).fetchone()
        )
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def rotate(folder: Path, keep: int, db_path: Path) -> list[Path]:
    """Keep the ``keep`` newest backups this tool made in the folder; remove older ones.

    Only files that are backups made by `backup` are counted or removed: never the live
    database (compared by resolved path and inode, whatever its name), never another file.
    """
    live_paths = [db_path.resolve()]
    live = []
    for base in dict.fromkeys([db_path, db_path.resolve()]):  # beside a link and its file
        for suffix in ("", "-wal", "-shm", "-journal"):
            companion = base.with_name(base.name + suffix)
            live_paths.append(companion.resolve())
            with contextlib.suppress(OSError):
                live.append(companion.stat())
    # Another `backup --keep` may remove a file between the listing and here: a file
    # already gone is one less to remove, not an error.
    own = []
    for path in folder.glob(f"{PREFIX}*.db*"):
        if _is_own_backup(path, live, live_paths):
            with contextlib.suppress(FileNotFoundError):
                own.append((path.stat().st_mtime_ns, path.name, path))
    old = [path for *_, path in sorted(own)[:-keep]] if keep > 0 else []
    removed = []
    for path in old:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as e:
            raise MentorError(
                f"the new backup is written and checked, but {path} could not be removed: "
                f"{e.strerror or e}"
            ) from None
        removed.append(path)
    return removed


def restore(
    db: Database,
    db_path: Path,
    source: Path,
    *,
    passphrase: str | None,
    now: dt.datetime,
    prepare: Callable[[sqlite3.Connection], int],
) -> tuple[Path, dict[str, int], int]:
    """Check the backup first; keep the current database aside; then copy it in.

    Before the copy replaces the live file, ``prepare`` gets it open in memory and
    returns a count: the caller re-applies every erasure of the live register there
    (``privacy.gdpr.reapply_register``), so an old backup never brings an erased person
    back. The store does not know about people, hence the callback.

    The copy kept aside is taken last, just before the copy in, and another process's
    commit since the register was read (``PRAGMA data_version``) refuses the restore:
    such a change would otherwise be neither in the restored file nor in the copy kept.
    """
    from mentorcli.core.errors import DatabaseLocked
    from mentorcli.store.db import translate

    data, counts = check_backup(source, passphrase)
    incoming = sqlite3.connect(":memory:")
    incoming.deserialize(bytes(data[:18]) + b"\x01\x01" + bytes(data[20:]))
    aside: Path | None = None
    restored = False
    try:
        version = _data_version(db)
        reapplied = prepare(incoming)
        current, _ = _snapshot(db)
        aside = write_private_new(_aside_names(db_path, now), current)
        if _data_version(db) != version:
            raise DatabaseLocked(
                "another mentorcli process changed the database during the restore; "
                "nothing was replaced: try again"
            )
        incoming.backup(db.conn)  # takes the write lock on the live database
        restored = True
    except sqlite3.OperationalError as e:
        raise translate(e) from None
    finally:
        incoming.close()
        if aside is not None and not restored:  # the copy kept aside is not needed
            with contextlib.suppress(OSError):
                aside.unlink()
    assert aside is not None
    return aside, counts, reapplied


def _data_version(db: Database) -> int:
    """Changes whenever another connection commits to the live database."""
    return int(db.conn.execute("PRAGMA data_version").fetchone()[0])


def check_backup(source: Path, passphrase: str | None) -> tuple[bytes, dict[str, int]]:
    """A backup's bytes and row counts once it passed its checks; ``restore`` calls this
    before it opens (and perhaps creates) the database, so a bad file changes nothing."""
    data = read_backup(source, passphrase)
    try:
        counts = _verify_bytes(data, None)
    except MentorError as e:
        raise MentorError(f"{source} cannot be restored: {e}; nothing was changed") from None
    return data, counts


def replaced_copies(db_path: Path) -> list[Path]:
    """The copies of the live database that ``restore`` keeps aside."""
    import glob

    return sorted(db_path.parent.glob(f"{glob.escape(db_path.name)}.replaced-*"))


def _aside_names(db_path: Path, now: dt.datetime) -> Iterator[Path]:
    """``mentorcli.db.replaced-2025-03-02T091500``, then ``-2``, ``-3``: never an earlier one."""
    first = f"{db_path.name}.replaced-{now.strftime('%Y-%m-%dT%H%M%S')}"
    yield db_path.with_name(first)
    for serial in range(2, 1000):
        yield db_path.with_name(f"{first}-{serial}")


def backups_in(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{PREFIX}*.db*")) if folder.is_dir() else []
