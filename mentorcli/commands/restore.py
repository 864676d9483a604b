"""`mentorcli restore`: put a backup back in the database's place."""

from __future__ import annotations

from pathlib import Path

import typer

from mentorcli.commands._common import confirm_irreversible, database, require_yes
from mentorcli.commands._common import db_path as db_path_of


def restore(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="A backup made by `mentorcli backup`."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
) -> None:
    """Replace the database by a backup; the current file is kept aside first.

    Example: mentorcli restore ~/.local/share/mentorcli/backups/mentorcli-2025-03-01T0700.db
    """
    from mentorcli.core import clock
    from mentorcli.core.errors import MentorError
    from mentorcli.privacy import gdpr
    from mentorcli.store import backup as backups
    from mentorcli.store.db import log_event, path_of, require_writable, transaction
    from mentorcli.ui import backup_view as view

    # The file is taken exactly as given: never looked for elsewhere or completed.
    if not file.is_file():
        raise MentorError(f"{file} is not a backup file; nothing was changed")
    source = file.resolve()
    require_yes(yes, "restore replaces the database: confirm with --yes")
    if source == db_path_of(ctx).resolve():
        raise MentorError("that is the database itself: restore a backup of it instead")
    passphrase = view.restore_passphrase(file)
    backups.check_backup(source, passphrase)  # before the database is opened, or created
    db = database(ctx)
    db_path = path_of(db)
    require_writable(db)
    confirm_irreversible(yes, f"Replace the database {db_path.resolve()} with the backup {source}?")
    aside, counts, reapplied = backups.restore(
        db,
        db_path,
        source,
        passphrase=passphrase,
        now=clock.now(),
        prepare=lambda incoming: gdpr.reapply_register(db, incoming),
    )
    rows = sum(counts.values())
    with transaction(db):
        log_event(db, "restore", details={"rows": rows, "erasures_reapplied": reapplied})
    view.render_restored(file, aside, rows, reapplied)
