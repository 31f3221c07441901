"""``thidua createadmin``: a superuser with the administrator role on every root unit."""

from __future__ import annotations

import getpass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from thidua.core.choices import Role
from thidua.core.models import RoleAssignment, User
from thidua.core.scoping import unit_tree


class Command(BaseCommand):
    """Create (or promote) an administrator; asks for the password twice unless --password is given."""

    help = "Tạo tài khoản quản trị: superuser và vai trò Quản trị hệ thống trên mọi đơn vị cấp cao nhất."

    def add_arguments(self, parser):
        """--username, --password, --full-name, --email."""
        parser.add_argument("--username", required=True, help="tên đăng nhập")
        parser.add_argument("--password", help="mật khẩu (bỏ trống để nhập khi chạy, không hiện trên màn hình)")
        parser.add_argument("--full-name", default="", help="họ và tên")
        parser.add_argument("--email", default="", help="thư điện tử")

    def _prompt(self) -> str:
        if not self.interactive:
            raise CommandError("Chưa có mật khẩu: dùng --password hoặc chạy ở chế độ tương tác.")
        first = getpass.getpass("Mật khẩu: ")
        second = getpass.getpass("Nhập lại mật khẩu: ")
        if first != second:
            raise CommandError("Hai lần nhập mật khẩu không khớp.")
        return first

    def handle(self, *args, **options):
        """Validate the password, then create or update the user and its role assignments in one transaction."""
        self.interactive = options.get("interactive", True) and self.stdin_is_tty()
        username = (options["username"] or "").strip()
        if not username:
            raise CommandError("Tên đăng nhập không được để trống.")
        password = options["password"] or self._prompt()
        user = User.objects.filter(username=username).first() or User(username=username)
        user.full_name = options["full_name"] or user.full_name
        user.email = options["email"] or user.email
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("Mật khẩu chưa đạt yêu cầu: " + " ".join(exc.messages)) from exc
        created = user.pk is None
        with transaction.atomic():
            user.is_superuser = user.is_staff = user.is_active = True
            user.set_password(password)
            user.save()
            roots = list(unit_tree().objects.get_root_nodes())
            for root in roots:
                RoleAssignment.objects.get_or_create(
                    user=user, role=Role.ADMIN, unit=root, defaults={"include_descendants": True}
                )
        verb = "Đã tạo" if created else "Đã cập nhật"
        self.stdout.write(self.style.SUCCESS(f"{verb} tài khoản quản trị «{username}»."))
        if roots:
            names = ", ".join(root.name for root in roots)
            self.stdout.write(f"Vai trò {Role.ADMIN.label} trên: {names}.")
        else:
            self.stdout.write(self.style.WARNING("Chưa có đơn vị nào; hãy chạy lại lệnh này sau khi tạo cây đơn vị."))

    @staticmethod
    def stdin_is_tty() -> bool:
        """Whether a person is at the keyboard (prompts make no sense in scripts)."""
        import sys

        return hasattr(sys.stdin, "isatty") and sys.stdin.isatty()
