"""``thidua reset_second_factor <username>``: delete a user's second factor from the shell (audited as "hệ thống"),
for the administrator nobody above can reset from the web pages."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from thidua.accounts.twofactor.services import user_second_factor_reset
from thidua.core.models import User


class Command(BaseCommand):
    """Reset one user's second factor; at the next sign-in they enrol again (if it is required of them)."""

    help = "Đặt lại xác thực hai lớp của một tài khoản (mất điện thoại): xoá ứng dụng xác thực và mã khôi phục."

    def add_arguments(self, parser):
        parser.add_argument("username", help="tên đăng nhập")

    def handle(self, *args, username: str, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản «{username}».")
        removed = user_second_factor_reset(actor=None, user=user)
        self.stdout.write(self.style.SUCCESS(f"Đã đặt lại xác thực hai lớp của «{username}» (xoá {removed} thiết bị)."))
