"""Eligibility API: stored results of the latest run, a person's live verdicts, starting a run, a job's status."""

from __future__ import annotations

import pytest

from tests.api.conftest import make_token
from tests.awards.eligibility_world import REASON_OK, make_elig, stored_run
from tests.conftest import make_user
from thidua.core.choices import Role
from thidua.core.jobs import job_kind
from thidua.core.models import Job

API = "/api/v1"


@pytest.fixture
def elig(tree, users, people):
    """Stored runs for tc and TCCT (see tests/awards/eligibility_world.py)."""
    return make_elig(tree, users, people)


def get(client, user, path, **params):
    extra = {"HTTP_AUTHORIZATION": f"Bearer {make_token(user)}"} if user else {}
    return client.get(f"{API}{path}", params, **extra)


def post(client, user, path, body):
    extra = {"HTTP_AUTHORIZATION": f"Bearer {make_token(user)}"} if user else {}
    return client.post(f"{API}{path}", body, content_type="application/json", **extra)


# --- GET /eligibility ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_eligibility_list_returns_latest_run_items(client, users, tree, elig):
    response = get(client, users.officer, "/eligibility", year=2024, unit=tree.tc.pk)
    assert response.status_code == 200
    data = response.json()
    assert data["run"]["id"] == elig.run.pk and data["run"]["inputs_hash"] == "ab" * 32
    assert data["count"] == 3
    by_name = {item["person_name"] or item["unit_name"]: item for item in data["items"]}
    hung = by_name["Nguyễn Việt Hùng"]
    assert hung["subject_type"] == "person" and hung["award"] == "CSTDCS" and hung["outcome"] == "du"
    assert hung["reasons"][0] == {"text": REASON_OK["text"], "citation": REASON_OK["citation"], "met": True}
    assert by_name["Trần Thị Hoà"]["soon_on"] == "2025-12-31"
    assert by_name["Nhà máy Z111"]["subject_type"] == "unit" and by_name["Nhà máy Z111"]["person_id"] is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params,count", [({"award": "DVQT"}, 1), ({"outcome": "sap_du"}, 1), ({"award": "CSTDCS", "outcome": "du"}, 1)]
)
def test_eligibility_list_filters(client, users, tree, elig, params, count):
    data = get(client, users.viewer, "/eligibility", year=2024, unit=tree.tc.pk, **params).json()
    assert data["count"] == count


@pytest.mark.django_db
def test_eligibility_list_without_run_and_bad_outcome(client, users, tree, elig):
    data = get(client, users.officer, "/eligibility", year=2019, unit=tree.tc.pk).json()
    assert data["run"] is None and data["items"] == []
    assert get(client, users.officer, "/eligibility", unit=tree.tc.pk, outcome="x").status_code == 422


@pytest.mark.django_db
def test_eligibility_list_pages(client, users, tree, people, elig):
    rows = [(elig.cstdcs, people.hung, tree.tc, "du", None, [REASON_OK])] * 70
    stored_run(tree.tc, results=rows)
    first = get(client, users.officer, "/eligibility", year=2024, unit=tree.tc.pk).json()
    second = get(client, users.officer, "/eligibility", year=2024, unit=tree.tc.pk, page=2).json()
    assert (first["count"], first["pages"], len(first["items"]), len(second["items"])) == (70, 2, 50, 20)


@pytest.mark.django_db
@pytest.mark.parametrize("who,status", [(None, 401), ("norole", 404), ("outsider", 404), ("viewer", 200)])
def test_eligibility_list_scope(client, users, tree, elig, who, status):
    user = getattr(users, who) if who else None
    assert get(client, user, "/eligibility", year=2024, unit=tree.tc.pk).status_code == status


@pytest.mark.django_db
def test_eligibility_list_hides_rows_outside_a_non_descendant_role(client, tree, elig):
    user = make_user("tc-only", Role.VIEWER, tree.tc, include_descendants=False)
    data = get(client, user, "/eligibility", year=2024, unit=tree.tc.pk).json()
    assert [item["person_name"] for item in data["items"]] == ["Nguyễn Việt Hùng"]


# --- GET /people/{id}/eligibility ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("who,status", [(None, 401), ("norole", 404), ("outsider", 404), ("viewer", 200)])
def test_person_eligibility_scope(client, users, people, elig, who, status):
    user = getattr(users, who) if who else None
    assert get(client, user, f"/people/{people.hung.pk}/eligibility", year=2024).status_code == status


@pytest.mark.django_db
def test_person_eligibility_is_live(client, users, people, elig):
    data = get(client, users.officer, f"/people/{people.hung.pk}/eligibility", year=2024).json()
    assert data["person_id"] == people.hung.pk and data["year"] == 2024
    cstdcs = next(v for v in data["verdicts"] if v["award"] == "CSTDCS")
    assert cstdcs["outcome"] in ("du", "sap_du", "chua_du")
    assert cstdcs["reasons"] and all("citation" in r for r in cstdcs["reasons"])
    assert "DVQT" not in {v["award"] for v in data["verdicts"]}


# --- POST /eligibility/runs and GET /jobs/{id} -----------------------------------------------------------------------


@pytest.mark.django_db
def test_run_start_returns_a_job_the_creator_and_scope_can_watch(client, users, tree, settings):
    settings.THIDUA_JOBS_INLINE = False
    response = post(client, users.officer, "/eligibility/runs", {"year": 2024, "unit": tree.nm.pk})
    assert response.status_code == 202, response.json()
    job = response.json()
    assert job["status"] == "queued" and job["kind"] == "awards.eligibility" and job["percent"] == 0
    assert Job.objects.get(pk=job["id"]).params == {"year": 2024, "unit": tree.nm.pk}
    for who, status in [("officer", 200), ("viewer", 200), ("outsider", 404), ("norole", 404)]:
        assert get(client, getattr(users, who), f"/jobs/{job['id']}").status_code == status, who
    assert get(client, None, f"/jobs/{job['id']}").status_code == 401


@pytest.mark.django_db
def test_job_without_unit_is_only_for_its_creator(client, users):
    job = Job.objects.create(kind="x", title="Việc riêng", created_by=users.outsider)
    assert get(client, users.outsider, f"/jobs/{job.pk}").status_code == 200
    assert get(client, users.officer, f"/jobs/{job.pk}").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["viewer", "outsider", "norole"])
def test_run_start_needs_change_scope(client, users, tree, who):
    response = post(client, getattr(users, who), "/eligibility/runs", {"year": 2024, "unit": tree.tc.pk})
    assert response.status_code == 422 and "unit" in response.json()["errors"]
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_run_start_validates_the_year(client, users, tree):
    response = post(client, users.officer, "/eligibility/runs", {"year": 1800, "unit": tree.tc.pk})
    assert response.status_code == 422 and "year" in response.json()["errors"]


@pytest.mark.django_db(transaction=True)
def test_job_runs_inline_after_commit_and_reports_done(client, users, tree, settings):
    """With THIDUA_JOBS_INLINE the job runs right after the request's transaction commits."""
    settings.THIDUA_JOBS_INLINE = True

    @job_kind("test.inline")
    def _work(job):
        return {"ok": True}

    from thidua.core.jobs import job_enqueue

    job = job_enqueue(actor=users.officer, kind="test.inline", title="Thử", unit=tree.tc)
    job.refresh_from_db()
    assert job.status == "done" and job.result == {"ok": True}
    data = get(client, users.officer, f"/jobs/{job.pk}").json()
    assert data["status"] == "done" and data["percent"] == 100
