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
