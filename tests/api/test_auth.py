"""Authentication of the API (session with CSRF, personal access tokens) and the schema and docs pages."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from thidua.core.models import ApiToken

from .conftest import API, NEW_UNIT, make_token, send


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_anonymous_is_401_everywhere(client, tree, people):
    for path in (
        "/units",
        "/units/tree",
        f"/units/{tree.tc.pk}",
        "/people",
        f"/people/{people.hung.pk}",
        "/groups",
        "/ranks",
    ):
        response = client.get(f"{API}{path}")
        assert response.status_code == 401, path
    assert send(client, "post", "/people", {"unit": tree.tc.pk, "full_name": "A B"}).status_code == 401


def test_token_auth_is_scoped(client, users, people):
    raw = make_token(users.officer)
    response = client.get(f"{API}/people", **bearer(raw))
    assert response.status_code == 200
    assert {i["id"] for i in response.json()["items"]} == {people.hung.pk, people.worker.pk}
    assert client.get(f"{API}/people/{people.far.pk}", **bearer(raw)).status_code == 404
    assert ApiToken.objects.get(digest=ApiToken.hash(raw)).last_used_at is not None


def test_token_of_user_without_role_sees_nothing(client, users, people):
    response = client.get(f"{API}/people", **bearer(make_token(users.norole)))
    assert response.status_code == 200 and response.json()["count"] == 0


@pytest.mark.parametrize("kind", ["revoked", "expired", "unknown", "malformed", "inactive_user"])
def test_bad_tokens_are_401(client, users, people, kind):
    if kind == "revoked":
        raw = make_token(users.officer, revoked=True)
    elif kind == "expired":
        raw = make_token(users.officer, expired=True)
    elif kind == "unknown":
        raw = ApiToken.generate()
    elif kind == "malformed":
        raw = "abc123"
    else:
        raw = make_token(users.officer)
        users.officer.is_active = False
        users.officer.save()
    assert client.get(f"{API}/people", **bearer(raw)).status_code == 401


def test_token_service_revocation_if_available(client, users, people):
    services = pytest.importorskip("thidua.core.services")
    token, raw = services.token_create(actor=users.officer, name="script", days=7)
    assert client.get(f"{API}/people", **bearer(raw)).status_code == 200
    services.token_revoke(actor=users.officer, token=token)
    assert client.get(f"{API}/people", **bearer(raw)).status_code == 401


def test_token_writes_need_no_csrf(users, tree):
    client = Client(enforce_csrf_checks=True)
    response = send(client, "post", "/units", {**NEW_UNIT, "parent": tree.nm.pk}, **bearer(make_token(users.officer)))
    assert response.status_code == 201, response.json()


def test_session_write_without_csrf_is_403(users, tree):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users.officer)
    assert client.get(f"{API}/units").status_code == 200  # reads need no token
    response = send(client, "post", "/units", {**NEW_UNIT, "parent": tree.nm.pk})
    assert response.status_code == 403


def test_session_write_with_csrf_token_works(users, tree):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users.officer)
    client.get(f"{API}/docs")  # the docs page hands out the CSRF cookie it uses for "Try it out"
    token = client.cookies["csrftoken"].value
    response = send(client, "post", "/units", {**NEW_UNIT, "parent": tree.nm.pk}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201, response.json()


# --- schema and docs -----------------------------------------------------------------------------------------

PATHS = {
    "/api/v1/units",
    "/api/v1/units/tree",
    "/api/v1/units/{unit_id}",
    "/api/v1/people",
    "/api/v1/people/{person_id}",
    "/api/v1/groups",
    "/api/v1/groups/{group_id}",
    "/api/v1/ranks",
}


def test_schema_and_docs_require_login(client, db):
    """The docs page sends a browser to the sign-in page; the schema answers a JSON 401 (a token opens both)."""
    response = client.get(f"{API}/docs")
    assert response.status_code == 302
    assert "next=" in response["Location"]
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 401
    assert "Chưa đăng nhập" in response.json()["detail"]


def test_openapi_schema_is_valid_3_1(as_user, users):
    response = as_user(users.norole).get(f"{API}/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.1")
    assert set(schema["paths"]) >= PATHS
    assert {"get", "post"} <= set(schema["paths"]["/api/v1/people"])
    assert {"get", "patch"} <= set(schema["paths"]["/api/v1/people/{person_id}"])
    assert {"get", "patch"} <= set(schema["paths"]["/api/v1/units/{unit_id}"])
    assert "post" in schema["paths"]["/api/v1/groups"]
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(schema)


def test_docs_page_works_offline_under_strict_csp(as_user, users):
    response = as_user(users.norole).get(f"{API}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "https://" not in html and "http://" not in html
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and all(url.startswith("/static/") for url in urls), urls
    # No executable inline script: every <script> either loads a same-origin file or is inert JSON data.
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S):
        assert 'src="/static/' in attrs or ('type="application/json"' in attrs), attrs
        assert "src=" in attrs or body.strip().startswith("{")
    assert "<style" not in html and " style=" not in html
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_docs_static_files_exist():
    from django.contrib.staticfiles import finders

    for name in ("ninja/swagger-ui.css", "ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js"):
        assert finders.find(name), name
