"""Eligibility pages: candidates per year and unit (with a run as a Job, filters, caps, Excel export), the rule-set
page (with the administrators' form for a new rule version), and a person's / a unit's live eligibility with a
"what if" check.

Views only parse input, call one selector or service and render; every object is fetched through the user's scope,
so a unit or person outside it is a 404.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from thidua.core.choices import Action
from thidua.core.filters import FormFilters
from thidua.core.lists import EXPORT_PARAM, PRINT_PARAM, build_table, render_list
from thidua.core.validators import MAX_YEAR, MIN_YEAR
from thidua.core.views import apply_service_errors
from thidua.core.xlsx import XLSX_TYPE
from thidua.org import selectors as org_selectors
from thidua.org.models import OrgUnit, Person, Position

from . import exports, selectors
from .forms import CandidateFilterForm, RuleVersionForm, RunStartForm, WhatIfForm, default_year
from .models import Award
from .policies import can_manage_rules, can_run_eligibility
from .presenters import describe_rule, explain_subject, rule_versions_used
from .services import eligibility_run
from .tables import CandidateTable

# --- candidates ----------------------------------------------------------------------------------------------------


def _candidate_context(request):
    """Parse the filters and fetch the unit, the latest run and its filtered results (shared with the export)."""
    user = request.user
    awards = list(selectors.awards_catalogue())
    filters = CandidateFilterForm(request.GET or None, user=user, awards=awards)
    filters.is_valid()
    data = getattr(filters, "cleaned_data", {})  # the valid fields only: a junk year does not hide the unit
    year = data.get("nam") or default_year()
    unit = data.get("don_vi")
    if unit is None and request.GET.get("don_vi"):
        raise Http404  # a unit id outside the user's scope is not confirmed to exist
    context = {"filters": filters, "year": year, "unit": unit, "awards": awards, "run": None, "results": None}
    if unit is not None:
        run = selectors.latest_run(unit, year, user=user)
        context["run"] = run
        if run is not None:
            context["results"] = selectors.run_results(
                user, run, award=data.get("danh_hieu", ""), outcome=data.get("ket_qua", ""), q=data.get("q", "")
            )
    return context


@login_required
def candidates(request):
    """Xét điều kiện khen thưởng: the latest run for a year and unit, with filters, caps and run metadata; the results
    are a sortable list table with a print view (``?print=1``) and the Excel export (``?export=xlsx``, the same
    workbook as :func:`export`).

    The query count does not depend on the number of rows (one page of results with award, person and unit joined;
    one aggregate for the award × outcome counts).
    """
    if "don_vi" not in request.GET:
        # Open on the user's own top unit rather than an empty page: most officers have exactly one.
        roots = org_selectors.tree_roots(request.user)
        if roots:
            query = request.GET.copy()
            query["don_vi"] = roots[0].pk
            if not query.get("nam"):
                query["nam"] = default_year()  # the year the title names, shown in its field too
            return redirect(f"{request.path}?{query.urlencode()}")
    if request.GET.get(EXPORT_PARAM) == "xlsx":
        return export(request)
    context = _candidate_context(request)
    unit, year, run = context["unit"], context["year"], context["run"]
    if unit is None:
        return render(request, "awards/candidates.html", context)
    context["job"] = selectors.pending_job(unit, year, user=request.user)
    context["can_run"] = can_run_eligibility(request.user, unit)
    if run is None:
        return render(request, "awards/candidates.html", context)
    table = build_table(CandidateTable, context["results"], request)
    if not request.GET.get(PRINT_PARAM):
        context["counts"] = selectors.run_counts(request.user, run, context["awards"])
        context["caps"] = selectors.run_caps(request.user, run)
        context["versions_used"] = rule_versions_used(selectors.run_rule_versions(run))
        context["export_query"] = request.GET.urlencode()
    return render_list(
        request,
        table=table,
        filterset=FormFilters(context["filters"]),
        title=f"Xét điều kiện khen thưởng năm {year} — {unit.name}",
        filename=f"xet-khen-thuong-{year}-{unit.pk}",
        template="awards/candidates.html",
        per_page=settings.ELIGIBILITY_PAGE_SIZE,
        context=context,
        note=exports.run_note(run),
    )


@login_required
@require_POST
def run_start(request):
    """Start an eligibility run for (year, unit) as a background Job, then show the page with its progress bar."""
    form = RunStartForm(request.POST, user=request.user)
    if not form.is_valid():
        raise Http404  # the only way to fail is a unit outside the change scope (or junk): not confirmed to exist
    year, unit = form.cleaned_data["nam"], form.cleaned_data["don_vi"]
    eligibility_run(actor=request.user, year=year, unit=unit)
    messages.info(request, f"Đã bắt đầu xét điều kiện khen thưởng năm {year}.")
    return redirect(f"{reverse('eligibility_candidates')}?{urlencode({'nam': year, 'don_vi': unit.pk})}")


@login_required
def export(request):
    """The filtered results of the latest run as an Excel workbook (all pages, in the order the list shows)."""
    context = _candidate_context(request)
    unit, run = context["unit"], context["run"]
    if unit is None:
        raise Http404
    today = dt.date.today()
    current = Position.objects.filter(start_on__lte=today).filter(Q(end_on__isnull=True) | Q(end_on__gte=today))
    results = (
        [] if run is None else context["results"].prefetch_related(Prefetch("person__positions", queryset=current))
    )
    table = build_table(CandidateTable, results, request)
    summary = FormFilters(context["filters"]).summary_text()
    content = exports.candidates_xlsx(table, year=context["year"], unit=unit, run=run, summary=summary)
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="xet-khen-thuong-{context["year"]}-{unit.pk}.xlsx"'
    return response


# --- rule sets -----------------------------------------------------------------------------------------------------


@login_required
def rules(request):
    """Quy tắc khen thưởng: each award with its rule versions, each condition in plain Vietnamese with its source."""
    awards = list(selectors.rule_catalogue())
    for award in awards:
        award.versions = [describe_rule(version) for version in award.rule_versions.all()]
    return render(request, "awards/rules.html", {"awards": awards, "can_manage": can_manage_rules(request.user)})


@login_required
def rule_version_add(request):
    """Administrators add a rule version by pasting or uploading a TOML/JSON document (validated, then saved)."""
    if not can_manage_rules(request.user):
        raise Http404
    form = RuleVersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        from .services import rule_version_create

        rule = form.cleaned_data["rule"]
        award = Award.objects.filter(code=rule.award).first()
        if award is None:
            form.add_error("document", f"award: không có mã '{rule.award}' trong danh mục khen thưởng")
        else:
            try:
                version = rule_version_create(
                    actor=request.user,
                    award=award,
                    document=form.cleaned_data["parsed"],
                    source=form.cleaned_data.get("source") or "quản trị",
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, f"Đã thêm phiên bản quy tắc: {version}.")
                return redirect(f"{reverse('rules')}#award-{award.code}")
    return render(request, "awards/rule_version_form.html", {"form": form, "title": "Thêm phiên bản quy tắc"})


# --- person and unit eligibility -----------------------------------------------------------------------------------


def _year(request) -> int:
    value = request.GET.get("nam", "")
    return int(value) if value.isdigit() and MIN_YEAR <= int(value) <= MAX_YEAR else default_year()


@login_required
def person_eligibility(request, pk: int):
    """A person's eligibility for every award that applies to individuals, computed live, with a "what if" form."""
    try:
        person = org_selectors.person_detail(request.user, pk)
    except Person.DoesNotExist:
        raise Http404 from None
    year = _year(request)
    whatif = WhatIfForm(request.GET if request.GET.get("gia_dinh") else None)
    overrides = whatif.overrides() if whatif.is_bound and whatif.is_valid() else None
    awards = list(selectors.awards_catalogue(subject="person"))
    conferred = selectors.conferred_award_ids(person, year)
    context = {
        "person": person,
        "year": year,
        "verdicts": explain_subject(person, awards, year, conferred=conferred),
        "whatif": whatif,
        "overrides": overrides,
        "whatif_verdicts": explain_subject(person, awards, year, overrides=overrides) if overrides else None,
    }
    return render(request, "awards/person_eligibility.html", context)


@login_required
def unit_eligibility(request, pk: int):
    """A unit's eligibility for every collective title and award, computed live."""
    try:
        unit = OrgUnit.objects.visible_to(request.user, Action.VIEW).get(pk=pk)
    except OrgUnit.DoesNotExist:
        raise Http404 from None
    year = _year(request)
    awards = list(selectors.awards_catalogue(subject="unit"))
    conferred = selectors.conferred_award_ids(unit, year)
    context = {"unit": unit, "year": year, "verdicts": explain_subject(unit, awards, year, conferred=conferred)}
    return render(request, "awards/unit_eligibility.html", context)
