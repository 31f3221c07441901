"""Safe defaults (issue 9): DEBUG off unless asked, HTTPS settings, the client address behind proxies for the login
lockout, and the same SQLite options whether the database comes from ``DATABASE_URL`` or the default file."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from thidua.core.models import User

SHOW_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({
    "debug": settings.DEBUG,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "secure_cookies": settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE,
    "proxy_count": settings.THIDUA_PROXY_COUNT,
    "proxy_ssl_header": settings.SECURE_PROXY_SSL_HEADER,
    "engine": db["ENGINE"], "name": str(db["NAME"]), "options": db.get("OPTIONS", {}),
}))
"""


def read_settings(tmp_path, **env) -> dict:
    """The settings a fresh process computes from this environment (nothing else of ours inherited)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("THIDUA_", "DEBUG", "DATABASE_URL"))}
    base |= {"THIDUA_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "thidua.config.settings", **env}
    out = subprocess.run([sys.executable, "-c", SHOW_SETTINGS], env=base, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_debug_is_off_unless_the_developer_mode_is_asked_for(tmp_path):
    assert read_settings(tmp_path)["debug"] is False
    assert read_settings(tmp_path, THIDUA_DEBUG="1")["debug"] is True
    assert read_settings(tmp_path, DEBUG="1")["debug"] is True  # the older variable still works
    assert read_settings(tmp_path, DEBUG="1", THIDUA_DEBUG="0")["debug"] is False


def test_https_and_proxy_settings_come_from_the_environment(tmp_path):
    plain = read_settings(tmp_path)
    assert (plain["hsts"], plain["ssl_redirect"], plain["secure_cookies"]) == (0, False, False)
    assert plain["proxy_count"] == 0 and plain["proxy_ssl_header"] is None
    served = read_settings(tmp_path, THIDUA_HSTS_SECONDS="31536000", THIDUA_SSL_REDIRECT="1", THIDUA_PROXY_COUNT="1")
    assert (served["hsts"], served["ssl_redirect"], served["secure_cookies"]) == (31536000, True, True)
    assert served["proxy_count"] == 1
    assert served["proxy_ssl_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_sqlite_from_database_url_gets_the_same_options_as_the_default(tmp_path):
    default = read_settings(tmp_path)
    from_url = read_settings(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path}/autre.sqlite3")
    assert from_url["engine"] == default["engine"] == "django.db.backends.sqlite3"
    assert from_url["name"] == f"{tmp_path}/autre.sqlite3"
    assert from_url["options"] == default["options"]
    assert "journal_mode=WAL" in from_url["options"]["init_command"]
    assert from_url["options"]["transaction_mode"] == "IMMEDIATE" and from_url["options"]["timeout"] == 20


def test_a_database_url_sqlite_file_really_runs_in_wal_mode(tmp_path):
    """The options reach the connection: a fresh process on a sqlite:// URL reads back WAL and the busy timeout."""
    code = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "c = connection.cursor()\n"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA busy_timeout').fetchone()[0])\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("THIDUA_", "DATABASE_URL"))}
    env |= {
        "THIDUA_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "thidua.config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path}/url.sqlite3",
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["wal", "20000"]


def _fail_login(client: Client, **headers) -> int:
    return client.post(reverse("login"), {"username": "khoa_thu", "password": "sai"}, **headers).status_code


@pytest.mark.django_db
def test_behind_one_proxy_two_clients_are_locked_out_separately(settings, tree):
    settings.THIDUA_PROXY_COUNT = 1
    User.objects.create_user("khoa_thu", password="Mat-khau-dung-123")
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail_login(Client(), HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert _fail_login(Client(), HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy) == 429
    # Another person behind the same proxy can still sign in.
    other = Client()
    response = other.post(
        reverse("login"),
        {"username": "khoa_thu", "password": "Mat-khau-dung-123"},
        HTTP_X_FORWARDED_FOR="198.51.100.9",
        **proxy,
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_without_the_proxy_setting_x_forwarded_for_is_ignored(tree):
    assert settings.THIDUA_PROXY_COUNT == 0 and not settings.THIDUA_TRUSTED_PROXIES
    User.objects.create_user("khoa_thu", password="Mat-khau-dung-123")
    for i in range(settings.AXES_FAILURE_LIMIT):
        _fail_login(Client(), HTTP_X_FORWARDED_FOR=f"203.0.113.{i}", REMOTE_ADDR="10.0.0.1")
    # A forged header does not escape the lock: the address is the connection's.
    assert _fail_login(Client(), HTTP_X_FORWARDED_FOR="198.51.100.9", REMOTE_ADDR="10.0.0.1") == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        ({}, "203.0.113.7", "10.0.0.1", "10.0.0.1"),
        ({"THIDUA_PROXY_COUNT": 1}, "203.0.113.7", "10.0.0.1", "203.0.113.7"),
        # A client that writes the header itself: the proxy appends the real address on the right.
        ({"THIDUA_PROXY_COUNT": 1}, "6.6.6.6, 203.0.113.7", "10.0.0.1", "203.0.113.7"),
        ({"THIDUA_PROXY_COUNT": 2}, "6.6.6.6, 203.0.113.7, 10.0.0.2", "10.0.0.1", "203.0.113.7"),
        ({"THIDUA_PROXY_COUNT": 1}, "", "10.0.0.1", "10.0.0.1"),
        ({"THIDUA_PROXY_COUNT": 1}, "khong-phai-dia-chi", "10.0.0.1", "10.0.0.1"),
        ({"THIDUA_TRUSTED_PROXIES": ["10.0."]}, "6.6.6.6, 203.0.113.7, 10.0.0.2", "10.0.0.1", "203.0.113.7"),
        # Not from a trusted proxy: the header is not believed.
        ({"THIDUA_TRUSTED_PROXIES": ["10.0."]}, "203.0.113.7", "192.0.2.5", "192.0.2.5"),
    ],
)
def test_client_address_behind_proxies(settings, rf, proxies, forwarded, remote, expected):
    from thidua.core.middleware import client_ip

    settings.THIDUA_PROXY_COUNT = proxies.get("THIDUA_PROXY_COUNT", 0)
    settings.THIDUA_TRUSTED_PROXIES = proxies.get("THIDUA_TRUSTED_PROXIES", [])
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_ip(request) == expected


def test_serve_says_in_vietnamese_where_to_open_how_to_stop_and_where_the_data_is(settings):
    from thidua.core.management.commands.serve import banner

    settings.DEBUG = False
    lines = "\n".join(banner("127.0.0.1", 8103))
    assert "mở http://127.0.0.1:8103/ trong trình duyệt" in lines
    assert "Ctrl+C" in lines
    assert str(settings.DATABASES["default"]["NAME"]) in lines
    assert "THIDUA_DEBUG=1" in lines and "CHẾ ĐỘ PHÁT TRIỂN" not in lines
    settings.DEBUG = True
    assert "CHẾ ĐỘ PHÁT TRIỂN" in "\n".join(banner("127.0.0.1", 8103))


def test_serve_refuses_a_bad_port():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="Cổng không hợp lệ"):
        call_command("serve", "127.0.0.1:abc")


@pytest.mark.django_db
def test_hsts_and_the_ssl_redirect_behind_a_tls_proxy(settings, client):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    plain = client.get(reverse("login"))
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    secure = client.get(reverse("login"), HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000"


@pytest.mark.django_db
def test_no_hsts_header_by_default(client):
    assert "Strict-Transport-Security" not in client.get(reverse("login"), secure=True)
