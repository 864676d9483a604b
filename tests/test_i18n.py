"""Dutch and French (issue 15): how the language is chosen, the catalogs, and what never
changes with the language (JSON, CSV, exit codes)."""

from __future__ import annotations

import datetime as dt
import gettext
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from mentorcli.core import i18n

ROOT = Path(__file__).resolve().parent.parent
LOCALE_ENV = ("MENTORCLI_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _tool():
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "scripts" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = _tool()


@pytest.fixture
def language():
    """Switch the process's language for one test, and back to English after it."""
    yield i18n.setup
    i18n.setup("en")


# -- choosing the language ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LANG": "fr_BE.UTF-8"}, "fr"),
        ({"LANG": "nl_NL"}, "nl"),
        ({"LANG": "fr"}, "fr"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LC_MESSAGES": "fr_BE.UTF-8", "LANG": "nl_BE.UTF-8"}, "fr"),
        ({"LC_ALL": "nl_BE.UTF-8", "LC_MESSAGES": "fr_BE", "LANG": "fr_BE"}, "nl"),
        ({"LANGUAGE": "fr_BE", "LC_ALL": "nl_BE.UTF-8"}, "fr"),
        ({"LANGUAGE": "de:fr:nl"}, "fr"),  # a list, as gettext reads it
        ({"LC_ALL": "C.UTF-8", "LANG": "nl_BE.UTF-8"}, "en"),  # the first one set decides
        ({"LANGUAGE": "", "LANG": "nl_BE.UTF-8"}, "nl"),  # empty is not set
        ({"MENTORCLI_LANG": "fr", "LANGUAGE": "nl", "LANG": "nl_BE.UTF-8"}, "fr"),
        ({"MENTORCLI_LANG": "NL_be"}, "nl"),
        ({"MENTORCLI_LANG": "en", "LANG": "nl_BE.UTF-8"}, "en"),
        ({"MENTORCLI_LANG": "klingon", "LANG": "fr_BE.UTF-8"}, "fr"),  # unknown: ignored
    ],
)
def test_the_language_comes_from_mentorcli_lang_then_the_locale(environ, expected):
    assert i18n.choose_language(environ) == expected


def test_the_setting_comes_after_mentorcli_lang_and_before_the_locale():
    asked = []

    def stored():
        asked.append(True)
        return "fr"

    assert i18n.choose_language({"LANG": "nl_BE.UTF-8"}, stored) == "fr"
    assert i18n.choose_language({"LANG": "nl_BE.UTF-8"}, lambda: None) == "nl"
    assert i18n.choose_language({"LANG": "nl_BE.UTF-8"}, lambda: "xx") == "nl"
    asked.clear()
    assert i18n.choose_language({"MENTORCLI_LANG": "nl"}, stored) == "nl"
    assert asked == []  # the database is not even opened


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], None),
        (["--db", "a.db", "stats"], "a.db"),
        (["--db=b.db", "list", "mentees"], "b.db"),
        (["--version", "--db", "c.db"], "c.db"),
        (["demo", "--db", "d.db"], None),  # an option of the command, not of the root
        (["--db"], None),
        (["--db", ""], None),
        (["--", "--db", "e.db"], None),
    ],
)
def test_db_option_is_read_before_the_command_name_only(argv, expected):
    assert i18n.db_option(argv) == expected


def test_the_setting_is_read_from_an_existing_database_without_changing_it(cli, db_path):
    assert i18n.stored_language(db_path) is None
    assert not db_path.exists()  # never created by looking
    cli("config", "set", "language", "nl")
    before = db_path.read_bytes()
    assert i18n.stored_language(db_path) == "nl"
    assert db_path.read_bytes() == before
    cli("config", "reset", "language")
    assert i18n.stored_language(db_path) is None


def test_a_file_that_is_not_a_database_means_no_setting(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n")
    assert i18n.stored_language(text) is None
    assert i18n.stored_language(tmp_path) is None  # a folder
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert i18n.stored_language(fifo) is None  # and no hang


def test_config_accepts_only_the_languages_we_speak(cli):
    assert cli("config", "set", "language", "FR").stderr.strip() == "language = fr"
    result = cli("config", "set", "language", "de", code=2)
    assert result.stderr.strip() == "Error: language takes en, nl, fr, not 'de'"


# -- the installed command in each language ---------------------------------------------


def run(*args, env=None, db=None):
    clean = {k: v for k, v in os.environ.items() if k not in LOCALE_ENV}
    clean.update(env or {})
    if db is not None:
        clean["MENTORCLI_DB"] = str(db)
    return subprocess.run(
        [sys.executable, "-m", "mentorcli", *map(str, args)],
        capture_output=True,
        text=True,
        env=clean,
        timeout=120,
    )


DUTCH_SUMMARY = "Schrijf een mentor of een mentee in; toont het nieuwe id."
FRENCH_SUMMARY = "Inscrire un mentor ou un mentee ; affiche le nouvel identifiant."


def test_lang_nl_be_gives_dutch_help_and_mentorcli_lang_fr_french(db_path):
    def text(result):
        assert result.returncode == 0, result.stderr
        return " ".join(result.stdout.split())

    dutch = text(run("--help", env={"LANG": "nl_BE.UTF-8"}))
    assert "Beheer een programma van vrijwillige jobmentoring" in dutch
    assert DUTCH_SUMMARY in dutch
    french = text(run("--help", env={"MENTORCLI_LANG": "fr", "LANG": "nl_BE.UTF-8"}))
    assert "Gérer un programme de mentorat bénévole" in french
    assert FRENCH_SUMMARY in french
    english = text(run("--help", env={"LANG": "C.UTF-8"}))
    assert "Enrol a mentor or a mentee; prints the new id." in english
    assert not db_path.exists()


def test_errors_are_translated_and_keep_their_exit_code():
    result = run("nonsense", env={"LANG": "nl_BE.UTF-8"})
    assert result.returncode == 2
    assert (
        result.stderr.startswith("Fout: ")
        and "mentorcli --help`)" in result.stderr
        and "(zie `" in result.stderr
    )
    result = run("nonsense", env={"LC_ALL": "fr_BE.UTF-8"})
    assert result.returncode == 2 and result.stderr.startswith("Erreur : ")


def test_a_number_refused_by_the_core_says_why_in_the_users_language(tmp_path):
    db = tmp_path / "m.db"
    result = run("--db", db, "config", "set", "match.min_score", "500", env={"LANG": "nl_BE"})
    assert (result.returncode, result.stderr) == (
        2,
        "Fout: match.min_score: 500 ligt niet tussen 0 en 100\n",
    )
    result = run("--db", db, "config", "set", "weight.sector", "abc", env={"MENTORCLI_LANG": "fr"})
    assert (result.returncode, result.stderr) == (
        2,
        "Erreur : weight.sector: 'abc' n'est pas un nombre\n",
    )


def test_the_database_setting_chooses_the_language_and_db_before_the_command_counts(tmp_path):
    ours, other = tmp_path / "ours.db", tmp_path / "other.db"
    assert run("--db", other, "config", "set", "language", "fr").returncode == 0
    assert run("config", "set", "language", "nl", db=ours).returncode == 0
    assert DUTCH_SUMMARY in " ".join(run("--help", db=ours, env={"LANG": "fr_BE"}).stdout.split())
    # --db before the command name wins over MENTORCLI_DB, as it does for the command
    assert FRENCH_SUMMARY in " ".join(run("--db", other, "--help", db=ours).stdout.split())
    # MENTORCLI_LANG wins over the setting
    english = run("--help", db=ours, env={"MENTORCLI_LANG": "en"}).stdout
    assert "Enrol a mentor or a mentee" in english


HELP_SCRIPT = """
import json, sys
from typer.testing import CliRunner
from mentorcli.cli import COMMANDS, app, load_command
from mentorcli.core.i18n import current_language

paths = [[]]
for name in COMMANDS:
    subcommands = getattr(load_command(name), "commands", None)
    paths += [[name, sub] for sub in subcommands] if subcommands else [[name]]
runner = CliRunner()
results = []
for path in paths:
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "80"})
    results.append([path, result.exit_code, result.output])
print(json.dumps({"language": current_language(), "results": results}))
"""


@pytest.mark.parametrize(
    ("env", "language", "summary"),
    [
        ({"LANG": "C.UTF-8"}, "en", "Enrol a mentor or a mentee; prints the new id."),
        ({"LANG": "nl_BE.UTF-8"}, "nl", DUTCH_SUMMARY),
        ({"MENTORCLI_LANG": "fr"}, "fr", FRENCH_SUMMARY),
    ],
    ids=["en", "nl", "fr"],
)
def test_every_commands_help_runs_in_each_language(env, language, summary):
    clean = {k: v for k, v in os.environ.items() if k not in LOCALE_ENV}
    result = subprocess.run(
        [sys.executable, "-c", HELP_SCRIPT],
        capture_output=True,
        text=True,
        env={**clean, **env},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["language"] == language
    failed = [(path, code, out) for path, code, out in report["results"] if code != 0]
    assert failed == []
    from mentorcli.cli import COMMANDS

    helped = {path[0] for path, _code, _out in report["results"] if path}
    assert helped == set(COMMANDS)
    top = report["results"][0][2]
    assert summary in " ".join(top.split())
    if language != "en":  # every command's own help (its docstring) is translated
        label = {"nl": "Voorbeeld", "fr": "Exemple"}[language]
        for path, _code, out in report["results"][1:]:
            description = out.split("\nOptions:")[0].split("\nArguments:")[0]
            assert "Example" not in description and label in description, (path, description)


def test_json_and_csv_are_the_same_bytes_in_every_language(tmp_path):
    demo = tmp_path / "demo.db"
    made = run("demo", "--db", demo, "--people", "30", "--seed", "4", env={"LANG": "C.UTF-8"})
    assert made.returncode == 0, made.stderr
    outputs = {}
    for env in ({"LANG": "C.UTF-8"}, {"LANG": "nl_BE.UTF-8"}, {"MENTORCLI_LANG": "fr"}):
        env = {**env, "MENTORCLI_TODAY": "2025-06-01"}
        runs = [
            run("--db", demo, "stats", "--format", "json", env=env),
            run("--db", demo, "list", "mentees", "--format", "csv", env=env),
            run("--db", demo, "config", "show", "--format", "json", env=env),
        ]
        for result in runs:
            assert result.returncode == 0 and result.stderr == "", result.stderr
        outputs[json.dumps(env)] = [r.stdout for r in runs]
    english, *others = outputs.values()
    assert all(o == english for o in others)
    assert json.loads(english[0])  # real data, not an empty answer


# -- the catalogs ------------------------------------------------------------------------


def catalog(language):
    with open(tool.po_path(language), "rb") as f:
        return read_po(f, locale=language, domain=i18n.DOMAIN)


def ids(messages):
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in messages if m.id}


@pytest.mark.parametrize("language", tool.LANGUAGES)
def test_the_catalog_holds_every_message_of_the_source_and_nothing_else(language):
    source = ids(tool.template())
    translated = ids(catalog(language))
    missing = source - translated
    gone = translated - source
    assert not missing, f"not in {language}.po (run scripts/i18n.py, then translate): {missing}"
    assert not gone, f"in {language}.po but no longer in the source (run scripts/i18n.py): {gone}"


@pytest.mark.parametrize("language", tool.LANGUAGES)
def test_every_message_is_translated_with_the_same_placeholders(language):
    problems = []
    for message in catalog(language):
        if not message.id:
            continue
        singulars = message.id if isinstance(message.id, tuple | list) else [message.id]
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        if message.fuzzy or not all(strings):
            problems.append(("untranslated", message.id))
            continue
        wanted = set(re.findall(r"\{(\w*)", singulars[-1]))
        for string in strings:
            if set(re.findall(r"\{(\w*)", string)) != wanted:
                problems.append(("placeholders differ", message.id, string))
    assert problems == []


@pytest.mark.parametrize(
    ("language", "rule", "forms"),
    [
        ("nl", "nplurals=2; plural=(n != 1);", {0: 1, 1: 0, 2: 1}),
        ("fr", "nplurals=2; plural=(n > 1);", {0: 0, 1: 0, 2: 1}),
    ],
)
def test_plural_forms_are_the_languages_own(language, rule, forms):
    header = tool.po_path(language).read_text(encoding="utf-8")
    assert f'"Plural-Forms: {rule}\\n"' in header
    compiled = gettext.translation(i18n.DOMAIN, str(i18n.LOCALE_DIR), languages=[language])
    assert {n: compiled.plural(n) for n in forms} == forms  # type: ignore[attr-defined]


def test_the_shipped_files_are_a_fresh_extraction_and_compile():
    stale = [
        str(path.relative_to(ROOT))
        for path, content in tool.expected_files().items()
        if not path.exists() or path.read_bytes() != content
    ]
    assert stale == [], "run `.venv/bin/python scripts/i18n.py` and commit mentorcli/locale"


def test_the_compiled_catalogs_are_package_data():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["mentorcli"]
    shipped = {p.relative_to(ROOT / "mentorcli") for p in i18n.LOCALE_DIR.rglob("*.mo")}
    assert {Path(p).as_posix() for p in map(str, shipped)} == {
        f"locale/{language}/LC_MESSAGES/mentorcli.mo" for language in tool.LANGUAGES
    }
    assert all(any(p.match(pattern) for pattern in patterns) for p in shipped)


def test_no_f_string_is_marked_for_translation():
    # _(f"…") would look up a different text for every value: nothing is ever found.
    marked = re.compile(r"\b(_|N_|ngettext|pgettext)\(\s*(\w+\s*,\s*)?[rbRB]?[fF]['\"]")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "mentorcli").rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if marked.search(line)
    ]
    assert found == []


# -- in the process ----------------------------------------------------------------------


def test_messages_and_plurals_follow_the_installed_language(language):
    assert language("nl") == "nl" and i18n.current_language() == "nl"
    assert i18n._("Error: {message}").format(message="x") == "Fout: x"
    assert i18n.ngettext("{n} session", "{n} sessions", 1) == "{n} session"  # not in nl.po
    language("fr")
    assert i18n._("Everyday examples:") == "Exemples courants :"
    language("en")
    assert i18n._("Error: {message}") == "Error: {message}"
    assert i18n.ngettext("{n} session", "{n} sessions", 2) == "{n} sessions"
    assert i18n.N_("Error: {message}") == "Error: {message}"


@pytest.mark.parametrize(
    ("lang", "long", "short"),
    [
        ("en", "2025-03-15", "2025-03-15"),
        ("nl", "15 maart 2025", "15/03/2025"),
        ("fr", "15 mars 2025", "15/03/2025"),
    ],
)
def test_days_are_shown_in_the_local_style(language, lang, long, short):
    language(lang)
    day = dt.date(2025, 3, 15)
    assert i18n.format_day(day) == long
    assert i18n.format_day("2025-03-15", "short") == short
    assert i18n.format_day(dt.datetime(2025, 3, 15, 9, 30), "long") == long


def test_a_help_text_is_translated_paragraph_by_paragraph_and_english_stays_as_it_is(language):
    text = (
        "Show one person and their trajectories.\n\nA name must be whole (a part of a name is"
        "\nrefused: this cannot be undone). Example: mentorcli show 4\n\n\b\n  as  it is"
    )
    assert i18n.help_messages(text) == [
        "Show one person and their trajectories.",
        "A name must be whole (a part of a name is refused: this cannot be undone).",
        "Example:",
    ]
    assert i18n.translate_help(text) is text  # English: untouched, byte for byte
    language("nl")
    assert i18n.translate_help(text).split("\n\n") == [
        "Toon één persoon en de bijhorende trajecten.",
        "Een naam moet volledig zijn (een deel van een naam wordt geweigerd: dit kan niet "
        "ongedaan gemaakt worden). Voorbeeld: mentorcli show 4",
        "\b\n  as  it is",
    ]
    assert i18n.help_messages("Example (crontab, Mondays 7:00):\n0 7 * * 1 mentorcli remind") == [
        "Example (crontab, Mondays 7:00):"
    ]


def test_start_up_imports_no_babel():
    code = (
        "import sys; from mentorcli.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('babel' in sys.modules, file=sys.stderr)"
    )
    clean = {k: v for k, v in os.environ.items() if k not in LOCALE_ENV}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**clean, "LANG": "nl_BE.UTF-8"},
        check=True,
    )
    assert result.stderr.strip().splitlines()[-1] == "False"
    assert "Beheer" in result.stdout
