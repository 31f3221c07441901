"""``thidua remind [--today YYYY-MM-DD]``: the unit reports overdue and due soon — listed, notified in the app to the
units' officers (and, when overdue, to the period's office), and mailed when a mail server is configured.

Run it once a day (a systemd timer or cron, see docs/operations.md). It is idempotent per day: a second run the same
day lists the reports again but notifies and mails nobody twice.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from thidua.core import vn
from thidua.emulation.reports import notices
from thidua.emulation.reports.selectors import outstanding_reports


class Command(BaseCommand):
    """One line per (unit, period) whose report is overdue or due within ``remind_days``; notifications and mail."""

    help = (
        "Nhắc các báo cáo quá hạn và sắp đến hạn nộp: liệt kê, gửi thông báo trong ứng dụng và thư điện tử "
        "(khi đã cấu hình máy chủ thư); chạy lại trong ngày không nhắc trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Ngày tính nhắc hạn (YYYY-MM-DD hoặc dd/mm/yyyy); mặc định hôm nay.")

    def handle(self, *args, today=None, **options):
        try:
            day = vn.parse_date(today) if today else None
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        day = day or timezone.localdate()
        reminders = outstanding_reports(day)
        if not reminders:
            self.stdout.write("Không có báo cáo nào quá hạn hoặc sắp đến hạn.")
            return
        sent = 0
        for r in reminders:
            with transaction.atomic():
                sent += self._notify(r, day)
            due = vn.format_date(r.due_on, "short")
            self.stdout.write(f"{r.unit.name}\t{r.period.name}\thạn {due}\t{self._left(r)}")
        overdue = sum(1 for r in reminders if r.overdue)
        self.stdout.write(
            f"Tổng cộng: {overdue} báo cáo quá hạn, {len(reminders) - overdue} báo cáo sắp đến hạn; "
            f"đã gửi {sent} thông báo mới."
        )

    @staticmethod
    def _left(r) -> str:
        if r.overdue:
            return f"quá hạn {-r.days_left} ngày"
        return "hôm nay là hạn cuối" if r.days_left == 0 else f"còn {r.days_left} ngày"

    @staticmethod
    def _notify(r, day) -> int:
        if r.overdue:
            return notices.report_overdue(period=r.period, unit=r.unit, due_on=r.due_on, today=day)
        return notices.report_due_soon(period=r.period, unit=r.unit, due_on=r.due_on, days_left=r.days_left, today=day)
