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
    from mentorcli.files import write_private

    written = []
    for name, rows in data.items():
        path = folder / f"{name}.csv"
        write_private(path, csv_text(rows, list(rows[0]) if rows else []))
        written.append(path)
    return written
