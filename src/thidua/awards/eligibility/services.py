"""Writes of the awards app: new rule versions (administrators) and eligibility runs (started, executed by their job,
stored in short transactions)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from thidua.core import audit
from thidua.core.choices import Action
from thidua.core.jobs import job_enqueue, job_log, job_progress
from thidua.core.models import Job
from thidua.core.scoping import ALL, require_change_scope, scope_unit_ids
from thidua.core.sequences import save_numbered

from .engine import evaluate_full
from .models import Award, EligibilityResult, EligibilityRun, RuleVersion
from .rules import RuleDocumentError, checksum, document_json, validate
from .selectors import CAPS_KEY, ELIGIBILITY_JOB, compute_caps


def _copy_version(rv: RuleVersion) -> None:
    rv.document = {**rv.document, "version": rv.version}


@transaction.atomic
def rule_version_create(*, actor, award: Award, document: dict, source: str = "") -> RuleVersion:
    """Validate ``document`` and store it as the award's next rule version (versions are never edited).

    Raises ValidationError keyed ``document`` with the faulty field path when the document does not validate.
    """
    try:
        doc = validate(document)
    except RuleDocumentError as exc:
        raise ValidationError({"document": f"{exc.path or 'tài liệu'}: {exc.message}"}) from exc
    if doc.award != award.code:
        raise ValidationError({"document": f"award: tài liệu là của '{doc.award}', không phải '{award.code}'"})
    data = document_json(doc)
    rv = RuleVersion(
        award=award,
        valid_from=doc.valid_from,
        valid_to=doc.valid_to,
        legal_basis=doc.legal_basis,
        document=data,
        source=source or "quản trị",
        checksum=checksum(doc),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    save_numbered(
        rv, "version", RuleVersion.objects.filter(award=award), lock=award, clean=False, numbered=_copy_version
    )
    audit.record(actor=actor, event_type="rule_version.create", target=rv, after={"award": award.code, **rv.document})
    return rv


def eligibility_run(*, actor, year: int, unit=None, run_inline: bool | None = None) -> EligibilityRun:
    """Start an eligibility run for ``year`` over ``unit``'s subtree (everything when None): the one way to run one,
    used by the web page, the API, ``thidua eligibility`` and re-runs.

    Checks the year and the actor's change scope on the unit (a whole-organisation run needs the whole-organisation
    scope; ``actor`` None is a system command), creates the run and its :class:`~thidua.core.models.Job` (audited),
    and queues the job; its task (:func:`eligibility_run_execute`) evaluates, stores the results and the caps.
    ``run_inline`` as for :func:`~thidua.core.jobs.job_enqueue` (inline: done when the transaction commits).
    """
    if not 1990 <= int(year) <= 2100:
        raise ValidationError({"year": "Năm xét không hợp lệ."})
    if unit is None and actor is not None and scope_unit_ids(actor, Action.CHANGE) is not ALL:
        raise ValidationError({"unit": "Hãy chọn đơn vị để xét."})
    require_change_scope(actor, unit, "unit")
    title = f"Xét điều kiện khen thưởng năm {year} — {unit.name if unit else 'toàn bộ'}"
    params = {"year": int(year), "unit": unit.pk if unit else None}
    with transaction.atomic():
        job = job_enqueue(
            actor=actor, kind=ELIGIBILITY_JOB, title=title, params=params, unit=unit, run_inline=run_inline
        )
        run = EligibilityRun.objects.create(job=job, year=year, unit=unit)
        audit.record(actor=actor, event_type="eligibility_run.create", target=run, unit=unit, after={"year": year})
    return run


def eligibility_rerun(*, actor, job: Job) -> Job:
    """ "Chạy lại" of an eligibility job: a new run through :func:`eligibility_run` with the same year and unit."""
    return eligibility_run(actor=actor, year=int(job.params["year"]), unit=job.unit).job


def eligibility_run_execute(*, run: EligibilityRun, job: Job) -> EligibilityRun:
    """Evaluate every rule for the run's year and scope and store the eligible and soon-eligible results (the task
    of the run's job; progress, heartbeat and cancel checks go through the job).

    Results are written in batches of ``settings.THIDUA_ELIGIBILITY_BATCH`` rows, each in its own short transaction,
    so other users' writes are never held up for long (SQLite has one writer at a time); the run counts only once
    its job is done, so the batches of an unfinished run are never shown. Then the rule versions used, a sha256 of
    the inputs, counts per award and outcome (including "chưa đủ", whose rows are not stored) and the cap reports
    are stored, audited.
    """
    report = lambda done, total: job_progress(job, done, total)  # noqa: E731
    result = evaluate_full(run.year, run.unit, progress=report, hash_inputs=True)
    job_log(job, f"Đã xét {result.subjects} đối tượng; đang lưu {len(result.verdicts)} kết quả…")
    started = time.monotonic()
    _store_results(run, job, result)
    job_log(job, f"Đã lưu trong {time.monotonic() - started:.1f} giây.")
    run.rule_versions = result.rule_versions
    run.inputs_hash = result.inputs_hash
    run.summary = {**result.summary, CAPS_KEY: compute_caps(run)}
    with transaction.atomic():
        run.save(update_fields=["rule_versions", "inputs_hash", "summary"])
        audit.record(
            actor=job.created_by,
            event_type="eligibility_run.execute",
            target=run,
            unit=run.unit,
            extra={"summary": result.summary, "inputs_hash": result.inputs_hash},
        )
    job_progress(job, result.subjects, result.subjects)
    return run


RESULT_COLUMNS = ("run", "award", "rule_version", "person", "unit", "outcome", "soon_on", "reasons")


def _store_results(run: EligibilityRun, job: Job, result) -> None:
    """Write the run's verdicts in batches, one transaction each; a progress report between batches keeps the
    heartbeat fresh and honours a cancel request.

    Each batch's rows are converted to database values (dates, JSON) before its transaction opens, so the
    transaction holds the write lock only for the INSERT itself (a ``bulk_create`` converts inside it: on a busy
    SQLite machine, a 2,000-row batch then held the lock for over a second).
    """
    awards = dict(Award.objects.values_list("code", "id"))
    fields = [EligibilityResult._meta.get_field(name) for name in RESULT_COLUMNS]
    soon_on, reasons = fields[-2], fields[-1]
    batch: list[tuple] = []
    for v in result.verdicts:
        batch.append(
            (
                run.pk,
                awards[v.award_code],
                v.rule_version_id,
                v.subject_id if v.subject_type == "person" else None,
                v.unit_id,
                v.outcome,
                soon_on.get_db_prep_save(v.soon_on, connection),
                reasons.get_db_prep_save([r.as_dict() for r in v.reasons], connection),
            )
        )
        if len(batch) >= settings.THIDUA_ELIGIBILITY_BATCH:
            _write_batch(batch)
            batch = []
            job_progress(job, result.subjects, result.subjects)
    if batch:
        _write_batch(batch)


def _write_batch(rows: list[tuple]) -> None:
    """One batch of prepared rows in its own transaction; on SQLite, then a short pause with the write lock free.
    Without the pause the run takes the lock again at once, and another user's write — waiting in SQLite's busy
    handler, which looks again only every 100 ms — can miss every gap and wait for several batches."""
    meta = EligibilityResult._meta
    columns = ", ".join(connection.ops.quote_name(meta.get_field(name).column) for name in RESULT_COLUMNS)
    marks = ", ".join(["%s"] * len(RESULT_COLUMNS))
    sql = f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    if connection.vendor == "sqlite":
        time.sleep(settings.THIDUA_SQLITE_WRITER_PAUSE)


def eligibility_results_discard(job: Job) -> None:
    """Delete what an unfinished run (failed, cancelled, worker died) had written, in batches of short transactions
    (its rows were never shown: the run's job is not done). Idempotent."""
    qs = EligibilityResult.objects.filter(run__job=job)
    while True:
        ids = list(qs.values_list("pk", flat=True)[: settings.THIDUA_ELIGIBILITY_BATCH])
        if not ids:
            return
        with transaction.atomic():
            EligibilityResult.objects.filter(pk__in=ids).delete()
