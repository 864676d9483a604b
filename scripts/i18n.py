"""Keep the translation catalogs in step with the source: extract, update, compile.

    .venv/bin/python scripts/i18n.py           # extract the .pot, update nl and fr, compile
    .venv/bin/python scripts/i18n.py --check   # change nothing; exit 1 if a file would change

The same as this pybabel sequence, with the options that keep the files stable (no
line numbers, sorted, fixed dates, so two helpers' catalogs merge without conflicts):

    pybabel extract -F babel.cfg --no-default-keywords -k _ -k N_ -k ngettext:1,2 \\
        -k pgettext:1c,2 --add-comments=Translators: --no-location --sort-output \\
        -o mentorcli/locale/mentorcli.pot .
    pybabel update -D mentorcli -i mentorcli/locale/mentorcli.pot -d mentorcli/locale \\
        --no-fuzzy-matching --ignore-obsolete --no-location    # -l nl, -l fr
    pybabel compile -D mentorcli -d mentorcli/locale

The compiled ``.mo`` files are shipped in the package (tests/test_i18n.py checks they are
a fresh compile of the ``.po``), so an install needs no build step.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from mentorcli.core.i18n import help_messages

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "mentorcli" / "locale"
DOMAIN = "mentorcli"
LANGUAGES = ("nl", "fr")
TEAMS = {"nl": "Nederlands (België)", "fr": "Français (Belgique)"}
# gettext's usual rules, written down: CLDR (Babel) gives French a third form for
# millions ("1 000 000 de séances"), which no message here needs.
PLURAL_FORMS = {"nl": "nplurals=2; plural=(n != 1);", "fr": "nplurals=2; plural=(n > 1);"}
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
COMMENT_TAGS = ("Translators:",)
# Fixed, so that regenerating a catalog changes only the messages (no date churn).
FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
WIDTH = 100


HEADER = (
    "# {what} of mentorcli's messages.\n"
    "# Made by scripts/i18n.py from the source; translate the empty msgstr lines, then run\n"
    "# it again to compile. Belgian usage, the programme's own words (traject, duo, mentee).\n"
    "#"
)


def template() -> Catalog:
    """A fresh extraction of every marked message in the package."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    catalog = Catalog(
        header_comment=HEADER.format(what="The template"),
        project="mentorcli",
        version="",
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        charset="utf-8",
        fuzzy=False,
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT,
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    for filename, lineno, docstring in command_docstrings():
        for message in help_messages(docstring):
            catalog.add(message, None, [(filename, lineno)], auto_comments=[DOCSTRING_NOTE])
    return catalog


DOCSTRING_NOTE = "A command's help: Click rewraps it; a command line after it stays as it is."


def _is_command(decorator: ast.expr) -> bool:
    function = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(function, ast.Attribute) and function.attr in {"command", "callback"}


def command_docstrings() -> list[tuple[str, int, str]]:
    """The docstring of every command (mentorcli/commands/X.py's function X, or one
    decorated ``@app.command``/``@app.callback``): Typer shows it as the help, and
    cli.load_command translates it with ``translate_help``."""
    found = []
    for path in sorted((ROOT / "mentorcli" / "commands").glob("*.py")):
        if path.name.startswith("_"):
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef):
                continue
            if node.name != path.stem and not any(map(_is_command, node.decorator_list)):
                continue
            docstring = ast.get_docstring(node)  # cleaned as inspect.getdoc, Typer's source
            if docstring:
                found.append((str(path.relative_to(ROOT)), node.lineno, docstring))
    return found


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def updated(language: str, pot: Catalog) -> Catalog:
    """The language's catalog with the new messages (empty) and without the gone ones."""
    path = po_path(language)
    if path.exists():
        with open(path, "rb") as f:
            catalog = read_po(f, locale=language, domain=DOMAIN)
    else:
        catalog = Catalog(
            header_comment=HEADER.format(what=f"{TEAMS[language]}: translations"),
            locale=language,
            domain=DOMAIN,
            project="mentorcli",
            version="",
            creation_date=FIXED_DATE,
            revision_date=FIXED_DATE,
            last_translator="mentorcli",
            language_team=TEAMS[language],
            charset="utf-8",
            fuzzy=False,
        )
    catalog.mime_headers = [("Plural-Forms", PLURAL_FORMS[language])]
    catalog.update(pot, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, no_location=True, sort_output=True, ignore_obsolete=True)
    # Babel's version in the header would make every regeneration by another copy a change.
    lines = out.getvalue().splitlines(keepends=True)
    return b"".join(line for line in lines if not line.startswith(b'"Generated-By: '))


def mo_bytes(po: bytes) -> bytes:
    """The compiled catalog; fuzzy entries are left out, as gettext would."""
    catalog = read_po(io.BytesIO(po))
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def expected_files() -> dict[Path, bytes]:
    pot = template()
    files = {LOCALE / f"{DOMAIN}.pot": po_bytes(pot)}
    for language in LANGUAGES:
        po = po_bytes(updated(language, pot))
        files[po_path(language)] = po
        files[po_path(language).with_suffix(".mo")] = mo_bytes(po)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 on drift")
    args = parser.parse_args(argv)
    stale = []
    for path, content in expected_files().items():
        if path.exists() and path.read_bytes() == content:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    for path in stale:
        print(f"{'stale' if args.check else 'wrote'} {path.relative_to(ROOT)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
