"""Health checks for the file and for the GDPR duties, suitable for cron."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from mentorcli.store.db import connect_read_only, data_dir
from mentorcli.store.files import kind_of


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _holds_erased(path: Path, register: list[tuple[int, str, str]]) -> bool:
    """Whether a backup or a replaced copy still holds someone in the erasure register.

    A plain copy is opened read-only and asked; an encrypted one cannot be read without
    its passphrase, so it counts when it was written before the last erasure.
    """
    from mentorcli.store.backup import ENCRYPTED_MAGIC

    if not register:
        return False
    try:
        with path.open("rb") as f:
            header = f.read(len(ENCRYPTED_MAGIC))
        if header == ENCRYPTED_MAGIC:
            last = max(
                dt.datetime.fromisoformat(at.replace("Z", "+00:00")) for _, _, at in register
            )
            # recorded_at is to the second: a backup written within that second may
            # be from just before the erasure, so it counts as holding it.
            return os.stat(path).st_mtime < last.timestamp() + 1
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except (OSError, sqlite3.Error):
        return True  # cannot be read: it may hold anything
    try:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(people)")}
        unerased = "erased_on IS NULL" if "erased_on" in columns else "1"
        return any(
            conn.execute(
                f"SELECT 1 FROM people WHERE id = ? AND created_at = ? AND {unerased}",
                [person_id, created_at],
            ).fetchone()
            for person_id, created_at, _ in register
        )
    except sqlite3.Error:
        return True
    finally:
        conn.close()


def run(db_path: Path, *, today: dt.date) -> list[Check]:
    """Every check; reads only (the file is opened read-only, nothing is migrated)."""
    from mentorcli.privacy import gdpr
    from mentorcli.store import backup, settings
    from mentorcli.store.migrations import known_names, migrations

    checks: list[Check] = []
    if not db_path.exists():
        return [Check("database", False, f"no database at {db_path}")]
    kind = kind_of(db_path.stat().st_mode)
    if kind is not None:  # a FIFO would keep SQLite waiting for a writer, forever
        return [Check("database", False, f"{db_path} is {kind}, not a database file")]
    files = [db_path] + [db_path.with_name(db_path.name + s) for s in ("-wal", "-shm")]
    # Owner only: 0600, or 0400 for a file its owner made read-only on purpose.
    loose = [f"{p.name} is {oct(_mode(p))}" for p in files if p.exists() and _mode(p) & 0o077]
    folder = db_path.parent
    if folder.resolve() == data_dir().resolve() and _mode(folder) & 0o077:
        loose.append(f"folder {folder} is {oct(_mode(folder))}")
    backups = backup.backups_in(backup.default_folder(db_path))
    loose += [f"{p.name} is {oct(_mode(p))}" for p in backups if _mode(p) & 0o077]
    checks.append(Check("permissions", not loose, "; ".join(loose) or "owner only (0600/0700)"))
    conn: sqlite3.Connection | None = None
    try:
        conn = connect_read_only(db_path)
        quick = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        checks.append(Check("quick_check", quick == ["ok"], "; ".join(quick[:3])))
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        checks.append(
            Check(
                "foreign_key_check",
                not broken,
                f"{len(broken)} broken reference(s)" if broken else "ok",
            )
        )
        from sqlite_utils import Database

        db = Database(conn, execute_plugins=False)
        applied = {m.name for m in migrations.applied(db)}
        known = known_names()
        pending = [n for n in known if n not in applied]
        unknown = sorted(applied - set(known))
        checks.append(
            Check(
                "schema",
                not pending and not unknown,
                f"newer than this mentorcli: {unknown[-1]}"
                if unknown
                else f"{len(pending)} step(s) pending (any command applies them)"
                if pending
                else f"up to date ({known[-1]})",
            )
        )
        if not unknown and not pending and quick == ["ok"]:  # a damaged file cannot say
            checks += _gdpr_checks(db, db_path, today, backups, settings, gdpr)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as e:
        # a damaged file's own error message may quote broken bytes (UnicodeDecodeError)
        checks.append(Check("quick_check", False, f"cannot read the database: {e}"))
    finally:
        if conn is not None:
            conn.close()
    return checks


def _gdpr_checks(db, db_path, today, backups, settings, gdpr) -> list[Check]:  # type: ignore[no-untyped-def]
    from mentorcli.store import scrub
    from mentorcli.store.backup import replaced_copies

    checks = []
    pending = scrub.pending_scrubs(db)
    checks.append(
        Check(
            "erasure scrub",
            not pending,
            f"the erasure of person(s) {', '.join(map(str, pending))} is not yet scrubbed "
            "from the database file and its WAL (another program had it open): any "
            "mentorcli command finishes it once that program is closed"
            if pending
            else "every erasure is gone from the database file and its WAL",
        )
    )
    register = db.execute(
        "SELECT person_id, person_created_at, recorded_at FROM erasures"
    ).fetchall()
    holding = [p.name for p in [*backups, *replaced_copies(db_path)] if _holds_erased(p, register)]
    checks.append(
        Check(
            "erasure follow-up",
            not holding,
            f"{len(holding)} file(s) still hold erased data: make a new backup, then delete "
            f"them ({', '.join(holding)})"
            if holding
            else "no backup or replaced copy holds erased data",
        )
    )
    missing = [
        r[0]
        for r in db.execute(
            "SELECT id FROM people WHERE consent_on IS NULL AND erased_on IS NULL ORDER BY id"
        )
    ]
    checks.append(
        Check(
            "consent",
            not missing,
            f"{len(missing)} person(s) without a consent date: "
            f"{', '.join(map(str, missing[:10]))} (mentorcli edit ID --consent-on DATE)"
            if missing
            else "every person has a consent date",
        )
    )
    checks += _esf_checks(db)
    years = settings.load(db)["retention.years"]
    due = gdpr.due_for_purge(db, older_than_years=years, today=today)
    checks.append(
        Check(
            "retention",
            not due,
            f"{len(due)} person(s) past the {years}-year retention period: mentorcli purge"
            if due
            else f"nobody past the {years}-year retention period",
        )
    )
    return checks


def _esf_checks(db) -> list[Check]:  # type: ignore[no-untyped-def]
    """What ESF+ reporting needs sorted out by hand: an education migrated from the old
    "secondary" (lower or upper?), and special-category data without its consent (the
    schema refuses it; a file edited by another tool may still hold some)."""
    unsure = [
        r[0]
        for r in db.execute(
            "SELECT id FROM people WHERE education_unsure = 1 AND erased_on IS NULL ORDER BY id"
        )
    ]
    unconsented = [
        r[0]
        for r in db.execute(
            "SELECT id FROM people WHERE special_consent_on IS NULL "
            "AND (disability IS NOT NULL OR homeless IS NOT NULL) ORDER BY id"
        )
    ]
    return [
        Check(
            "education",
            not unsure,
            f"{len(unsure)} person(s) recorded as 'secondary' before ISCED levels, lower or "
            f"upper secondary: {', '.join(map(str, unsure[:10]))} (mentorcli edit ID "
            "--education lower-secondary or upper-secondary)"
            if unsure
            else "every education is an ISCED level",
        ),
        Check(
            "special-category consent",
            not unconsented,
            f"{len(unconsented)} person(s) with disability or homelessness recorded but no "
            f"consent date: {', '.join(map(str, unconsented[:10]))} (mentorcli edit ID "
            "--special-consent-on DATE, or --clear disability --clear homeless)"
            if unconsented
            else "disability and homelessness are recorded only with consent",
        ),
    ]
