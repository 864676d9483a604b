"""Reading a spreadsheet of people: encodings, separators and headers as Belgian Excel writes them.

Every row is validated before anything is written; one bad row and nothing is imported.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorcli import people
from mentorcli.core.errors import MentorError
from mentorcli.store import settings
from mentorcli.store.db import log_event, transaction

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_BYTES = 50 * 1024 * 1024
# An organisation enrols a few hundred people a year, a few thousand in all: a file with
# more rows than this is the wrong file, and comparing every row with every other one for
# duplicates would take minutes and gigabytes.
MAX_ROWS = 10_000


@dataclass
class ImportResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)


# A well-formed UTF-8 sequence of two to four bytes (RFC 3629): Windows-1252 text of
# Dutch or French names practically never holds one by chance ("Ã©" in a name).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, refused when it is not a regular file or too large.

    A FIFO or a device (``/dev/zero``) has no size to check and would be read forever; a
    file that grows while it is read is cut off at the limit, not read to the end.
    """
    import stat

    from mentorcli.store.files import kind_of

    limit = f"{path} is larger than {MAX_BYTES // 1024 // 1024} MB"
    try:
        kind = kind_of(path.stat().st_mode)
        if kind is not None:
            raise MentorError(f"cannot import {path}: it is {kind}, not a regular file")
        with path.open("rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise MentorError(f"cannot import {path}: it is not a regular file")
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise MentorError(f"cannot read {path}: {e.strerror or e}") from None
    if len(data) > MAX_BYTES:
        raise MentorError(limit)
    return data


def _decode(data: bytes, path: Path) -> str:
    """The file's text: UTF-16 when it starts with its BOM, else UTF-8 (BOM or not), else
    Windows-1252 when no line is UTF-8. A mix of the two is refused, not guessed: decoded
    as Windows-1252 every accented UTF-8 name would be stored as mojibake ("ZoÃ«")."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise MentorError(
                f"{path} starts as UTF-16 text but is not (near byte {e.start}); "
                "save it again as CSV UTF-8"
            ) from None
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            raise MentorError(
                f"{path} is not a CSV text file: line {_line_of(data, nul)} holds a NUL character"
            )
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            first_bad = e.start
        if _UTF8_MULTIBYTE.search(data):
            raise MentorError(
                f"{path}: line {_line_of(data, first_bad)} is not UTF-8 but other lines are "
                "(two encodings in one file); save it again as CSV UTF-8"
            )
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as e:
            raise MentorError(
                f"{path}: line {_line_of(data, e.start)} holds byte 0x{data[e.start]:02X}, "
                "which is text neither in UTF-8 nor in Windows-1252"
            ) from None
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise MentorError(f"{path} is not a CSV text file: line {line} holds a NUL character")
    return text


# Excel writes and honours a first line "sep=;" naming the separator.
_SEP_LINE = re.compile(r'\ufeff?"?sep=(.)"?', re.IGNORECASE)


def _header_key(text: str) -> str:
    return "_".join(text.strip().strip("-").casefold().replace("-", " ").split())


def read_rows(
    path: Path, check: Callable[[list[str]], None] = lambda header: None
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header (as field names) and (line number, row) pairs, blank lines skipped.

    ``check`` sees the header first: a file of the wrong kind is refused before its
    half-million rows are parsed."""
    data = _read_bounded(path)
    text = _decode(data, path)
    first_line = text.split("\n", 1)[0].rstrip("\r")
    sep = _SEP_LINE.fullmatch(first_line)
    if sep:
        text = text[len(first_line) :]  # a blank first line: the line numbers stay the file's
        delimiter = sep.group(1)
    else:
        first = next((line for line in text.splitlines() if line.strip()), "")
        if not first:
            raise MentorError(f"{path} is empty")
        delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header: list[str] | None = None
        rows: list[tuple[int, dict[str, str]]] = []
        end = 0
        for record in reader:
            line, end = end + 1, reader.line_num  # a quoted cell may span lines: say the first
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = [_header_key(h) for h in record]
                check(header)
                continue
            if len(record) > len(header):
                extra = record[len(header) :]
                if any(cell.strip() for cell in extra):
                    rows.append((line, {"__error__": "more cells than columns"}))
                    continue
            rows.append((line, dict(zip(header, record, strict=False))))
    except csv.Error as e:
        raise MentorError(
            f"{path} is not a readable CSV file (line {reader.line_num}: {e})"
        ) from None
    if header is None:
        raise MentorError(f"{path} is empty")
    if len(rows) > MAX_ROWS:
        raise MentorError(
            f"{path} holds {len(rows)} people; mentorcli imports at most {MAX_ROWS} at a "
            "time: split the file"
        )
    return header, rows


def check_header(header: list[str], role: str) -> None:
    duplicated = sorted({h for h in header if header.count(h) > 1 and h})
    if duplicated:
        raise MentorError(f"column {', '.join(duplicated)} appears more than once")
    known = set(people.columns_for(role))
    unknown = [h for h in header if h and h not in known]
    if unknown:
        raise MentorError(
            f"unknown column {', '.join(repr(u) for u in unknown[:5])} for {role}s "
            f"(columns are named like the enrol options: {', '.join(sorted(known)[:6])}, …)"
        )
    missing = [r for r in people.REQUIRED if r not in header]
    if missing:
        raise MentorError(f"the file has no column {', '.join(missing)}")


def validate_rows(
    db: Database,
    role: str,
    rows: list[tuple[int, dict[str, str]]],
    *,
    force: bool,
    allow_duplicate: bool,
    progress: Callable[[Sequence[Any]], Iterable[Any]] = lambda x: x,
) -> ImportResult:
    result = ImportResult()
    lines: list[int] = []
    rules = settings.load(db)
    for line, row in progress(rows):
        if "__error__" in row:
            result.problems.append(f"line {line}: {row['__error__']}")
            continue
        raw = {k: v for k, v in row.items() if k and v is not None and v.strip() != ""}
        person, errors = people.validate(role, raw)
        if not errors and not force:
            errors = people.rule_violations(role, person, rules)
        if errors:
            result.problems.append(f"line {line}: {'; '.join(errors)}")
            continue
        result.rows.append(person)
        lines.append(line)
    if not allow_duplicate and result.rows:
        for dup in people.find_duplicates(db, role, result.rows):
            where = (
                f"line {lines[dup.existing_row]}"
                if dup.existing_row is not None
                else f"person {dup.existing_id}"
            )
            result.problems.append(
                f"line {lines[dup.index]}: likely the same as {where} {dup.existing_name} "
                f"({dup.why})"
            )
    result.problems.sort(key=lambda p: int(p.split(":")[0].split()[1]))
    return result


def import_file(
    db: Database,
    path: Path,
    role: str,
    *,
    dry_run: bool = False,
    force: bool = False,
    allow_duplicate: bool = False,
    progress: Callable[[Sequence[Any]], Iterable[Any]] = lambda x: x,
) -> ImportResult:
    header, rows = read_rows(path, lambda header: check_header(header, role))
    if dry_run:  # only reads: another process may write meanwhile
        return validate_rows(
            db, role, rows, force=force, allow_duplicate=allow_duplicate, progress=progress
        )
    with transaction(db):
        result = validate_rows(
            db, role, rows, force=force, allow_duplicate=allow_duplicate, progress=progress
        )
        if result.problems:
            return result
        for person in result.rows:
            person_id = people.insert_person(db, role, person)
            result.ids.append(person_id)
            log_event(db, "enrol", person_id=person_id, details={"role": role, "via": "import"})
    return result
