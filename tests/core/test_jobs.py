"""Background jobs on Django's tasks framework: enqueue, run (done / failed / cancelled), progress and heartbeat, the
reaper of jobs whose worker died, "Huỷ" and "Chạy lại", scoping, and the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from thidua.core import jobs, services
from thidua.core.models import AuditEvent, Job

ABORTED: list[int] = []


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


@jobs.job_kind("test.slow", on_abort=lambda job: ABORTED.append(job.pk))
def _slow(job):
    """Counts to n, one progress report per step (slow when THIDUA_JOB_TEST_DELAY is set in the worker)."""
    total = int(job.params.get("n", 3))
    for i in range(total + 1):
        jobs.job_progress(job, i, total)
    return {"counted": total}


@pytest.fixture
def queued(settings):
    settings.THIDUA_JOBS_INLINE = False


def _stale(job, seconds: float = 120):
    """Make a running job look as if its worker stopped beating ``seconds`` ago."""
    then = timezone.now() - dt.timedelta(seconds=seconds)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started_at=then, heartbeat_at=then)


@pytest.mark.django_db
def test_enqueue_records_the_job_and_an_audit_event(users, tree, queued):
    job = jobs.job_enqueue(actor=users.officer, kind="test.count", title="Đếm", params={"n": 2}, unit=tree.tc)
    assert (job.status, job.created_by, job.unit, job.percent) == ("queued", users.officer, tree.tc, 0)
    assert AuditEvent.objects.filter(event_type="job.create", target_id=str(job.pk)).exists()


@pytest.mark.django_db
def test_enqueue_hands_the_job_to_the_database_backend_on_commit(users, queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_enqueue(actor=users.officer, kind="test.count", title="Đếm")
    job.refresh_from_db()
    task = DBTaskResult.objects.get(id=job.task_id)
    assert task.status == "READY" and task.args_kwargs["args"] == [job.pk] and job.status == "queued"


@pytest.mark.django_db
def test_unknown_kind_is_refused(users, queued):
    with pytest.raises(ValueError, match="không được hỗ trợ"):
        jobs.job_enqueue(actor=users.officer, kind="nope", title="?")
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_run_done_keeps_result_progress_log_and_heartbeat(users, queued):
    job = jobs.job_enqueue(actor=users.officer, kind="test.count", title="Đếm", params={"n": 5})
    job = jobs.job_run(job)
    assert (job.status, job.progress, job.total, job.percent) == ("done", 5, 5, 100)
    assert job.result["counted"] == 5 and "Đã đếm 5." in job.log
    assert job.started_at and job.finished_at and job.heartbeat_at >= job.started_at


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
def test_inline_setting_runs_on_commit(users, django_capture_on_commit_callbacks, settings):
    settings.THIDUA_JOBS_INLINE = True
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_enqueue(actor=users.officer, kind="test.count", title="Đếm")
    assert Job.objects.get(pk=job.pk).status == "done"
    with django_capture_on_commit_callbacks(execute=True):
        other = jobs.job_enqueue(actor=users.officer, kind="test.count", title="Đếm", run_inline=False)
    assert Job.objects.get(pk=other.pk).status == "queued"


# --- dead workers, cancel, re-run ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reaper_fails_a_silent_running_job_with_the_reason_and_cleans_up(users, queued):
    dead = jobs.job_enqueue(actor=users.officer, kind="test.slow", title="Chậm")
    alive = jobs.job_enqueue(actor=users.officer, kind="test.slow", title="Còn sống")
    _stale(dead)
    Job.objects.filter(pk=alive.pk).update(status=Job.Status.RUNNING, heartbeat_at=timezone.now())
    assert jobs.reap_dead_jobs() == 1
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == "failed" and "Tiến trình xử lý đã dừng đột ngột" in dead.log and dead.finished_at
    assert alive.status == "running" and dead.pk in ABORTED and alive.pk not in ABORTED
    assert jobs.reap_dead_jobs() == 0


@pytest.mark.django_db
def test_cancel_a_queued_job_and_it_never_runs(users, tree, queued):
    job = jobs.job_enqueue(actor=users.officer, kind="test.count", title="Đếm", unit=tree.tc)
    job = services.job_cancel(actor=users.officer, job=job)
    assert job.status == "cancelled" and job.finished_at
    assert jobs.job_run(Job.objects.get(pk=job.pk)).status == "cancelled"
    assert AuditEvent.objects.filter(event_type="job.cancel", target_id=str(job.pk)).exists()
    with pytest.raises(Exception, match="đã kết thúc"):
        services.job_cancel(actor=users.officer, job=job)


@pytest.mark.django_db
def test_cancel_a_running_job_stops_it_at_its_next_progress_report(users, queued):
    job = jobs.job_enqueue(actor=users.officer, kind="test.slow", title="Chậm", params={"n": 5})
    jobs._claim(job)
    services.job_cancel(actor=users.officer, job=job)
    assert Job.objects.get(pk=job.pk).cancel_requested
    with pytest.raises(jobs.JobCancelled):
        jobs.job_progress(job, 1)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.QUEUED)  # run it from the start: stops at once
    job = jobs.job_run(Job.objects.get(pk=job.pk))
    assert job.status == "cancelled" and "Đã huỷ" in job.log and job.pk in ABORTED
    assert AuditEvent.objects.filter(event_type="job.cancel_request", target_id=str(job.pk)).exists()


@pytest.mark.django_db
def test_rerun_queues_a_new_job_with_the_same_inputs(users, tree, queued):
    job = jobs.job_run(jobs.job_enqueue(actor=users.officer, kind="test.fail", title="Hỏng", params={"a": 1}))
    new = services.job_rerun(actor=users.officer, job=job, run_inline=False)
    assert (new.kind, new.title, new.params, new.rerun_of_id, new.status) == (
        "test.fail",
        "Hỏng",
        {"a": 1},
        job.pk,
        "queued",
    )
    assert AuditEvent.objects.filter(event_type="job.rerun", target_id=str(job.pk)).exists()
    with pytest.raises(Exception, match="đang chờ"):
        services.job_rerun(actor=users.officer, job=new)


@pytest.mark.django_db
def test_visible_to_is_scope_plus_own_jobs(users, tree, queued):
    mine = jobs.job_enqueue(actor=users.outsider, kind="test.count", title="Riêng")
    unit_job = jobs.job_enqueue(actor=users.officer, kind="test.count", title="Đơn vị", unit=tree.cuc)
    assert set(Job.objects.visible_to(users.outsider)) == {mine}
    assert set(Job.objects.visible_to(users.officer)) == {unit_job}
    assert set(Job.objects.visible_to(users.admin)) == {mine, unit_job}
    assert not Job.objects.visible_to(users.norole).exists()


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
    assert "Huỷ" in body and "Chạy lại" not in body
    jobs.job_run(Job.objects.get(pk=job.pk))
    body = client.get(url).content.decode()
    assert "hx-trigger" not in body and "Hoàn thành" in body and 'value="100"' in body and "Xem kết quả" in body
    assert "Chạy lại" in body
    assert client.get(reverse("job_detail", args=[job.pk])).status_code == 200


@pytest.mark.django_db
def test_status_page_shows_a_dead_job_as_failed(client, users, tree, queued):
    job = jobs.job_enqueue(actor=users.officer, kind="test.slow", title="Chậm", unit=tree.tc)
    _stale(job)
    client.force_login(users.officer)
    body = client.get(reverse("job_status", args=[job.pk])).content.decode()
    assert "Lỗi" in body and "Tiến trình xử lý đã dừng đột ngột" in body and "hx-trigger" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("who,status", [("officer", 200), ("viewer", 200), ("outsider", 404), ("norole", 404)])
def test_job_pages_scope(client, users, tree, queued, who, status):
    job = jobs.job_enqueue(actor=users.officer, kind="test.count", title="Đếm", unit=tree.cuc)
    client.force_login(getattr(users, who))
    assert client.get(reverse("job_status", args=[job.pk])).status_code == status
    assert client.get(reverse("job_detail", args=[job.pk])).status_code == status
    listed = client.get(reverse("job_list")).content.decode()
    assert (reverse("job_detail", args=[job.pk]) in listed) == (status == 200)


@pytest.mark.django_db
def test_job_pages_need_login(client, users, queued):
    job = jobs.job_enqueue(actor=users.officer, kind="test.count", title="Đếm")
    for url in (reverse("job_detail", args=[job.pk]), reverse("job_list")):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("who,status", [("officer", 302), ("viewer", 404), ("outsider", 404), ("norole", 404)])
def test_cancel_and_rerun_actions_need_the_change_scope(client, users, tree, queued, who, status):
    job = jobs.job_enqueue(actor=users.admin, kind="test.count", title="Đếm", unit=tree.cuc)
    client.force_login(getattr(users, who))
    assert client.post(reverse("job_cancel", args=[job.pk])).status_code == status
    job.refresh_from_db()
    assert job.status == ("cancelled" if status == 302 else "queued")
    if status == 302:
        response = client.post(reverse("job_rerun", args=[job.pk]))
        new = Job.objects.exclude(pk=job.pk).get()
        assert response["Location"] == reverse("job_detail", args=[new.pk]) and new.rerun_of == job
    else:
        assert client.post(reverse("job_rerun", args=[job.pk])).status_code == 404
        assert Job.objects.count() == 1
    assert client.get(reverse("job_cancel", args=[job.pk])).status_code in (404, 405)


@pytest.mark.django_db
def test_viewer_sees_no_action_buttons(client, users, tree, queued):
    job = jobs.job_enqueue(actor=users.officer, kind="test.count", title="Đếm", unit=tree.tc)
    client.force_login(users.viewer)
    body = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "Huỷ" not in body and "Chạy lại" not in body


# A real worker process killed mid-job: tests/awards/test_runs.py (an eligibility run, a job kind the worker knows).
