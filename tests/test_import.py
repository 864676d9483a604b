"""import: every row checked first, nothing half-written."""

from __future__ import annotations

from conftest import MENTEE, count

HEADER = "name,city,languages,sector,phone,birth_year,origin_country\n"


def test_import_good_file(cli, tmp_path, db_path):
    path = tmp_path / "mentees.csv"
    path.write_text(
        HEADER + "Amina Benali,Gent,nl,zorg,0475123456,1999,SY\n"
        'Omar Haddad,Antwerpen,"nl,fr",haven,+32 470 11 22 33,2000,Morocco\n'
        "\n"
    )
    result = cli("import", path, "--role", "mentee")
    assert "Imported 2 mentee(s)" in result.stderr
    people = cli.json("list", "mentees")
    assert [p["phone"] for p in people] == ["0475123456", "+32 470 11 22 33"]
    assert people[1]["origin_country"] == "MA" and people[1]["languages"] == "fr,nl"
    assert count(db_path, "events") == 2


def test_bad_rows_are_each_reported_and_nothing_is_written(cli, tmp_path, db_path):
    cli(*MENTEE)
    path = tmp_path / "mentees.csv"
    path.write_text(
        HEADER + "Amina Benali,Gent,nl,zorg,,1999,SY\n"
        "Bad Language,Gent,xx,zorg,,1999,SY\n"
        "Nour Elamrani,Gent,nl,haven,,2001,MA\n"
        ",Gent,nl,zorg,,,\n"
        "Amina Benali,Gent,nl,zorg,,1999,SY\n"
    )
    result = cli("import", path, "--role", "mentee", code=1)
    lines = result.stderr.strip().splitlines()
    assert any("line 3:" in x and "ISO 639-1" in x for x in lines)
    assert any("line 4:" in x and "person 1 Nour El Amrani" in x for x in lines)
    assert any("line 5:" in x and "--name" in x for x in lines)
    assert any("line 6:" in x and "line 2 Amina Benali" in x for x in lines)
    assert lines[-1].startswith("Error: 4 bad row(s)")
    assert count(db_path, "people") == 1


def test_belgian_excel_file_semicolons_latin1_and_bom(cli, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("Name;City;Languages;Sector\nJosé Lefèvre;Liège;fr;soins\n".encode("cp1252"))
    cli("import", path, "--role", "mentor")
    bom = tmp_path / "bom.csv"
    bom.write_bytes("\ufeffname;city;languages;sector\nZoë D'Hondt;Gent;nl;zorg\n".encode())
    cli("import", bom, "--role", "mentor")
    names = [p["name"] for p in cli.json("list", "mentors")]
    assert names == ["José Lefèvre", "Zoë D'Hondt"]


def test_dry_run_writes_nothing(cli, tmp_path, db_path):
    path = tmp_path / "m.csv"
    path.write_text(HEADER + "Amina Benali,Gent,nl,zorg,,1999,SY\n")
    assert "would be imported" in cli("import", path, "--role", "mentee", "--dry-run").stderr
    assert count(db_path, "people") == 0


def test_unreadable_files_are_clear_errors(cli, tmp_path, db_path):
    missing = cli("import", tmp_path / "nope.csv", "--role", "mentee", code=1)
    assert "cannot read" in missing.stderr
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 100)
    assert "not a CSV text file" in cli("import", junk, "--role", "mentee", code=1).stderr
    dup = tmp_path / "dup.csv"
    dup.write_text("name,name,city,languages,sector\na,b,Gent,nl,zorg\n")
    assert "more than once" in cli("import", dup, "--role", "mentee", code=1).stderr
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("name,city,languages,sector,shoe_size\na,Gent,nl,zorg,42\n")
    assert "shoe_size" in cli("import", unknown, "--role", "mentee", code=1).stderr
    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n")
    assert "is empty" in cli("import", empty, "--role", "mentee", code=1).stderr
    assert count(db_path, "people") == 0


FIRST_NAMES = [
    "Amina", "Bilal", "Chantal", "Dawit", "Esther", "Farid", "Griet", "Hamid", "Ingrid",
    "Jonas", "Koen", "Leyla", "Moussa", "Nathalie", "Olena", "Pieter", "Rahul", "Sofie",
    "Thiago", "Wim",
]  # fmt: skip
SYLLABLES = ["ba", "de", "fi", "go", "ku", "la", "me", "ni", "po", "ru", "sa", "te", "vi", "zo"]
SYLLABLES += ["ha", "je"]


def invented_names(count: int) -> list[str]:
    """Invented people, no two alike: surnames differ in at least two syllables, so the
    closest two of the first 5,120 score 87, under the 90 of a likely duplicate."""
    names = []
    for i in range(count):
        x, y = divmod(i // 20, 16)
        surname = SYLLABLES[x] + SYLLABLES[y] + SYLLABLES[(x + y) % 16]
        names.append(f"{FIRST_NAMES[i % 20]} {surname.capitalize()}")
    return names


def test_a_typo_among_thousands_of_people_is_still_found(cli, tmp_path, db_path):
    names = invented_names(2200)
    enrolled = tmp_path / "enrolled.csv"
    enrolled.write_text(
        "name,city,languages,sector\n" + "".join(f"{n},Gent,nl,zorg\n" for n in names[:2000])
    )
    cli("import", enrolled, "--role", "mentee")
    assert count(db_path, "people") == 2000
    typos = [
        "Oelna Gozoba",  # two letters swapped: person 1235 Olena Gozoba
        "Fimépo Sofie",  # an accent, words swapped: person 778 Sofie Fimepo
        "Amna Kutje",  # a letter missing in each word: person 1501 Amina Kuteje
        "WimMegoru",  # no space: person 2000 Wim Megoru
        "Farid Mekuas",  # line 7 of this file, Farid Mekusa
    ]
    more = tmp_path / "more.csv"
    more.write_text(
        "name,city,languages,sector\n"
        + "".join(f"{n},Gent,nl,zorg\n" for n in names[2000:] + typos)
    )
    problems = cli("import", more, "--role", "mentee", code=1).stderr
    assert problems.count("likely the same") == 5
    for line, same_as in [
        (202, "person 1235 Olena Gozoba"),
        (203, "person 778 Sofie Fimepo"),
        (204, "person 1501 Amina Kuteje"),
        (205, "person 2000 Wim Megoru"),
        (206, "line 7 Farid Mekusa"),
    ]:
        assert f"line {line}: likely the same as {same_as} (similar name)" in problems
    assert count(db_path, "people") == 2000
    refused = cli(
        "enrol", "mentee", "--name", "Olena Gozobba", "--city", "Gent", "--languages", "nl",
        "--sector", "zorg", code=1,
    )  # fmt: skip
    assert "likely already enrolled as 1235 Olena Gozoba (similar name)" in refused.stderr
