"""Background job kinds of the awards app (registered with :func:`thidua.core.jobs.job_kind`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode

from thidua.core.jobs import job_kind
from thidua.org.models import OrgUnit

from .models import EligibilityRun
from .selectors import CAPS_KEY, ELIGIBILITY_JOB, compute_caps


@job_kind(ELIGIBILITY_JOB)
def run_eligibility(job) -> dict:
    """Create and execute an eligibility run for ``job.params`` ``{"year", "unit"}``; the engine reports progress
    on the job. Returns the run id and the candidates page to open."""
    from .services import eligibility_run_create, eligibility_run_execute

    year = int(job.params["year"])
    unit = OrgUnit.objects.get(pk=job.params["unit"]) if job.params.get("unit") else None
    run = eligibility_run_create(actor=job.created_by, year=year, unit=unit)
    eligibility_run_execute(actor=job.created_by, run=run, job=job)
    store_caps(run)
    query = {"nam": year, **({"don_vi": unit.pk} if unit else {})}
    return {"run": run.pk, "url": f"{reverse('eligibility_candidates')}?{urlencode(query)}"}


def store_caps(run: EligibilityRun) -> None:
    """Keep the run's cap reports in its summary, so the candidates page does not recompute them (derived data of a
    finished run; the run's own counts stay untouched)."""
    run.refresh_from_db(fields=["summary", "status"])
    if run.status == EligibilityRun.Status.DONE:
        run.summary = {**(run.summary or {}), CAPS_KEY: compute_caps(run)}
        EligibilityRun.objects.filter(pk=run.pk).update(summary=run.summary)
