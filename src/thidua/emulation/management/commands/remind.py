"""``thidua remind [--today YYYY-MM-DD]``: list the unit reports due soon (within each period's reminder window)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from thidua.core import vn
from thidua.emulation.reports.selectors import due_reminders


class Command(BaseCommand):
    """Print one line per (unit, period) whose report is due within ``remind_days`` and not yet submitted."""

    help = "Liệt kê các báo cáo sắp đến hạn nộp (đơn vị, kỳ báo cáo, số ngày còn lại)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Ngày tính nhắc hạn (YYYY-MM-DD hoặc dd/mm/yyyy); mặc định hôm nay.")

    def handle(self, *args, today=None, **options):
        try:
            day = vn.parse_date(today) if today else None
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        reminders = due_reminders(day)
        if not reminders:
            self.stdout.write("Không có báo cáo nào sắp đến hạn.")
            return
        for r in reminders:
            left = "hôm nay là hạn cuối" if r.days_left == 0 else f"còn {r.days_left} ngày"
            self.stdout.write(f"{r.unit.name}\t{r.period.name}\thạn {vn.format_date(r.due_on, 'short')}\t{left}")
        self.stdout.write(f"Tổng cộng: {len(reminders)} báo cáo sắp đến hạn.")
