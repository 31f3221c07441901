"""Writes of the core app: personal access tokens for the API (created and revoked with an audit event each), and
the "Huỷ" / "Chạy lại" actions on background jobs."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import audit, jobs, vn
from .models import ApiToken, Job


@transaction.atomic
def token_create(*, actor, name: str, days: int) -> tuple[ApiToken, str]:
    """Create a personal access token for ``actor`` valid ``days`` days; returns the row and the raw token.

    Only the SHA-256 digest is stored, so the raw token must be shown to the user now and never again.
    """
    name = vn.nfc(name)
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = ["Tên mã truy cập không được để trống."]
    elif len(name) > ApiToken._meta.get_field("name").max_length:
        errors["name"] = ["Tên mã truy cập quá dài (tối đa 80 ký tự)."]
    max_days = settings.API_TOKEN_MAX_DAYS
    if not isinstance(days, int) or days < 1 or days > max_days:
        errors["days"] = [f"Thời hạn phải từ 1 đến {max_days} ngày."]
    if errors:
        raise ValidationError(errors)
    raw = ApiToken.generate()
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        digest=ApiToken.hash(raw),
        hint=raw[-4:],
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    audit.record(
        actor=actor,
        event_type="token.create",
        target=token,
        after={"name": token.name, "hint": token.hint, "expires_at": token.expires_at},
    )
    return token, raw


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Revoke ``token`` (its owner or a superuser only); revoking an already revoked token changes nothing."""
    if actor is not None and token.user_id != actor.pk and not actor.is_superuser:
        raise ValidationError({"token": ["Bạn chỉ được thu hồi mã truy cập của chính mình."]})
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(
        actor=actor,
        event_type="token.revoke",
        target=token,
        before={"revoked_at": None},
        after={"revoked_at": token.revoked_at},
    )
    return token


# --- background jobs ---


def job_cancel(*, actor, job: Job) -> Job:
    """Cancel a job (audited; the caller checked :func:`~thidua.core.policies.can_manage_job`): a queued one at
    once, a running one is asked to stop at its next progress report. ValidationError when it already finished."""
    with transaction.atomic():
        if Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
            status=Job.Status.CANCELLED, finished_at=timezone.now(), cancel_requested=True
        ):
            event = "job.cancel"
        elif Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(cancel_requested=True):
            event = "job.cancel_request"
        else:
            raise ValidationError("Công việc đã kết thúc, không thể huỷ.")
        audit.record(actor=actor, event_type=event, target=job, unit=job.unit, extra={"kind": job.kind})
    job.refresh_from_db()
    return job


def job_rerun(*, actor, job: Job, run_inline: bool | None = None) -> Job:
    """Queue a new job with the same inputs as a finished one (audited on the old job), through the kind's own
    service when it registered one (an eligibility run goes through ``eligibility_run``: scope and caps checked)."""
    if job.is_active:
        raise ValidationError("Công việc đang chờ hoặc đang chạy; hãy đợi nó kết thúc hoặc huỷ nó trước.")
    if job.kind not in jobs.registry():
        raise ValidationError("Loại công việc này không còn được hỗ trợ.")
    hook = jobs.rerun_hook(job.kind)
    with transaction.atomic():
        if hook is not None:
            new = hook(actor=actor, job=job)
            Job.objects.filter(pk=new.pk).update(rerun_of=job)
        else:
            new = jobs.job_enqueue(
                actor=actor,
                kind=job.kind,
                title=job.title,
                params=job.params,
                unit=job.unit,
                run_inline=run_inline,
                rerun_of=job,
            )
        audit.record(actor=actor, event_type="job.rerun", target=job, unit=job.unit, extra={"new_job": new.pk})
    new.refresh_from_db()
    return new
