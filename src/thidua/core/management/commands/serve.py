"""``thidua serve [ADDRESS:]PORT``: serve the laptop instance (``./run.sh``) and say, in Vietnamese, where to open it,
how to stop it and where its data is.

Django's threaded WSGI server, as ``runserver --noreload`` uses, without runserver's English banner. It serves with the
settings as they are — DEBUG off unless ``THIDUA_DEBUG=1`` — and the static files come from whitenoise. For a server
reachable by others use gunicorn behind a web server (docs/operations.md).
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.servers.basehttp import get_internal_wsgi_application, run


def data_location() -> str:
    """Where the data lives, for the console: the SQLite file, or the PostgreSQL database (without its password)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"{db['NAME']} (tệp đính kèm: {settings.MEDIA_ROOT})"
    return f"PostgreSQL «{db['NAME']}» trên {db.get('HOST') or 'máy này'} (tệp đính kèm: {settings.MEDIA_ROOT})"


def banner(address: str, port: int) -> list[str]:
    """The lines printed before serving."""
    host = address if address and address != "0.0.0.0" else "127.0.0.1"  # noqa: S104 - only the address shown
    mode = (
        "CHẾ ĐỘ PHÁT TRIỂN (THIDUA_DEBUG=1): lỗi hiện chi tiết — không dùng với dữ liệu thật."
        if settings.DEBUG
        else "Chế độ sử dụng (DEBUG tắt); chế độ phát triển: THIDUA_DEBUG=1 ./run.sh"
    )
    return [
        f"→ Thidua đang chạy: mở http://{host}:{port}/ trong trình duyệt.",
        "  Dừng: nhấn Ctrl+C trong cửa sổ này.",
        f"  Dữ liệu: {data_location()}",
        f"  {mode}",
    ]


class Command(BaseCommand):
    help = "Chạy Thidua trên máy này (như ./run.sh), in địa chỉ mở, cách dừng và nơi lưu dữ liệu."

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport", nargs="?", default="127.0.0.1:8000", help="[địa chỉ:]cổng, mặc định 127.0.0.1:8000"
        )

    def handle(self, *args, addrport: str, **options):
        address, _, port_text = addrport.rpartition(":")
        if not port_text.isdigit():
            raise CommandError(f"Cổng không hợp lệ: {port_text!r} (ví dụ 127.0.0.1:8000)")
        self.check()  # silent when all is well; a SystemCheckError stops here
        for line in banner(address or "127.0.0.1", int(port_text)):
            self.stdout.write(line)
        try:
            run(address or "127.0.0.1", int(port_text), get_internal_wsgi_application(), threading=True)
        except OSError as exc:
            message = f"Không mở được cổng {port_text}: {exc.strerror} (đặt PORT=… để dùng cổng khác)"
            raise CommandError(message) from None
        except KeyboardInterrupt:
            self.stdout.write("Đã dừng Thidua.")
