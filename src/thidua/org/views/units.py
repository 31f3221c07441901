"""The unit tree (lazily expanded with htmx), the unit page and the unit forms."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from thidua.core.choices import Action
from thidua.core.lists import build_table, render_list
from thidua.core.policies import can_change_unit
from thidua.core.scoping import in_scope
from thidua.core.views import ServiceFormView, paginate

from .. import selectors, services
from ..filters import UnitFilterSet
from ..forms import UnitCreateForm, UnitEditForm, UnitMergeForm, UnitMoveForm, UnitRenameForm
from ..models import OrgUnit, Person
from ..tables import UnitTable, collated


@login_required
def unit_tree(request):
    """The top of the user's visible tree; branches load on demand."""
    roots = selectors.tree_roots(request.user)
    counts = dict(
        Person.objects.filter(unit_id__in=[u.pk for u in roots])
        .values_list("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
    for unit in roots:
        unit.people_count = counts.get(unit.pk, 0)
    return render(request, "org/unit_tree.html", {"nodes": roots})


@login_required
def unit_list(request):
    """All units in scope as a flat list (tree order, indented), with filters, sorting, Excel and print."""
    filterset = UnitFilterSet(request.GET, queryset=selectors.units_listing(request.user), request=request)
    table = build_table(UnitTable, collated(request, filterset.qs), request)
    return render_list(
        request,
        table=table,
        filterset=filterset,
        title="Danh sách đơn vị",
        filename="don-vi",
        template="org/unit_list.html",
        per_page=100,
    )


@login_required
def unit_children(request, pk: int):
    """The htmx partial with the visible direct children of a unit."""
    unit = get_object_or_404(OrgUnit.objects.visible_to(request.user, Action.VIEW), pk=pk)
    children = selectors.tree_children(request.user, unit)
    return render(request, "org/_tree_nodes.html", {"nodes": children, "parent": unit})


@login_required
def unit_detail(request, pk: int):
    """A unit: identity, breadcrumb, people, sub-units, emulation groups and history."""
    user = request.user
    unit = get_object_or_404(OrgUnit.objects.visible_to(user, Action.VIEW).select_related("successor"), pk=pk)
    above = list(OrgUnit.objects.get_ancestors(unit))
    ancestors = [a for a in above if in_scope(user, a.pk, Action.VIEW)]
    events = unit.events.select_related("old_parent", "new_parent", "other_unit").order_by("-occurred_on", "-id")
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "people_page": paginate(request, selectors.unit_people(unit), settings.PEOPLE_PAGE_SIZE),
        "children": selectors.tree_children(user, unit),
        "groups": list(selectors.unit_groups(unit)[:100]),
        "events": list(events),
        "can_change": can_change_unit(user, unit),
        "enterprise": next((a for a in reversed(above) if a.is_enterprise), None),  # the enclosing enterprise
    }
    return render(request, "org/unit_detail.html", context)


class UnitFormView(ServiceFormView):
    """A form on one unit: the unit must be visible and within the user's change scope, else 404."""

    def load(self, pk: int, **kwargs) -> None:
        self.unit = get_object_or_404(OrgUnit.objects.visible_to(self.request.user, Action.VIEW), pk=pk)
        if not can_change_unit(self.request.user, self.unit):
            raise Http404

    def get_cancel_url(self) -> str:
        return reverse("unit_detail", args=[self.unit.pk])

    def get_success_url(self, result) -> str:
        return reverse("unit_detail", args=[result.pk])

    def get_context(self):
        return {"unit": self.unit, "subject": self.unit}


class UnitCreateView(UnitFormView):
    """Create a sub-unit."""

    form_class = UnitCreateForm
    title = "Thêm đơn vị trực thuộc"

    def perform(self, data):
        return services.unit_create(actor=self.request.user, parent=self.unit, **data)


class UnitEditView(UnitFormView):
    """Edit a unit's descriptive fields (optimistically locked)."""

    form_class = UnitEditForm
    title = "Sửa thông tin đơn vị"

    def get_initial(self):
        fields = (
            "short_name",
            "kind",
            "code",
            "is_enterprise",
            "valid_from",
            "valid_to",
            "signer_authority",
            "signer_title",
            "signer_name",
            "version",
        )
        return {f: getattr(self.unit, f) for f in fields}

    def perform(self, data):
        version = data.pop("version")
        return services.unit_update(actor=self.request.user, unit=self.unit, expected_version=version, **data)


class UnitRenameView(UnitFormView):
    """Rename a unit from a date."""

    form_class = UnitRenameForm
    title = "Đổi tên đơn vị"

    def get_initial(self):
        return {"version": self.unit.version}

    def perform(self, data):
        return services.unit_rename(
            actor=self.request.user,
            unit=self.unit,
            new_name=data["new_name"],
            new_short_name=data["new_short_name"] or None,
            occurred_on=data["occurred_on"],
            decision_ref=data["decision_ref"],
            expected_version=data["version"],
        )


class UnitMoveView(UnitFormView):
    """Move a unit under another parent."""

    form_class = UnitMoveForm
    title = "Chuyển trực thuộc"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, data):
        return services.unit_move(actor=self.request.user, unit=self.unit, **data)


class UnitMergeView(UnitFormView):
    """Merge a unit into a successor."""

    form_class = UnitMergeForm
    title = "Sáp nhập đơn vị"
    submit_label = "Sáp nhập"
    danger = True
    confirm = "Sáp nhập đơn vị? Cán bộ sẽ được điều động sang đơn vị kế thừa và đơn vị này chấm dứt hoạt động."

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, data):
        return services.unit_merge(actor=self.request.user, unit=self.unit, **data)
