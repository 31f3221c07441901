"""Emulation group endpoints: list by year, detail with leaders and handovers, create."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.org import services

from .conftest import API, send


@pytest.fixture
def group(tree, people):
    """Khối các cơ quan 2025 of the Tổng cục CNQP, led by Z111 then handed to the Cục Chính trị."""
    group = services.group_create(
        actor=None, authority=tree.tc, name="Khối các cơ quan", year=2025, members=[tree.cuc, tree.nm]
    )
    services.group_leader_set(actor=None, group=group, unit=tree.nm, role="khoi_truong", start_on=dt.date(2025, 1, 1))
    services.group_handover(
        actor=None,
        group=group,
        from_unit=tree.nm,
        to_unit=tree.cuc,
        occurred_on=dt.date(2025, 12, 20),
        place="Hà Nội",
        to_person=people.hung,
    )
    far = services.group_create(actor=None, authority=tree.other, name="Khối TCCT", year=2024, members=[tree.other])
    return group, far


def test_anonymous_gets_401(client, group):
    assert client.get(f"{API}/groups").status_code == 401


def test_list_is_scoped_and_filters_year(as_user, users, group):
    mine, far = group
    client = as_user(users.officer)
    body = client.get(f"{API}/groups").json()
    assert [g["id"] for g in body] == [mine.pk]
    assert body[0]["member_count"] == 2 and body[0]["kind_label"] == "Khối thi đua"
    assert client.get(f"{API}/groups", {"year": 2024}).json() == []
    assert [g["id"] for g in as_user(users.admin).get(f"{API}/groups", {"year": 2024}).json()] == [far.pk]
    assert as_user(users.norole).get(f"{API}/groups").json() == []


def test_detail_with_leaders_and_handovers(as_user, users, group, tree, people):
    mine, far = group
    client = as_user(users.officer)
    body = client.get(f"{API}/groups/{mine.pk}").json()
    assert [m["id"] for m in body["members"]] == [tree.cuc.pk, tree.nm.pk]
    leads = body["leaderships"]
    assert [(lead["unit"]["id"], lead["role_label"], lead["start_on"], lead["end_on"]) for lead in leads] == [
        (tree.nm.pk, "Khối trưởng", "2025-01-01", "2025-12-19"),
        (tree.cuc.pk, "Khối trưởng", "2025-12-20", None),
    ]
    assert leads[1]["representative"] == {"id": people.hung.pk, "full_name": "Nguyễn Việt Hùng"}
    handover = body["handovers"][0]
    assert handover["from_unit"]["id"] == tree.nm.pk and handover["to_unit"]["id"] == tree.cuc.pk
    assert handover["place"] == "Hà Nội" and handover["occurred_on"] == "2025-12-20"
    assert client.get(f"{API}/groups/{far.pk}").status_code == 404


def test_create_group(as_user, users, tree):
    payload = {
        "authority": tree.tc.pk,
        "name": "Cụm các nhà máy",
        "kind": "cum",
        "year": 2026,
        "members": [tree.nm.pk, tree.cuc.pk],
    }
    response = send(as_user(users.officer), "post", "/groups", payload)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["kind"] == "cum" and body["year"] == 2026 and body["member_count"] == 2
    assert {m["id"] for m in body["members"]} == {tree.nm.pk, tree.cuc.pk}


def test_create_group_errors(as_user, users, tree, group):
    client = as_user(users.officer)
    base = {"authority": tree.tc.pk, "name": "Cụm mới", "year": 2026, "members": [tree.nm.pk]}
    response = send(client, "post", "/groups", {**base, "members": [tree.other.pk]})
    assert response.status_code == 422 and "members" in response.json()["errors"]
    response = send(client, "post", "/groups", {**base, "authority": tree.other.pk})
    assert response.status_code == 422 and "authority" in response.json()["errors"]
    response = send(client, "post", "/groups", {**base, "name": "Khối các cơ quan", "year": 2025})
    assert response.status_code == 422 and "name" in response.json()["errors"]
    response = send(client, "post", "/groups", {**base, "year": 3000})
    assert response.status_code == 422 and "year" in response.json()["errors"]


def test_ranks_catalogue(as_user, users):
    body = as_user(users.norole).get(f"{API}/ranks").json()
    codes = [r["code"] for r in body]
    assert codes[0] == "binh_nhi" and codes.index("thieu_uy") < codes.index("dai_ta") < codes.index("thieu_tuong")
    general = next(r for r in body if r["code"] == "thieu_tuong")
    assert general == {"code": "thieu_tuong", "label": "Thiếu tướng", "category": "si_quan", "order": general["order"]}
    admiral = next(r for r in body if r["code"] == "chuan_do_doc")
    assert admiral["order"] == general["order"]
    assert next(r for r in body if r["code"] == "thieu_ta_qncn")["category"] == "qncn"
