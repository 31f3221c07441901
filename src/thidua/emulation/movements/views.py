"""Web pages of movements, registrations, pacts and the emulation calendar.

Objects are fetched through the scoped selectors (404 outside the scope); change forms also check the policy and are a
404 for users who may only look; each POST calls one service through :class:`thidua.core.views.ServiceFormView`.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from pathlib import PurePath

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import slugify

from thidua.core import vn
from thidua.core.choices import Action
from thidua.core.lists import build_table, render_list
from thidua.core.policies import has_change_scope
from thidua.core.views import ServiceFormView, paginate
from thidua.org.models import OrgUnit

from . import policies, selectors, services
from .choices import MovementStatus, RegistrationStatus
from .filters import PactFilterSet, RegistrationFilterSet
from .forms import (
    ConfirmForm,
    MovementCreateForm,
    MovementDocumentForm,
    MovementEditForm,
    PactCreateForm,
    PactSignForm,
    RegistrationCreateForm,
    RegistrationEditForm,
    ReturnForm,
)
from .models import Movement, MovementDocument, Pact, Registration
from .tables import PactTable, RegistrationTable

FORM_TEMPLATE = "emulation/movements/form.html"


def _year(request) -> int:
    """``?nam=`` as a year (this year when missing or junk)."""
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        return dt.date.today().year
    return year if 2000 <= year <= 2100 else dt.date.today().year


def _get(fetch, *args):
    try:
        return fetch(*args)
    except (Movement.DoesNotExist, Registration.DoesNotExist, Pact.DoesNotExist) as exc:
        raise Http404 from exc


# --- movements -------------------------------------------------------------------------------------------------


@login_required
def movement_list(request):
    """Movements launched by or pushed to the user's units."""
    status = request.GET.get("trang_thai", "")
    if status not in MovementStatus.values:
        status = ""
    movements = selectors.movements_list(request.user, status=status)
    context = {
        "page": paginate(request, movements, 30),
        "status": status,
        "statuses": MovementStatus.choices,
        "can_create": has_change_scope(request.user),
    }
    return render(request, "emulation/movements/movement_list.html", context)


@login_required
def movement_detail(request, pk: int):
    """A movement: description, documents, targeted units and the registrations made under it."""
    movement = _get(selectors.movement_detail, request.user, pk)
    context = {
        "movement": movement,
        "registrations": selectors.movement_registrations(request.user, movement),
        "registration_due": selectors.registration_due_on(movement),
        "can_change": policies.can_change_movement(request.user, movement),
    }
    return render(request, "emulation/movements/movement_detail.html", context)


@login_required
def movement_document_download(request, pk: int, doc_pk: int):
    """Serve a directive file, only to users who see the movement (there is no public media URL)."""
    movement = _get(selectors.movement_detail, request.user, pk)
    document = get_object_or_404(MovementDocument, pk=doc_pk, movement=movement)
    if not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    ext = PurePath(document.file.name).suffix.lower()
    filename = f"{slugify(vn.search_key(document.title)) or 'van-ban'}{ext}"
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


class MovementCreateView(ServiceFormView):
    """Draft a new movement."""

    form_class = MovementCreateForm
    template_name = FORM_TEMPLATE
    title = "Thêm phong trào thi đua"

    def load(self, **kwargs):
        if not has_change_scope(self.request.user):
            raise Http404

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        return {"start_on": dt.date.today(), "include_descendants": True}

    def perform(self, data):
        return services.movement_create(actor=self.request.user, **data)

    def get_success_url(self, result):
        return reverse("movement_detail", args=[result.pk])

    def get_cancel_url(self):
        return reverse("movement_list")


class MovementFormView(ServiceFormView):
    """A form on one movement the user may change (404 otherwise)."""

    template_name = FORM_TEMPLATE
    form_class = ConfirmForm

    def load(self, pk: int, **kwargs):
        self.movement = _get(selectors.movement_detail, self.request.user, pk)
        if not policies.can_change_movement(self.request.user, self.movement):
            raise Http404

    def get_success_url(self, result):
        return reverse("movement_detail", args=[self.movement.pk])

    def get_cancel_url(self):
        return reverse("movement_detail", args=[self.movement.pk])

    def get_context(self):
        return {"movement": self.movement}


class MovementEditView(MovementFormView):
    """Edit a movement."""

    form_class = MovementEditForm
    title = "Sửa phong trào thi đua"

    def get_initial(self):
        m = self.movement
        fields = ("name", "kind", "theme", "slogan", "start_on", "end_on", "include_descendants", "description")
        return {**{f: getattr(m, f) for f in fields}, "version": m.version}

    def perform(self, data):
        version = data.pop("version")
        return services.movement_update(
            actor=self.request.user, movement=self.movement, expected_version=version, **data
        )


class MovementDocumentAddView(MovementFormView):
    """Attach a directive document."""

    form_class = MovementDocumentForm
    title = "Thêm văn bản chỉ đạo"
    multipart = True

    def get_form_kwargs(self):
        return {"files": self.request.FILES} if self.request.method == "POST" else {}

    def perform(self, data):
        upload = data.pop("file", None)
        return services.movement_document_add(
            actor=self.request.user, movement=self.movement, upload=upload or None, **data
        )

    def get_context(self):
        return {"movement": self.movement, "multipart": True}


class MovementLaunchView(MovementFormView):
    """Launch: push the movement to the units in its scope."""

    title = "Phát động phong trào"
    submit_label = "Phát động"
    success_message = "Đã phát động phong trào tới các đơn vị."

    def perform(self, data):
        return services.movement_launch(actor=self.request.user, movement=self.movement)

    def get_context(self):
        units = selectors.movement_target_units(self.movement).count()
        note = f"Phong trào sẽ được gửi tới {vn.format_number(units)} đơn vị."
        return {"movement": self.movement, "note": note}


class MovementCloseView(MovementFormView):
    """Close a running movement."""

    title = "Kết thúc phong trào"
    submit_label = "Kết thúc"
    danger = True

    def perform(self, data):
        return services.movement_close(actor=self.request.user, movement=self.movement)


# --- registrations ---------------------------------------------------------------------------------------------


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


class RegistrationEditView(RegistrationFormView):
    """Edit a draft or returned registration."""

    form_class = RegistrationEditForm
    title = "Sửa đăng ký thi đua"

    def get_form_kwargs(self):
        return {"user": self.request.user}

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

    title = "Gửi đăng ký lên cấp trên"
    submit_label = "Gửi"
    success_message = "Đã gửi đăng ký lên cấp trên."

    def perform(self, data):
        return services.registration_submit(actor=self.request.user, registration=self.registration)


class RegistrationApproveView(RegistrationFormView):
    """The superior approves (404 for anyone else)."""

    title = "Duyệt đăng ký thi đua"
    submit_label = "Duyệt"
    success_message = "Đã duyệt đăng ký."

    def allowed(self) -> bool:
        return policies.can_decide_registration(self.request.user, self.registration)

    def perform(self, data):
        return services.registration_approve(actor=self.request.user, registration=self.registration)


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


# --- pacts -----------------------------------------------------------------------------------------------------


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


# --- calendar --------------------------------------------------------------------------------------------------


@login_required
def emulation_calendar(request):
    """A unit's emulation year (``?nam=``, ``?don_vi=``): what is due by when, with its status."""
    year = _year(request)
    unit_param = request.GET.get("don_vi", "")
    if unit_param:
        if not unit_param.isdigit():
            raise Http404
        unit = get_object_or_404(OrgUnit.objects.visible_to(request.user, Action.VIEW), pk=int(unit_param))
    else:
        unit = selectors.default_calendar_unit(request.user)
    entries = selectors.unit_calendar(request.user, unit, year) if unit else []
    context = {
        "unit": unit,
        "year": year,
        "entries": entries,
        "units": selectors.calendar_units(request.user),
        "years": range(year - 2, year + 3),
    }
    return render(request, "emulation/movements/calendar.html", context)
