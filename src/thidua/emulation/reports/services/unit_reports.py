"""Writes of unit reports: save a unit's report for a period as a draft, or submit it (periods are in :mod:`.periods`).

Every function is keyword-only, atomic, validates before it writes, checks the actor's change scope (``actor=None`` is
the system: demo loader, commands, tests) and appends one audit event. Errors are Django ``ValidationError`` keyed by
field with Vietnamese messages; a figure's error is keyed ``value_<indicator id>`` and names the indicator.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from thidua.core import vn
from thidua.core.audit import record, snapshot, with_comment
from thidua.core.errors import field_error
from thidua.core.locking import versioned_update
from thidua.core.scoping import require_change_scope

from .. import notices
from ..choices import IndicatorKind, PeriodStatus, ReportStatus
from ..models import Indicator, ReportValue, ReviewPeriod, UnitReport
from ..selectors import effective_due

#: Attachments a unit may upload with its report: office documents, PDF and scans; nothing executable.
ALLOWED_EXTENSIONS = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".jpg", ".jpeg", ".png"}
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
_MAGIC = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG",),
}


# --- unit reports -----------------------------------------------------------------------------------------------


def _parse_number(raw: Any) -> Decimal | None:
    """A number typed the Vietnamese way ("1.600", "99,1") or the machine way ("1600", "99.1"); "" gives None."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise InvalidOperation
    if isinstance(raw, int | float | Decimal):
        return Decimal(str(raw))
    text = str(raw).strip().replace(" ", "").replace("%", "")
    if not text:
        return None
    if "," in text:  # Vietnamese: "." groups thousands, "," is the decimal mark
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    value = Decimal(text)
    if not value.is_finite():
        raise InvalidOperation
    return value


def _parse_flag(raw: Any) -> bool | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        return raw
    text = vn.search_key(str(raw))
    if text in {"co", "true", "1", "yes", "dat"}:
        return True
    if text in {"khong", "false", "0", "no", "khong dat"}:
        return False
    raise ValueError


def _clean_value(indicator: Indicator, raw: Any) -> tuple[dict[str, Any] | None, str | None]:
    """The stored fields for ``raw`` (None when empty) or a Vietnamese error naming the indicator."""
    label = f"«{indicator.label}»"
    if indicator.kind == IndicatorKind.TEXT:
        text = str(raw or "").strip()
        return ({"text": text} if text else None), None
    if indicator.kind == IndicatorKind.YES_NO:
        try:
            flag = _parse_flag(raw)
        except ValueError:
            return None, f"Chỉ tiêu {label} chỉ nhận Có hoặc Không."
        return ({"flag": flag} if flag is not None else None), None
    try:
        number = _parse_number(raw)
    except (InvalidOperation, ValueError):
        return None, f"Chỉ tiêu {label} phải là một số."
    if number is None:
        return None, None
    if indicator.kind == IndicatorKind.COUNT:
        if number < 0:
            return None, f"Chỉ tiêu {label} không được là số âm."
        if number != number.to_integral_value():
            return None, f"Chỉ tiêu {label} phải là số nguyên."
    else:
        if number < 0 or number > 100:
            return (
                None,
                f"Chỉ tiêu {label} là tỷ lệ phần trăm, phải từ 0 đến 100 (đã nhập {vn.format_number(number, 1)}).",
            )
        if number != number.quantize(Decimal("0.01")):
            return None, f"Chỉ tiêu {label} chỉ ghi tối đa hai chữ số thập phân."
    if abs(number) >= Decimal(10) ** 12:
        return None, f"Chỉ tiêu {label} quá lớn."
    return {"number": number}, None


def _check_attachment(upload) -> None:
    """Refuse files that are too large, of a type not allowed, or whose content does not match their extension."""
    name = os.path.basename(str(upload.name or ""))
    ext = os.path.splitext(name)[1].lower()
    if ext not in ALLOWED_EXTENSIONS:
        raise field_error(
            "attachment", "Chỉ nhận tệp " + ", ".join(sorted(e.lstrip(".").upper() for e in ALLOWED_EXTENSIONS)) + "."
        )
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise field_error("attachment", "Tệp đính kèm quá lớn (tối đa 10 MB).")
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in _MAGIC[ext]):
        raise field_error("attachment", "Nội dung tệp không đúng với loại tệp (phần mở rộng).")
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", vn.search_key(os.path.splitext(name)[0]) or "tep")[:80]
    upload.name = f"{safe}{ext}"


def _check_can_report(actor, period: ReviewPeriod, unit) -> None:
    """The actor may report for ``unit``, the period still takes reports and ``unit`` is one of its units."""
    require_change_scope(actor, unit, "unit", "Bạn không có quyền báo cáo cho đơn vị này.")
    if period.status == PeriodStatus.CLOSED:
        raise field_error("__all__", "Kỳ báo cáo đã khoá, không nhận báo cáo nữa.")
    if not period.units.filter(pk=unit.pk).exists():
        raise field_error("unit", f"{unit.name} không phải đơn vị báo cáo của kỳ «{period.name}».")


def _open_report(period: ReviewPeriod, unit) -> UnitReport | None:
    """The unit's report locked for update (None when there is none yet); a submitted report is final."""
    report = UnitReport.objects.select_for_update().filter(period=period, unit=unit).first()
    if report is not None and report.status == ReportStatus.SUBMITTED:
        raise field_error("__all__", "Báo cáo đã nộp, không sửa được nữa.")
    return report


def _check_submit_window(period: ReviewPeriod, unit, today: dt.date) -> None:
    """Submitting is refused before the period opens and after the unit's deadline (the period's, or its
    extension's)."""
    if today < period.opens_on:
        raise field_error(
            "__all__", f"Chưa đến thời gian nhận báo cáo (từ {vn.format_date(period.opens_on, 'short')})."
        )
    due = effective_due(period, unit.pk)
    if today > due:
        raise field_error("__all__", f"Đã quá hạn nộp báo cáo (hạn {vn.format_date(due, 'short')}).")


def _indicator_for(key: Any, by_id: dict[int, Indicator], by_code: dict[str, list[Indicator]]) -> Indicator | None:
    """The indicator a ``values`` key names: its id (``12`` or ``value_12``) or its code when unique in the period."""
    text_key = str(key).removeprefix("value_")
    if text_key.isdigit():
        return by_id.get(int(text_key))
    if len(by_code.get(text_key, [])) == 1:
        return by_code[text_key][0]
    return None


def _parse_values(
    indicators: list[Indicator], values: dict[Any, Any]
) -> tuple[dict[int, dict[str, Any] | None], dict[str, list[str]]]:
    """Parse: the stored fields of each value by indicator id (None clears it), and the errors by form field."""
    by_id = {ind.pk: ind for ind in indicators}
    by_code: dict[str, list[Indicator]] = {}
    for ind in indicators:
        by_code.setdefault(ind.code, []).append(ind)
    errors: dict[str, list[str]] = {}
    cleaned: dict[int, dict[str, Any] | None] = {}
    for key, raw in values.items():
        ind = _indicator_for(key, by_id, by_code)
        if ind is None:
            errors.setdefault("values", []).append(f"Chỉ tiêu không thuộc kỳ báo cáo này: {key}.")
            continue
        fields, error = _clean_value(ind, raw)
        if error:
            errors.setdefault(f"value_{ind.pk}", []).append(error)
        else:
            cleaned[ind.pk] = fields
    return cleaned, errors


def _validate_input(indicators: list[Indicator], values: dict[Any, Any], attachment) -> dict[int, dict | None]:
    """Validate the figures and the attachment together, so the user sees every error at once."""
    cleaned, errors = _parse_values(indicators, values)
    if attachment is not None:
        try:
            _check_attachment(attachment)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _require_filled(report: UnitReport, created: bool, indicators: list[Indicator], cleaned: dict) -> None:
    """Every required indicator has a value once this save is applied (saved values count unless cleared)."""
    existing = {} if created else {v.indicator_id: v for v in report.values.all()}
    filled = {pk for pk, v in existing.items() if v.number is not None or v.text or v.flag is not None}
    filled = (filled - {pk for pk, f in cleaned.items() if f is None}) | {pk for pk, f in cleaned.items() if f}
    missing = [ind for ind in indicators if ind.required and ind.pk not in filled]
    if missing:
        raise ValidationError(
            {f"value_{ind.pk}": [f"Chỉ tiêu «{ind.label}» là bắt buộc khi nộp báo cáo."] for ind in missing}
        )


def _store_report(report: UnitReport, created: bool, attachment, expected_version: int | None) -> None:
    """Save the report row: a new one validated, an existing one through the version check (and its new file)."""
    if created:
        report.full_clean(validate_constraints=False)
        report.save()
        return
    changes = {
        "narrative": report.narrative,
        "status": report.status,
        "submitted_at": report.submitted_at,
        "attachment": report.attachment.name if report.attachment else "",
    }
    if attachment is not None:
        report.attachment.save(attachment.name, attachment, save=False)
        changes["attachment"] = report.attachment.name
    versioned_update(report, expected_version=expected_version, changes=changes)


def _store_values(report: UnitReport, cleaned: dict[int, dict[str, Any] | None]) -> None:
    """Write the parsed figures: an empty value deletes the saved one."""
    for pk, fields in cleaned.items():
        if fields is None:
            ReportValue.objects.filter(report=report, indicator_id=pk).delete()
            continue
        defaults = {"number": None, "text": "", "flag": None, **fields}
        ReportValue.objects.update_or_create(report=report, indicator_id=pk, defaults=defaults)


@transaction.atomic
def report_save(
    *,
    actor,
    period: ReviewPeriod,
    unit,
    values: dict[Any, Any] | None = None,
    narrative: str | None = None,
    attachment=None,
    submit: bool = False,
    today: dt.date | None = None,
    expected_version: int | None = None,
    comment: str = "",
) -> UnitReport:
    """Save ``unit``'s report for ``period`` as a draft, or submit it (``submit=True``, with an optional ``comment``
    kept in the audit event).

    ``values`` maps an indicator (its id, or its code when unique in the period) to the raw value typed by the user;
    indicators left out keep their saved value, an empty value clears it. Submitting needs every required indicator
    and is refused after the unit's deadline (the period's, or its extension's); a submitted report is final.
    ``today`` is injectable for tests and commands (default: the local date).
    Steps: check the period and the report are open → parse and validate the input → (submit: check every required
    figure) → save the report and its figures → audit.
    """
    _check_can_report(actor, period, unit)
    report = _open_report(period, unit)
    if submit:
        _check_submit_window(period, unit, today or timezone.localdate())
    indicators = list(Indicator.objects.filter(template__periods=period).select_related("template"))
    cleaned = _validate_input(indicators, values or {}, attachment)

    created = report is None
    if created:
        report = UnitReport(period=period, unit=unit)
    before = None if created else _report_snapshot(report)
    if narrative is not None:
        report.narrative = narrative.strip()
    if attachment is not None:
        report.attachment = attachment
    if submit:
        _require_filled(report, created, indicators, cleaned)
        report.status = ReportStatus.SUBMITTED
        report.submitted_at = timezone.now()
    _store_report(report, created, attachment, expected_version)
    _store_values(report, cleaned)

    event = "report.submit" if submit else ("report.create" if created else "report.update")
    extra = with_comment(None, comment) if submit else None
    record(
        actor=actor,
        event_type=event,
        target=report,
        unit=unit,
        before=before,
        after=_report_snapshot(report),
        extra=extra,
    )
    if submit:
        notices.report_submitted(actor=actor, report=report)
    return report


def _report_snapshot(report: UnitReport) -> dict[str, Any]:
    """The report's fields (the attachment by its stored name) and figures by indicator id, for the audit trail."""
    data = snapshot(report)
    data["attachment"] = report.attachment.name if report.attachment else ""
    data["values"] = {
        str(v.indicator_id): (str(v.number) if v.number is not None else v.text if v.text else v.flag)
        for v in report.values.all()
    }
    return data
