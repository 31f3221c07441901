"""Writes of the awards app: new rule versions (administrators) and stored eligibility runs."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from thidua.core import audit
from thidua.core.models import Job

from .engine import evaluate_full
from .models import Award, EligibilityResult, EligibilityRun, RuleVersion
from .rules import RuleDocumentError, checksum, document_json, validate

RESULT_BATCH = 5000


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
    number = (RuleVersion.objects.filter(award=award).aggregate(n=Max("version"))["n"] or 0) + 1
    data = document_json(doc)
    data["version"] = number
    rv = RuleVersion.objects.create(
        award=award,
        version=number,
        valid_from=doc.valid_from,
        valid_to=doc.valid_to,
        legal_basis=doc.legal_basis,
        document=data,
        source=source or "quản trị",
        checksum=checksum(doc),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit.record(actor=actor, event_type="rule_version.create", target=rv, after={"award": award.code, **data})
    return rv


@transaction.atomic
def eligibility_run_create(*, actor, year: int, unit=None) -> EligibilityRun:
    """Queue an eligibility run for ``year`` over ``unit``'s subtree (everything when None)."""
    if not 1990 <= int(year) <= 2100:
        raise ValidationError({"year": "Năm xét không hợp lệ."})
    run = EligibilityRun.objects.create(year=year, unit=unit, created_by=actor if getattr(actor, "pk", None) else None)
    audit.record(actor=actor, event_type="eligibility_run.create", target=run, unit=unit, after={"year": year})
    return run


def _progress(run: EligibilityRun, job: Job | None) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        EligibilityRun.objects.filter(pk=run.pk).update(progress=done, total=total)
        if job is not None:
            Job.objects.filter(pk=job.pk).update(progress=done, total=total)

    return report


def eligibility_run_execute(*, actor, run: EligibilityRun, job: Job | None = None) -> EligibilityRun:
    """Evaluate every rule for the run's year and scope and store the eligible and soon-eligible results.

    Stores the rule versions used, a sha256 of the inputs, and counts per award and outcome (including "chưa đủ",
    whose rows are not stored). Progress goes to the run and to ``job``; a failure marks both failed and re-raises.
    """
    now = timezone.now()
    EligibilityRun.objects.filter(pk=run.pk).update(status=EligibilityRun.Status.RUNNING, started_at=now, error="")
    if job is not None:
        Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started_at=now)
    try:
        result = evaluate_full(run.year, run.unit, progress=_progress(run, job), hash_inputs=True)
        awards = dict(Award.objects.values_list("code", "id"))
        with transaction.atomic():
            run.results.all().delete()
            batch = []
            for v in result.verdicts:
                batch.append(
                    EligibilityResult(
                        run=run,
                        award_id=awards[v.award_code],
                        rule_version_id=v.rule_version_id,
                        person_id=v.subject_id if v.subject_type == "person" else None,
                        unit_id=v.unit_id,
                        outcome=v.outcome,
                        soon_on=v.soon_on,
                        reasons=[r.as_dict() for r in v.reasons],
                    )
                )
                if len(batch) >= RESULT_BATCH:
                    EligibilityResult.objects.bulk_create(batch)
                    batch = []
            EligibilityResult.objects.bulk_create(batch)
            run.status = EligibilityRun.Status.DONE
            run.progress = run.total = result.subjects
            run.rule_versions = result.rule_versions
            run.inputs_hash = result.inputs_hash
            run.summary = result.summary
            run.finished_at = timezone.now()
            run.save()
            audit.record(
                actor=actor,
                event_type="eligibility_run.execute",
                target=run,
                unit=run.unit,
                extra={"summary": result.summary, "inputs_hash": result.inputs_hash},
            )
            if job is not None:
                Job.objects.filter(pk=job.pk).update(
                    status=Job.Status.DONE,
                    progress=result.subjects,
                    total=result.subjects,
                    finished_at=run.finished_at,
                    result={"run": run.pk, "summary": result.summary},
                )
    except Exception as exc:
        EligibilityRun.objects.filter(pk=run.pk).update(
            status=EligibilityRun.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        if job is not None:
            Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, log=str(exc)[:2000])
        raise
    return run
