"""Records API: list, create and delete per record kind; scoped (404), 403 for viewers, 422 with field errors."""

from __future__ import annotations

import pytest

from tests.api.conftest import API, send
from thidua.records.models import Achievement, AwardRecord, Discipline, PersonRating, UnitRating


@pytest.fixture
def login(client):
    """Log the test client in as a user and return it."""

    def go(user):
        client.force_login(user)
        return client

    return go


@pytest.fixture
def world(people, awards, users, tree):
    return people, awards, users, tree


def test_person_record_kinds(world, login):
    people, _, users, _ = world
    client = login(users.officer)
    base = f"/people/{people.hung.pk}"
    cases = [
        ("ratings", {"year": 2024, "rating": "htxsnv"}, PersonRating),
        ("awards", {"award": "CSTDCS", "year": 2024, "decision_ref": "QĐ 5", "decided_on": "2025-01-10"}, AwardRecord),
        ("achievements", {"year": 2024, "kind": "sang_kien", "level": "co_so", "title": "Gá kẹp"}, Achievement),
        ("disciplines", {"form": "khien_trach", "decided_on": "2023-04-01"}, Discipline),
    ]
    for path, body, model in cases:
        created = send(client, "POST", f"{base}/{path}", body)
        assert created.status_code == 201, (path, created.json())
        listed = client.get(f"{API}{base}/{path}")
        assert listed.status_code == 200 and [r["id"] for r in listed.json()] == [created.json()["id"]]
        removed = send(client, "DELETE", f"{base}/{path}/{created.json()['id']}")
        assert removed.status_code == 204 and not model.objects.exists()


def test_unit_ratings_and_awards(world, login):
    _, _, users, tree = world
    client = login(users.officer)
    created = send(
        client, "POST", f"/units/{tree.nm.pk}/ratings", {"year": 2024, "rating": "httnv", "party_rating": "tsvm"}
    )
    assert created.status_code == 201 and created.json()["party_rating"] == "tsvm"
    assert client.get(f"{API}/units/{tree.nm.pk}/ratings").json()[0]["year"] == 2024
    award = send(client, "POST", f"/units/{tree.nm.pk}/awards", {"award": "DVQT", "year": 2024})
    assert award.status_code == 201 and award.json()["award_name"] == "Đơn vị Quyết thắng"
    assert send(client, "DELETE", f"/units/{tree.nm.pk}/ratings/{created.json()['id']}").status_code == 204
    assert not UnitRating.objects.exists()


def test_scope_and_errors(world, login):
    people, _, users, tree = world
    outsider = login(users.outsider)
    assert outsider.get(f"{API}/people/{people.hung.pk}/ratings").status_code == 404
    assert (
        send(outsider, "POST", f"/people/{people.hung.pk}/ratings", {"year": 2024, "rating": "httnv"}).status_code
        == 404
    )
    assert outsider.get(f"{API}/units/{tree.nm.pk}/ratings").status_code == 404
    viewer = login(users.viewer)
    assert viewer.get(f"{API}/people/{people.hung.pk}/ratings").status_code == 200
    assert (
        send(viewer, "POST", f"/people/{people.hung.pk}/ratings", {"year": 2024, "rating": "httnv"}).status_code == 403
    )
    officer = login(users.officer)
    bad = send(officer, "POST", f"/people/{people.hung.pk}/ratings", {"year": 1980, "rating": "httnv"})
    assert bad.status_code == 422 and "trước khi bắt đầu phục vụ (1983)" in bad.json()["errors"]["year"][0]
    bad = send(officer, "POST", f"/people/{people.hung.pk}/achievements", {"year": 2024, "title": "Không cấp"})
    assert bad.status_code == 422 and "cấp công nhận" in bad.json()["errors"]["level"][0]
    bad = send(officer, "POST", f"/people/{people.hung.pk}/awards", {"award": "KHONG_CO", "year": 2024})
    assert bad.status_code == 422 and "award" in bad.json()["errors"]
    bad = send(officer, "POST", f"/people/{people.hung.pk}/awards", {"award": "DVQT", "year": 2024})
    assert bad.status_code == 422 and "tập thể" in bad.json()["errors"]["award"][0]
    bad = send(officer, "POST", f"/people/{people.hung.pk}/ratings", {"year": 2024, "rating": "xuat_sac"})
    assert bad.status_code == 422 and "rating" in bad.json()["errors"]
    assert not PersonRating.objects.exists() and not AwardRecord.objects.exists()


# --- edits (PATCH with version) and conflicts -----------------------------------------------------------------------


def test_patch_each_kind_with_its_version(world, login):
    people, _, users, tree = world
    client = login(users.officer)
    base = f"/people/{people.hung.pk}"
    cases = [
        ("ratings", {"year": 2024, "rating": "httnv"}, {"rating": "htxsnv"}, "rating", "htxsnv"),
        ("awards", {"award": "CSTT", "year": 2024}, {"award": "CSTDCS", "issuer": "TC"}, "award", "CSTDCS"),
        ("achievements", {"year": 2024, "level": "co_so", "title": "Gá"}, {"title": "Gá kẹp"}, "title", "Gá kẹp"),
        ("disciplines", {"form": "khien_trach", "decided_on": "2023-04-01"}, {"form": "canh_cao"}, "form", "canh_cao"),
    ]
    for path, body, change, field, value in cases:
        created = send(client, "POST", f"{base}/{path}", body).json()
        assert created["version"] == 1
        url = f"{base}/{path}/{created['id']}"
        edited = send(client, "PATCH", url, {"version": 1, **change})
        assert edited.status_code == 200, (path, edited.json())
        assert edited.json()[field] == value and edited.json()["version"] == 2
        stale = send(client, "PATCH", url, {"version": 1, **change})
        assert stale.status_code == 409, path
        assert "người khác sửa" in stale.json()["detail"] and stale.json()["current"]["version"] == 2
    unit = send(client, "POST", f"/units/{tree.nm.pk}/ratings", {"year": 2024, "rating": "httnv"}).json()
    edited = send(client, "PATCH", f"/units/{tree.nm.pk}/ratings/{unit['id']}", {"version": 1, "strength": 90})
    assert edited.status_code == 200 and edited.json()["strength"] == 90
    award = send(client, "POST", f"/units/{tree.nm.pk}/awards", {"award": "DVQT", "year": 2024}).json()
    edited = send(client, "PATCH", f"/units/{tree.nm.pk}/awards/{award['id']}", {"version": 1, "decision_ref": "QĐ 1"})
    assert edited.status_code == 200 and edited.json()["decision_ref"] == "QĐ 1"


def test_rating_of_a_year_that_has_one_is_a_409_unless_its_version_is_sent(world, login):
    people, _, users, _ = world
    client = login(users.officer)
    url = f"/people/{people.hung.pk}/ratings"
    assert send(client, "POST", url, {"year": 2024, "rating": "httnv"}).status_code == 201
    again = send(client, "POST", url, {"year": 2024, "rating": "htnv"})
    assert again.status_code == 409 and again.json()["current"]["rating"] == "httnv"
    assert PersonRating.objects.get().rating == "httnv"
    replaced = send(client, "POST", url, {"year": 2024, "rating": "htnv", "version": 1})
    assert replaced.status_code == 201 and replaced.json()["rating"] == "htnv" and replaced.json()["version"] == 2


def test_patch_refuses_nulls_unknown_and_decided_records(world, login):
    from thidua.records import services
    from thidua.records.choices import RecordSource

    people, awards, users, _ = world
    client = login(users.officer)
    rating = services.person_rating_set(actor=None, person=people.hung, year=2023, rating="httnv")
    url = f"/people/{people.hung.pk}/ratings/{rating.pk}"
    assert send(client, "PATCH", url, {"version": 1, "rating": None}).status_code == 422
    assert send(client, "PATCH", url, {"rating": "htnv"}).status_code == 422  # no version
    decided = services.award_record_add(
        actor=None, person=people.hung, award=awards["CSTDCS"], year=2024, source=RecordSource.DECISION
    )
    refused = send(client, "PATCH", f"/people/{people.hung.pk}/awards/{decided.pk}", {"version": 1, "issuer": "X"})
    assert refused.status_code == 422 and "ghi từ quyết định" in refused.json()["errors"]["__all__"][0]
    viewer = login(users.viewer)
    assert send(viewer, "PATCH", url, {"version": 1, "rating": "htnv"}).status_code == 403
    outsider = login(users.outsider)
    assert send(outsider, "PATCH", url, {"version": 1, "rating": "htnv"}).status_code == 404
    assert PersonRating.objects.get().rating == "httnv"
