"""Emulation groups (khối, cụm thi đua): list, group page, create, leaders and handovers."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from thidua.core.choices import Action
from thidua.core.lists import build_table, render_list
from thidua.core.policies import can_change_unit, has_change_scope
from thidua.core.views import ServiceFormView

from .. import selectors, services
from ..choices import GroupRole
from ..filters import GroupFilterSet
from ..forms import GroupCreateForm, GroupLeaderForm, HandoverForm
from ..models import EmulationGroup
from ..tables import GroupTable, collated


@login_required
def group_list(request):
    """Groups in scope, newest year first, with year, kind and name filters, sortable columns, Excel and print."""
    user = request.user
    years = sorted(
        set(EmulationGroup.objects.visible_to(user, Action.VIEW).order_by().values_list("year", flat=True)),
        reverse=True,
    )
    filterset = GroupFilterSet(request.GET, queryset=selectors.groups_list(user), request=request, years=years)
    table = build_table(GroupTable, collated(request, filterset.qs), request)
    return render_list(
        request,
        table=table,
        filterset=filterset,
        title="Khối, cụm thi đua",
        filename="khoi-cum-thi-dua",
        template="org/group_list.html",
        per_page=50,
        context={"can_create": has_change_scope(user)},
    )


@login_required
def group_detail(request, pk: int):
    """A group: authority, year, members, leaders per role with periods and the handover timeline."""
    try:
        group = selectors.group_detail(request.user, pk)
    except EmulationGroup.DoesNotExist:
        raise Http404 from None
    today = dt.date.today()
    leaderships = sorted(group.leaderships.all(), key=lambda lead: (lead.start_on, lead.pk), reverse=True)
    by_role = [(label, [lead for lead in leaderships if lead.role == role]) for role, label in GroupRole.choices]
    context = {
        "group": group,
        "members": list(group.memberships.all()),
        "leaders_now": selectors.leaders_on(group, today),
        "leaders_by_role": [(label, leads) for label, leads in by_role if leads],
        "handovers": sorted(group.handovers.all(), key=lambda h: (h.occurred_on, h.pk), reverse=True),
        "can_change": can_change_unit(request.user, group.authority),
    }
    return render(request, "org/group_detail.html", context)


class GroupCreateView(ServiceFormView):
    """Set up a group for a year."""

    form_class = GroupCreateForm
    title = "Thành lập khối, cụm thi đua"

    def load(self, **kwargs) -> None:
        if not has_change_scope(self.request.user):
            raise Http404

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_cancel_url(self):
        return reverse("group_list")

    def perform(self, data):
        return services.group_create(actor=self.request.user, **data)

    def get_success_url(self, result):
        return reverse("group_detail", args=[result.pk])


class GroupFormView(ServiceFormView):
    """A form on one group: visible, and its authority in the user's change scope, else 404."""

    def load(self, pk: int, **kwargs) -> None:
        qs = EmulationGroup.objects.visible_to(self.request.user, Action.VIEW).select_related("authority")
        self.group = get_object_or_404(qs.prefetch_related("memberships"), pk=pk)
        if not can_change_unit(self.request.user, self.group.authority):
            raise Http404

    def get_form_kwargs(self):
        return {"group": self.group, "user": self.request.user}

    def get_cancel_url(self):
        return reverse("group_detail", args=[self.group.pk])

    def get_success_url(self, result):
        return reverse("group_detail", args=[self.group.pk])

    def get_context(self):
        return {"group": self.group, "subject": self.group}


class GroupLeaderView(GroupFormView):
    """Appoint a leader (khối trưởng, đồng khối trưởng, khối phó)."""

    form_class = GroupLeaderForm
    title = "Phân công khối trưởng, khối phó"

    def perform(self, data):
        return services.group_leader_set(actor=self.request.user, group=self.group, **data)


class HandoverView(GroupFormView):
    """Record a handover of a leadership role."""

    form_class = HandoverForm
    title = "Bàn giao nhiệm vụ khối trưởng"

    def perform(self, data):
        return services.group_handover(actor=self.request.user, group=self.group, **data)
