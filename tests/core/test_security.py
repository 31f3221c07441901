"""Security settings a reviewer checks: argon2, CSP without inline code, CSRF, throttling, safe headers."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.hashers import identify_hasher
from django.urls import reverse

from thidua.core.models import User


@pytest.mark.real_hasher
@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2():
    user = User.objects.create_user("argon", password="Mat-khau-rat-dai-123")
    assert identify_hasher(user.password).algorithm == "argon2"


@pytest.mark.django_db
def test_csp_header_forbids_inline_code_and_foreign_origins(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Request-ID"]


@pytest.mark.django_db
def test_login_page_loads_no_external_resource(client):
    html = client.get(reverse("login")).content.decode()
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html
    assert "<script>" not in html and "style=" not in html


@pytest.mark.django_db
def test_login_is_throttled_after_five_failures(client, tree):
    User.objects.create_user("nhap_sai", password="Mat-khau-dung-123")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "nhap_sai", "password": "sai"})
    response = client.post(reverse("login"), {"username": "nhap_sai", "password": "Mat-khau-dung-123"})
    assert response.status_code == 429
    assert "15 phút" in response.content.decode()


@pytest.mark.django_db
def test_login_form_requires_csrf(tree):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    User.objects.create_user("csrf_user", password="Mat-khau-dung-123")
    response = client.post(reverse("login"), {"username": "csrf_user", "password": "Mat-khau-dung-123"})
    assert response.status_code == 403
