"""The one way in to the database: where it lives, how it is opened, how it is written.

Every command goes through :func:`open_db`, which guarantees owner-only permissions,
the pragmas we rely on (WAL, foreign keys, a busy timeout, full fsync, secure delete)
and an up-to-date schema; and every write goes through :func:`transaction`, so each
command is one ``BEGIN IMMEDIATE`` transaction that either lands whole or not at all.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import sqlite3
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorcli.core import clock
from mentorcli.core.errors import DatabaseLocked, MentorError

if TYPE_CHECKING:
    from sqlite_utils import Database

DB_FILENAME = "mentorcli.db"
BUSY_TIMEOUT_MS = 5000


def data_dir() -> Path:
    """The user's data directory (XDG on Linux), where the database lives by default."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "mentorcli"


def resolve_path(option: str | os.PathLike[str] | None) -> Path:
    """``--db`` wins over ``MENTORCLI_DB``, which wins over the data directory."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get("MENTORCLI_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / DB_FILENAME


def read_only_reason(path: Path) -> str | None:
    """Why an existing database file may not be written, or None when it may.

    Decided from the file's mode bits (and ``os.access`` for a file someone else owns or
    a read-only mount), never by trying: root ignores modes, and a coordinator who made
    the file 0400 meant it to stay as it is.
    """
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None
    if mode & stat.S_IWUSR and os.access(path, os.W_OK):
        return None
    return (
        f"the database file is read-only (mode {mode:04o}): {path}; "
        "reading works, changes need write permission (chmod u+w)"
    )


def _refuse_odd_file(path: Path) -> None:
    """Refuse a database path that is not a regular file (or a link to one), before the
    chmod to 0600 and before SQLite: ``--db /dev/null`` run as root must not make the
    system's /dev/null private, and a FIFO would only give "disk I/O error"."""
    from mentorcli.store.files import kind_of

    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise MentorError(
                f"{path} is a symbolic link to {os.readlink(path)}, which does not exist"
            ) from None
        return
    except OSError as e:
        raise MentorError(f"cannot open {path}: {e.strerror or e}") from None
    kind = kind_of(st.st_mode)
    if kind is not None:
        raise MentorError(f"{path} is {kind}, not a database file")
    real = path.resolve()
    for suffix in ("-wal", "-shm", "-journal"):  # SQLite refuses these as links, darkly
        companion = real.with_name(real.name + suffix)
        try:
            kind = kind_of(companion.lstat().st_mode)
        except OSError:
            continue
        if kind is not None:
            raise MentorError(
                f"{companion} is {kind}, not a regular file: SQLite will not use it; "
                "move it away (nothing was changed)"
            )


def _prepare_file(path: Path) -> None:
    """Create an empty file (0600) before SQLite does, whatever the umask.

    Only the default data folder is created (0700): any other missing folder may be an
    unmounted drive (``--db /media/usb/mentorcli.db``), and creating it would put the
    database on the system disk instead.
    """
    os.umask(0o077)  # also covers -wal, -shm, backups and exports this process writes
    folder = path.parent
    own = Path(os.path.abspath(folder)) == Path(os.path.abspath(data_dir()))
    if not folder.exists():
        if not own:
            raise MentorError(
                f"the folder {folder} does not exist (is the drive mounted?); create it "
                f"first to keep the database at {path}"
            )
        folder.mkdir(parents=True, mode=0o700)
        folder.chmod(0o700)
    elif own:
        folder.chmod(0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)


def _make_private(path: Path) -> None:
    """The database and its companions readable by their owner only (0600).

    Called once SQLite has read the file as a database: a ``--db`` link to a file that is
    not one (``/etc/passwd``) must keep that file's mode.
    """
    os.chmod(path, 0o600)
    real = path.resolve()  # SQLite names the WAL after the file a link points to
    for suffix in ("-wal", "-shm"):
        companion = real.with_name(real.name + suffix)
        # Another process may delete the WAL between a check and a chmod: just try; and
        # never follow a link planted in the folder (chmod would follow it).
        try:
            if stat.S_ISREG(companion.lstat().st_mode):
                os.chmod(companion, 0o600)
        except FileNotFoundError:
            pass


def connect_read_only(path: Path) -> sqlite3.Connection:
    """SQLite's own read-only mode: the file, its mode and its bytes stay as they are.

    The path is URL-quoted: a ``?`` or ``#`` in a file name would otherwise start the
    URI's query, and SQLite would open (and create) another file.

    A WAL database read this way needs a ``-shm`` beside it; SQLite creates one (with the
    file's own mode) when the folder is writable, and cannot otherwise.
    """
    from urllib.parse import quote

    uri = f"file:{quote(str(path.absolute()))}?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def open_db(
    path: str | os.PathLike[str] | None = None, *, create: bool = True, empty: bool = False
) -> Database:
    """Open (or create) the database and bring its schema up to date.

    ``create=False`` is for commands that only read, such as ``remind`` under cron: a
    missing database is then an error rather than a new empty file. ``empty=True`` is for
    commands that only look (``config show``, ``import --dry-run``): a missing database is
    then an empty one in memory, so nothing is created by a command that writes nothing.
    """
    from sqlite_utils import Database

    from mentorcli.store.migrations import migrations

    db_path = resolve_path(path)
    _refuse_odd_file(db_path)
    if not db_path.exists() and empty:
        return _open_empty(db_path)
    if not db_path.exists() and not create:
        raise MentorError(f"no database at {db_path}: enrol someone first, or run `mentorcli demo`")
    read_only = read_only_reason(db_path) if db_path.exists() else None
    try:
        if read_only:
            os.umask(0o077)  # as _prepare_file: for the backups and exports it writes
            conn = connect_read_only(db_path)
        else:
            _prepare_file(db_path)
            conn = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_MS / 1000)
    except OSError as e:
        raise MentorError(f"cannot open {db_path}: {e.strerror or e}") from None
    # Never open the file outside SQLite to look at it: closing any other descriptor of
    # the file drops this process's POSIX locks, and another process may then delete the
    # WAL under a live connection ("How To Corrupt An SQLite Database File", 2.2).
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as e:
        conn.close()
        if "not a database" in str(e):
            raise MentorError(
                f"{db_path} is not a mentorcli database (not an SQLite file)"
            ) from None
        if read_only and "readonly" in str(e).lower():
            raise MentorError(
                f"{read_only}; but SQLite cannot read it either: a read-only database in "
                f"WAL mode needs its folder writable (or {db_path.name}-shm beside it)"
            ) from None
        raise translate(e) from None
    if not read_only:
        try:
            _make_private(db_path)
        except OSError as e:
            conn.close()
            raise MentorError(f"cannot open {db_path}: {e.strerror or e}") from None
    from mentorcli.store.files import protect

    protect(db_path)
    db = Database(conn, execute_plugins=False)
    db.read_only = read_only  # type: ignore[attr-defined]
    _open.append(db)
    try:
        _configure(db)
        _migrate(db, migrations, db_path)
    except BaseException:
        conn.close()
        raise
    _finish_erasures(db)
    db.path = db_path  # type: ignore[attr-defined]
    return db


def path_of(db: Database) -> Path:
    """The file :func:`open_db` opened: kept on the handle, as sqlite3 does not keep it."""
    path: Path = db.path  # type: ignore[attr-defined]
    return path


def _open_empty(db_path: Path) -> Database:
    """A new database in memory, standing in for the missing ``db_path``; never written."""
    from sqlite_utils import Database

    from mentorcli.store.migrations import migrations

    db = Database(sqlite3.connect(":memory:"), execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db)
    db.read_only = f"no database at {db_path} yet: nothing is written"  # type: ignore[attr-defined]
    db.path = db_path  # type: ignore[attr-defined]
    _open.append(db)
    return db


def _finish_erasures(db: Database) -> None:
    """Finish an erasure whose old bytes another process kept in the WAL (see ``forget``).

    Best effort and without waiting: if the other process still holds on, the next
    command tries again and ``doctor`` says so.
    """
    try:
        if not db.execute("SELECT 1 FROM erasures WHERE scrubbed = 0 LIMIT 1").fetchone():
            return
        from mentorcli.store.scrub import scrub_files

        scrub_files(db, wait=False)
    except (sqlite3.Error, MentorError):
        pass


_open: list[Database] = []


def close_all() -> None:
    """Close every connection this process opened; cli.py calls it after each command."""
    from mentorcli.store.files import unprotect_all

    unprotect_all()
    while _open:
        db = _open.pop()
        try:
            db.close()
        except sqlite3.Error:
            pass


def _configure(db: Database) -> None:
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA secure_delete = ON")
        db.execute("PRAGMA synchronous = FULL")
        if getattr(db, "read_only", None):
            return  # reading needs no WAL switch, and a read-only file cannot make it
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    except sqlite3.DatabaseError as e:
        raise translate(e) from None
    if mode != "wal" and not db.memory:
        raise MentorError("cannot switch the database to WAL mode (is its folder read-only?)")


def _migrate(db: Database, migrations: Any, db_path: Path) -> None:
    try:
        from mentorcli.store.migrations import known_names

        applied = {m.name for m in migrations.applied(db)}
        unknown = sorted(applied - set(known_names()))
        if unknown:
            raise MentorError(
                f"{db_path} was written by a newer mentorcli (schema step {unknown[-1]}); "
                "upgrade mentorcli to use it"
            )
        if not applied:
            foreign = [t for t in db.table_names() if t != migrations.migrations_table]
            if foreign:
                raise MentorError(f"{db_path} is not a mentorcli database")
        if migrations.pending(db):
            with transaction(db):
                migrations.apply(db)
    except sqlite3.DatabaseError as e:
        raise translate(e) from None


@contextlib.contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """One ``BEGIN IMMEDIATE`` transaction: the write lock is taken before anything is read.

    A plain (deferred) BEGIN that reads and then writes fails with "database is locked"
    when another process commits in between, whatever the busy timeout; taking the lock
    first lets the busy timeout do its work.
    """
    require_writable(db)
    if db.conn.in_transaction:  # nested use, e.g. demo calling enrol: one transaction
        yield db
        return
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.DatabaseError as e:
        raise translate(e) from None
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    try:
        db.conn.execute("COMMIT")
    except sqlite3.DatabaseError as e:
        db.conn.rollback()
        raise translate(e) from None


def require_writable(db: Database) -> None:
    """Refuse, before anything is asked or written, a change to a read-only database file."""
    reason = getattr(db, "read_only", None)
    if reason:
        raise MentorError(reason)


def translate(error: sqlite3.Error) -> MentorError:
    """One clear sentence for what SQLite says, so no traceback reaches a coordinator."""
    text = str(error)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return DatabaseLocked(
            "the database is locked by another mentorcli process; try again in a moment"
        )
    if "readonly" in lowered or "read-only" in lowered:
        return MentorError("the database is read-only: check the file's permissions")
    if "full" in lowered:
        return MentorError("the disk is full: nothing was written")
    if "not a database" in lowered or "malformed" in lowered or "encrypted" in lowered:
        return MentorError(f"the database file is damaged or not a database ({text})")
    if isinstance(error, sqlite3.IntegrityError):
        return MentorError(f"refused by the database's rules: {text}")
    return MentorError(f"database error: {text}")


def actor() -> str:
    """Who is acting, for the event log: the operating-system user."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers
        return "unknown"


def new_id(cursor: sqlite3.Cursor) -> int:
    """The id an INSERT gave its row. sqlite3 types ``lastrowid`` as optional (it is None
    before any INSERT on the cursor); after one it is always set."""
    if cursor.lastrowid is None:
        raise MentorError("the database gave the new row no id: nothing was changed")
    return cursor.lastrowid


def log_event(
    db: Database,
    action: str,
    *,
    person_id: int | None = None,
    trajectory_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Append to the audit log. ``details`` holds ids and field names, never personal text."""
    db.execute(
        "INSERT INTO events (at, actor, action, person_id, trajectory_id, details) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            clock.utc_stamp(),
            actor(),
            action,
            person_id,
            trajectory_id,
            json.dumps(details, sort_keys=True) if details else None,
        ],
    )


def log_events(db: Database, action: str, entries: list[tuple[int | None, int | None]]) -> None:
    """``log_event`` without details for many (person, trajectory) at once, in order."""
    who, at = actor(), clock.utc_stamp()
    db.conn.executemany(
        "INSERT INTO events (at, actor, action, person_id, trajectory_id, details) "
        "VALUES (?, ?, ?, ?, ?, NULL)",
        [(at, who, action, person_id, trajectory_id) for person_id, trajectory_id in entries],
    )
