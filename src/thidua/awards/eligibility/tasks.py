"""Background job kinds of the awards app (registered with :func:`thidua.core.jobs.job_kind`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode

from thidua.core.jobs import job_kind

from .models import EligibilityRun
from .selectors import ELIGIBILITY_JOB
from .services import eligibility_rerun, eligibility_results_discard, eligibility_run_execute


@job_kind(ELIGIBILITY_JOB, on_abort=eligibility_results_discard, rerun=eligibility_rerun)
def run_eligibility(job) -> dict:
    """Execute the eligibility run of ``job`` (created with it by
    :func:`~thidua.awards.eligibility.services.eligibility_run`); the engine reports progress on the job. Returns
    the run id and the candidates page to open."""
    run = EligibilityRun.objects.select_related("unit").get(job=job)
    eligibility_run_execute(run=run, job=job)
    query = {"nam": run.year, **({"don_vi": run.unit_id} if run.unit_id else {})}
    return {"run": run.pk, "url": f"{reverse('eligibility_candidates')}?{urlencode(query)}"}
