"""The records pages: a person's and a unit's records by year, and the register of awards received."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from thidua.core.choices import Action
from thidua.core.lists import build_table, render_list
from thidua.core.policies import can_change_unit
from thidua.org.models import OrgUnit, Person

from .. import selectors
from ..filters import AwardRecordFilterSet
from ..tables import AwardRecordTable

# --- pages -----------------------------------------------------------------------------------------------------


@login_required
def person_records(request, pk: int):
    """A person's ratings, titles, awards, achievements and discipline by year, with the lists and add buttons."""
    person = get_object_or_404(Person.objects.visible_to(request.user, Action.VIEW).select_related("unit"), pk=pk)
    context = {
        "person": person,
        "records": selectors.person_records(person),
        "can_change": can_change_unit(request.user, person.unit),
        "today": dt.date.today(),
    }
    return render(request, "records/person_records.html", context)


@login_required
def unit_records(request, pk: int):
    """A unit's yearly results and the titles and awards it received, by year."""
    unit = get_object_or_404(OrgUnit.objects.visible_to(request.user, Action.VIEW), pk=pk)
    context = {
        "unit": unit,
        "records": selectors.unit_records(unit),
        "can_change": can_change_unit(request.user, unit),
    }
    return render(request, "records/unit_records.html", context)


@login_required
def award_record_list(request):
    """The register of titles and awards received in the user's scope (people and collectives), newest year first,
    with filters, sortable columns, Excel and print."""
    filterset = AwardRecordFilterSet(
        request.GET, queryset=selectors.award_records_in_scope(request.user), request=request
    )
    table = build_table(AwardRecordTable, filterset.qs, request)
    return render_list(
        request,
        table=table,
        filterset=filterset,
        title="Danh hiệu, khen thưởng đã nhận",
        filename="khen-thuong-da-nhan",
        per_page=50,
    )
