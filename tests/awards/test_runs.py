"""Eligibility runs: the one service ``eligibility_run`` (scope, audit), execution by the run's job (results, rule
versions, inputs hash, summary, caps), results stored in short transactions and never shown before the job is done,
scoping, re-run, dead jobs, and a real worker killed mid-run."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tests.awards.engine_helpers import person
from tests.conftest import make_user
from tests.core.worker_process import kill, start_worker, stop, wait_for
from thidua.awards.eligibility import selectors, services
from thidua.awards.eligibility.models import EligibilityResult, EligibilityRun
from thidua.core import jobs
from thidua.core import services as core_services
from thidua.core.choices import Role
from thidua.core.models import AuditEvent, Job

DEAD = "Tiến trình xử lý đã dừng đột ngột"


def execute(actor, year=2024, unit=None) -> EligibilityRun:
    """Start a run through the service (queued) and run its job here, as a worker would."""
    run = services.eligibility_run(actor=actor, year=year, unit=unit, run_inline=False)
    jobs.job_run(run.job)
    run.refresh_from_db()
    run.job.refresh_from_db()
    return run


def hero_and_other(unit):
    hero = person(
        unit,
        enlisted=dt.date(1995, 1, 1),
        ratings={2023: "htxsnv", 2024: "htxsnv"},
        titles={2023: "CSTDCS", 2024: "CSTDCS"},
    )
    person(unit, ratings={2024: "htnv"})
    return hero


@pytest.mark.django_db
def test_run_stores_results_and_metadata(tree, users):
    hero = hero_and_other(tree.nm)
    run = execute(users.admin, unit=tree.tc)
    job = run.job
    assert run.status == job.status == "done" and job.percent == 100 and job.progress == job.total > 0
    assert job.result["run"] == run.pk and run.created_by == users.admin and run.finished_at == job.finished_at
    assert len(run.inputs_hash) == 64
    assert set(run.rule_versions) >= {"CSTT", "CSTDCS", "BKBQP", "HC_QKQT", "DVQT"}
    assert run.summary["CSTT"]["du"] == 1 and run.summary["CSTT"]["chua_du"] == 1
    assert "_caps" in run.summary  # caps are part of the run
    rows = EligibilityResult.objects.filter(run=run, person=hero)
    got = {r.award.code: r.outcome for r in rows}
    assert got.items() >= {"CSTT": "du", "CSTDCS": "du", "BKBQP": "du", "HC_QKQT": "du"}.items()
    row = rows.get(award__code="BKBQP")
    assert row.rule_version_id == run.rule_versions["BKBQP"] and row.unit_id == tree.nm.pk
    assert any("2 năm liên tục CSTĐCS (2023, 2024)" in r["text"] for r in row.reasons)
    assert all({"text", "citation", "met"} <= set(r) for r in row.reasons)
    for event in ("eligibility_run.create", "eligibility_run.execute"):
        assert AuditEvent.objects.filter(event_type=event, target_id=str(run.pk)).exists()
    assert selectors.latest_run(tree.tc, 2024, user=users.officer) == run


def test_same_inputs_same_hash_and_changed_inputs_new_hash(db, tree):
    p = person(tree.nm, ratings={2024: "httnv"})
    first, second = execute(None), execute(None)
    assert first.inputs_hash == second.inputs_hash
    p.ratings.update(rating="htxsnv")
    assert execute(None).inputs_hash != first.inputs_hash


def test_results_are_written_in_batches_and_a_failure_leaves_none(db, tree, users, settings, monkeypatch):
    """A run that fails while storing (after some batches were committed) is failed; its rows are deleted and were
    never readable: readers only take runs whose job is done."""
    settings.THIDUA_ELIGIBILITY_BATCH = 1
    for _ in range(3):
        hero_and_other(tree.nm)
    written = []
    real = services._write_batch

    def write_then_fail(batch):
        assert not transaction.get_connection().in_atomic_block or len(written) < 99  # own transaction per batch
        real(batch)
        written.append(len(batch))
        assert selectors.latest_run(tree.tc, 2024, user=users.admin) is None  # a committed batch is not visible
        if len(written) == 3:
            raise RuntimeError("đĩa đầy")

    monkeypatch.setattr(services, "_write_batch", write_then_fail)
    run = execute(users.admin, unit=tree.tc)
    assert written == [1, 1, 1]
    assert run.job.status == "failed" and "đĩa đầy" in run.job.log
    assert not EligibilityResult.objects.filter(run=run).exists()
    assert selectors.latest_run(tree.tc, 2024, user=users.admin) is None


def test_failed_run_is_marked(db, tree, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(services, "evaluate_full", boom)
    run = execute(None)
    assert run.status == "failed" and "hỏng" in run.job.log


def test_bad_year_and_scope_refused(db, tree, users):
    with pytest.raises(ValidationError):
        services.eligibility_run(actor=None, year=1200)
    with pytest.raises(ValidationError, match="phạm vi"):
        services.eligibility_run(actor=users.viewer, year=2024, unit=tree.tc)
    with pytest.raises(ValidationError, match="chọn đơn vị"):
        services.eligibility_run(actor=users.officer, year=2024)
    assert not EligibilityRun.objects.exists() and not Job.objects.exists()


def test_runs_and_results_are_scoped(db, tree, users):
    hero_and_other(tree.nm)
    run = execute(users.admin, unit=tree.tc)
    whole = execute(users.admin)
    nm_only = make_user("nm-only", Role.VIEWER, tree.nm)
    assert set(EligibilityRun.objects.visible_to(users.officer)) == {run}
    assert set(EligibilityRun.objects.visible_to(users.admin)) == {run, whole}
    assert not EligibilityRun.objects.visible_to(users.outsider).exists()
    assert not EligibilityRun.objects.visible_to(nm_only).exists()  # the run is of tc, above nm
    seen = EligibilityResult.objects.visible_to(nm_only).filter(run=run)
    assert set(seen.values_list("unit_id", flat=True)) == {tree.nm.pk} and run.results.count() > seen.count()
    assert not EligibilityResult.objects.visible_to(users.outsider).filter(run=run).exists()


def test_rerun_goes_through_the_service(db, tree, users, settings):
    settings.THIDUA_JOBS_INLINE = False
    hero_and_other(tree.nm)
    run = execute(users.officer, unit=tree.tc)
    new_job = core_services.job_rerun(actor=users.officer, job=run.job)
    new_run = EligibilityRun.objects.get(job=new_job)
    assert (new_run.year, new_run.unit, new_job.rerun_of) == (2024, tree.tc, run.job)
    assert AuditEvent.objects.filter(event_type="eligibility_run.create", target_id=str(new_run.pk)).exists()
    jobs.job_run(new_job)
    assert selectors.latest_run(tree.tc, 2024, user=users.officer) == new_run


def test_a_dead_job_never_hides_the_run_button(client, db, tree, users, settings):
    settings.THIDUA_JOBS_INLINE = False
    run = services.eligibility_run(actor=users.officer, year=2024, unit=tree.tc)
    then = timezone.now() - dt.timedelta(minutes=5)
    Job.objects.filter(pk=run.job_id).update(status="running", started_at=then, heartbeat_at=then)
    client.force_login(users.officer)
    page = client.get(reverse("eligibility_candidates"), {"nam": 2024, "don_vi": tree.tc.pk})
    assert page.context["job"] is None and page.context["can_run"]
    assert reverse("eligibility_run_start") in page.content.decode()
    assert Job.objects.get(pk=run.job_id).status == "failed"


# --- a real worker process -----------------------------------------------------------------------------------------


@pytest.fixture
def catalogue(transactional_db):
    """The award catalogue and rule files (a transactional test starts from an empty database)."""
    from thidua.awards.eligibility.models import RuleVersion
    from thidua.awards.eligibility.rules.loader import load_rule_files
    from thidua.catalogue.models import Award
    from thidua.catalogue.seed import seed_catalogue

    seed_catalogue(Award)
    load_rule_files(award_model=Award, rule_model=RuleVersion)


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_run_then_failed_by_the_next_worker_and_rerun(catalogue, tree, users):
    """A worker is SIGKILLed while it stores a run's results (some batches committed): nothing of the run is shown;
    the next worker marks the job failed with the Vietnamese reason and deletes the partial rows; "Chạy lại" runs
    it to the end on that worker."""
    for _ in range(6):
        hero_and_other(tree.nm)
    slow = {"THIDUA_JOB_TEST_DELAY": "0.4", "THIDUA_ELIGIBILITY_BATCH": "1"}
    first = start_worker(**slow)
    try:
        run = services.eligibility_run(actor=users.officer, year=2024, unit=tree.tc, run_inline=False)
        wait_for(lambda: EligibilityResult.objects.filter(run=run).count() >= 2, 40, "some results stored", first)
        kill(first)
    finally:
        stop(first)
    job = Job.objects.get(pk=run.job_id)
    assert job.status == "running" and EligibilityResult.objects.filter(run=run).exists()
    assert selectors.latest_run(tree.tc, 2024, user=users.officer) is None  # partial results are not shown

    second = start_worker()
    try:
        wait_for(lambda: Job.objects.get(pk=job.pk).status == "failed", 20, "the reaper", second)
        job.refresh_from_db()
        assert DEAD in job.log
        assert not EligibilityResult.objects.filter(run=run).exists()
        new_job = core_services.job_rerun(actor=users.officer, job=job)
        wait_for(lambda: Job.objects.get(pk=new_job.pk).status == "done", 40, "the re-run", second)
    finally:
        stop(second)
    latest = selectors.latest_run(tree.tc, 2024, user=users.officer)
    assert latest.job == new_job and latest.results.count() > 0 and latest.summary["CSTT"]["du"] == 6


@pytest.mark.django_db(transaction=True)
def test_web_writes_go_through_while_a_large_run_stores_its_results(catalogue, client, users, tree):
    """While a worker stores a run of thousands of results, a sign-in and an audited service write each complete in
    well under 2 s (before: one transaction of the whole run, "database is locked" after 20 s)."""
    from io import StringIO

    from django.core.management import call_command

    from thidua.core.services import token_create

    call_command("synth", "--people", "2500", stdout=StringIO())
    call_command("synth-records", "--years", "2016-2025", stdout=StringIO())
    login = {"username": "officer", "password": "Mat-khau-123!"}
    assert client.post(reverse("login"), login).status_code == 302  # warm up: the first request imports the views
    worker = start_worker(THIDUA_ELIGIBILITY_BATCH="500")
    try:
        run = services.eligibility_run(actor=None, year=2025, run_inline=False)
        storing = lambda: "đang lưu" in Job.objects.get(pk=run.job_id).log  # noqa: E731
        wait_for(storing, 60, "the run to store its results", worker)
        slowest, writes = 0.0, 0
        while Job.objects.get(pk=run.job_id).status == "running":
            started = time.monotonic()
            assert client.post(reverse("login"), login).status_code == 302
            token_create(actor=users.officer, name=f"thử {writes}", days=1)
            slowest = max(slowest, time.monotonic() - started)
            writes += 1
            time.sleep(0.05)
        assert Job.objects.get(pk=run.job_id).status == "done"
    finally:
        stop(worker)
    stored = EligibilityResult.objects.filter(run=run).count()
    assert stored > 2000 and writes >= 3, (stored, writes)
    assert slowest < 2.0, f"a web write took {slowest:.2f} s during the run"
