"""Health checks for the file and for the GDPR duties, suitable for cron."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from mentorcli.db import BUSY_TIMEOUT_MS, data_dir


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def run(db_path: Path, *, today: dt.date) -> list[Check]:
    """Every check; reads only (the file is opened read-only, nothing is migrated)."""
    from mentorcli import backup, gdpr, settings
    from mentorcli.migrations import known_names, migrations

    checks: list[Check] = []
    if not db_path.exists():
        return [Check("database", False, f"no database at {db_path}")]
    files = [db_path] + [db_path.with_name(db_path.name + s) for s in ("-wal", "-shm")]
    loose = [f"{p.name} is {oct(_mode(p))}" for p in files if p.exists() and _mode(p) != 0o600]
    folder = db_path.parent
    if folder.resolve() == data_dir().resolve() and _mode(folder) & 0o077:
        loose.append(f"folder {folder} is {oct(_mode(folder))}")
    backups = backup.backups_in(backup.default_folder(db_path))
    loose += [f"{p.name} is {oct(_mode(p))}" for p in backups if _mode(p) != 0o600]
    checks.append(Check("permissions", not loose, "; ".join(loose) or "owner only (0600/0700)"))
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
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
        if not unknown and not pending:
            checks += _gdpr_checks(db, db_path, today, backups, settings, gdpr)
        conn.close()
    except sqlite3.DatabaseError as e:
        checks.append(Check("quick_check", False, f"cannot read the database: {e}"))
    return checks


def _gdpr_checks(db, db_path, today, backups, settings, gdpr) -> list[Check]:  # type: ignore[no-untyped-def]
    checks = []
    last_erasure = db.execute("SELECT max(at) FROM events WHERE action = 'forget'").fetchone()[0]
    stale = []
    if last_erasure:
        erased_at = dt.datetime.fromisoformat(last_erasure.replace("Z", "+00:00")).timestamp()
        stale = [p.name for p in backups if os.stat(p).st_mtime < erased_at]
    checks.append(
        Check(
            "erasure follow-up",
            not stale,
            f"{len(stale)} backup(s) made before the last erasure still hold erased data: "
            f"make a new backup and delete them ({', '.join(stale[:3])})"
            if stale
            else "no backup holds erased data",
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
