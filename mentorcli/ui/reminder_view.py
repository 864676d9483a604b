"""How `remind` shows what is due: plain text (as mailed), or JSON; nothing when nothing is."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from mentorcli.ui.output import TextFormat, emit_json, emit_text

if TYPE_CHECKING:
    from mentorcli.lifecycle.reminders import Reminder


def render_reminders(items: list[Reminder], as_of: dt.date, fmt: str) -> None:
    from mentorcli.lifecycle import reminders

    if fmt == TextFormat.json:
        emit_json(items)
    elif items:
        emit_text(reminders.as_text(items, as_of), hang=4)
