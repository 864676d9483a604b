"""Every table, for the coordinator's own use: a readable backup, or a move to another tool."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorcli.core.vocabulary import DATA_TABLES
from mentorcli.reports.tabular import csv_text

if TYPE_CHECKING:
    from sqlite_utils import Database


def tables(db: Database) -> dict[str, list[dict[str, Any]]]:
    return {name: list(db.query(f"SELECT * FROM {name} ORDER BY rowid")) for name in DATA_TABLES}


def check_folder(folder: Path) -> None:
    """The export folder must exist already: a missing one may be an unmounted drive."""
    from mentorcli.core.errors import MentorError

    if not folder.is_dir():
        if folder.exists():
            raise MentorError(f"{folder} is not a folder: --output names the folder to write in")
        raise MentorError(
            f"the folder {folder} does not exist (is the drive mounted?); create it first"
        )


def write_csv_folder(data: dict[str, list[dict[str, Any]]], folder: Path) -> list[Path]:
    """One CSV per table, owner-only, all or none; cells a spreadsheet would run are
    neutralised."""
    from mentorcli.store.files import write_private_files

    files = [
        (folder / f"{name}.csv", csv_text(rows, list(rows[0]) if rows else []))
        for name, rows in data.items()
    ]
    check_folder(folder)
    write_private_files(files)
    return [path for path, _ in files]


def write_logged(db: Database, path: Path, text: str | bytes, *, what: str, fmt: str) -> None:
    """Write a file only you can read, and log the export, in one transaction: logged only
    if written, and refused before writing if it cannot be logged."""
    from mentorcli.store.db import log_event, transaction
    from mentorcli.store.files import write_private

    with transaction(db):
        write_private(path, text)
        log_event(db, "export", details={"what": what, "format": fmt})


def as_json(data: dict[str, list[dict[str, Any]]]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_files(data: dict[str, list[dict[str, Any]]], fmt: str, folder: Path) -> list[Path]:
    """CSV: one file per table; JSON: one file, mentorcli-export.json. Owner-only."""
    from mentorcli.store.files import write_private

    if fmt == "csv":
        return write_csv_folder(data, folder)
    target = folder / "mentorcli-export.json"
    write_private(target, as_json(data))
    return [target]
