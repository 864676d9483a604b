"""The passphrase questions of `backup` and `restore`, and what they report."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from mentorcli.ui.output import message

if TYPE_CHECKING:
    from mentorcli.store.backup import BackupResult

PASSPHRASE_VARIABLE = "MENTORCLI_BACKUP_PASSPHRASE"


def backup_passphrase(encrypt: bool) -> str | None:
    """With --encrypt: the passphrase from the environment, else asked at a terminal."""
    from mentorcli.core.errors import UsageError
    from mentorcli.store import backup as backups
    from mentorcli.ui import prompts

    if not encrypt:
        return None
    backups.require_encryption()
    value = os.environ.get(PASSPHRASE_VARIABLE)
    if value:
        return backups.check_new_passphrase(value)
    if prompts.interactive():
        return backups.check_new_passphrase(prompts.ask_password("Backup passphrase"))
    raise UsageError("--encrypt needs MENTORCLI_BACKUP_PASSPHRASE when no one is at a terminal")


def restore_passphrase(file: Path) -> str | None:
    """For an encrypted backup: the passphrase from the environment, else asked at a
    terminal; None for a plain backup (or when no one can be asked: restore then says so)."""
    from mentorcli.store import backup as backups
    from mentorcli.ui import prompts

    encrypted = backups.read_backup_header(file) == backups.ENCRYPTED_MAGIC
    if encrypted:
        backups.require_encryption()
    passphrase = os.environ.get(PASSPHRASE_VARIABLE) if encrypted else None
    if encrypted and passphrase is None and prompts.interactive():
        passphrase = prompts.ask_password("Backup passphrase")
    if passphrase is not None:
        backups.check_passphrase(passphrase)
    return passphrase


def render_backup(result: BackupResult) -> None:
    rows = sum(result.counts.values())
    message(
        f"Backed up {rows} rows to {result.path}"
        f"{' (encrypted)' if result.encrypted else ''}; checked."
    )
    for old in result.removed:
        message(f"Removed old backup {old.name}.")


def render_restored(file: Path, aside: Path, rows: int, reapplied: int) -> None:
    message(
        f"Restored {rows} rows from {file}; re-applied {reapplied} erasure(s) made since; "
        f"the previous database is kept as {aside}."
    )
