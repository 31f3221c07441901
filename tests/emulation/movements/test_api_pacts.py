"""API of pacts (giao ước thi đua): scoped list and detail, create, and signing by member units only."""

from __future__ import annotations

from .. import movements_world as mw

YEAR = mw.YEAR


_client = mw.client_for

_api = mw.api


def test_pacts_are_scoped(users, world):
    url = f"/api/v1/pacts/{world.pact.pk}"
    assert _api(_client(users.outsider), "get", url)[0] == 404
    status, rows = _api(_client(users.outsider), "get", "/api/v1/pacts")
    assert status == 200 and rows == []
    status, body = _api(_client(users.viewer), "get", url)
    assert status == 200 and body["group_name"] == "Khối các cơ quan" and body["signatures"] == []
    status, rows = _api(_client(users.viewer), "get", f"/api/v1/pacts?year={YEAR}&group={world.pact.group_id}")
    assert status == 200 and [r["id"] for r in rows] == [world.pact.pk]
    status, rows = _api(_client(users.viewer), "get", f"/api/v1/pacts?year={YEAR - 1}")
    assert status == 200 and rows == []


def test_sign_by_non_member_is_422(tree, users, world):
    status, body = _api(_client(users.officer), "post", f"/api/v1/pacts/{world.pact.pk}/sign", {"unit": tree.tc.pk})
    assert status == 422 and "không phải thành viên" in body["errors"]["unit"][0]
    status, _ = _api(_client(users.viewer), "post", f"/api/v1/pacts/{world.pact.pk}/sign", {"unit": tree.nm.pk})
    assert status == 403


def test_create_and_sign_until_locked(tree, users, world):
    client = _client(users.officer)
    status, body = _api(client, "post", "/api/v1/pacts", {"group": world.pact.group_id, "year": YEAR, "content": "x"})
    assert status == 422 and "year" in body["errors"]  # once a year
    status, body = _api(
        client, "post", "/api/v1/pacts", {"group": world.pact.group_id, "year": YEAR + 1, "content": "Giao ước mới"}
    )
    assert status == 201 and body["year"] == YEAR + 1 and not body["locked"]
    url = f"/api/v1/pacts/{world.pact.pk}/sign"
    status, body = _api(client, "post", url, {"unit": tree.cuc.pk, "signed_on": f"{YEAR}-02-01"})
    assert status == 200 and not body["locked"] and [s["unit"] for s in body["signatures"]] == [tree.cuc.pk]
    status, body = _api(client, "post", url, {"unit": tree.nm.pk, "signed_on": f"{YEAR}-02-03"})
    assert status == 200 and body["locked"] and body["signed_on"] == f"{YEAR}-02-03"
    status, body = _api(client, "post", url, {"unit": tree.nm.pk})
    assert status == 422 and "đã khoá" in body["errors"]["__all__"][0]
