"""import reads what the file says: its encoding, its separator, and nothing else.

A spreadsheet saved by Belgian Excel may be UTF-8 (with a BOM or not), "Unicode text"
(UTF-16 with a BOM) or Windows-1252; a file that mixes encodings is refused rather than
guessed, because one stray byte used to turn every accented name into mojibake.
"""

from __future__ import annotations

import codecs

import pytest
from conftest import count

NAMES = ["Zoë D'Hondt", "José Lefèvre", "Ölçer Ağaoğlu", "نور الأمراني"]


def sheet(separator: str = ",", names: list[str] = NAMES) -> str:
    header = separator.join(["name", "city", "languages", "sector"])
    rows = [separator.join([name, "Liège", "fr", "soins"]) for name in names]
    return "\r\n".join([header, *rows]) + "\r\n"


def imported(cli) -> list[str]:
    return [p["name"] for p in cli.json("list", "mentees")]


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le+bom", "utf-16-be+bom"]
)
def test_unicode_files_keep_every_name(cli, tmp_path, encoding):
    path = tmp_path / "people.csv"
    text = sheet("\t" if "16" in encoding else ";")
    if encoding.endswith("+bom"):
        plain = encoding.removesuffix("+bom")
        bom = codecs.BOM_UTF16_LE if plain.endswith("le") else codecs.BOM_UTF16_BE
        path.write_bytes(bom + text.encode(plain))
    else:
        path.write_bytes(text.encode(encoding))
    cli("import", path, "--role", "mentee")
    assert imported(cli) == NAMES


def test_a_windows_1252_file_is_read_as_windows_1252(cli, tmp_path):
    path = tmp_path / "excel.csv"
    names = ["Zoë D'Hondt", "José Lefèvre", "Œdipe Müller – 5 €"]
    path.write_bytes(sheet(";", names).encode("cp1252"))
    cli("import", path, "--role", "mentee")
    assert imported(cli) == names


def test_one_stray_byte_in_a_utf8_file_is_refused_naming_its_line(cli, tmp_path, db_path):
    path = tmp_path / "mixed.csv"
    good = sheet(",", ["Zoë D'Hondt", "Nour Benali", "Hiba Rahimi"]).encode()
    lines = good.split(b"\r\n")
    lines[3] = "Hiba Rahimi – cp1252,Gent,nl,zorg".encode("cp1252")  # line 4: one byte 0x96
    path.write_bytes(b"\r\n".join(lines))
    result = cli("import", path, "--role", "mentee", code=1)
    assert result.stderr == (
        f"Error: {path}: line 4 is not UTF-8 but other lines are (two encodings in one file); "
        "save it again as CSV UTF-8\n"
    )
    assert count(db_path, "people") == 0


def test_a_byte_that_is_text_in_no_encoding_is_refused_naming_its_line(cli, tmp_path, db_path):
    path = tmp_path / "odd.csv"
    path.write_bytes(b"name,city,languages,sector\nAmina\x81,Gent,nl,zorg\n")
    result = cli("import", path, "--role", "mentee", code=1)
    assert result.stderr == (
        f"Error: {path}: line 2 holds byte 0x81, which is text neither in UTF-8 "
        "nor in Windows-1252\n"
    )
    assert count(db_path, "people") == 0


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_nul_byte_anywhere_is_refused_naming_its_line(cli, tmp_path, db_path, encoding):
    path = tmp_path / "nul.csv"
    names = [f"Person {n}" for n in range(500)]  # the NUL lies far past the first 4 KiB
    text = sheet(",", names).replace("Person 400,", "Person\x00 400,")
    path.write_bytes(text.encode(encoding))
    result = cli("import", path, "--role", "mentee", code=1)
    assert result.stderr == (
        f"Error: {path} is not a CSV text file: line 402 holds a NUL character\n"
    )
    assert count(db_path, "people") == 0


@pytest.mark.parametrize("first", ["sep=;", '"sep=;"', "SEP=;", "\ufeffsep=;"])
def test_excels_sep_line_is_honoured(cli, tmp_path, first):
    path = tmp_path / "sep.csv"
    body = "name;city;languages;sector\r\nAmina Benali;Gent;nl,fr;zorg\r\n"
    path.write_bytes((first + "\r\n" + body).encode("utf-8"))
    cli("import", path, "--role", "mentee")
    [person] = cli.json("list", "mentees")
    assert person["name"] == "Amina Benali" and person["languages"] == "fr,nl"


def test_sep_line_keeps_the_line_numbers_of_the_file(cli, tmp_path):
    path = tmp_path / "sep.csv"
    path.write_text(
        "sep=,\nname,city,languages,sector\nAmina Benali,Gent,nl,zorg\nX,Gent,xx,zorg\n"
    )
    assert "line 4:" in cli("import", path, "--role", "mentee", code=1).stderr
