"""Pages of movements (list, page, documents, create, edit, launch, close) and the emulation calendar.

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
from thidua.core.forms import CommentForm
from thidua.core.policies import has_change_scope
from thidua.core.selectors import action_comments
from thidua.core.views import ActionSummary, ServiceFormView, paginate
from thidua.org.models import OrgUnit

from .. import policies, selectors, services
from ..choices import MovementStatus
from ..forms import ConfirmForm, MovementCreateForm, MovementDocumentForm, MovementEditForm
from ..models import MovementDocument
from ._common import FORM_TEMPLATE, _get, _year


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
        "comments": action_comments(movement),
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


def _movement_summary(movement, units: int | None = None) -> ActionSummary:
    """The movement being launched or closed: name, authority, period, theme and how many units it reaches."""
    m = movement
    period = " – ".join(vn.format_date(d, "short") for d in (m.start_on, m.end_on) if d)
    rows = [
        ("Phong trào", m.name),
        ("Cấp phát động", m.authority.name),
        ("Thời gian", period or "—"),
        ("Chủ đề", m.theme or "—"),
        ("Tình trạng", m.get_status_display()),
    ]
    if units is not None:
        rows.append(("Số đơn vị nhận", vn.format_number(units)))
    return ActionSummary(rows, title="Phong trào thi đua")


class MovementLaunchView(MovementFormView):
    """Launch: push the movement to the units in its scope."""

    form_class = CommentForm
    title = "Phát động phong trào"
    submit_label = "Phát động"
    success_message = "Đã phát động phong trào tới các đơn vị."

    def perform(self, data):
        return services.movement_launch(actor=self.request.user, movement=self.movement, comment=data["comment"])

    def get_summary(self):
        units = selectors.movement_target_units(self.movement).count()
        return _movement_summary(self.movement, units)


class MovementCloseView(MovementFormView):
    """Close a running movement."""

    form_class = CommentForm
    title = "Kết thúc phong trào"
    submit_label = "Kết thúc"
    danger = True

    def perform(self, data):
        return services.movement_close(actor=self.request.user, movement=self.movement, comment=data["comment"])

    def get_summary(self):
        return _movement_summary(self.movement, self.movement.targets.count())


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
