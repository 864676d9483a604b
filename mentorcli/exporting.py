"""Every table, for the coordinator's own use: a readable backup, or a move to another tool."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorcli.output import csv_text
from mentorcli.vocabulary import DATA_TABLES

if TYPE_CHECKING:
    from sqlite_utils import Database


def tables(db: Database) -> dict[str, list[dict[str, Any]]]:
    return {name: list(db.query(f"SELECT * FROM {name} ORDER BY rowid")) for name in DATA_TABLES}


def write_csv_folder(data: dict[str, list[dict[str, Any]]], folder: Path) -> list[Path]:
    """One CSV per table, owner-only; cells that a spreadsheet would run are neutralised."""
    import os

    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    written = []
    for name, rows in data.items():
        columns = list(rows[0]) if rows else []
        path = folder / f"{name}.csv"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(csv_text(rows, columns))
        os.chmod(path, 0o600)
        written.append(path)
    return written
