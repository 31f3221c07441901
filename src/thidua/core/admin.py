"""Admin registrations of the core app: users, role assignments, API tokens, the audit log, background jobs and
notifications.

All read-only (see :mod:`thidua.core.admin_site`): users and roles are managed in the application's pages
(Tài khoản người dùng), tokens by their owners, and the audit log is append-only by design.
"""

from django.contrib import admin

from .admin_site import ReadOnlyAdmin
from .models import ApiToken, AuditEvent, Job, Notification, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    """The user's roles, shown on the user's page."""

    model = RoleAssignment
    fields = ("role", "unit", "include_descendants", "valid_from", "valid_to")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    """Accounts (never the password hash)."""

    fields = (
        "username",
        "full_name",
        "email",
        "is_active",
        "is_staff",
        "is_superuser",
        "last_login",
        "date_joined",
    )
    labels = {
        "username": "tên đăng nhập",
        "email": "thư điện tử",
        "is_active": "đang hoạt động",
        "is_staff": "được vào trang quản trị",
        "is_superuser": "quản trị tối cao",
        "last_login": "đăng nhập lần cuối",
        "date_joined": "ngày tạo",
    }
    list_display = ("username", "full_name", "email", "is_active", "is_staff", "is_superuser", "last_login")
    list_filter = ("is_active", "is_staff", "is_superuser")
    search_fields = ("username", "full_name", "email")
    ordering = ("username",)
    inlines = [RoleAssignmentInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnlyAdmin):
    """Who holds which role on which unit, and for how long."""

    labels = {"user": "người dùng", "unit": "đơn vị"}
    list_display = ("user", "role", "unit", "include_descendants", "valid_from", "valid_to")
    list_filter = ("role", "include_descendants")
    search_fields = ("user__username", "user__full_name", "unit__name")
    list_select_related = ("user", "unit")


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Personal access tokens (only the last characters; the digest is not shown)."""

    fields = ("user", "name", "hint", "created_at", "expires_at", "revoked_at", "last_used_at")
    labels = {
        "user": "người dùng",
        "hint": "ký tự cuối",
        "created_at": "tạo lúc",
        "revoked_at": "thu hồi lúc",
        "last_used_at": "dùng lần cuối",
    }
    list_display = ("name", "user", "hint", "created_at", "expires_at", "revoked_at", "last_used_at")
    search_fields = ("name", "user__username", "user__full_name")
    list_select_related = ("user",)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The append-only audit log: readable, never added to, changed or deleted here."""

    labels = {
        "actor": "người thực hiện",
        "actor_name": "tên người thực hiện",
        "request_id": "mã yêu cầu",
        "target_type": "loại đối tượng",
        "target_id": "mã đối tượng",
        "target_repr": "đối tượng",
        "unit": "đơn vị",
        "data": "dữ liệu (trước, sau)",
    }
    list_display = ("occurred_at", "event_type", "target_repr", "actor_name", "unit")
    list_filter = ("target_type", "occurred_at")
    search_fields = ("event_type", "target_repr", "actor_name", "=target_id", "=request_id")
    list_select_related = ("unit",)
    date_hierarchy = "occurred_at"


# --- background jobs: their model is being reworked (Django's task framework), so this registration names no field ---


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    """Background jobs (shown with every field; watched and run from the application's pages)."""

    list_display = ("__str__",)


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    """In-app notifications (each administrator sees only their own: the model's scope is its recipient)."""

    list_display = ("created_at", "recipient", "text", "read_at")
    list_filter = ("read_at",)
    search_fields = ("text",)
