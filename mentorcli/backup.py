"""Backups through SQLite's online backup API, verified, rotated, optionally encrypted.

Never a file copy of a live database: a copy taken while another process writes can
miss the WAL or tear a page. The backup API copies one consistent snapshot.

Encryption uses the ``cryptography`` package (Fernet: AES-128-CBC with HMAC-SHA256; key
from the passphrase with scrypt), installed with ``pip install 'mentorcli[encryption]'``.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mentorcli.errors import MentorError
from mentorcli.files import write_private
from mentorcli.vocabulary import DATA_TABLES

if TYPE_CHECKING:
    from sqlite_utils import Database

ENCRYPTED_MAGIC = b"MENTORCLI-ENC1\n"
PREFIX = "mentorcli-"


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
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in DATA_TABLES}


def _snapshot(db: Database) -> tuple[bytes, dict[str, int]]:
    """A consistent copy of the live database as bytes, with its row counts."""
    memory = sqlite3.connect(":memory:")
    source = db.conn
    source.execute("BEGIN")  # one read snapshot for the counts and the copy
    try:
        counts = _counts(source)
        source.backup(memory)
    finally:
        source.execute("COMMIT")
    data = bytearray(memory.serialize())
    memory.close()
    # Header bytes 18-19 say "WAL" (2) when copied from a WAL database; a backup is one
    # standalone file, so mark it as a plain rollback-journal database (1).
    data[18:20] = b"\x01\x01"
    return bytes(data), counts


def _key(passphrase: str, salt: bytes) -> bytes:
    try:
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
    except ImportError:
        raise MentorError(
            "encryption needs the cryptography package: pip install 'mentorcli[encryption]'"
        ) from None
    raw = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())
    return base64.urlsafe_b64encode(raw)


def encrypt(data: bytes, passphrase: str) -> bytes:
    from cryptography.fernet import Fernet

    salt = os.urandom(16)
    return ENCRYPTED_MAGIC + salt + Fernet(_key(passphrase, salt)).encrypt(data)


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
    from mentorcli.migrations import known_names

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


def backup(
    db: Database,
    db_path: Path,
    dest: Path | None,
    *,
    keep: int | None,
    passphrase: str | None,
    now: dt.datetime,
) -> BackupResult:
    encrypted = passphrase is not None
    folder = default_folder(db_path) if dest is None else dest if dest.is_dir() else None
    if folder is not None:
        target = folder / dated_name(now, encrypted)
        serial = 1
        while target.exists():
            serial += 1
            name = dated_name(now, encrypted).replace(".db", f"-{serial}.db", 1)
            target = folder / name
    else:
        assert dest is not None
        target = dest
    if target.resolve() == db_path.resolve():
        raise MentorError("the backup cannot overwrite the database itself")
    data, counts = _snapshot(db)
    payload = encrypt(data, passphrase) if encrypted else data
    write_private(target, payload)
    try:
        _verify_bytes(read_backup(target, passphrase), counts)
    except MentorError as e:
        raise MentorError(f"the backup {target} failed its check: {e}") from None
    removed = rotate(target.parent, keep) if keep else []
    return BackupResult(target, counts, encrypted, removed)


def rotate(folder: Path, keep: int) -> list[Path]:
    """Keep the ``keep`` newest dated backups in the folder; remove the older ones."""
    dated = sorted(
        (p for p in folder.glob(f"{PREFIX}*.db*") if not p.name.endswith(".part")),
        key=lambda p: (p.stat().st_mtime_ns, p.name),
    )
    old = dated[:-keep] if keep > 0 else []
    for path in old:
        path.unlink()
    return old


def restore(
    db: Database, db_path: Path, source: Path, *, passphrase: str | None, now: dt.datetime
) -> tuple[Path, dict[str, int], int]:
    """Check the backup first; keep the current database aside; then copy it in.

    Before the copy replaces the live file, every erasure in the live register is made
    again in it (the count is returned): an old backup never brings an erased person back.
    """
    data = read_backup(source, passphrase)
    try:
        counts = _verify_bytes(data, None)
    except MentorError as e:
        raise MentorError(f"{source} cannot be restored: {e}; nothing was changed") from None
    aside = db_path.with_name(f"{db_path.name}.replaced-{now.strftime('%Y-%m-%dT%H%M%S')}")
    current, _ = _snapshot(db)
    write_private(aside, current)
    incoming = sqlite3.connect(":memory:")
    incoming.deserialize(bytes(data[:18]) + b"\x01\x01" + bytes(data[20:]))
    try:
        from mentorcli.gdpr import reapply_register

        reapplied = reapply_register(db, incoming)
        incoming.backup(db.conn)  # takes the write lock on the live database
    except sqlite3.OperationalError as e:
        from mentorcli.db import translate

        raise translate(e) from None
    finally:
        incoming.close()
    return aside, counts, reapplied


def replaced_copies(db_path: Path) -> list[Path]:
    """The copies of the live database that ``restore`` keeps aside."""
    import glob

    return sorted(db_path.parent.glob(f"{glob.escape(db_path.name)}.replaced-*"))


def backups_in(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{PREFIX}*.db*")) if folder.is_dir() else []
