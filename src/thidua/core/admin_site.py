"""The Django admin at ``/quan-tri/``: a site for administrators only, and the read-only base every app registers with.

Every write of the project goes through a service that checks scope and records an audit event (DESIGN.md §4.1,
§4.5). The admin's own forms would bypass both, so the admin is a window, not a door: each registration shows the
rows (scoped by ``visible_to(user, "manage")`` where the model hangs on a unit) and offers no add, change or delete.
Changes are made on the application's pages, which call the services.

Field labels that the models do not carry in Vietnamese are given per registration in ``labels`` (applied to list
columns and to the detail page), so the admin reads in Vietnamese without touching the models or their migrations.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import display_for_field
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.http import Http404

from . import vn
from .choices import Action
from .policies import can_use_admin

EMPTY = "—"


class ThiduaAdminSite(admin.AdminSite):
    """The admin site: Vietnamese titles; administrators only, everybody else gets the site's login page or a 404."""

    site_header = "Thidua — Quản trị hệ thống"
    site_title = "Quản trị Thidua"
    index_title = "Dữ liệu hệ thống"
    empty_value_display = EMPTY

    def has_permission(self, request) -> bool:
        """Staff holding the administrator role (or superusers); cached on the request (asked once per model)."""
        cached = getattr(request, "_thidua_admin_ok", None)
        if cached is None:
            cached = request._thidua_admin_ok = can_use_admin(request.user)
        return cached

    def admin_view(self, view, cacheable=False):
        """A signed-in user who is not an administrator gets a 404: the admin does not confirm it exists to them."""
        wrapped = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise Http404
            return wrapped(request, *args, **kwargs)

        return inner

    def login(self, request, extra_context=None):
        """No second login form: anonymous users are sent to the site's login page, signed-in users get a 404."""
        if request.user.is_authenticated:
            if self.has_permission(request):
                return super().login(request, extra_context)  # redirects an administrator to the admin index
            raise Http404
        target = request.GET.get("next") or request.path.removesuffix("login/")
        return redirect_to_login(target, settings.LOGIN_URL)


def column(model: type[models.Model], name: str, label: str):
    """A list column / detail row showing field ``name`` of ``model`` under the Vietnamese ``label``."""
    field = model._meta.get_field(name)

    def show(obj):
        value = getattr(obj, name)
        if name == "year" or (field.is_relation and value is not None):
            return str(value)
        return display_for_field(value, field, EMPTY)

    show.short_description = label
    show.admin_order_field = name if field.concrete else None
    show.__name__ = name
    return show


def titled_filter(title: str):
    """A list filter, of whatever kind suits the field, titled ``title`` instead of the field's verbose name."""

    class Titled:
        # The changelist instantiates the class of a (field, class) pair directly: build the usual filter instead.
        def __new__(cls, field, request, params, model, model_admin, field_path):
            list_filter = admin.FieldListFilter.create(field, request, params, model, model_admin, field_path)
            list_filter.title = title
            return list_filter

    return Titled


class ReadOnlyAdmin(admin.ModelAdmin):
    """Browse and inspect only: no add, change or delete (see the module docstring for why).

    ``labels`` maps field names to Vietnamese labels for fields whose model label is not Vietnamese; the detail page
    shows every concrete field (or ``fields``) with those labels. Models with ``scope_filter`` are filtered by
    ``visible_to(user, "manage")``; models with a folded ``search_key`` are searched word by word without diacritics.
    """

    labels: dict[str, str] = {}
    list_per_page = 50
    show_full_result_count = False  # no second COUNT(*) over 200,000 people on a filtered page
    actions = None

    def _labelled(self, name):
        if not isinstance(name, str) or name not in self.labels:
            return name
        cache = self.__dict__.setdefault("_columns", {})
        if name not in cache:
            cache[name] = column(self.model, name, self.labels[name])
        return cache[name]

    # --- permissions: administrators may look, nobody may write through the admin ------------------------------

    def has_view_permission(self, request, obj=None) -> bool:
        return self.admin_site.has_permission(request)

    def has_module_permission(self, request) -> bool:
        return self.admin_site.has_permission(request)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    # --- what is shown -------------------------------------------------------------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if hasattr(self.model, "scope_filter") and hasattr(queryset, "visible_to"):
            queryset = queryset.visible_to(request.user, Action.MANAGE)
        return queryset

    def get_list_display(self, request):
        return [self._labelled(name) for name in super().get_list_display(request)]

    def get_list_filter(self, request):
        return [
            (name, titled_filter(self.labels[name])) if isinstance(name, str) and name in self.labels else name
            for name in super().get_list_filter(request)
        ]

    def get_list_select_related(self, request):
        """Follow the foreign keys shown as columns (one query per page, not one per row)."""
        if self.list_select_related:
            return self.list_select_related
        names = [name for name in self.list_display if isinstance(name, str)]
        return [
            name for name in names if any(f.name == name and f.many_to_one for f in self.model._meta.get_fields())
        ] or False

    def get_fields(self, request, obj=None):
        names = self.fields or [
            f.name for f in self.model._meta.get_fields() if f.concrete and not f.auto_created and not f.many_to_many
        ]
        return [self._labelled(name) for name in names]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def get_search_results(self, request, queryset, search_term):
        """Diacritic-insensitive, word-by-word search on ``search_key`` when the model has one."""
        if search_term and any(f.name == "search_key" for f in self.model._meta.get_fields()):
            for word in vn.search_key(search_term).split():
                queryset = queryset.filter(search_key__contains=word)
            return queryset, False
        return super().get_search_results(request, queryset, search_term)
