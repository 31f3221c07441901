"""The defects found by probing the API (issue 9): each answered with a 4xx and a Vietnamese JSON message, never a
500, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.org.models import OrgUnit, Person

from .conftest import API, make_token, send


@pytest.fixture
def admin(as_user, users):
    return as_user(users.admin)


@pytest.mark.parametrize("field", ["category", "full_name", "gender", "hometown"])
def test_patch_person_with_null_on_a_required_field_is_422(admin, people, field):
    person = people.hung
    response = send(admin, "patch", f"/people/{person.pk}", {"version": person.version, field: None})
    assert response.status_code == 422
    assert "null" in response.json()["errors"][field][0]
    person.refresh_from_db()
    assert person.category == "si_quan" and person.full_name == "Nguyễn Việt Hùng"


@pytest.mark.parametrize("field", ["code", "short_name", "name", "kind", "is_enterprise"])
def test_patch_unit_with_null_on_a_required_field_is_422(admin, tree, field):
    response = send(admin, "patch", f"/units/{tree.nm.pk}", {"version": tree.nm.version, field: None})
    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert OrgUnit.objects.get(pk=tree.nm.pk).short_name == "Z111"


def test_patch_person_nullable_field_still_accepts_null(admin, people):
    person = people.hung
    response = send(admin, "patch", f"/people/{person.pk}", {"version": person.version, "date_of_birth": None})
    assert response.status_code == 200
    assert response.json()["date_of_birth"] is None


@pytest.mark.parametrize("year", ["99999999999", "-515", "10000", "0", "1944", "2101"])
@pytest.mark.parametrize("path", ["/conferences", "/groups", "/eligibility", "/people/{pk}/eligibility"])
def test_year_out_of_range_is_422(admin, people, tree, path, year):
    response = admin.get(f"{API}{path.format(pk=people.hung.pk)}", {"year": year, "unit": tree.tc.pk})
    assert response.status_code == 422, response.content
    assert response.json()["errors"]["year"] == ["Giá trị quá nhỏ."] or response.json()["errors"]["year"] == [
        "Giá trị quá lớn."
    ]


def test_year_in_range_is_accepted(admin, tree):
    assert admin.get(f"{API}/conferences", {"year": 2025}).status_code == 200


@pytest.mark.parametrize("value", ["0", "99999999999", "-515", "10000"])
def test_web_year_filter_out_of_range_is_not_a_500(client, users, value):
    client.force_login(users.admin)
    for url in ("/hoi-nghi/", "/phong-trao/"):
        response = client.get(url, {"nam": value})
        assert response.status_code == 200, url


def test_multipart_without_boundary_is_400(admin, tree):
    for path in ("/units", f"/units/{tree.nm.pk}"):
        response = admin.generic("POST" if path == "/units" else "PATCH", f"{API}{path}", b"x", "multipart/form-data")
        assert response.status_code in (400, 422), response.content
        assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("bad", ["\x00", "a\x00b", "\x07", "\x1b[31m", "\x7f"])
def test_control_characters_in_a_json_body_are_422(admin, tree, people, bad):
    response = send(admin, "post", "/units", {"parent": tree.tc.pk, "name": f"Phân xưởng {bad}"})
    assert response.status_code == 422
    assert "ký tự điều khiển" in response.json()["errors"]["name"][0]
    response = send(admin, "patch", f"/people/{people.hung.pk}", {"version": 1, "hometown": bad})
    assert response.status_code == 422
    assert bad not in Person.objects.get(pk=people.hung.pk).hometown


def test_newline_allowed_in_multiline_text_not_in_a_name(admin, tree):
    response = send(admin, "post", "/units", {"parent": tree.tc.pk, "name": "Phân xưởng\nMột"})
    assert response.status_code == 422
    response = send(admin, "post", "/units", {"parent": tree.tc.pk, "name": "Phân xưởng\tMột"})
    assert response.status_code == 201


@pytest.mark.parametrize("path", ["/people", "/hoi-nghi/", "/api/v1/people", "/api/v1/conferences"])
def test_nul_in_a_query_string_is_400_on_every_route(client, users, path):
    client.force_login(users.admin)
    response = client.get(path, {"q": "a\x00b"})
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert "ký tự điều khiển" in response.json()["detail"]


def test_control_character_in_a_web_form_is_a_form_error(client, users, tree):
    client.force_login(users.admin)
    response = client.post(f"/don-vi/{tree.nm.pk}/sua/", {"name": "Nhà máy\x00Z111", "short_name": "Z\x01"})
    assert response.status_code == 200
    assert "ký tự điều khiển" in response.content.decode()
    assert OrgUnit.objects.get(pk=tree.nm.pk).name == "Nhà máy Z111"


def test_non_integer_path_parameter_is_a_json_404(admin):
    for path in ("/people/abc", "/units/1x", "/no-such-route", "/conferences/abc/agenda"):
        response = admin.get(f"{API}{path}")
        assert response.status_code == 404, path
        assert response.json() == {"detail": "Không tìm thấy."}


def test_unauthenticated_error_is_vietnamese(client):
    response = client.get(f"{API}/people")
    assert response.status_code == 401
    assert "Chưa đăng nhập" in response.json()["detail"]


def test_openapi_readable_with_a_token(client, users):
    token = make_token(users.officer)
    assert client.get(f"{API}/openapi.json").status_code == 401
    response = client.get(f"{API}/openapi.json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Thidua API"
    assert client.get(f"{API}/docs", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    assert client.get(f"{API}/openapi.json", HTTP_AUTHORIZATION="Bearer thd_wrong").status_code == 401


def _schema(client, users):
    client.force_login(users.officer)
    return client.get(f"{API}/openapi.json").json()


def test_every_operation_documents_its_errors(client, users):
    schema = _schema(client, users)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            expected = {"400", "401", "404", "422"} | ({"403", "409"} if method != "get" else set())
            assert expected <= set(operation["responses"]), (method, path)


def test_schema_names_are_unique(client, users):
    """django-ninja names a component after its class: two classes of one name would silently share a schema."""
    from thidua.api.api import api

    seen: dict[str, set] = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                models = [*operation.response_models.values(), *(m for m in operation.models)]
                for model in models:
                    _collect(model, seen)
    duplicates = {name: classes for name, classes in seen.items() if len(classes) > 1}
    assert not duplicates


def _collect(model, seen: dict[str, set]) -> None:
    from pydantic import BaseModel

    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return
    if model.__name__ not in {"NinjaResponseSchema"} and not model.__name__.endswith("Params"):
        key = f"{model.__module__}.{model.__qualname__}"
        if key in seen.get(model.__name__, set()):
            return
        seen.setdefault(model.__name__, set()).add(key)
    for field in model.model_fields.values():
        for arg in _types(field.annotation):
            _collect(arg, seen)


def _types(annotation):
    import typing

    yield annotation
    for arg in typing.get_args(annotation):
        yield from _types(arg)


def _collide(*args, **kwargs):
    from django.db import IntegrityError

    raise IntegrityError('duplicate key value violates unique constraint "x"')


def test_integrity_error_in_the_api_is_a_vietnamese_409(admin, people, monkeypatch):
    from thidua.org import services

    monkeypatch.setattr(services, "person_update", _collide)
    response = send(admin, "patch", f"/people/{people.hung.pk}", {"version": people.hung.version, "hometown": "Huế"})
    assert response.status_code == 409
    assert "xung đột" in response.json()["detail"]


def test_integrity_error_on_a_page_is_a_message_not_a_500(client, users, tree, monkeypatch):
    from thidua.org import services

    client.force_login(users.admin)
    monkeypatch.setattr(services, "unit_update", _collide)
    url = f"/don-vi/{tree.nm.pk}/sua/"
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "xung đột" in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/people/99999999999999999999", "/pacts?group=8102247456539401741402112", "/people?page=99999999999999"]
)
def test_numbers_too_large_for_the_database_are_refused(admin, path):
    response = admin.get(f"{API}{path}")
    assert response.status_code in (404, 422)
    assert response["Content-Type"].startswith("application/json")


def test_web_id_too_large_is_a_404(client, users):
    client.force_login(users.admin)
    assert client.get("/can-bo/99999999999999999999/").status_code == 404


def test_control_characters_in_a_multipart_form_field_are_422(users, client, tree):
    from thidua.emulation.movements import services as movements

    client.force_login(users.admin)
    movement = movements.movement_create(
        actor=users.admin, name="Phong trào thử", authority=tree.tc, start_on=dt.date(2025, 1, 1)
    )
    response = client.post(f"{API}/movements/{movement.pk}/documents", {"title": "Công văn\x00"})
    assert response.status_code == 422
    assert "ký tự điều khiển" in response.json()["errors"]["title"][0]


def test_a_method_the_path_does_not_serve_is_a_json_405(admin):
    response = admin.delete(f"{API}/people")
    assert response.status_code == 405
    assert "Phương thức DELETE" in response.json()["detail"]
    assert "GET" in response["Allow"]


def test_unreadable_json_is_a_vietnamese_400(admin):
    response = admin.generic("POST", f"{API}/units", b"{bad json", "application/json")
    assert response.status_code == 400
    assert "không đọc được" in response.json()["detail"]
