"""``thidua synth-records --years 2016-2025 --seed S``: yearly records for the synthetic people (benchmarks)."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from thidua.core import vn
from thidua.demo.synth.records import BATCH, generate


class Command(BaseCommand):
    """Generate ratings, titles, initiatives and unit results for every person and unit; refuses in production."""

    help = "Sinh thành tích hằng năm tổng hợp cho mọi cán bộ, đơn vị: --years 2016-2025 --seed S [--replace]."

    def add_arguments(self, parser):
        """--years, --seed, --replace, --batch-size."""
        parser.add_argument("--years", default="2016-2025", help="khoảng năm, ví dụ 2016-2025")
        parser.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên (cùng seed → cùng dữ liệu)")
        parser.add_argument("--replace", action="store_true", help="xoá dữ liệu tổng hợp cũ của các năm này trước")
        parser.add_argument("--batch-size", type=int, default=BATCH, help="số bản ghi mỗi lần chèn")

    def handle(self, *args, **options):
        """Parse the year range, run the generator and print the counts and time."""
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Không sinh dữ liệu tổng hợp trên hệ thống đang vận hành (THIDUA_ENV=production).")
        match = re.fullmatch(r"\s*([0-9]{4})\s*(?:-\s*([0-9]{4}))?\s*", options["years"])
        if not match:
            raise CommandError("--years phải có dạng 2016-2025 hoặc 2025.")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        try:
            result = generate(
                first=first,
                last=last,
                seed=options["seed"],
                replace=options["replace"],
                batch=options["batch_size"],
                log=self.stdout.write if options["verbosity"] > 1 else None,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Xong: {vn.format_number(result.people)} cán bộ, {vn.format_number(result.rows)} bản ghi "
                f"({vn.format_number(result.ratings)} đánh giá, {vn.format_number(result.awards)} danh hiệu, "
                f"{vn.format_number(result.achievements)} sáng kiến, {vn.format_number(result.unit_ratings)} kết quả "
                f"tập thể) năm {first}–{last} trong {vn.format_number(result.seconds, 1)} giây."
            )
        )
