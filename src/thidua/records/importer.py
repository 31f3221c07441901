"""Import past records (ratings, titles and awards received, initiatives) from an Excel list, all or nothing.

The upload is checked before it is parsed (size, ``.xlsx`` name, a zip with a workbook inside and a bounded
uncompressed size), read with python-calamine, and every row is applied through the record services inside one
transaction, each row in its own savepoint so one bad row does not hide the next. Any error — a bad cell, a person
not found, a second title of one family in a year — rolls the whole file back and returns a row-by-row report:
"Dòng 7, cột «Ngày sinh»: Ngày không hợp lệ: 31/02/1980".

People are matched by CCCD, else by name + birth date + unit, comparing ``vn.search_key`` values (case, diacritics
and tone placement do not matter), among the people the user may change only.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from python_calamine import CalamineWorkbook

from thidua.catalogue.choices import Subject
from thidua.catalogue.models import Award
from thidua.core import vn
from thidua.core.choices import Action
from thidua.core.jobs import job_checkpoint, job_enqueue, job_progress
from thidua.core.models import Job
from thidua.org.models import Person

from . import services
from .choices import AchievementKind, Level, Rating, RecordSource
from .models import AwardRecord
from .template import BY_KEY, COLUMNS

MAX_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED = 60 * 1024 * 1024  # a small list never unpacks to this much: refuse zip bombs
MAX_ROWS = 5000
PROGRESS_EVERY = 10  # rows between two progress reports of an import run as a job
HEADER_SCAN_ROWS = 12
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
LEVEL_WORDS = {
    "co so": Level.BASE,
    "cap co so": Level.BASE,
    "toan quan": Level.ARMY,
    "cap bo": Level.ARMY,
    "cap toan quan": Level.ARMY,
    "bo quoc phong": Level.ARMY,
    "toan quoc": Level.NATION,
    "cap toan quoc": Level.NATION,
    "nha nuoc": Level.NATION,
}


class ImportRefused(Exception):
    """The upload itself is unusable (too big, not an .xlsx workbook, no header row); nothing was read."""


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


class RowError(Exception):
    """One error of one row, optionally tied to a column."""

    def __init__(self, message: str, column: str | None = None):
        super().__init__(message)
        self.message = message
        self.column = column


class RowErrors(Exception):
    """Every error found in one row's cells (a row reports them all, not only the first)."""

    def __init__(self, errors: list[RowError], row: dict[str, Any]):
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors
        self.row = row  # what could be read, for the look-ups that do not depend on a broken cell


# Columns whose cells may hold a tab or a line break (Alt+Enter in Excel); anywhere else they are refused too.
MULTILINE_COLUMNS = frozenset({"achievement", "decision_ref", "issuer"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_CONTROL_OR_LINE = re.compile(r"[\x00-\x1f\x7f]")


def import_control_characters(value: Any, *, multiline: bool = False) -> list[str]:
    """The control characters (U+0000–U+001F, U+007F) in a cell as ``U+XXXX`` codes, in order and without repeats;
    a tab or a line break is allowed in a ``multiline`` column. Empty when the cell is clean (or not text)."""
    if not isinstance(value, str):
        return []
    pattern = _CONTROL if multiline else _CONTROL_OR_LINE
    return list(dict.fromkeys(f"U+{ord(c):04X}" for c in pattern.findall(value)))


def _header_key(text: Any) -> str:
    """A header cell (or a short value) folded for comparison: no diacritics, case, punctuation or "(nếu có)"."""
    return vn.search_key(re.sub(r"\(.*?\)", " ", str(text or "")))  # punctuation and "/" fold to spaces


HEADER_LOOKUP: dict[str, str] = {}
for _column in COLUMNS:
    for _name in (_column.header, *_column.aliases):
        HEADER_LOOKUP[_header_key(_name)] = _column.key


# --- the upload --------------------------------------------------------------------------------------------------


def check_upload(name: str, data: bytes) -> None:
    """Refuse anything but a small, real .xlsx workbook (ImportRefused with a Vietnamese message)."""
    if not name.lower().endswith(".xlsx"):
        raise ImportRefused("Chỉ nhận tệp Excel .xlsx (dùng tệp mẫu).")
    if len(data) > MAX_BYTES:
        raise ImportRefused(f"Tệp quá lớn ({vn.format_number(len(data) / 1024 / 1024, 1)} MB); tối đa 5 MB.")
    if not data.startswith(b"PK\x03\x04"):
        raise ImportRefused("Tệp không phải là tệp Excel .xlsx hợp lệ.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ImportRefused("Tệp không phải là tệp Excel .xlsx hợp lệ.") from None
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise ImportRefused("Tệp không phải là tệp Excel .xlsx hợp lệ.")
    if total > MAX_UNCOMPRESSED:
        raise ImportRefused("Nội dung tệp quá lớn sau khi giải nén; hãy chia nhỏ danh sách.")


def read_rows(data: bytes) -> tuple[dict[int, str], list[tuple[int, list[Any]]]]:
    """The header (column index → key) and the data rows (Excel row number, cells) of the first sheet."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        table = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception:  # calamine raises several error types for damaged files; all mean the same to the user
        raise ImportRefused("Không đọc được tệp Excel (tệp hỏng hoặc có mật khẩu).") from None
    for index, row in enumerate(table[:HEADER_SCAN_ROWS]):
        keys = [_header_key(cell) for cell in row]
        header = {i: HEADER_LOOKUP[key] for i, key in enumerate(keys) if key in HEADER_LOOKUP}
        if "full_name" in header.values() and "year" in header.values():
            body = [(index + 2 + offset, cells) for offset, cells in enumerate(table[index + 1 :])]
            body = [(n, cells) for n, cells in body if any(str(c).strip() for c in cells if c is not None)]
            if len(body) > MAX_ROWS:
                raise ImportRefused(f"Danh sách có {len(body)} dòng; mỗi lần nhập tối đa {MAX_ROWS} dòng.")
            return header, body
    raise ImportRefused("Không tìm thấy dòng tiêu đề (cần ít nhất các cột «Họ và tên» và «Năm»); hãy dùng tệp mẫu.")


# --- cells ---------------------------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return vn.nfc(str(value)).strip()


def _year(value: Any) -> int:
    text = _text(value)
    if not re.fullmatch(r"[0-9]{4}", text):
        raise RowError(f"Năm không hợp lệ: {text or '(trống)'}", "year")
    return int(text)


def _date(value: Any, column: str) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return vn.parse_date(_text(value))
    except ValueError as exc:
        raise RowError(str(exc), column) from None


def _cccd(value: Any) -> str:
    text = re.sub(r"\s", "", _text(value))
    if text.isdigit() and len(text) < 12:
        text = text.zfill(12)  # a CCCD typed into a number cell lost its leading zeros
    if text and not vn.is_valid_cccd(text):
        raise RowError(f"Số CCCD không hợp lệ: {text}", "cccd")
    return text


def _choice(value: Any, choices, column: str, extra: dict[str, str] | None = None) -> str:
    text = _text(value)
    key = _header_key(text)
    lookup = {_header_key(label): code for code, label in choices}
    lookup.update({_header_key(code): code for code, _ in choices})
    lookup.update(extra or {})
    if key not in lookup:
        raise RowError(f"Giá trị không hợp lệ: {text}", column)
    return lookup[key]


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


# --- the import ------------------------------------------------------------------------------------------------


def _clean_cells(header: dict[int, str], cells: list[Any], errors: list[RowError]) -> dict[str, Any]:
    """The row's cells by column key; a cell with control characters is an error, and is read without them."""
    raw: dict[str, Any] = {}
    for i, key in header.items():
        value = cells[i] if i < len(cells) else None
        found = import_control_characters(value, multiline=key in MULTILINE_COLUMNS)
        if found:
            errors.append(RowError(f"có ký tự điều khiển không được phép ({', '.join(found)}); hãy gõ lại ô này", key))
            value = _CONTROL_OR_LINE.sub(" ", value)
        raw[key] = value
    return raw


def _parse(header: dict[int, str], cells: list[Any]) -> dict[str, Any]:
    """One data row, checked cell by cell; raises :class:`RowErrors` with every error of the row."""
    errors: list[RowError] = []
    raw = _clean_cells(header, cells, errors)

    def cell(parse: Callable, *args) -> Any:
        try:
            return parse(*args)
        except RowError as exc:
            errors.append(exc)
            return None

    row: dict[str, Any] = {"full_name": _text(raw.get("full_name")), "unit": _text(raw.get("unit"))}
    if not row["full_name"]:
        errors.append(RowError("Chưa nhập họ và tên", "full_name"))
    row["date_of_birth"] = cell(_date, raw.get("date_of_birth"), "date_of_birth")
    row["cccd"] = cell(_cccd, raw.get("cccd"))
    row["year"] = cell(_year, raw.get("year"))
    row["rating"] = cell(_choice, raw.get("rating"), Rating.choices, "rating") if _text(raw.get("rating")) else ""
    row["award"] = _text(raw.get("award"))
    row["decided_on"] = cell(_date, raw.get("decided_on"), "decided_on")
    row["decision_ref"] = _text(raw.get("decision_ref"))
    row["issuer"] = _text(raw.get("issuer"))
    row["achievement"] = _text(raw.get("achievement"))
    kind = raw.get("achievement_kind")
    row["achievement_kind"] = (
        cell(_choice, kind, AchievementKind.choices, "achievement_kind", {"de tai": "de_tai"})
        if _text(kind)
        else AchievementKind.INITIATIVE
    )
    level = _text(raw.get("level"))
    row["level"] = cell(_choice, level, Level.choices, "level", LEVEL_WORDS) if level else ""
    if not (row["rating"] or row["award"] or row["achievement"] or _text(raw.get("rating"))):
        errors.append(
            RowError("không có mức độ hoàn thành nhiệm vụ, danh hiệu/hình thức hay sáng kiến/đề tài nào để nhập")
        )
    if row["level"] and not row["achievement"]:
        errors.append(RowError("có Cấp công nhận nhưng chưa có tên sáng kiến/đề tài", "achievement"))
    if errors:
        raise RowErrors(errors, row)
    return row


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


NOTHING_TO_IMPORT = "không có mức độ hoàn thành nhiệm vụ, danh hiệu/hình thức hay sáng kiến/đề tài nào để nhập"


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


IMPORT_JOB = "records.import"


def upload_path(job_id: int) -> Path:
    """Where an import job's uploaded file is kept until the import succeeds (a re-run reads it again)."""
    return Path(settings.MEDIA_ROOT) / "imports" / f"{job_id}.xlsx"


def import_start(*, actor, name: str, data: bytes, unit_id: int | None = None) -> Job:
    """Check an upload and queue its import as a job (audited as ``job.create``); raises :class:`ImportRefused`
    for an unusable file, before anything is queued. The job's result holds the report (see :func:`run_import`);
    ``unit_id`` is the unit whose records page the import was opened from (its result page leads back there)."""
    check_upload(name, data)
    params = {"name": name, **({"unit": unit_id} if unit_id else {})}
    with transaction.atomic():
        job = job_enqueue(actor=actor, kind=IMPORT_JOB, title=f"Nhập thành tích từ tệp «{name[:200]}»", params=params)
        path = upload_path(job.pk)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return job


def run_import(job: Job) -> dict:
    """The import job: apply the kept upload as its creator (all or nothing, in one transaction); the report (or why
    the file was refused) goes to ``job.result``. The file is deleted once the rows are saved."""
    path = upload_path(job.pk if not job.rerun_of_id else _first_of(job))
    if not path.exists():
        raise LookupError("Tệp đã tải lên không còn; hãy tải tệp lên lại.")
    url = f"{reverse('records_import')}?cong_viec={job.pk}"
    if job.params.get("unit"):
        url += f"&don_vi={job.params['unit']}"
    try:
        report = import_records(
            actor=job.created_by, name=job.params["name"], data=path.read_bytes(), progress=_reporter(job)
        )
    except ImportRefused as exc:
        return {"refused": str(exc), "url": url}
    if report.ok:
        path.unlink(missing_ok=True)
    job_progress(job, report.rows, report.rows)
    return {"report": asdict(report), "url": url}


def _first_of(job: Job) -> int:
    """The job whose upload a re-run reads (re-runs of re-runs lead back to the first upload)."""
    while job.rerun_of_id:
        job = Job.objects.get(pk=job.rerun_of_id)
    return job.pk


def _reporter(job: Job) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        if transaction.get_connection().in_atomic_block:
            job_checkpoint(job)  # inside the import's transaction: no write to the job row until the commit
        else:
            job_progress(job, done, total)

    return report


def report_of(job: Job) -> tuple[ImportReport | None, str | None]:
    """(report, refusal) of a finished import job, for the import page; a failed job's last log line is the refusal."""
    if job.status == Job.Status.DONE:
        data = job.result.get("report")
        return (ImportReport(**data) if data else None), job.result.get("refused")
    if job.status in (Job.Status.FAILED, Job.Status.CANCELLED):
        lines = [line for line in job.log.splitlines() if line.strip() and not line.startswith((" ", "Traceback"))]
        return None, f"Nhập dữ liệu không thành công: {lines[-1] if lines else job.get_status_display()}"
    return None, None
