"""Making erased bytes physically gone: the WAL emptied into the main file, and the
erasure register's ``scrubbed`` mark that says it was done.

In the store because it is about the file, not about people: ``open_db`` finishes an
interrupted scrub, and ``privacy.gdpr`` asks for one after every erasure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def scrub_files(db: Database, *, wait: bool = True) -> bool:
    """After the erasing transaction: move every page into the main file and empty the WAL.

    True when that is done: the erased bytes are then in neither file. Another process
    reading an older snapshot keeps the WAL from being emptied; the erasure then stays
    marked as not scrubbed, and the next ``open_db`` tries again (``wait=False``:
    a command that only passes by does not wait for the reader).
    """
    timeout = db.execute("PRAGMA busy_timeout").fetchone()[0]
    if not wait:
        db.execute("PRAGMA busy_timeout = 0")
    try:
        busy, log, done = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        db.execute(f"PRAGMA busy_timeout = {int(timeout)}")
    if busy or log != done:
        return False
    if db.execute("SELECT 1 FROM erasures WHERE scrubbed = 0 LIMIT 1").fetchone():
        from mentorcli.store.db import transaction

        with transaction(db):
            db.execute("UPDATE erasures SET scrubbed = 1 WHERE scrubbed = 0")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # that update held no erased data
    return True


def pending_scrubs(db: Database) -> list[int]:
    """People whose erased bytes may still be in the database file or its WAL."""
    return [
        r[0]
        for r in db.execute(
            "SELECT person_id FROM erasures WHERE scrubbed = 0 ORDER BY person_id"
        ).fetchall()
    ]
