"""``thidua demo``: load the demo organisation, people, emulation blocks and one login per role (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from thidua.accounts.twofactor.policies import is_second_factor_required
from thidua.core import vn
from thidua.core.models import User
from thidua.demo.emulation.conferences import load_conferences
from thidua.demo.emulation.movements import load_movements
from thidua.demo.org.load import DemoRefused, load
from thidua.demo.records import load_records


class Command(BaseCommand):
    """Load demo data; running it again changes nothing but resets the demo passwords."""

    help = "Nạp dữ liệu mẫu (đơn vị, cán bộ, khối thi đua, tài khoản dùng thử). Chạy lại không tạo trùng."

    def handle(self, *args, **options):
        """Run the loader and print the demo logins as a table."""
        try:
            result = load()
        except DemoRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Dữ liệu mẫu: {vn.format_number(result.units)} đơn vị, {vn.format_number(result.people)} cán bộ "
                f"(mới tạo {vn.format_number(result.people_created)}), {result.groups} khối thi đua "
                f"— {vn.format_number(result.seconds, 1)} giây."
            )
        )
        self.stdout.write(load_records().summary())
        self.stdout.write(load_conferences().summary())
        self.stdout.write(load_movements().summary())
        header = ("Tên đăng nhập", "Mật khẩu", "Vai trò", "Đơn vị")
        rows = [header, *result.users]
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
        self.stdout.write("\nTài khoản dùng thử (chỉ dùng để trình diễn, không dùng trên hệ thống thật):")
        self.stdout.write(line)
        for i, row in enumerate(rows):
            self.stdout.write("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |")
            if i == 0:
                self.stdout.write(line)
        self.stdout.write(line)
        self._second_factor_note([row[0] for row in result.users])

    def _second_factor_note(self, usernames: list[str]) -> None:
        """Say which demo logins will be asked to enrol an authenticator app at their first sign-in."""
        required = [u.username for u in User.objects.filter(username__in=usernames) if is_second_factor_required(u)]
        if required:
            self.stdout.write(
                f"Xác thực hai lớp bắt buộc với: {', '.join(sorted(required))} — lần đăng nhập đầu, quét mã QR bằng "
                "một ứng dụng xác thực (TOTP). Chỉ xem thử: chạy với THIDUA_2FA_REQUIRED=0."
            )
