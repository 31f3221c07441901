"""Pages of background jobs: the list of jobs the user may watch, a job's status page and the partial that htmx
polls every second while it runs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from .filters import JobFilterSet
from .jobs import can_view_job, visible_jobs
from .lists import build_table, render_list
from .models import Job
from .tables import JobTable


def _job_for(user, pk: int) -> Job:
    """The job if the user may watch it, else 404 (the job's existence is not confirmed)."""
    job = Job.objects.select_related("created_by", "unit").filter(pk=pk).first()
    if job is None or not can_view_job(user, job):
        raise Http404
    return job


@login_required
def job_detail(request, pk: int):
    """A job's page: title, who started it, and the live status box."""
    return render(request, "core/job_detail.html", {"job": _job_for(request.user, pk)})


@login_required
def job_status(request, pk: int):
    """The status box alone (progress bar, log tail); it keeps polling itself until the job is finished."""
    return render(request, "core/job_status.html", {"job": _job_for(request.user, pk)})


@login_required
def job_list(request):
    """The jobs the user may watch, newest first: status, title and date filters, sortable, Excel and print."""
    jobs = visible_jobs(request.user).select_related("created_by", "unit").order_by("-created_at", "-id")
    filterset = JobFilterSet(request.GET, queryset=jobs, request=request)
    table = build_table(JobTable, filterset.qs, request)
    return render_list(
        request, table=table, filterset=filterset, title="Công việc nền", filename="cong-viec", per_page=50
    )
