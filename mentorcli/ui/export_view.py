"""How `export` hands over its data: JSON on stdout, or a line naming the files written."""

from __future__ import annotations

import sys
from pathlib import Path

from mentorcli.ui.output import JsonOrCsv, message


def print_now(text: str) -> None:
    """Written and flushed at once, so a closed pipe fails before the export is logged."""
    sys.stdout.write(text)
    sys.stdout.flush()


def render_written(written: list[Path], folder: Path, fmt: str) -> None:
    if fmt == JsonOrCsv.csv:
        message(f"Wrote {len(written)} files to {folder} (readable by you only).")
    else:
        message(f"Wrote {written[0]} (readable by you only).")
