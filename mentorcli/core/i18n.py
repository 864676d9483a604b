"""The language of the interface: English, Dutch or French, chosen once at start-up.

Why gettext: it is the standard, Babel builds its catalogs (``mentorcli/locale``), and a
message the catalog lacks simply stays English. The language is chosen, in this order:

1. ``MENTORCLI_LANG`` (``nl``, ``fr``, ``en``, or a locale name such as ``nl_BE``);
2. the setting ``language`` of the database the command will use (``config set language
   nl``): ``--db`` if given before the command name, else ``MENTORCLI_DB``, else the
   default file. It is read only when the file exists (read-only, never created);
3. the locale variables as gettext reads them: the first of ``LANGUAGE``, ``LC_ALL``,
   ``LC_MESSAGES``, ``LANG`` that is set decides (``nl_BE.UTF-8`` gives Dutch,
   ``fr_BE.UTF-8`` French; ``LANGUAGE`` may list several, ``nl:fr``);
4. English (also for ``C``, ``POSIX`` and any language we do not speak).

``mentorcli.cli`` calls :func:`setup` before it builds the Typer app and before any
command module is imported, so help texts evaluated at import time are translated too.
Code that runs without the CLI (a test importing the domain) gets the language of
steps 1, 3 and 4 on its first message.

Never translated: JSON and CSV output, command and option names, database values and
event details; a script gives the same bytes whatever the language.
"""

from __future__ import annotations

import datetime as dt
import gettext
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Literal

DOMAIN = "mentorcli"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ("en", "nl", "fr")
# The locale Babel formats dates with: the coordinators are Belgian.
BABEL_LOCALES = {"nl": "nl_BE", "fr": "fr_BE"}
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_translation: gettext.NullTranslations | None = None
_language = "en"


def language_code(text: str | None) -> str | None:
    """``nl_BE.UTF-8`` → ``nl``, ``FR`` → ``fr``; None for anything we do not speak."""
    if not text:
        return None
    code = text.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else None


def from_locale(environ: Mapping[str, str]) -> str:
    """The language the locale variables ask for, as Python's gettext reads them: the
    first variable that is set decides; ``C``/``POSIX`` or a language we lack is English."""
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if not value:
            continue
        for entry in value.split(":"):
            if entry.split(".")[0] in {"C", "POSIX"}:
                return "en"
            code = language_code(entry)
            if code:
                return code
        return "en"
    return "en"


def choose_language(
    environ: Mapping[str, str], stored: Callable[[], str | None] | None = None
) -> str:
    """``MENTORCLI_LANG``, then the database setting (``stored`` is only called when
    needed: it reads a file), then the locale variables, then English."""
    explicit = language_code(environ.get("MENTORCLI_LANG"))
    if explicit:
        return explicit
    if stored is not None:
        setting = language_code(stored())
        if setting:
            return setting
    return from_locale(environ)


def db_option(argv: Sequence[str]) -> str | None:
    """The ``--db`` given before the command name, read as the root callback will; the
    command line is not parsed for real until the app exists, and the app needs the
    language first. An option after the command name belongs to the command."""
    args = iter(argv)
    for arg in args:
        if arg == "--db":
            return next(args, None) or None
        if arg.startswith("--db="):
            return arg[len("--db=") :] or None
        if arg == "--" or not arg.startswith("-"):
            return None
    return None


def stored_language(path: Path) -> str | None:
    """The ``language`` setting of an existing database file, or None.

    Read-only and cheap: nothing is created, nothing is locked when no other process is
    writing (``immutable`` unless a ``-wal`` file shows one may be), and any problem
    (not a database, encrypted, an old schema, a FIFO) simply means "not set": the
    command itself will then say what is wrong, in the language of the environment.
    """
    try:
        if not path.is_file():
            return None
    except OSError:
        return None
    import sqlite3
    from urllib.parse import quote

    wal = Path(f"{path}-wal")
    mode = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    uri = f"file:{quote(str(path.absolute()))}?{mode}"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=0.2)
        try:
            row = connection.execute("SELECT value FROM settings WHERE key = 'language'").fetchone()
        finally:
            connection.close()
    except (sqlite3.Error, OSError):
        return None
    return str(row[0]) if row and row[0] else None


def setup(language: str | None = None) -> str:
    """Install the catalog of ``language`` (default: from the environment alone) and
    return the language installed. Called once by the CLI before the app is built."""
    global _translation, _language
    chosen = language_code(language) or choose_language(os.environ)
    _translation = gettext.translation(
        DOMAIN, localedir=str(LOCALE_DIR), languages=[chosen], fallback=True
    )
    _language = chosen
    return chosen


def _active() -> gettext.NullTranslations:
    if _translation is None:
        setup()
    assert _translation is not None
    return _translation


def current_language() -> str:
    """``en``, ``nl`` or ``fr``: the language messages are shown in."""
    _active()
    return _language


def _(message: str) -> str:
    """The message in the current language (English when the catalog lacks it)."""
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, by the language's own plural rule."""
    return _active().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A short message whose meaning depends on where it is shown (``"status"``,
    ``"open"``): the context tells the translator, and keeps two meanings apart."""
    return _active().pgettext(context, message)


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet: for constants built at
    import time; translate with ``_()`` where they are shown."""
    return message


# The last "Example: <command line>" of a paragraph: the label is translated, the command
# line never is (``Example (crontab, Mondays 7:00):`` too).
_EXAMPLE = re.compile(
    r"^(?:(?P<prose>.*\S)\s+)?(?P<label>Example(?: \([^)]*\))?:)\s+(?P<line>\S.*)$"
)


def _help_pieces(text: str) -> list[tuple[str, list[str], str]]:
    """Each paragraph of a help text as (verbatim, messages, command line)."""
    pieces: list[tuple[str, list[str], str]] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        if paragraph.startswith("\b"):  # Click's "do not rewrap": shown as written
            pieces.append((paragraph, [], ""))
            continue
        flat = " ".join(paragraph.split())
        example = _EXAMPLE.match(flat)
        if example is None:
            pieces.append(("", [flat], ""))
        else:
            prose = [example["prose"]] if example["prose"] else []
            pieces.append(("", [*prose, example["label"]], example["line"]))
    return pieces


def help_messages(text: str) -> list[str]:
    """The messages a command's docstring is made of, one per paragraph (its last
    ``Example:`` label apart, without the command line): what scripts/i18n.py extracts."""
    return [message for _verbatim, messages, _line in _help_pieces(text) for message in messages]


def translate_help(text: str) -> str:
    """A command's help (its docstring, which cannot be wrapped in ``_()``) paragraph by
    paragraph. English is returned untouched, byte for byte; Click rewraps paragraphs,
    so joining a paragraph's lines changes nothing a reader sees."""
    if current_language() == "en":
        return text
    paragraphs = []
    for verbatim, messages, line in _help_pieces(text):
        words = [_(message) for message in messages] + ([line] if line else [])
        paragraphs.append(verbatim or " ".join(words))
    return "\n\n".join(paragraphs)


DayStyle = Literal["long", "short"]


def format_day(day: dt.date | str, style: DayStyle = "long") -> str:
    """A day for a human view in the local style: ``15 maart 2025`` / ``15 mars 2025``
    (long), ``15/03/2025`` (short, Dutch and French). English views have always shown
    ISO days (``2025-03-15``), and keep them. Never for JSON or CSV."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    if isinstance(day, dt.datetime):
        day = day.date()
    language = current_language()
    if language == "en":
        return day.isoformat()
    if style == "short":
        return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    from babel.dates import format_date  # only here: Babel takes a while to import

    return str(format_date(day, format="long", locale=BABEL_LOCALES[language]))
