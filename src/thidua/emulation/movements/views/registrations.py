"""Pages of emulation registrations: list, page, create, edit, submit, approve, return, and a unit's roll-up."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from thidua.core import vn
from thidua.core.choices import Action
from thidua.core.forms import CommentForm
from thidua.core.lists import build_table, render_list
from thidua.core.policies import has_change_scope
from thidua.core.selectors import action_comments
from thidua.core.views import ActionSummary, ServiceFormView
from thidua.org.labels import unit_label
from thidua.org.models import OrgUnit

from .. import policies, selectors, services
from ..choices import RegistrationStatus
from ..filters import RegistrationFilterSet
from ..forms import ConfirmForm, RegistrationCreateForm, RegistrationEditForm, ReturnForm
from ..tables import RegistrationTable
from ._common import FORM_TEMPLATE, _get, _year


@login_required
def registration_list(request):
    """Registrations the user sees for a year (``?nam=``), with status, unit and name filters, sortable columns,
    Excel and print (core.lists)."""
    year = _year(request)
    regs = selectors.registrations_list(request.user, year=year)
    filterset = RegistrationFilterSet(request.GET, queryset=regs, request=request)
    table = build_table(RegistrationTable, filterset.qs, request)
    context = {"year": year, "can_create": has_change_scope(request.user)}
    return render_list(
        request,
        table=table,
        filterset=filterset,
        title=f"Đăng ký thi đua năm {year}",
        filename=f"dang-ky-thi-dua-{year}",
        template="emulation/movements/registration_list.html",
        per_page=50,
        context=context,
    )


@login_required
def registration_detail(request, pk: int):
    """One registration: titles, targets, status and the superior's decision."""
    registration = _get(selectors.registration_detail, request.user, pk)
    context = {
        "registration": registration,
        "can_edit": policies.can_edit_registration(request.user, registration),
        "can_decide": policies.can_decide_registration(request.user, registration),
        "comments": action_comments(registration),
    }
    return render(request, "emulation/movements/registration_detail.html", context)


class RegistrationCreateView(ServiceFormView):
    """Register a unit or a person for a year."""

    form_class = RegistrationCreateForm
    template_name = FORM_TEMPLATE
    title = "Đăng ký thi đua"

    def load(self, **kwargs):
        if not has_change_scope(self.request.user):
            raise Http404

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, data):
        awards = data.pop("awards")
        return services.registration_create(actor=self.request.user, items=list(awards), **data)

    def get_success_url(self, result):
        return reverse("registration_detail", args=[result.pk])

    def get_cancel_url(self):
        return reverse("registration_list")


class RegistrationFormView(ServiceFormView):
    """A form on one registration; ``allowed`` says which policy the user must pass (404 otherwise)."""

    template_name = FORM_TEMPLATE
    form_class = ConfirmForm

    def allowed(self) -> bool:
        return policies.can_edit_registration(self.request.user, self.registration)

    def load(self, pk: int, **kwargs):
        self.registration = _get(selectors.registration_detail, self.request.user, pk)
        if not self.allowed():
            raise Http404

    def get_success_url(self, result):
        return reverse("registration_detail", args=[self.registration.pk])

    def get_cancel_url(self):
        return reverse("registration_detail", args=[self.registration.pk])

    def get_context(self):
        return {"registration": self.registration}

    def get_summary(self) -> ActionSummary:
        """The registration being sent, approved or returned: who, which year, which movement, the titles."""
        r = self.registration
        rows = [("Đơn vị", unit_label(r.unit)), ("Năm", r.year)]
        if r.person_id:
            rows.append(("Cá nhân", r.person.full_name))
        rows += [
            ("Theo phong trào", r.movement.name if r.movement_id else "—"),
            ("Tình trạng", r.get_status_display()),
        ]
        if r.submitted_at:
            rows.append(("Ngày gửi", vn.format_date(timezone.localtime(r.submitted_at).date(), "short")))
        if r.commitments:
            rows.append(("Nội dung đăng ký, chỉ tiêu", r.commitments))
        items = [f"{i.award.name}" + (f" — chỉ tiêu: {i.targets}" if i.targets else "") for i in r.items.all()]
        return ActionSummary(rows, items, f"Danh hiệu đăng ký ({len(items)})", "Đăng ký thi đua")


class RegistrationEditView(RegistrationFormView):
    """Edit a draft or returned registration."""

    form_class = RegistrationEditForm
    title = "Sửa đăng ký thi đua"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_summary(self):
        return None

    def get_initial(self):
        r = self.registration
        return {
            "awards": [item.award_id for item in r.items.all()],
            "commitments": r.commitments,
            "movement": r.movement_id,
            "version": r.version,
        }

    def perform(self, data):
        return services.registration_update(
            actor=self.request.user,
            registration=self.registration,
            items=list(data["awards"]),
            commitments=data["commitments"],
            movement=data["movement"],
            expected_version=data["version"],
        )


class RegistrationSubmitView(RegistrationFormView):
    """Send the registration to the superior level."""

    form_class = CommentForm
    title = "Gửi đăng ký lên cấp trên"
    submit_label = "Gửi"
    success_message = "Đã gửi đăng ký lên cấp trên."

    def perform(self, data):
        return services.registration_submit(
            actor=self.request.user, registration=self.registration, comment=data["comment"]
        )


class RegistrationApproveView(RegistrationFormView):
    """The superior approves (404 for anyone else)."""

    form_class = CommentForm
    title = "Duyệt đăng ký thi đua"
    submit_label = "Duyệt"
    success_message = "Đã duyệt đăng ký."

    def allowed(self) -> bool:
        return policies.can_decide_registration(self.request.user, self.registration)

    def perform(self, data):
        return services.registration_approve(
            actor=self.request.user, registration=self.registration, comment=data["comment"]
        )


class RegistrationReturnView(RegistrationApproveView):
    """The superior returns the registration with a reason."""

    form_class = ReturnForm
    title = "Trả lại đăng ký thi đua"
    submit_label = "Trả lại"
    danger = True
    success_message = "Đã trả lại đăng ký."

    def perform(self, data):
        return services.registration_return(
            actor=self.request.user, registration=self.registration, reason=data["reason"]
        )


@login_required
def registration_rollup(request, pk: int):
    """A unit's registrations for a year, rolled up level by level (own, then each directly subordinate unit)."""
    unit = get_object_or_404(OrgUnit.objects.visible_to(request.user, Action.VIEW), pk=pk)
    year = _year(request)
    rollup = selectors.registration_rollup(request.user, unit, year)
    context = {"unit": unit, "year": year, "rollup": rollup, "statuses": RegistrationStatus.choices}
    return render(request, "emulation/movements/registration_rollup.html", context)
