"""Core models: users, role assignments, personal access tokens, the append-only audit log, and the base model."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .choices import Action, Role
from .scoping import ALL, ScopedQuerySet, scope_unit_ids


class User(AbstractUser):
    """A person who logs in. What they may see comes from their role assignments, never from the user row."""

    full_name = models.CharField("họ và tên", max_length=120, blank=True)
    must_change_password = models.BooleanField(
        "phải đổi mật khẩu",
        default=False,
        help_text="Mật khẩu tạm thời (do quản trị viên đặt): người dùng phải đổi ngay khi đăng nhập.",
    )

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self) -> str:
        return self.full_name or self.username


class VersionedModel(models.Model):
    """Base for editable records: timestamps and a version number for optimistic locking."""

    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    version = models.PositiveIntegerField("phiên bản", default=1)

    class Meta:
        abstract = True


class RoleAssignmentQuerySet(ScopedQuerySet):
    """Role assignments, with a filter for those in force on a given day; scoped by the unit they are held on."""

    def active(self, on=None):
        """Assignments valid on ``on`` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=on)).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=on)
        )


class RoleAssignment(models.Model):
    """A role held by a user on one org unit, with or without its descendants, for a period."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.CASCADE, related_name="role_assignments")
    include_descendants = models.BooleanField("kể cả đơn vị trực thuộc", default=True)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"

    @staticmethod
    def scope_filter(ids):
        return models.Q(unit_id__in=ids)


class ApiToken(models.Model):
    """A personal access token for the API. Only a SHA-256 digest is stored; the token is shown once."""

    PREFIX = "thd_"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("tên", max_length=80)
    digest = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField("hết hạn")
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self) -> str:
        return f"{self.name} (…{self.hint})"

    @staticmethod
    def hash(raw: str) -> str:
        """Digest of a raw token (tokens are random and long, so a plain SHA-256 is enough)."""
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def generate(cls) -> str:
        """A new random raw token."""
        return cls.PREFIX + secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        """Not revoked and not expired."""
        return self.revoked_at is None and self.expires_at > timezone.now()


class AuditEventQuerySet(ScopedQuerySet):
    """Audit events, scoped by the unit they were recorded against; they cannot be changed or removed in bulk either."""

    def update(self, **kwargs):
        raise PermissionError("Nhật ký kiểm toán không được sửa.")

    def delete(self):
        raise PermissionError("Nhật ký kiểm toán không được xoá.")


class AuditEvent(models.Model):
    """One recorded change: who, when, which request, what, on which object and unit, before and after.

    Append-only: the model refuses save-on-existing and delete; database triggers refuse UPDATE (both databases)
    and DELETE (PostgreSQL) so that not even raw SQL through the app's connection can rewrite history.
    """

    occurred_at = models.DateTimeField("thời điểm", default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    actor_name = models.CharField(max_length=150, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    event_type = models.CharField("sự kiện", max_length=60)
    target_type = models.CharField(max_length=60)
    target_id = models.CharField(max_length=40)
    target_repr = models.CharField(max_length=255, blank=True)
    unit = models.ForeignKey("org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    data = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "nhật ký"
        verbose_name_plural = "nhật ký"
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"]), models.Index(fields=["unit", "occurred_at"])]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.occurred_at):%d/%m/%Y %H:%M} {self.event_type} {self.target_repr}"

    def save(self, *args, **kwargs):
        """Insert only."""
        if self.pk is not None:
            raise PermissionError("Nhật ký kiểm toán không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        """Never."""
        raise PermissionError("Nhật ký kiểm toán không được xoá.")

    @staticmethod
    def scope_filter(ids):
        # Events recorded without a unit (sign-ins, tokens, system commands) are seen only by whole-tree scopes.
        return models.Q(unit_id__in=ids)


class JobQuerySet(ScopedQuerySet):
    """Jobs with ``visible_to``: the unit scope of :class:`ScopedQuerySet`, plus the jobs the user started."""

    def visible_to(self, user, action: str = Action.VIEW):
        """Jobs of units in the user's scope for ``action``, and (for any action) the jobs the user started."""
        ids = scope_unit_ids(user, action)
        if ids is ALL:
            return self
        if not ids:
            return self.filter(created_by=user) if user is not None and user.is_authenticated else self.none()
        return self.filter(Q(created_by=user) | self.model.scope_filter(ids))


class Job(models.Model):
    """Long work the user can watch (DESIGN.md §4.7): status, progress, a log and an optional result file.

    Run by a task of Django's tasks framework (``thidua worker`` = the database backend's worker, or inline on a
    laptop); pages poll it with htmx to draw a progress bar. A running job refreshes ``heartbeat_at`` every few
    seconds: one whose heartbeat is older than ``settings.THIDUA_JOB_LEASE_SECONDS`` lost its worker and is marked
    failed (see :func:`thidua.core.jobs.reap_dead_jobs`).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang chạy"
        DONE = "done", "Hoàn thành"
        FAILED = "failed", "Lỗi"
        CANCELLED = "cancelled", "Đã huỷ"

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    kind = models.CharField("loại việc", max_length=40)
    title = models.CharField("tên", max_length=255)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    progress = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    log = models.TextField(blank=True)
    result = models.JSONField(default=dict, blank=True)
    result_file = models.CharField(max_length=255, blank=True)
    unit = models.ForeignKey("org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField("tín hiệu gần nhất", null=True, blank=True)
    cancel_requested = models.BooleanField("đã yêu cầu huỷ", default=False)
    task_id = models.CharField("mã tác vụ", max_length=64, blank=True)
    rerun_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="chạy lại từ"
    )

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = "công việc nền"
        verbose_name_plural = "công việc nền"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @staticmethod
    def scope_filter(ids):
        """A job hangs on the tree by its unit (jobs without a unit are seen by their creator and ALL scopes)."""
        return Q(unit_id__in=ids)

    @property
    def is_active(self) -> bool:
        """Queued or running: the pages keep polling it."""
        return self.status in self.ACTIVE

    @property
    def percent(self) -> int:
        """Progress as a whole percentage for the progress bar."""
        return 100 if self.status == self.Status.DONE else (self.progress * 100 // self.total if self.total else 0)


class NotificationQuerySet(models.QuerySet):
    """Notifications, scoped to their recipient: a user sees only their own."""

    def visible_to(self, user, action: str = Action.VIEW):
        """The user's own notifications (none for an anonymous user)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        """Those not yet marked read."""
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An in-app message to one user ("Báo cáo của … đã nộp") with a link to act on it; unread until marked read.

    ``key`` (optional) makes a notification unique per recipient, so a reminder sent again the same day is not
    duplicated (``thidua remind`` keys its reminders by period, unit and day).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name="người nhận"
    )
    text = models.CharField("nội dung", max_length=500)
    link = models.CharField("liên kết", max_length=300, blank=True)
    key = models.CharField("khoá chống trùng", max_length=120, blank=True)
    created_at = models.DateTimeField("thời điểm", default=timezone.now, db_index=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], condition=~Q(key=""), name="notification_unique_key")
        ]

    def __str__(self) -> str:
        return self.text
