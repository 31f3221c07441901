"""The people list (as-you-type search), the person page and the person forms."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from thidua.core.choices import Action
from thidua.core.lists import build_table, render_list
from thidua.core.policies import can_change_unit, has_change_scope
from thidua.core.views import ServiceFormView

from .. import selectors, services
from ..choices import UnitEventKind
from ..filters import PersonFilterSet
from ..forms import (
    PersonCreateForm,
    PersonEditForm,
    PositionAddForm,
    PositionEndForm,
    RankChangeForm,
    ServicePeriodForm,
    TransferForm,
)
from ..models import OrgUnitEvent, Person, Position
from ..tables import PersonTable

RESULTS_TARGET = "person-results"


@login_required
def person_list(request):
    """People in scope: diacritic-free search, unit-subtree, rank and category filters, sortable columns (Vietnamese
    name order by default), Excel export and a print view of exactly the filtered rows.

    An htmx request aimed at the results box gets only the results partial. The query count does not grow with the
    number of rows (current positions are prefetched in one query); a text search pages primary keys first.
    """
    user = request.user
    filterset = PersonFilterSet(request.GET, queryset=selectors.people_in_scope(user), request=request)
    today = dt.date.today()
    current = Position.objects.filter(start_on__lte=today).filter(Q(end_on__isnull=True) | Q(end_on__gte=today))
    data = selectors.people_page_source(
        filterset.qs, searched=filterset.searched, prefetch=(Prefetch("positions", queryset=current),)
    )
    table = build_table(PersonTable, data, request, searched=filterset.searched, on=today)
    context = {
        "filters": filterset,
        "filterset": filterset,
        "selected_unit": filterset.selected_unit,
        "q": filterset.form.cleaned_data.get("q", "") if filterset.form.is_valid() else "",
        "can_create": has_change_scope(user),
    }
    return render_list(
        request,
        table=table,
        filterset=filterset,
        title="Cán bộ, quân nhân",
        filename="can-bo",
        template="org/person_list.html",
        per_page=settings.PEOPLE_PAGE_SIZE,
        context=context,
        partial=(RESULTS_TARGET, "org/_person_results.html"),
    )


def _names_at_time(rows) -> None:
    """Set ``unit_name_then`` on each row (position or membership): the unit's name on the row's start date.

    One query for all renames of the units involved, instead of one ``name_on`` query per row.
    """
    rows = list(rows)
    unit_ids = {row.unit_id for row in rows}
    renames: dict[int, list[OrgUnitEvent]] = {}
    for event in OrgUnitEvent.objects.filter(unit_id__in=unit_ids, kind=UnitEventKind.RENAME).order_by(
        "occurred_on", "id"
    ):
        renames.setdefault(event.unit_id, []).append(event)
    for row in rows:
        later = [e for e in renames.get(row.unit_id, []) if e.occurred_on > row.start_on]
        label = str(row.unit)  # "Phòng Kế hoạch — Nhà máy Z111": the old name keeps today's parent part
        parent_part = label[len(row.unit.name) :] if label.startswith(row.unit.name) else ""
        row.unit_name_then = later[0].old_name + parent_part if later else label


@login_required
def person_detail(request, pk: int):
    """A person: rank, current positions, identity, years of service and every history."""
    try:
        person = selectors.person_detail(request.user, pk)
    except Person.DoesNotExist:
        raise Http404 from None
    positions = sorted(person.positions.all(), key=lambda p: (p.start_on, p.pk), reverse=True)
    memberships = sorted(person.memberships.all(), key=lambda m: (m.start_on, m.pk), reverse=True)
    _names_at_time([*positions, *memberships])
    context = {
        "person": person,
        "positions_text": selectors.positions_text(person),
        "positions": positions,
        "memberships": memberships,
        "rank_changes": sorted(person.rank_changes.all(), key=lambda r: (r.effective_on, r.pk), reverse=True),
        "service_periods": list(person.service_periods.all()),
        "service": selectors.service_summary(person),
        "can_change": can_change_unit(request.user, person.unit),
        "today": dt.date.today(),
    }
    return render(request, "org/person_detail.html", context)


class PersonCreateView(ServiceFormView):
    """Register a person in a unit within the user's change scope."""

    form_class = PersonCreateForm
    title = "Thêm cán bộ, quân nhân"

    def load(self, **kwargs) -> None:
        if not has_change_scope(self.request.user):
            raise Http404

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        unit = self.request.GET.get("don_vi", "")
        return {"unit": int(unit)} if unit.isdigit() else {}

    def get_cancel_url(self):
        return reverse("person_list")

    def perform(self, data):
        return services.person_create(actor=self.request.user, **data)

    def get_success_url(self, result):
        return reverse("person_detail", args=[result.pk])


class PersonFormView(ServiceFormView):
    """A form on one person: visible and in the user's change scope, else 404."""

    def load(self, pk: int, **kwargs) -> None:
        self.person = get_object_or_404(
            Person.objects.visible_to(self.request.user, Action.VIEW).select_related("unit"), pk=pk
        )
        if not can_change_unit(self.request.user, self.person.unit):
            raise Http404

    def get_cancel_url(self):
        return reverse("person_detail", args=[self.person.pk])

    def get_success_url(self, result):
        return reverse("person_detail", args=[self.person.pk])

    def get_context(self):
        return {"person": self.person, "subject": self.person}


class PersonEditView(PersonFormView):
    """Edit identity fields with optimistic locking (a stale version shows a conflict and saves nothing)."""

    form_class = PersonEditForm
    title = "Sửa thông tin cán bộ"

    def get_initial(self):
        fields = ("full_name", "gender", "date_of_birth", "cccd", "category", "party_joined_on", "hometown", "version")
        return {f: getattr(self.person, f) for f in fields}

    def perform(self, data):
        version = data.pop("version")
        return services.person_update(actor=self.request.user, person=self.person, expected_version=version, **data)


class RankAddView(PersonFormView):
    """Record a rank conferred on the person."""

    form_class = RankChangeForm
    title = "Thêm quân hàm"

    def perform(self, data):
        return services.person_rank_change(actor=self.request.user, person=self.person, **data)


class PositionAddView(PersonFormView):
    """Add a position."""

    form_class = PositionAddForm
    title = "Thêm chức vụ"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        return {"unit": self.person.unit_id}

    def perform(self, data):
        return services.position_add(actor=self.request.user, person=self.person, **data)


class PositionEndView(PersonFormView):
    """End a current position."""

    form_class = PositionEndForm
    title = "Thôi giữ chức vụ"

    def load(self, pk: int, position_pk: int, **kwargs) -> None:
        super().load(pk)
        self.position = get_object_or_404(self.person.positions.select_related("person__unit"), pk=position_pk)
        self.title = f"Thôi giữ chức vụ: {self.position.title}"

    def perform(self, data):
        return services.position_end(actor=self.request.user, position=self.position, **data)


class TransferView(PersonFormView):
    """Transfer the person to another unit."""

    form_class = TransferForm
    title = "Điều động"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, data):
        return services.person_transfer(actor=self.request.user, person=self.person, **data)


class ServicePeriodAddView(PersonFormView):
    """Add a period of service."""

    form_class = ServicePeriodForm
    title = "Thêm thời gian phục vụ"

    def perform(self, data):
        return services.service_period_add(actor=self.request.user, person=self.person, **data)
