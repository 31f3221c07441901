"""``thidua synth``: a synthetic organisation of N people for benchmarks (bulk inserted, seeded, timed)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from thidua.core import vn
from thidua.demo.synth.org import PEOPLE_PER_UNIT, synthesize


class Command(BaseCommand):
    """Generate synthetic units and people; refuses on a production installation."""

    help = "Sinh dữ liệu tổng hợp để đo hiệu năng: --people N --seed S [--units auto|số đơn vị]."

    def add_arguments(self, parser):
        """--people, --seed, --units, --batch-size."""
        parser.add_argument("--people", type=int, required=True, help="số cán bộ cần sinh")
        parser.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên (cùng seed → cùng dữ liệu)")
        parser.add_argument("--units", default="auto", help=f"số đơn vị, hoặc auto (≈ số người / {PEOPLE_PER_UNIT})")
        parser.add_argument("--batch-size", type=int, default=2000, help="số bản ghi mỗi lần chèn")

    def handle(self, *args, **options):
        """Parse the options, run the generator and print the timing."""
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Không sinh dữ liệu tổng hợp trên hệ thống đang vận hành (THIDUA_ENV=production).")
        people = options["people"]
        if people < 1:
            raise CommandError("--people phải là số nguyên dương.")
        units = options["units"]
        if units == "auto":
            units = None
        else:
            try:
                units = int(units)
            except ValueError:
                raise CommandError("--units phải là một số hoặc «auto».") from None
            if units < 3:
                raise CommandError("--units phải từ 3 trở lên.")
        self.stdout.write(f"Sinh {vn.format_number(people)} cán bộ (seed {options['seed']})…")
        try:
            result = synthesize(
                people=people,
                seed=options["seed"],
                units=units,
                batch_size=options["batch_size"],
                log=self.stdout.write,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        rate = result.people / result.seconds if result.seconds else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Xong: {vn.format_number(result.units)} đơn vị, {vn.format_number(result.people)} cán bộ dưới "
                f"«{result.root.name}» trong {vn.format_number(result.seconds, 1)} giây "
                f"({vn.format_number(rate)} người/giây); đã chạy ANALYZE."
            )
        )
