"""How `import` shows its progress through a long file, the bad rows, and what it did."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorcli.ui.output import message, stderr_console, visible

if TYPE_CHECKING:
    from mentorcli.people.importer import ImportResult


def progress(rows: Sequence[Any]) -> Iterable[Any]:
    """A progress bar on a terminal for a file of 200 rows or more; nothing otherwise."""
    from rich.progress import track

    return track(
        rows,
        description="Checking rows",
        console=stderr_console(),
        disable=not sys.stderr.isatty() or len(rows) < 200,
        transient=True,
    )


def report_problems(file: Path, problems: Sequence[str]) -> None:
    """Every bad row on a line of its own, named by file and line, for the coordinator to fix."""
    for problem in problems:
        sys.stderr.write(visible(f"{file}: {problem}") + "\n")


def render_imported(result: ImportResult, role: str, *, dry_run: bool) -> None:
    if dry_run:
        message(f"{len(result.rows)} {role}(s) would be imported; nothing was written.")
    else:
        message(f"Imported {len(result.ids)} {role}(s): ids {_span(result.ids)}.")


def _span(ids: list[int]) -> str:
    if not ids:
        return "none"
    return f"{ids[0]}–{ids[-1]}" if len(ids) > 1 else str(ids[0])
