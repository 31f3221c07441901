"""Stored eligibility runs: results, rule versions, inputs hash, summary, progress on the run and the job, audit."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.awards.eligibility.models import EligibilityResult, EligibilityRun
from thidua.awards.eligibility.services import eligibility_run_create, eligibility_run_execute
from thidua.core.models import AuditEvent, Job

from .engine_helpers import person

pytestmark = pytest.mark.django_db


def test_run_stores_results_and_metadata(tree, users):
    hero = person(
        tree.nm,
        enlisted=dt.date(1995, 1, 1),
        ratings={2023: "htxsnv", 2024: "htxsnv"},
        titles={2023: "CSTDCS", 2024: "CSTDCS"},
    )
    person(tree.nm, ratings={2024: "htnv"})
    job = Job.objects.create(kind="eligibility", title="Xét 2024")
    run = eligibility_run_create(actor=users.admin, year=2024, unit=tree.tc)
    assert run.status == EligibilityRun.Status.QUEUED
    eligibility_run_execute(actor=users.admin, run=run, job=job)
    run.refresh_from_db()
    job.refresh_from_db()
    assert run.status == "done" and job.status == "done" and job.percent == 100
    assert run.progress == run.total > 0
    assert len(run.inputs_hash) == 64
    assert set(run.rule_versions) >= {"CSTT", "CSTDCS", "BKBQP", "HC_QKQT", "DVQT"}
    assert run.summary["CSTT"]["du"] == 1 and run.summary["CSTT"]["chua_du"] == 1
    rows = EligibilityResult.objects.filter(run=run, person=hero)
    got = {r.award.code: r.outcome for r in rows}
    assert got.items() >= {"CSTT": "du", "CSTDCS": "du", "BKBQP": "du", "HC_QKQT": "du"}.items()
    row = rows.get(award__code="BKBQP")
    assert row.rule_version_id == run.rule_versions["BKBQP"] and row.unit_id == tree.nm.pk
    assert any("2 năm liên tục CSTĐCS (2023, 2024)" in r["text"] for r in row.reasons)
    assert all({"text", "citation", "met"} <= set(r) for r in row.reasons)
    assert AuditEvent.objects.filter(event_type="eligibility_run.execute", target_id=str(run.pk)).exists()


def test_same_inputs_same_hash_and_changed_inputs_new_hash(tree):
    p = person(tree.nm, ratings={2024: "httnv"})
    first = eligibility_run_execute(actor=None, run=eligibility_run_create(actor=None, year=2024))
    second = eligibility_run_execute(actor=None, run=eligibility_run_create(actor=None, year=2024))
    assert first.inputs_hash == second.inputs_hash
    p.ratings.update(rating="htxsnv")
    third = eligibility_run_execute(actor=None, run=eligibility_run_create(actor=None, year=2024))
    assert third.inputs_hash != first.inputs_hash


def test_failed_run_is_marked(tree, monkeypatch):
    from thidua.awards.eligibility import services

    def boom(*args, **kwargs):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(services, "evaluate_full", boom)
    run = eligibility_run_create(actor=None, year=2024)
    job = Job.objects.create(kind="eligibility", title="x")
    with pytest.raises(RuntimeError):
        eligibility_run_execute(actor=None, run=run, job=job)
    run.refresh_from_db()
    job.refresh_from_db()
    assert run.status == job.status == "failed" and "hỏng" in run.error


def test_bad_year_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        eligibility_run_create(actor=None, year=1200)
