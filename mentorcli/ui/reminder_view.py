"""How `remind` shows what is due: plain text (as mailed), or JSON; nothing when nothing is."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING

from mentorcli.ui.output import TextFormat, emit_json, visible

if TYPE_CHECKING:
    from mentorcli.lifecycle.reminders import Reminder


def render_reminders(items: list[Reminder], as_of: dt.date, fmt: str) -> None:
    from mentorcli.lifecycle import reminders

    if fmt == TextFormat.json:
        emit_json(items)
    elif items:
        sys.stdout.write(visible(reminders.as_text(items, as_of)))
