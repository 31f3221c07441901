"""Pages of the users slice: the users list (administrators), a user's page with roles, the create / edit /
deactivate / reset-password / role forms, the account import, and everyone's own password change.

Every administrator page answers 404 to a user who manages no accounts, and to an administrator for an account
outside their subtree (see :mod:`.policies`). A temporary password is shown once, on the response of the POST that
set it (never stored in clear, never in a URL).
"""

from __future__ import annotations

import base64
import secrets

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordChangeView
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from thidua.core import uploads, xlsx
from thidua.core.lists import build_table, render_list
from thidua.core.views import ServiceFormView, apply_service_errors

from . import importer, policies, selectors, services
from .filters import UserFilterSet
from .forms import (
    ImportForm,
    OwnPasswordChangeForm,
    PasswordResetForm,
    RoleAssignForm,
    RoleEndForm,
    UserCreateForm,
    UserEditForm,
)
from .tables import UserTable

SESSION_PASSWORDS = "accounts_import_passwords"


def _require_admin(request) -> None:
    if not policies.can_manage_users(request.user):
        raise Http404


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


def _download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=xlsx.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}-{timezone.localdate():%Y%m%d}.xlsx"'
    return _no_store(response)


# --- list, detail ----------------------------------------------------------------------------------------------


@login_required
def user_list(request):
    """Accounts the administrator manages: search, role and state filters, sort, Excel, print."""
    _require_admin(request)
    users = selectors.users_managed_by(request.user).prefetch_related("role_assignments__unit")
    filterset = UserFilterSet(request.GET, queryset=users, request=request)
    table = build_table(UserTable, filterset.qs, request)
    return render_list(
        request,
        table=table,
        filterset=filterset,
        title="Tài khoản người dùng",
        filename="tai-khoan",
        template="accounts/users/list.html",
    )


@login_required
def user_detail(request, pk: int):
    """An account: its details, state, current and past roles, and the administrator's actions."""
    _require_admin(request)
    user = selectors.user_for_admin(request.user, pk)
    roles = selectors.role_history(user)
    for role in roles:
        role.can_end = role.state != "ended" and policies.can_end_role(request.user, role)
    context = {
        "account": user,
        "roles": roles,
        "assign_form": RoleAssignForm(actor=request.user),
        "can_deactivate": policies.can_deactivate_user(request.user, user),
    }
    return render(request, "accounts/users/detail.html", context)


# --- create (shows the temporary password once) ----------------------------------------------------------------


@login_required
def user_create(request):
    """A new account with its first role; the response to a successful POST shows the temporary password once."""
    _require_admin(request)
    form = UserCreateForm(request.POST if request.method == "POST" else None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user, raw = services.user_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            context = {"account": user, "raw_password": raw, "created": True}
            return _no_store(render(request, "accounts/users/password_shown.html", context))
    return render(request, "accounts/users/create.html", {"form": form, "title": "Tạo tài khoản"})


@login_required
def user_password_reset(request, pk: int):
    """Give the account a temporary password (typed or generated), shown once on the response."""
    _require_admin(request)
    user = selectors.user_for_admin(request.user, pk)
    form = PasswordResetForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            raw = services.user_reset_password(actor=request.user, user=user, password=form.cleaned_data["password"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            context = {"account": user, "raw_password": raw, "created": False}
            return _no_store(render(request, "accounts/users/password_shown.html", context))
    context = {"form": form, "account": user, "title": f"Đặt lại mật khẩu: {user.username}"}
    return render(request, "accounts/users/password_reset.html", context)


# --- edit, state, roles (ServiceFormView: form → one service → redirect) ------------------------------------------


class _AccountFormView(ServiceFormView):
    """A form on one account the administrator manages (404 otherwise)."""

    template_name = "accounts/users/form.html"

    def load(self, pk: int, **kwargs) -> None:
        _require_admin(self.request)
        self.account = selectors.user_for_admin(self.request.user, pk)

    def get_cancel_url(self) -> str:
        return reverse("user_detail", args=[self.account.pk])

    def get_success_url(self, result) -> str:
        return self.get_cancel_url()

    def get_context(self):
        return {"account": self.account}


class UserEditView(_AccountFormView):
    """Edit an account's full name, e-mail and access to the system admin."""

    form_class = UserEditForm
    title = "Sửa thông tin tài khoản"

    def get_initial(self):
        return {"full_name": self.account.full_name, "email": self.account.email, "is_staff": self.account.is_staff}

    def perform(self, data):
        return services.user_update(actor=self.request.user, user=self.account, **data)


class RoleAssignView(_AccountFormView):
    """Give the account a role (its own page, for a form with errors; the user page posts here too)."""

    form_class = RoleAssignForm
    title = "Phân quyền"
    success_message = "Đã phân quyền."

    def get_form_kwargs(self):
        return {"actor": self.request.user}

    def get_initial(self):
        return {"include_descendants": True}

    def perform(self, data):
        return services.role_assign(actor=self.request.user, user=self.account, **data)


class RoleEndView(_AccountFormView):
    """End one of the account's roles on a date (kept as history)."""

    form_class = RoleEndForm
    title = "Kết thúc vai trò"
    submit_label = "Kết thúc vai trò"
    danger = True
    success_message = "Đã kết thúc vai trò; vai trò vẫn được lưu trong lịch sử."

    def load(self, pk: int, assignment_pk: int, **kwargs) -> None:
        super().load(pk)
        self.assignment = selectors.assignment_of(self.account, assignment_pk)
        if not policies.can_end_role(self.request.user, self.assignment):
            raise Http404

    def get_context(self):
        return {**super().get_context(), "note": str(self.assignment)}

    def perform(self, data):
        return services.role_end(actor=self.request.user, assignment=self.assignment, valid_to=data["valid_to"])


def _set_active(request, pk: int, active: bool):
    _require_admin(request)
    user = selectors.user_for_admin(request.user, pk)
    if not policies.can_deactivate_user(request.user, user):
        raise Http404
    try:
        services.user_set_active(actor=request.user, user=user, active=active)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Đã {'mở khoá' if active else 'khoá'} tài khoản {user.username}.")
    return redirect("user_detail", pk=user.pk)


@login_required
@require_POST
def user_deactivate(request, pk: int):
    """Lock an account (it stays, with its history)."""
    return _set_active(request, pk, False)


@login_required
@require_POST
def user_reactivate(request, pk: int):
    """Unlock an account."""
    return _set_active(request, pk, True)


# --- import ---------------------------------------------------------------------------------------------------------


@login_required
def user_import(request):
    """Upload an account list; all or nothing, with a row-by-row report, then the passwords workbook (once)."""
    _require_admin(request)
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = importer.import_accounts(actor=request.user, name=upload.name, data=upload.read())
        except uploads.UploadRefused as exc:
            form.add_error("file", str(exc))
        else:
            if result.ok:
                # Kept in the session only until the one download (then removed); never in a URL or a log.
                content = importer.passwords_workbook(result.created)
                request.session[SESSION_PASSWORDS] = base64.b64encode(content).decode()
    context = {"form": form, "result": result, "title": "Nhập tài khoản từ Excel"}
    return _no_store(render(request, "accounts/users/import.html", context))


@login_required
def user_import_passwords(request):
    """The passwords workbook of the last successful import, downloadable once."""
    _require_admin(request)
    encoded = request.session.pop(SESSION_PASSWORDS, None)
    if encoded is None:
        raise Http404
    return _download(base64.b64decode(encoded), f"mat-khau-tam-thoi-{secrets.token_hex(2)}")


@login_required
def user_import_template(request):
    """The template workbook: the header row, the roles, and the units the administrator may grant on."""
    _require_admin(request)
    return _download(importer.template_workbook(request.user), "mau-nhap-tai-khoan")


# --- own password ---------------------------------------------------------------------------------------------------


class OwnPasswordChangeView(PasswordChangeView):
    """Everyone changes their own password here (Django's view and form, Vietnamese texts); a temporary password
    leads here until it is changed."""

    form_class = OwnPasswordChangeForm
    template_name = "accounts/users/password_change.html"

    def form_valid(self, form):
        services.password_change_own(actor=self.request.user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, self.request.user)
        messages.success(self.request, "Đã đổi mật khẩu.")
        return redirect("home")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "forced": self.request.user.must_change_password}
