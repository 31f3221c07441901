"""``thidua worker``: run queued background jobs (eligibility runs, imports, bulk documents)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from thidua.core.jobs import run_queued


class Command(BaseCommand):
    """Poll the job table and run queued jobs one at a time; several workers may run side by side."""

    help = "Chạy các công việc nền đang chờ (xét điều kiện khen thưởng, nhập dữ liệu…)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Chạy hết các việc đang chờ rồi thoát.")
        parser.add_argument("--interval", type=float, default=2.0, help="Số giây giữa hai lần kiểm tra (mặc định 2).")

    def handle(self, *args, once: bool = False, interval: float = 2.0, **options):
        if once:
            ran = run_queued()
            self.stdout.write(f"Đã chạy {ran} công việc.")
            return
        self.stdout.write("Đang chờ công việc nền… (Ctrl+C để dừng)")
        try:
            while True:
                if not run_queued():
                    time.sleep(interval)
        except KeyboardInterrupt:
            self.stdout.write("Đã dừng.")
