"""Pages of emulation pacts (giao ước thi đua): list, page, create, sign."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from thidua.core.lists import build_table, render_list
from thidua.core.policies import has_change_scope
from thidua.core.views import ServiceFormView

from .. import policies, selectors, services
from ..filters import PactFilterSet
from ..forms import PactCreateForm, PactSignForm
from ..tables import PactTable
from ._common import FORM_TEMPLATE, _get


@login_required
def pact_list(request):
    """Pacts of the blocks the user sees, with year and name filters, sortable columns, Excel and print."""
    filterset = PactFilterSet(request.GET, queryset=selectors.pacts_list(request.user), request=request)
    table = build_table(PactTable, filterset.qs, request)
    context = {"can_create": has_change_scope(request.user)}
    return render_list(
        request,
        table=table,
        filterset=filterset,
        title="Giao ước thi đua",
        filename="giao-uoc-thi-dua",
        template="emulation/movements/pact_list.html",
        per_page=30,
        context=context,
    )


@login_required
def pact_detail(request, pk: int):
    """A pact: content, members and who has signed."""
    pact = _get(selectors.pact_detail, request.user, pk)
    signed = {s.unit_id: s for s in pact.signatures.all()}
    members = [(m.unit, signed.get(m.unit_id)) for m in pact.group.memberships.all()]
    locked = bool(members) and all(s for _, s in members)
    can_sign = not locked and any(s is None and policies.can_sign_pact_for(request.user, unit) for unit, s in members)
    context = {"pact": pact, "members": members, "locked": locked, "can_sign": can_sign}
    return render(request, "emulation/movements/pact_detail.html", context)


class PactCreateView(ServiceFormView):
    """Write a block's pact."""

    form_class = PactCreateForm
    template_name = FORM_TEMPLATE
    title = "Thêm giao ước thi đua"

    def load(self, **kwargs):
        if not has_change_scope(self.request.user):
            raise Http404

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, data):
        return services.pact_create(actor=self.request.user, **data)

    def get_success_url(self, result):
        return reverse("pact_detail", args=[result.pk])

    def get_cancel_url(self):
        return reverse("pact_list")


class PactSignView(ServiceFormView):
    """A member unit signs (404 when the user may sign for no unsigned member)."""

    form_class = PactSignForm
    template_name = FORM_TEMPLATE
    title = "Ký giao ước thi đua"
    submit_label = "Ký"

    def load(self, pk: int, **kwargs):
        self.pact = _get(selectors.pact_detail, self.request.user, pk)
        signed = {s.unit_id for s in self.pact.signatures.all()}
        if not any(
            m.unit_id not in signed and policies.can_sign_pact_for(self.request.user, m.unit)
            for m in self.pact.group.memberships.all()
        ):
            raise Http404

    def get_form_kwargs(self):
        return {"user": self.request.user, "pact": self.pact}

    def get_initial(self):
        return {"signed_on": dt.date.today()}

    def perform(self, data):
        return services.pact_sign(actor=self.request.user, pact=self.pact, **data)

    def get_success_url(self, result):
        return reverse("pact_detail", args=[self.pact.pk])

    def get_cancel_url(self):
        return reverse("pact_detail", args=[self.pact.pk])

    def get_context(self):
        return {"pact": self.pact}
