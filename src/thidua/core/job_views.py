"""Pages of background jobs: the list (filters, sortable table, Excel, print), a job's status page, the partial that
htmx polls every second while it runs, and the "Huỷ" / "Chạy lại" actions. Every job is fetched through
``Job.objects.visible_to`` (out of scope: 404), and every read reaps jobs whose worker died, so nobody watches a dead
job "running"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import services
from .filters import JobFilterSet
from .jobs import reap_dead_jobs
from .lists import build_table, render_list
from .models import Job
from .policies import can_manage_job
from .tables import JobTable


def _job_for(user, pk: int) -> Job:
    """The job if the user may watch it, else 404 (the job's existence is not confirmed)."""
    reap_dead_jobs()
    job = Job.objects.visible_to(user).select_related("created_by", "unit").filter(pk=pk).first()
    if job is None:
        raise Http404
    return job


def _context(user, job: Job) -> dict:
    return {"job": job, "can_manage_job": can_manage_job(user, job)}


@login_required
def job_detail(request, pk: int):
    """A job's page: title, who started it, the live status box, and the actions the user may take."""
    job = _job_for(request.user, pk)
    return render(request, "core/job_detail.html", _context(request.user, job))


@login_required
def job_status(request, pk: int):
    """The status box alone (progress bar, log tail); it keeps polling itself until the job is finished."""
    job = _job_for(request.user, pk)
    return render(request, "core/job_status.html", _context(request.user, job))


@login_required
def job_list(request):
    """The jobs the user may watch, newest first: status, title and date filters, sortable, Excel and print."""
    reap_dead_jobs()
    jobs = Job.objects.visible_to(request.user).select_related("created_by", "unit").order_by("-created_at", "-id")
    filterset = JobFilterSet(request.GET, queryset=jobs, request=request)
    table = build_table(JobTable, filterset.qs, request)
    return render_list(
        request, table=table, filterset=filterset, title="Công việc nền", filename="cong-viec", per_page=50
    )


@login_required
@require_POST
def job_cancel(request, pk: int):
    """Huỷ: cancel a queued job, or ask a running one to stop at its next progress report."""
    job = _job_for(request.user, pk)
    if not can_manage_job(request.user, job):
        raise Http404
    try:
        job = services.job_cancel(actor=request.user, job=job)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = "Đã huỷ công việc." if job.status == Job.Status.CANCELLED else "Đã yêu cầu dừng công việc."
        messages.success(request, text)
    return redirect("job_detail", pk=job.pk)


@login_required
@require_POST
def job_rerun(request, pk: int):
    """Chạy lại: a new job with the same inputs; opens the new job's page."""
    job = _job_for(request.user, pk)
    if not can_manage_job(request.user, job):
        raise Http404
    try:
        new = services.job_rerun(actor=request.user, job=job)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("job_detail", pk=job.pk)
    messages.success(request, "Đã chạy lại công việc.")
    return redirect("job_detail", pk=new.pk)
