"""`mentorcli export`: every table, as JSON or CSV, for your own use (it holds personal data)."""

from __future__ import annotations

from pathlib import Path

import typer

from mentorcli.commands._common import database
from mentorcli.output import OutputFormat


def export(
    fmt: OutputFormat = typer.Option(OutputFormat.json, "--format", help="json or csv."),
    output: Path = typer.Option(
        None, "--output", help="Folder for the files (CSV: one per table). JSON: stdout if absent."
    ),
) -> None:
    """Export every table: names and notes included, so keep the files private.

    Example: mentorcli export --format csv --output ~/mentorcli-export
    """
    import json
    import os
    import sys

    from mentorcli import exporting
    from mentorcli.db import log_event, transaction
    from mentorcli.errors import MentorError, UsageError
    from mentorcli.output import message

    if fmt == OutputFormat.table:
        raise UsageError("export writes json or csv")
    if fmt == OutputFormat.csv and output is None:
        raise UsageError("--format csv writes one file per table: give --output FOLDER")
    db = database(create=False)
    data = exporting.tables(db)
    with transaction(db):
        log_event(db, "export", details={"what": "all tables", "format": fmt.value})
    try:
        if fmt == OutputFormat.csv:
            written = exporting.write_csv_folder(data, output)
            message(f"Wrote {len(written)} files to {output} (readable by you only).")
            return
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        if output is None:
            sys.stdout.write(text)
            return
        output.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = output / "mentorcli-export.json"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(path, 0o600)
        message(f"Wrote {path} (readable by you only).")
    except OSError as e:
        raise MentorError(f"cannot write to {output}: {e.strerror or e}") from None
