"""How `check-in` shows what it recorded, and how `trajectory` tells one duo's story."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorcli.core.vocabulary import label
from mentorcli.ui.output import OutputFormat, emit_json, message

if TYPE_CHECKING:
    from mentorcli.lifecycle.check_ins import CheckIn


def render_check_in(recorded: CheckIn, fmt: str) -> None:
    if fmt == OutputFormat.json:
        emit_json(recorded)
        return
    who = "both" if recorded["with_whom"] == "both" else f"the {recorded['with_whom']}"
    message(
        f"Check-in {recorded['id']} of trajectory {recorded['trajectory_id']} on "
        f"{recorded['date']} (with {who}): {label('check_in', recorded['status'])}."
    )
