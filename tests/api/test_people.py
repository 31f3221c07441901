"""People endpoints: scoping, search, pagination, query budget, create/patch validation and optimistic locking."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.org import services
from thidua.org.models import Person

from .conftest import API, send


def _ids(response) -> set[int]:
    return {item["id"] for item in response.json()["items"]}


def test_anonymous_gets_401(client, people):
    assert client.get(f"{API}/people").status_code == 401
    assert client.get(f"{API}/people/{people.hung.pk}").status_code == 401


def test_user_without_role_sees_nothing(as_user, users, people):
    client = as_user(users.norole)
    response = client.get(f"{API}/people")
    assert response.status_code == 200
    assert response.json()["items"] == [] and response.json()["count"] == 0
    assert client.get(f"{API}/people/{people.hung.pk}").status_code == 404


def test_officer_sees_only_their_subtree(as_user, users, people):
    client = as_user(users.officer)
    response = client.get(f"{API}/people")
    assert _ids(response) == {people.hung.pk, people.worker.pk}
    assert response.json()["count"] == 2
    assert client.get(f"{API}/people/{people.far.pk}").status_code == 404
    assert client.get(f"{API}/people/{people.hung.pk}").status_code == 200


def test_admin_sees_everyone(as_user, users, people):
    response = as_user(users.admin).get(f"{API}/people")
    assert _ids(response) == {people.hung.pk, people.worker.pk, people.far.pk}


def test_search_without_diacritics_finds_person_with_fields(as_user, users, people, tree):
    response = as_user(users.officer).get(f"{API}/people", {"q": "nguyen viet hung"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == people.hung.pk
    assert item["full_name"] == "Nguyễn Việt Hùng"
    assert item["rank"] == "thieu_tuong"
    assert item["rank_label"] == "Thiếu tướng"
    assert item["unit"] == {
        "id": tree.tc.pk,
        "name": tree.tc.name,
        "short_name": "Tổng cục CNQP",
        "label": "Tổng cục Công nghiệp quốc phòng — Bộ Quốc phòng",
    }
    assert item["date_of_birth"] == "1965-05-10"
    assert item["category"] == "si_quan"


def test_search_outside_scope_finds_nothing(as_user, users, people):
    response = as_user(users.officer).get(f"{API}/people", {"q": "ngo quang phuc"})
    assert response.json() == {"items": [], "count": 0, "page": 1, "page_size": 50}


def test_filters_unit_subtree_rank_and_category(as_user, users, people, tree):
    client = as_user(users.officer)
    assert _ids(client.get(f"{API}/people", {"unit": tree.tc.pk})) == {people.hung.pk, people.worker.pk}
    assert _ids(client.get(f"{API}/people", {"unit": tree.nm.pk})) == {people.worker.pk}
    assert _ids(client.get(f"{API}/people", {"rank": "thieu_tuong"})) == {people.hung.pk}
    assert _ids(client.get(f"{API}/people", {"category": "cnvqp"})) == {people.worker.pk}


def test_unit_filter_out_of_scope_is_404(as_user, users, people, tree):
    client = as_user(users.officer)
    assert client.get(f"{API}/people", {"unit": tree.other.pk}).status_code == 404
    assert client.get(f"{API}/people", {"unit": 999999}).status_code == 404
    assert as_user(users.superuser).get(f"{API}/people", {"unit": 999999}).status_code == 404


def test_pagination(as_user, users, people, settings):
    settings.PEOPLE_PAGE_SIZE = 2
    client = as_user(users.admin)
    first = client.get(f"{API}/people").json()
    second = client.get(f"{API}/people", {"page": 2}).json()
    beyond = client.get(f"{API}/people", {"page": 5}).json()
    assert first["count"] == second["count"] == beyond["count"] == 3
    assert len(first["items"]) == 2 and len(second["items"]) == 1 and beyond["items"] == []
    assert not _ids(client.get(f"{API}/people")) & {i["id"] for i in second["items"]}
    assert client.get(f"{API}/people", {"page": 0}).status_code == 422


@pytest.fixture
def crowd(tree):
    """60 people spread over the in-scope subtree, so a page is full."""
    units = [tree.tc, tree.cuc, tree.nm]
    for i in range(60):
        services.person_create(
            actor=None,
            unit=units[i % 3],
            full_name=f"Lê Văn Người{i:02d}",
            category="si_quan",
            rank="dai_uy",
            enlisted_on=dt.date(2005, 1, 1),
            date_of_birth=dt.date(1985, 1, 1),
        )


@pytest.mark.parametrize("params", [{}, {"q": "le van"}, {"unit": "tc"}, {"page": 2}])
@pytest.mark.parametrize("who", ["officer", "admin", "superuser"])
def test_people_page_query_budget(as_user, users, tree, crowd, django_assert_max_num_queries, params, who):
    client = as_user(getattr(users, who))
    if params.get("unit") == "tc":
        params = {"unit": tree.tc.pk}
    # session + user + role assignments + roots or scope ids + unit + count + page, whatever the number of rows.
    with django_assert_max_num_queries(7):
        response = client.get(f"{API}/people", params)
    assert response.status_code == 200
    assert response.json()["count"] == 60
    assert len(response.json()["items"]) == (10 if params.get("page") == 2 else 50)


def test_detail_has_histories_and_service(as_user, users, people, tree):
    services.position_add(
        actor=None, person=people.hung, title="Chủ nhiệm Tổng cục", unit=tree.tc, start_on=dt.date(2020, 1, 1)
    )
    body = as_user(users.officer).get(f"{API}/people/{people.hung.pk}").json()
    assert body["full_name"] == "Nguyễn Việt Hùng" and body["cccd"] == "001065000123"
    assert body["positions"][0]["title"] == "Chủ nhiệm Tổng cục" and body["positions"][0]["is_current"]
    assert body["rank_history"] == [
        {"rank": "thieu_tuong", "rank_label": "Thiếu tướng", "effective_on": "1983-09-01", "decision_ref": ""}
    ]
    assert body["memberships"][0]["unit"]["id"] == tree.tc.pk
    assert body["service"]["total_years"] >= 40
    assert body["service"]["continuous_years"] == body["service"]["total_years"]
    assert body["version"] >= 1


# --- writes --------------------------------------------------------------------------------------------------

NEW_PERSON = {
    "full_name": "Phạm Thị Lan",
    "gender": "nu",
    "date_of_birth": "1990-04-12",
    "cccd": "001190000777",
    "category": "qncn",
    "rank": "Thiếu tá QNCN",
    "enlisted_on": "2010-09-01",
}


def test_create_person_with_rank_label(as_user, users, tree):
    response = send(as_user(users.officer), "post", "/people", {**NEW_PERSON, "unit": tree.nm.pk})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["rank"] == "thieu_ta_qncn" and body["rank_label"] == "Thiếu tá QNCN"
    assert body["unit"]["id"] == tree.nm.pk
    assert Person.objects.get(pk=body["id"]).cccd == "001190000777"


def test_create_person_bad_cccd_is_422(as_user, users, tree):
    response = send(as_user(users.officer), "post", "/people", {**NEW_PERSON, "unit": tree.nm.pk, "cccd": "12345"})
    assert response.status_code == 422
    assert "cccd" in response.json()["errors"]
    assert not Person.objects.filter(full_name="Phạm Thị Lan").exists()


def test_create_person_unknown_rank_is_422(as_user, users, tree):
    response = send(as_user(users.officer), "post", "/people", {**NEW_PERSON, "unit": tree.nm.pk, "rank": "Thống chế"})
    assert response.status_code == 422
    assert "Thống chế" in response.json()["errors"]["rank"][0]


def test_create_person_malformed_input_is_422_by_field(as_user, users, tree):
    payload = {**NEW_PERSON, "unit": tree.nm.pk, "date_of_birth": "12/04/1990", "gender": "x"}
    response = send(as_user(users.officer), "post", "/people", payload)
    assert response.status_code == 422
    assert set(response.json()["errors"]) >= {"date_of_birth", "gender"}
    response = send(as_user(users.officer), "post", "/people", {"unit": tree.nm.pk})
    assert response.json()["errors"]["full_name"] == ["Trường này là bắt buộc."]


def test_create_person_out_of_scope_unit_is_422_on_unit(as_user, users, tree):
    response = send(as_user(users.officer), "post", "/people", {**NEW_PERSON, "unit": tree.other.pk})
    assert response.status_code == 422
    assert "unit" in response.json()["errors"]


def test_viewer_cannot_create_or_patch(as_user, users, people, tree):
    client = as_user(users.viewer)
    assert send(client, "post", "/people", {**NEW_PERSON, "unit": tree.nm.pk}).status_code == 422
    response = send(client, "patch", f"/people/{people.hung.pk}", {"version": people.hung.version, "hometown": "X"})
    assert response.status_code == 403


def test_patch_person(as_user, users, people):
    client = as_user(users.officer)
    version = client.get(f"{API}/people/{people.hung.pk}").json()["version"]
    response = send(client, "patch", f"/people/{people.hung.pk}", {"version": version, "hometown": "Hà Nội"})
    assert response.status_code == 200, response.json()
    assert response.json()["hometown"] == "Hà Nội"
    assert response.json()["version"] == version + 1


def test_patch_person_stale_version_is_409_with_current_values(as_user, users, people):
    client = as_user(users.officer)
    version = client.get(f"{API}/people/{people.hung.pk}").json()["version"]
    assert send(client, "patch", f"/people/{people.hung.pk}", {"version": version, "hometown": "A"}).status_code == 200
    response = send(client, "patch", f"/people/{people.hung.pk}", {"version": version, "hometown": "B"})
    assert response.status_code == 409
    assert response.json()["current"]["hometown"] == "A"
    assert response.json()["current"]["version"] == version + 1


def test_patch_person_requires_version(as_user, users, people):
    response = send(as_user(users.officer), "patch", f"/people/{people.hung.pk}", {"hometown": "A"})
    assert response.status_code == 422
    assert "version" in response.json()["errors"]


def test_patch_person_bad_cccd_is_422(as_user, users, people):
    client = as_user(users.officer)
    response = send(client, "patch", f"/people/{people.hung.pk}", {"version": people.hung.version, "cccd": "abc"})
    assert response.status_code == 422 and "cccd" in response.json()["errors"]


def test_patch_out_of_scope_person_is_404(as_user, users, people):
    response = send(as_user(users.officer), "patch", f"/people/{people.far.pk}", {"version": 1, "hometown": "A"})
    assert response.status_code == 404
