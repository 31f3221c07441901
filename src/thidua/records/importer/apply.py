"""Applying the rows: people and awards matched, rows repeated within the file refused, every row through the
record services in one transaction (a savepoint per part of a row), rolled back as a whole on any error."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from thidua.catalogue.choices import Subject
from thidua.catalogue.models import Award
from thidua.core import vn
from thidua.core.choices import Action
from thidua.org.models import Person

from .. import services
from ..choices import RecordSource
from ..models import AwardRecord
from ..template import BY_KEY
from .rows import RowError, RowErrors, _parse
from .upload import _header_key, check_upload, read_rows

PROGRESS_EVERY = 10  # rows between two progress reports of an import run as a job
FIELD_COLUMN = {
    "year": "year",
    "rating": "rating",
    "award": "award",
    "decided_on": "decided_on",
    "decision_ref": "decision_ref",
    "issuer": "issuer",
    "level": "level",
    "title": "achievement",
    "kind": "achievement_kind",
}


@dataclass
class ImportReport:
    """The outcome: counts of what was saved, or the errors (then nothing was saved)."""

    rows: int = 0
    ratings: int = 0
    awards: int = 0
    achievements: int = 0
    errors: list[str] = field(default_factory=list)
    people: list[list] = field(default_factory=list)  # [person id, full name] of everyone imported, by first row
    years: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def note(self, person: Person, year: int) -> None:
        """Remember who and which year a saved row was about (the success message links to them)."""
        if [person.pk, person.full_name] not in self.people:
            self.people.append([person.pk, person.full_name])
        if year not in self.years:
            self.years.append(year)
            self.years.sort()


# --- matching --------------------------------------------------------------------------------------------------


class _Catalogue:
    """Awards by folded code, name and short name."""

    def __init__(self):
        self.by_key: dict[str, Award] = {}
        for award in Award.objects.filter(active=True):
            for name in (award.code, award.name, award.short_name):
                if name:
                    self.by_key.setdefault(_header_key(name), award)

    def find(self, text: str) -> Award:
        award = self.by_key.get(_header_key(text))
        if award is None:
            raise RowError(f"Không có danh hiệu, hình thức «{text}» trong danh mục khen thưởng", "award")
        if award.subject == Subject.UNIT:
            raise RowError(f"«{award}» là danh hiệu, hình thức dành cho tập thể", "award")
        return award


class _People:
    """The people the user may change, found by CCCD or by name + birth date + unit (folded comparison)."""

    def __init__(self, user, rows: list[dict[str, Any]]):
        scope = Person.objects.visible_to(user, Action.CHANGE).select_related("unit")
        cccds = {r["cccd"] for r in rows if r.get("cccd")}
        names = {vn.search_key(r["full_name"]) for r in rows if r.get("full_name")}
        self.by_cccd = {p.cccd: p for p in scope.filter(cccd__in=cccds)} if cccds else {}
        self.by_name: dict[str, list[Person]] = {}
        for person in scope.filter(search_key__in=names) if names else []:
            self.by_name.setdefault(person.search_key, []).append(person)

    def find(self, row: dict[str, Any]) -> Person:
        name = row.get("full_name", "")
        if row.get("cccd"):
            person = self.by_cccd.get(row["cccd"])
            if person is None:
                raise RowError(f"không tìm thấy cán bộ có Số CCCD {row['cccd']} trong phạm vi quản lý của bạn")
            if name and vn.search_key(name) != person.search_key:
                raise RowError(f"Số CCCD {row['cccd']} là của «{person.full_name}», không phải «{name}»", "full_name")
            return person
        born, unit = row.get("date_of_birth"), row.get("unit", "")
        if not born or not unit:
            raise RowError("thiếu Số CCCD; khi không có CCCD phải có đủ Họ và tên, Ngày sinh và Đơn vị")
        unit_key = _header_key(unit)
        found = [
            p
            for p in self.by_name.get(vn.search_key(name), [])
            if p.date_of_birth == born and unit_key in {_header_key(p.unit.name), _header_key(p.unit.short_name)}
        ]
        if not found:
            raise RowError(
                f"không tìm thấy cán bộ «{name}», sinh ngày {vn.format_date(born, 'short')}, đơn vị «{unit}» "
                "trong phạm vi quản lý của bạn"
            )
        if len(found) > 1:
            raise RowError(f"có {len(found)} cán bộ «{name}» cùng ngày sinh và đơn vị; hãy ghi Số CCCD")
        return found[0]


IDENTITY_COLUMNS = frozenset({"full_name", "date_of_birth", "cccd", "unit"})


def _lookup_errors(row: dict[str, Any], broken: set, people: _People, catalogue: _Catalogue) -> list[RowError]:
    """For a row with bad cells (never applied): whether its person and its award exist, if those cells are fine,
    so one upload reports those errors too."""
    errors = []
    checks = []
    if not broken & IDENTITY_COLUMNS and row["full_name"]:
        checks.append(lambda: people.find(row))
    if row["award"] and "award" not in broken:
        checks.append(lambda: catalogue.find(row["award"]))
    for check in checks:
        try:
            check()
        except RowError as exc:
            errors.append(exc)
    return errors


class _Seen:
    """What earlier rows of the file recorded, to refuse a row that repeats one (both row numbers named)."""

    def __init__(self):
        self.rows: dict[tuple, int] = {}

    def claim(self, key: tuple, number: int, what: str, column: str) -> None:
        first = self.rows.setdefault(key, number)
        if first != number:
            raise RowError(
                f"trùng với dòng {first} (cùng cán bộ, năm {key[1]}, {what}); mỗi việc chỉ ghi một dòng", column
            )

    def row_of(self, key: tuple) -> int | None:
        return self.rows.get(key)


def _apply_rating(user, person: Person, row: dict[str, Any], catalogue: _Catalogue, seen: _Seen) -> int:
    if not row["rating"]:
        return 0
    seen.claim((person.pk, row["year"], "rating"), row["number"], "mức độ hoàn thành nhiệm vụ", "rating")
    services.person_rating_set(
        actor=user, person=person, year=row["year"], rating=row["rating"], source=RecordSource.IMPORT
    )
    return 1


def _apply_award(user, person: Person, row: dict[str, Any], catalogue: _Catalogue, seen: _Seen) -> int:
    if not row["award"]:
        return 0
    year, award = row["year"], catalogue.find(row["award"])
    seen.claim((person.pk, year, "award", award.pk), row["number"], f"«{award}»", "award")
    if award.family:
        first = seen.row_of((person.pk, year, "family", award.family))
        existing = AwardRecord.objects.filter(person=person, year=year, family=award.family).first()
        if existing is not None:
            where = f" ở dòng {first}" if first else ""
            raise RowError(f"trùng danh hiệu cùng nhóm trong năm {year} (đã có «{existing.award}»{where})", "award")
        seen.claim((person.pk, year, "family", award.family), row["number"], "danh hiệu cùng nhóm", "award")
    services.award_record_add(
        actor=user,
        person=person,
        award=award,
        year=year,
        decided_on=row["decided_on"],
        decision_ref=row["decision_ref"],
        issuer=row["issuer"],
        source=RecordSource.IMPORT,
    )
    return 1


def _apply_achievement(user, person: Person, row: dict[str, Any], catalogue: _Catalogue, seen: _Seen) -> int:
    if not row["achievement"]:
        return 0
    if not row["level"]:
        raise RowError(f"sáng kiến/đề tài «{row['achievement']}» chưa có cấp công nhận", "level")
    key = (person.pk, row["year"], "achievement", vn.search_key(row["achievement"]))
    seen.claim(key, row["number"], f"sáng kiến/đề tài «{row['achievement']}»", "achievement")
    services.achievement_add(
        actor=user,
        person=person,
        year=row["year"],
        kind=row["achievement_kind"],
        level=row["level"],
        title=row["achievement"],
        decision_ref="" if row["award"] else row["decision_ref"],
        source=RecordSource.IMPORT,
    )
    return 1


def _row_errors(exc: ValidationError) -> list[RowError]:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return [RowError(m, FIELD_COLUMN.get(name)) for name, messages in errors.items() for m in messages]


def _apply(user, person: Person, row: dict[str, Any], catalogue: _Catalogue, report: ImportReport, seen: _Seen):
    """Apply the row's rating, award and achievement, each in its own savepoint; returns every error of the row."""
    errors: list[RowError] = []
    for part, counter in ((_apply_rating, "ratings"), (_apply_award, "awards"), (_apply_achievement, "achievements")):
        try:
            with transaction.atomic():
                setattr(report, counter, getattr(report, counter) + part(user, person, row, catalogue, seen))
        except RowError as exc:
            errors.append(exc)
        except ValidationError as exc:
            errors.extend(_row_errors(exc))
    if not errors:
        report.note(person, row["year"])
    return errors


def _message(number: int, column: str | None, text: str) -> str:
    if column and column in BY_KEY:
        return f"Dòng {number}, cột «{BY_KEY[column].header}»: {text}"
    return f"Dòng {number}: {text}"


def import_records(
    *, actor, name: str, data: bytes, progress: Callable[[int, int], None] | None = None
) -> ImportReport:
    """Check, read and apply an uploaded list; on any error nothing is saved and the report lists every error.

    Raises :class:`ImportRefused` when the file itself is unusable. ``progress(done, total)`` is called before the
    rows are applied and every ``PROGRESS_EVERY`` rows while they are (inside the import's transaction).
    """
    check_upload(name, data)
    header, body = read_rows(data)
    report = ImportReport(rows=len(body))
    if not body:
        report.errors.append("Danh sách không có dòng dữ liệu nào.")
        return report
    parsed: list[tuple[int, dict[str, Any]]] = []
    broken: list[tuple[int, RowErrors]] = []
    for number, cells in body:
        try:
            parsed.append((number, {**_parse(header, cells), "number": number}))
        except RowErrors as exc:
            broken.append((number, exc))
    rows = [row for _, row in parsed] + [exc.row for _, exc in broken]
    people, catalogue, seen = _People(actor, rows), _Catalogue(), _Seen()
    for number, exc in broken:
        errors = exc.errors + _lookup_errors(exc.row, {e.column for e in exc.errors}, people, catalogue)
        report.errors.extend(_message(number, e.column, e.message) for e in errors)
    if progress is not None:
        progress(0, len(parsed))
    with transaction.atomic():
        for index, (number, row) in enumerate(parsed):
            if progress is not None and index and index % PROGRESS_EVERY == 0:
                progress(index, len(parsed))
            try:
                errors = _apply(actor, people.find(row), row, catalogue, report, seen)
            except RowError as exc:
                errors = [exc]
            report.errors.extend(_message(number, e.column, e.message) for e in errors)
        if report.errors:
            report.ratings = report.awards = report.achievements = 0
            report.people, report.years = [], []
            transaction.set_rollback(True)
    report.errors.sort(key=_row_number)
    return report


def _row_number(message: str) -> int:
    """The row number an error message starts with (for the report's order: by row, then as found)."""
    found = re.match(r"Dòng (\d+)", message)
    return int(found.group(1)) if found else 0
