"""`mentorcli backup` and `mentorcli restore`: a verified copy, and putting one back."""

from __future__ import annotations

from pathlib import Path

import typer

from mentorcli.commands._common import database


def _passphrase(encrypt: bool) -> str | None:
    import os

    from mentorcli.core.errors import UsageError
    from mentorcli.store import backup as backups
    from mentorcli.ui import prompts

    if not encrypt:
        return None
    backups.require_encryption()
    value = os.environ.get("MENTORCLI_BACKUP_PASSPHRASE")
    if value:
        return backups.check_passphrase(value)
    if prompts.interactive():
        return backups.check_passphrase(prompts.ask_password("Backup passphrase"))
    raise UsageError("--encrypt needs MENTORCLI_BACKUP_PASSPHRASE when no one is at a terminal")


def backup(
    ctx: typer.Context,
    dest: Path = typer.Argument(
        None, help="File or folder (default: backups/ beside the database, a dated name)."
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
    from mentorcli.ui.output import message

    db = database(ctx, create=False)
    db_path = path_of(db)
    require_writable(db)  # a backup is logged: refused before any question or file
    backups.check_destination(db_path, dest)
    passphrase = _passphrase(encrypt)
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
    rows = sum(result.counts.values())
    message(
        f"Backed up {rows} rows to {result.path}"
        f"{' (encrypted)' if result.encrypted else ''}; checked."
    )
    for old in result.removed:
        message(f"Removed old backup {old.name}.")


def restore(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="A backup made by `mentorcli backup`."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
) -> None:
    """Replace the database by a backup; the current file is kept aside first.

    Example: mentorcli restore ~/.local/share/mentorcli/backups/mentorcli-2025-03-01T0700.db
    """
    import os

    from mentorcli.core import clock
    from mentorcli.core.errors import MentorError, UsageError
    from mentorcli.privacy import gdpr
    from mentorcli.store import backup as backups
    from mentorcli.store.db import log_event, path_of, require_writable, transaction
    from mentorcli.ui import prompts
    from mentorcli.ui.output import message

    # The file is taken exactly as given: never looked for elsewhere or completed.
    if not file.is_file():
        raise MentorError(f"{file} is not a backup file; nothing was changed")
    source = file.resolve()
    if not yes and not prompts.interactive():
        raise UsageError("restore replaces the database: confirm with --yes")
    db = database(ctx)
    db_path = path_of(db)
    require_writable(db)
    if source == db_path.resolve():
        raise MentorError("that is the database itself: restore a backup of it instead")
    if not yes and not prompts.confirm(
        f"Replace the database {db_path.resolve()} with the backup {source}?"
    ):
        raise MentorError("cancelled: nothing was changed")
    encrypted = backups.read_backup_header(file) == backups.ENCRYPTED_MAGIC
    if encrypted:
        backups.require_encryption()
    passphrase = os.environ.get("MENTORCLI_BACKUP_PASSPHRASE") if encrypted else None
    if encrypted and passphrase is None and prompts.interactive():
        passphrase = prompts.ask_password("Backup passphrase")
    if passphrase is not None:
        backups.check_passphrase(passphrase)
    aside, counts, reapplied = backups.restore(
        db,
        db_path,
        source,
        passphrase=passphrase,
        now=clock.now(),
        prepare=lambda incoming: gdpr.reapply_register(db, incoming),
    )
    with transaction(db):
        log_event(
            db, "restore", details={"rows": sum(counts.values()), "erasures_reapplied": reapplied}
        )
    message(
        f"Restored {sum(counts.values())} rows from {file}; re-applied "
        f"{reapplied} erasure(s) made since; the previous database is kept as "
        f"{aside}."
    )
