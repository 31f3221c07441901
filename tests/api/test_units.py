"""Unit endpoints: list, tree, detail with history, create and patch (rename keeps history; stale version → 409)."""

from __future__ import annotations

import datetime as dt

from thidua.org.models import OrgUnit

from .conftest import API, send


def test_anonymous_gets_401(client, tree):
    assert client.get(f"{API}/units").status_code == 401
    assert client.get(f"{API}/units/tree").status_code == 401


def test_no_role_sees_no_units(as_user, users, tree):
    client = as_user(users.norole)
    assert client.get(f"{API}/units").json() == []
    assert client.get(f"{API}/units/tree").json() == []
    assert client.get(f"{API}/units/{tree.tc.pk}").status_code == 404


def test_officer_lists_their_subtree_with_parent_ids(as_user, users, tree):
    body = as_user(users.officer).get(f"{API}/units").json()
    assert [u["id"] for u in body] == [tree.tc.pk, tree.cuc.pk, tree.nm.pk]
    parents = {u["id"]: u["parent"] for u in body}
    assert parents == {tree.tc.pk: tree.bqp.pk, tree.cuc.pk: tree.tc.pk, tree.nm.pk: tree.tc.pk}


def test_list_search_and_parent_filter(as_user, users, tree):
    client = as_user(users.admin)
    assert [u["id"] for u in client.get(f"{API}/units", {"q": "nha may z111"}).json()] == [tree.nm.pk]
    assert [u["id"] for u in client.get(f"{API}/units", {"q": "tong cuc"}).json()] == [tree.tc.pk, tree.other.pk]
    children = client.get(f"{API}/units", {"parent": tree.bqp.pk}).json()
    assert [u["id"] for u in children] == [tree.tc.pk, tree.other.pk]
    assert as_user(users.officer).get(f"{API}/units", {"parent": tree.other.pk}).status_code == 404


def test_tree_is_nested_and_scoped(as_user, users, tree):
    body = as_user(users.officer).get(f"{API}/units/tree").json()
    assert len(body) == 1
    root = body[0]
    assert root["id"] == tree.tc.pk and root["kind"] == "tong_cuc" and root["short_name"] == "Tổng cục CNQP"
    assert [c["name"] for c in root["children"]] == ["Cục Chính trị", "Nhà máy Z111"]
    assert root["children"][0]["children"] == []

    full = as_user(users.admin).get(f"{API}/units/tree").json()
    assert [c["id"] for c in full[0]["children"]] == [tree.tc.pk, tree.other.pk]


def test_detail(as_user, users, tree, people):
    body = as_user(users.officer).get(f"{API}/units/{tree.tc.pk}").json()
    assert body["parent"] == tree.bqp.pk
    assert body["depth"] == 2
    assert body["people_count"] == 2  # Hùng in the Tổng cục and Hoà in Z111
    assert [e["kind"] for e in body["events"]] == ["create"]
    assert body["events"][0]["kind_label"] == "Thành lập"
    assert as_user(users.officer).get(f"{API}/units/{tree.other.pk}").status_code == 404


def test_create_unit(as_user, users, tree):
    payload = {
        "parent": tree.nm.pk,
        "name": "Phân xưởng A1",
        "short_name": "PX A1",
        "kind": "phan_xuong",
        "code": "A1",
        "valid_from": "2024-01-01",
    }
    response = send(as_user(users.officer), "post", "/units", payload)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["parent"] == tree.nm.pk and body["depth"] == 4 and body["kind"] == "phan_xuong"
    assert body["events"][0]["occurred_on"] == "2024-01-01"


def test_create_unit_outside_scope_or_at_root_is_422(as_user, users, tree):
    client = as_user(users.officer)
    response = send(client, "post", "/units", {"parent": tree.other.pk, "name": "Phòng X"})
    assert response.status_code == 422 and "parent" in response.json()["errors"]
    response = send(client, "post", "/units", {"parent": None, "name": "Bộ Y"})
    assert response.status_code == 422 and "parent" in response.json()["errors"]
    response = send(client, "post", "/units", {"parent": tree.nm.pk, "name": "Phòng X", "kind": "nope"})
    assert response.status_code == 422 and "kind" in response.json()["errors"]


def test_patch_fields_and_rename(as_user, users, tree):
    client = as_user(users.officer)
    version = client.get(f"{API}/units/{tree.nm.pk}").json()["version"]
    response = send(client, "patch", f"/units/{tree.nm.pk}", {"version": version, "code": "Z111"})
    assert response.status_code == 200, response.json()
    version = response.json()["version"]
    response = send(
        client,
        "patch",
        f"/units/{tree.nm.pk}",
        {"version": version, "name": "Công ty TNHH MTV Z111", "renamed_on": "2025-07-01"},
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["name"] == "Công ty TNHH MTV Z111" and body["code"] == "Z111"
    rename = next(e for e in body["events"] if e["kind"] == "rename")
    assert rename["old_name"] == "Nhà máy Z111" and rename["occurred_on"] == "2025-07-01"
    unit = OrgUnit.objects.get(pk=tree.nm.pk)
    assert unit.name_on(dt.date(2025, 6, 30)) == "Nhà máy Z111"


def test_patch_rename_needs_date(as_user, users, tree):
    response = send(
        as_user(users.officer), "patch", f"/units/{tree.nm.pk}", {"version": tree.nm.version, "name": "Tên mới"}
    )
    assert response.status_code == 422 and "renamed_on" in response.json()["errors"]


def test_patch_stale_version_is_409(as_user, users, tree):
    client = as_user(users.officer)
    version = tree.nm.version
    assert send(client, "patch", f"/units/{tree.nm.pk}", {"version": version, "code": "1"}).status_code == 200
    response = send(client, "patch", f"/units/{tree.nm.pk}", {"version": version, "code": "2"})
    assert response.status_code == 409
    assert response.json()["current"]["code"] == "1"
    response = send(
        client, "patch", f"/units/{tree.nm.pk}", {"version": version, "name": "Tên mới", "renamed_on": "2025-01-01"}
    )
    assert response.status_code == 409
    assert OrgUnit.objects.get(pk=tree.nm.pk).name == "Nhà máy Z111"


def test_patch_bad_period_is_422(as_user, users, tree):
    response = send(
        as_user(users.officer),
        "patch",
        f"/units/{tree.nm.pk}",
        {"version": tree.nm.version, "valid_from": "2020-01-01", "valid_to": "2019-01-01"},
    )
    assert response.status_code == 422 and "valid_to" in response.json()["errors"]


def test_patch_permissions(as_user, users, tree):
    assert send(as_user(users.officer), "patch", f"/units/{tree.other.pk}", {"version": 1}).status_code == 404
    assert send(as_user(users.viewer), "patch", f"/units/{tree.nm.pk}", {"version": 1, "code": "x"}).status_code == 403
