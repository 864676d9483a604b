"""`mentorcli backup`: a verified copy of the database, online."""

from __future__ import annotations

from pathlib import Path

import typer

from mentorcli.commands._common import database, path_option


def backup(
    ctx: typer.Context,
    dest: Path = typer.Argument(
        None,
        parser=path_option,
        metavar="[DEST]",
        help="File or folder (default: backups/ beside the database, a dated name).",
    ),
    keep: int = typer.Option(None, "--keep", min=1, help="Keep only the N newest dated backups."),
    encrypt: bool = typer.Option(
        False, "--encrypt", help="Encrypt with a passphrase (MENTORCLI_BACKUP_PASSPHRASE)."
    ),
) -> None:
    """Back up the database (online, consistent, verified after writing).

    Example: mentorcli backup --keep 10   (or: mentorcli backup /media/usb --encrypt)
    """
    from mentorcli.core import clock
    from mentorcli.store import backup as backups
    from mentorcli.store.db import log_event, path_of, require_writable, transaction
    from mentorcli.ui import backup_view as view

    db = database(ctx, create=False)
    db_path = path_of(db)
    require_writable(db)  # a backup is logged: refused before any question or file
    backups.check_destination(db_path, dest)
    passphrase = view.backup_passphrase(encrypt)
    # The write lock first: a backup that cannot be logged is refused before it is
    # written, and old backups are removed only once the new one is written, checked
    # and logged.
    created: list[Path] = []
    try:
        with transaction(db):
            result = backups.write_backup(
                db, db_path, dest, passphrase=passphrase, now=clock.now(), created=created
            )
            log_event(db, "backup", details={"encrypted": result.encrypted})
    except BaseException:  # Ctrl-C included: no backup file that the log does not know
        backups.discard(created)
        raise
    if keep:
        result.removed = backups.rotate(result.path.parent, keep, db_path)
    view.render_backup(result)
