"""Background jobs: enqueue, run (done / failed with the log), progress, the worker command, the status pages."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from thidua.core import jobs
from thidua.core.models import AuditEvent, Job


@jobs.job_kind("test.count")
def _count(job):
    total = int(job.params.get("n", 3))
    jobs.job_progress(job, 0, total)
    for i in range(1, total + 1):
        jobs.job_progress(job, i)
    jobs.job_log(job, f"Đã đếm {total}.")
    return {"counted": total, "url": "/"}


@jobs.job_kind("test.fail")
def _fail(job):
    jobs.job_progress(job, 1, 4)
    raise RuntimeError("hỏng giữa chừng")


@pytest.fixture
def queued(settings):
    settings.THIDUA_JOBS_INLINE = False


@pytest.mark.django_db
def test_enqueue_records_the_job_and_an_audit_event(users, tree, queued):
    job = jobs.job_enqueue(actor=users.officer, kind="test.count", title="Đếm", params={"n": 2}, unit=tree.tc)
    assert (job.status, job.created_by, job.unit, job.percent) == ("queued", users.officer, tree.tc, 0)
    assert AuditEvent.objects.filter(event_type="job.create", target_id=str(job.pk)).exists()


@pytest.mark.django_db
def test_unknown_kind_is_refused(users, queued):
    with pytest.raises(ValueError, match="không được hỗ trợ"):
        jobs.job_enqueue(actor=users.officer, kind="nope", title="?")
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_run_done_keeps_result_progress_and_log(users, queued):
    job = jobs.job_enqueue(actor=users.officer, kind="test.count", title="Đếm", params={"n": 5})
    job = jobs.job_run(job)
    assert (job.status, job.progress, job.total, job.percent) == ("done", 5, 5, 100)
    assert job.result["counted"] == 5 and "Đã đếm 5." in job.log
    assert job.started_at and job.finished_at


@pytest.mark.django_db
def test_run_failed_records_the_error(users, queued):
    job = jobs.job_run(jobs.job_enqueue(actor=users.officer, kind="test.fail", title="Hỏng"))
    assert job.status == "failed" and "hỏng giữa chừng" in job.log and job.percent == 25


@pytest.mark.django_db
def test_a_job_runs_once(users, queued):
    job = jobs.job_enqueue(actor=users.officer, kind="test.count", title="Đếm")
    jobs.job_run(job)
    Job.objects.filter(pk=job.pk).update(log="")
    again = jobs.job_run(Job.objects.get(pk=job.pk))
    assert again.status == "done" and again.log == ""  # not claimed a second time


@pytest.mark.django_db
def test_worker_once_runs_every_queued_job(users, queued):
    for n in (1, 2):
        jobs.job_enqueue(actor=users.officer, kind="test.count", title=f"Đếm {n}", params={"n": n})
    out = StringIO()
    call_command("worker", "--once", stdout=out)
    assert "Đã chạy 2 công việc." in out.getvalue()
    assert set(Job.objects.values_list("status", flat=True)) == {"done"}


@pytest.mark.django_db
def test_inline_setting_runs_on_commit(users, django_capture_on_commit_callbacks, settings):
    settings.THIDUA_JOBS_INLINE = True
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_enqueue(actor=users.officer, kind="test.count", title="Đếm")
    assert Job.objects.get(pk=job.pk).status == "done"
    with django_capture_on_commit_callbacks(execute=True):
        other = jobs.job_enqueue(actor=users.officer, kind="test.count", title="Đếm", run_inline=False)
    assert Job.objects.get(pk=other.pk).status == "queued"


# --- pages -----------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_status_partial_polls_until_finished(client, users, tree, queued):
    job = jobs.job_enqueue(actor=users.officer, kind="test.count", title="Đếm", params={"n": 4}, unit=tree.tc)
    jobs.job_progress(job, 1, 4)
    client.force_login(users.officer)
    url = reverse("job_status", args=[job.pk])
    body = client.get(url).content.decode()
    assert f'hx-get="{url}"' in body and 'hx-trigger="every 1s"' in body
    assert '<progress class="w-100" max="100" value="25"' in body and "style=" not in body
    jobs.job_run(Job.objects.get(pk=job.pk))
    body = client.get(url).content.decode()
    assert "hx-trigger" not in body and "Hoàn thành" in body and 'value="100"' in body and "Xem kết quả" in body
    assert client.get(reverse("job_detail", args=[job.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("who,status", [("officer", 200), ("viewer", 200), ("outsider", 404), ("norole", 404)])
def test_job_pages_scope(client, users, tree, queued, who, status):
    job = jobs.job_enqueue(actor=users.officer, kind="test.count", title="Đếm", unit=tree.cuc)
    client.force_login(getattr(users, who))
    assert client.get(reverse("job_status", args=[job.pk])).status_code == status
    assert client.get(reverse("job_detail", args=[job.pk])).status_code == status


@pytest.mark.django_db
def test_job_pages_need_login(client, users, queued):
    job = jobs.job_enqueue(actor=users.officer, kind="test.count", title="Đếm")
    response = client.get(reverse("job_detail", args=[job.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]
