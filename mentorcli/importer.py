"""Reading a spreadsheet of people: encodings, separators and headers as Belgian Excel writes them.

Every row is validated before anything is written; one bad row and nothing is imported.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorcli import people, settings
from mentorcli.db import log_event, transaction
from mentorcli.errors import MentorError

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_BYTES = 50 * 1024 * 1024


@dataclass
class ImportResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise MentorError("the file is not a CSV text file (it contains binary data)")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _header_key(text: str) -> str:
    return "_".join(text.strip().strip("-").casefold().replace("-", " ").split())


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header (as field names) and (line number, row) pairs, blank lines skipped."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise MentorError(f"{path} is larger than {MAX_BYTES // 1024 // 1024} MB")
        data = path.read_bytes()
    except OSError as e:
        raise MentorError(f"cannot read {path}: {e.strerror or e}") from None
    text = _decode(data)
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
    progress: Callable[[Iterable[Any]], Iterable[Any]] = lambda x: x,
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
                f"person {dup.existing_id}"
                if dup.existing_id is not None
                else f"line {lines[dup.existing_row]}"
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
    progress: Callable[[Iterable[Any]], Iterable[Any]] = lambda x: x,
) -> ImportResult:
    header, rows = read_rows(path)
    check_header(header, role)
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
