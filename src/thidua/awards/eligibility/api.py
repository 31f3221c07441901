"""REST endpoints of eligibility: stored results of the latest run, a person's live verdicts, starting a run as a
background job, and the job's status.

Units and people are looked up in the caller's scope (out of scope: 404). Starting a run needs the change scope on
the unit (422 on ``unit`` otherwise, as for every create). A job is visible to its creator and to whoever sees its
unit.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from ninja import Router, Status

from thidua.core.choices import Action
from thidua.core.jobs import reap_dead_jobs
from thidua.core.models import Job
from thidua.core.schemas import Id, Page, Year
from thidua.org import selectors as org_selectors
from thidua.org.labels import unit_label
from thidua.org.models import OrgUnit

from . import selectors
from .forms import default_year
from .presenters import explain_subject, reason_rows
from .schemas import EligibilityPageOut, ErrorOut, JobOut, OutcomeCode, PersonEligibilityOut, RunStartIn
from .services import eligibility_run

router = Router(tags=["Xét khen thưởng"])


def _item(result) -> dict:
    person = result.person
    return {
        "id": result.pk,
        "subject_type": "person" if person else "unit",
        "person_id": result.person_id,
        "person_name": person.full_name if person else None,
        "unit_id": result.unit_id,
        "unit_name": result.unit.name,
        "unit_label": unit_label(result.unit),
        "award": result.award.code,
        "award_name": result.award.name,
        "outcome": result.outcome,
        "soon_on": result.soon_on,
        "reasons": [vars(r) for r in reason_rows(result.reasons)],
    }


@router.get(
    "/eligibility",
    response={200: EligibilityPageOut, 401: ErrorOut, 404: ErrorOut},
    summary="Kết quả xét điều kiện (lượt xét mới nhất)",
)
def eligibility_list(
    request,
    unit: Id,
    year: Year | None = None,
    award: str = "",
    outcome: OutcomeCode | None = None,
    page: Page = 1,
):
    """Results of the latest finished run for (year, unit) — last year by default — filtered by award code and
    outcome, 50 a page. ``run`` is null when the unit has not been evaluated for that year; a unit outside the
    caller's scope is a 404."""
    year = year or default_year()
    unit_obj = selectors.visible_unit(request.auth, unit)
    run = selectors.latest_run(unit_obj, year, user=request.auth)
    out = {"year": year, "unit": unit_obj.pk, "run": run, "count": 0, "page": 1, "pages": 1, "items": []}
    if run is not None:
        results = selectors.run_results(request.auth, run, award=award, outcome=outcome or "")
        paginator = Paginator(results, settings.ELIGIBILITY_PAGE_SIZE)
        current = paginator.get_page(page)
        out.update(
            count=paginator.count,
            page=current.number,
            pages=paginator.num_pages,
            items=[_item(r) for r in current.object_list],
        )
    return out


@router.get(
    "/people/{person_id}/eligibility",
    response={200: PersonEligibilityOut, 401: ErrorOut, 404: ErrorOut},
    summary="Điều kiện khen thưởng của một cán bộ (tính trực tiếp)",
)
def person_eligibility(request, person_id: Id, year: Year | None = None):
    """The engine's live verdict for the person on every award that applies to individuals, with reasons."""
    year = year or default_year()
    person = org_selectors.person_detail(request.auth, person_id)
    rows = explain_subject(person, list(selectors.awards_catalogue(subject="person")), year)
    verdicts = [
        {
            "award": row.award.code,
            "award_name": row.award.name,
            "outcome": row.outcome or None,
            "soon_on": row.soon_on,
            "reasons": [vars(r) for r in row.reasons],
            "error": row.error,
        }
        for row in rows
    ]
    return {"person_id": person.pk, "year": year, "verdicts": verdicts}


@router.post(
    "/eligibility/runs",
    response={202: JobOut, 401: ErrorOut, 422: dict},
    summary="Chạy xét điều kiện cho một đơn vị (công việc nền)",
)
def eligibility_run_start(request, body: RunStartIn):
    """Queue a run for (year, unit) as a background job; poll ``GET /jobs/{id}`` for its progress. The unit must be
    in the caller's change scope (422 on ``unit`` otherwise)."""
    unit = OrgUnit.objects.visible_to(request.auth, Action.CHANGE).filter(pk=body.unit).first()
    if unit is None:
        raise ValidationError({"unit": [f"Đơn vị #{body.unit}: không tìm thấy hoặc nằm ngoài phạm vi của bạn."]})
    return Status(202, eligibility_run(actor=request.auth, year=body.year, unit=unit).job)


@router.get("/jobs/{job_id}", response={200: JobOut, 401: ErrorOut, 404: ErrorOut}, summary="Trạng thái công việc nền")
def job_detail(request, job_id: Id):
    """Status and progress of a job: visible to its creator and to whoever sees its unit."""
    reap_dead_jobs()
    job = Job.objects.visible_to(request.auth).filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job
