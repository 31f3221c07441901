"""Web views of the core app (home, API tokens, audit pages) and the helpers every app's views share.

:func:`apply_service_errors` and :class:`ServiceFormView` are the one place where a form's cleaned data is handed to a
service and the service's field-keyed Vietnamese ``ValidationError`` (or a version ``ConflictError``) is mapped back
onto the form, so views elsewhere stay a few lines long.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.http import require_POST

from . import dashboard, notifications, services, vn
from .choices import Action
from .errors import ConflictError
from .filters import AuditFilterSet
from .forms import TokenForm
from .lists import build_table, render_list
from .models import ApiToken, AuditEvent, Notification
from .scoping import unit_tree
from .tables import AuditTable

PAGE_PARAM = "trang"

# Objects whose audit trail can be opened, by ``AuditEvent.target_type``; each model has ``objects.visible_to``.
AUDITABLE = {"org.orgunit", "org.person", "org.emulationgroup"}


# --- shared helpers ------------------------------------------------------------------------------------------------


def paginate(request: HttpRequest, items, per_page: int) -> Page:
    """The requested page (``?trang=``) of ``items``; out-of-range or junk page numbers give the nearest page."""
    return Paginator(items, per_page).get_page(request.GET.get(PAGE_PARAM))


def apply_service_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError onto ``form``: per field where the form has that field, else non-field."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _display(field, value: Any) -> str:
    """A stored value shown the way the form would show it (choice labels, Vietnamese dates)."""
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if hasattr(field, "queryset"):
        return str(field.queryset.filter(pk=value).first() or value)
    if isinstance(field, forms.DecimalField):
        return vn.format_number(Decimal(str(value)), field.decimal_places or 0)
    choices = getattr(field, "choices", None)
    if choices is not None and not hasattr(field, "queryset"):
        labels = {str(k): v for k, v in choices}
        return str(labels.get(str(value), value))
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return vn.format_date(dt.date.fromisoformat(value), "short")
        except ValueError:
            return value
    return str(value)


def conflict_rows(form, current: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, current value) for each form field that the conflicting save holds, for the conflict alert."""
    rows = []
    for name, field in form.fields.items():
        if name == "version":
            continue
        key = name if name in current else f"{name}_id"
        if key in current:
            rows.append((str(field.label or name), _display(field, current[key])))
    return rows


@dataclass
class ActionSummary:
    """What a send / approve / freeze page acts on, shown above its button: (label, value) rows and a list of items
    (the titles registered, the units reporting …)."""

    rows: list[tuple[str, Any]]
    items: list[str] = dataclasses.field(default_factory=list)
    items_title: str = ""
    title: str = ""


class ServiceFormView(LoginRequiredMixin, View):
    """GET shows a form; POST validates it, calls one service through :meth:`perform` and redirects with "Đã lưu.".

    Subclasses set ``form_class`` and ``title`` and implement :meth:`load` (fetch the objects through
    ``visible_to`` and the change policy, raising Http404), :meth:`perform` and :meth:`get_success_url`.
    Service ValidationErrors land on the form's fields; a ConflictError re-renders the form (status 409) with the
    current values and the current version, so nothing is overwritten unless the user saves again on purpose.
    """

    form_class = None
    template_name = "core/form.html"
    title = ""
    submit_label = "Lưu"
    confirm = ""
    danger = False
    success_message = "Đã lưu."

    def load(self, **kwargs) -> None:
        """Fetch the objects the form works on (404 when out of scope)."""

    def get_form_kwargs(self) -> dict[str, Any]:
        """Extra keyword arguments for the form (e.g. the user, for scoped choices)."""
        return {}

    def get_initial(self) -> dict[str, Any]:
        """Initial values for a GET."""
        return {}

    def perform(self, data: dict[str, Any]):
        """Call the service with the cleaned data and return its result."""
        raise NotImplementedError

    def get_success_url(self, result) -> str:
        """Where to go after a successful save."""
        raise NotImplementedError

    def get_cancel_url(self) -> str:
        """Where "Huỷ" leads."""
        return reverse("home")

    def get_context(self) -> dict[str, Any]:
        """Extra template context (breadcrumb objects, notes)."""
        return {}

    def get_summary(self) -> ActionSummary | None:
        """What the page acts on, for confirmation pages (None: no summary)."""
        return None

    def get(self, request, **kwargs):
        self.load(**kwargs)
        form = self.form_class(initial=self.get_initial(), **self.get_form_kwargs())
        return self.render(form)

    def post(self, request, **kwargs):
        self.load(**kwargs)
        form = self.form_class(request.POST, **self.get_form_kwargs())
        if form.is_valid():
            try:
                result = self.perform(form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except ConflictError as exc:
                return self.render_conflict(form, exc)
            else:
                messages.success(request, self.success_message)
                return redirect(self.get_success_url(result))
        return self.render(form)

    def render_conflict(self, form, exc: ConflictError) -> HttpResponse:
        """Show the user's input again, with the values saved meanwhile and the new version to save against."""
        data = self.request.POST.copy()
        data["version"] = str(exc.current.get("version", ""))
        fresh = self.form_class(data, **self.get_form_kwargs())
        fresh.is_valid()
        return self.render(fresh, conflict=exc, rows=conflict_rows(fresh, exc.current), status=409)

    def render(self, form, *, conflict=None, rows=None, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "title": self.title,
            "submit_label": self.submit_label,
            "confirm": self.confirm,
            "danger": self.danger,
            "cancel_url": self.get_cancel_url(),
            "conflict": conflict,
            "conflict_rows": rows or [],
            "summary": self.get_summary(),
            **self.get_context(),
        }
        return render(self.request, self.template_name, context, status=status)


# --- pages ---------------------------------------------------------------------------------------------------------


@login_required
def home(request):
    """Dashboard: what the user can see (counts), their roles and scope, and a quick search for people."""
    user = request.user
    today = timezone.localdate()
    assignments = list(user.role_assignments.select_related("unit").order_by("unit__path", "role"))
    for assignment in assignments:
        assignment.in_force = (assignment.valid_from is None or assignment.valid_from <= today) and (
            assignment.valid_to is None or assignment.valid_to >= today
        )
    context = {**dashboard.counts(user), "assignments": assignments, "todos": dashboard.todos(user, today)}
    return render(request, "home.html", context)


@login_required
def notification_list(request):
    """The user's notifications, newest first (unread highlighted), 30 a page."""
    items = Notification.objects.visible_to(request.user).order_by("-created_at", "-id")
    return render(request, "core/notifications.html", {"page": paginate(request, items, 30)})


@login_required
@require_POST
def notification_read(request, pk: int):
    """Mark one notification read and follow its link (or come back to the list)."""
    notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
    notifications.notification_mark_read(actor=request.user, notification=notification)
    link = notification.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return redirect(link)
    return redirect("notification_list")


@login_required
@require_POST
def notification_read_all(request):
    """Mark every notification of the user read."""
    count = notifications.notification_mark_all_read(actor=request.user)
    messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc." if count else "Không có thông báo chưa đọc.")
    return redirect("notification_list")


@login_required
def token_list(request):
    """The user's API tokens; POST creates one and shows the raw token once, on this response only."""
    raw = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _, raw = services.token_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    context = {"tokens": tokens, "form": form, "raw_token": raw, "max_days": settings.API_TOKEN_MAX_DAYS}
    response = render(request, "core/tokens.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def token_revoke(request, pk: int):
    """Revoke one of the user's own tokens."""
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, f"Đã thu hồi mã truy cập «{token.name}».")
    return redirect("token_list")


def _audit_list(request, events, *, subject, kind: str, **extra):
    """An audit trail as a list page: filters, sortable columns, Excel and print (newest first by default)."""
    filterset = AuditFilterSet(request.GET, queryset=events.select_related("actor"), request=request)
    table = build_table(AuditTable, filterset.qs, request)
    context = {"subject": subject, "kind": kind, **extra}
    return render_list(
        request,
        table=table,
        filterset=filterset,
        title=f"Nhật ký thay đổi: {subject}",
        filename="nhat-ky",
        template="core/audit_list.html",
        per_page=50,
        context=context,
    )


@login_required
def audit_unit(request, pk: int):
    """Audit events recorded against a unit (only if the unit is visible)."""
    unit = get_object_or_404(unit_tree().objects.visible_to(request.user, Action.VIEW), pk=pk)
    events = AuditEvent.objects.visible_to(request.user, Action.VIEW).filter(unit=unit)
    return _audit_list(request, events, subject=unit, kind="unit", unit=unit)


@login_required
def audit_object(request, target_type: str, target_id: str):
    """Audit events of one object (a unit, a person or a group), if the object is visible to the user."""
    if target_type not in AUDITABLE:
        raise Http404
    model = apps.get_model(target_type)
    if not target_id.isdigit():
        raise Http404
    obj = get_object_or_404(model.objects.visible_to(request.user, Action.VIEW), pk=int(target_id))
    events = AuditEvent.objects.filter(target_type=target_type, target_id=str(obj.pk))
    return _audit_list(request, events, subject=obj, kind=target_type)


def csrf_failure(request, reason: str = ""):
    """The page of a form whose CSRF token failed (``CSRF_FAILURE_VIEW``): in Vietnamese, with what to do, never
    Django's English explanation."""
    return render(request, "403_csrf.html", status=403)


def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico``, which browsers ask for on every page: the static SVG icon (base.html links it too)."""
    return redirect(static("img/favicon.svg"))
