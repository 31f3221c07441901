"""Organisation registry: the unit tree with its history, people with rank/position/unit/service history, and
emulation groups (khối, cụm thi đua) with members, leaders per year and handovers."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Substr
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from thidua.core import vn
from thidua.core.models import VersionedModel
from thidua.core.nd30 import check_signer_authority
from thidua.core.scoping import ScopedQuerySet, scope_through

from .choices import RANK_ORDER, Category, Gender, GroupKind, GroupRole, PositionKind, Rank, UnitEventKind, UnitKind


class OrgUnitQuerySet(MP_NodeQuerySet, ScopedQuerySet):
    """Units, scoped by themselves."""


class OrgUnitManager(MP_NodeManager):
    def get_queryset(self):
        return OrgUnitQuerySet(self.model).order_by("path")

    def visible_to(self, user, action="view"):
        return self.get_queryset().visible_to(user, action)


class OrgUnit(MP_Node, VersionedModel):
    """A unit in the organisation tree (Bộ → Tổng cục → Cục/Phòng/Nhà máy …).

    The tree is a materialised path, so a subtree is a path prefix. Renames, moves and merges are recorded as
    :class:`OrgUnitEvent` rows: :meth:`name_on` gives the name a unit had on a past date, while statistics roll up to
    today's unit (and a merged unit points to its ``successor``).
    """

    name = models.CharField("tên đơn vị", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=80, blank=True)
    kind = models.CharField("loại đơn vị", max_length=20, choices=UnitKind.choices, default=UnitKind.OTHER)
    code = models.CharField("mã đơn vị", max_length=30, blank=True)
    is_enterprise = models.BooleanField(
        "doanh nghiệp (sản xuất, kinh doanh)",
        default=False,
        help_text="Doanh nghiệp xét “Tập thể lao động xuất sắc/tiên tiến” thay “Đơn vị Quyết thắng/tiên tiến”.",
    )
    valid_from = models.DateField("thành lập từ", null=True, blank=True)
    valid_to = models.DateField("hết hiệu lực", null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_units",
        verbose_name="đơn vị kế thừa",
    )
    # How the unit signs the documents it issues (central report, minutes): ND 30/2020 box 7.
    signer_authority = models.CharField(
        "quyền hạn ký",
        max_length=120,
        blank=True,
        validators=[check_signer_authority],
        help_text="Ví dụ: KT. CHỦ NHIỆM, TM. ĐẢNG ỦY. Để trống khi người đứng đầu ký.",
    )
    signer_title = models.CharField(
        "chức vụ người ký", max_length=120, blank=True, help_text="Ví dụ: CHỦ NHIỆM, PHÓ CHỦ NHIỆM."
    )
    signer_name = models.CharField(
        "cấp bậc, họ tên người ký", max_length=150, blank=True, help_text="Ví dụ: Thiếu tướng Nguyễn Văn An."
    )
    search_key = models.CharField(max_length=255, editable=False, db_index=True, default="")
    label = models.CharField(
        "tên đầy đủ",
        max_length=600,
        blank=True,
        editable=False,
        default="",
        help_text="Tên đơn vị kèm đơn vị cấp trên, không trùng với đơn vị khác (xem org/labels.py).",
    )

    node_order_by = None
    objects = OrgUnitManager()

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"

    def __str__(self) -> str:
        """The unit's unambiguous label ("Phòng Kế hoạch — Nhà máy Z111", see :mod:`thidua.org.labels`), so every
        select, list, export and message that prints a unit tells repeated names apart; :attr:`short` where the page
        already gives the context (the tree, the unit's own page)."""
        return self.label or self.short

    @property
    def short(self) -> str:
        """The name the unit goes by, without its parent: the short name, or the name when there is none."""
        return self.short_name or self.name

    @staticmethod
    def scope_filter(ids):
        return Q(pk__in=ids)

    def save(self, *args, **kwargs):
        self.name = vn.nfc(self.name)
        self.short_name = vn.nfc(self.short_name)
        self.search_key = vn.search_key(f"{self.name} {self.short_name}")
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        """Still in existence today."""
        return self.valid_to is None or self.valid_to >= dt.date.today()

    def name_on(self, day: dt.date | None) -> str:
        """The unit's name on ``day``: today's name unless a rename happened after that day."""
        if day is None:
            return self.name
        rename = (
            self.events.filter(kind=UnitEventKind.RENAME, occurred_on__gt=day).order_by("occurred_on", "id").first()
        )
        return rename.old_name if rename else self.name


def parent_path_of(path="path") -> Substr:
    """The path of the parent of the unit whose path is ``path`` (a field name or an expression such as
    ``OuterRef("path")``): the materialised path has no parent column, the parent's path is one step shorter."""
    return Substr(path, 1, Length(path) - OrgUnit.steplen)


class OrgUnitEvent(models.Model):
    """One change in a unit's life (creation, rename, move, merge, dissolution), kept so old records keep old names."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("loại thay đổi", max_length=20, choices=UnitEventKind.choices)
    occurred_on = models.DateField("ngày")
    old_name = models.CharField("tên cũ", max_length=255, blank=True)
    new_name = models.CharField("tên mới", max_length=255, blank=True)
    old_parent = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    new_parent = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    other_unit = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decision_ref = models.CharField("căn cứ (quyết định)", max_length=255, blank=True)
    note = models.TextField("ghi chú", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "lịch sử đơn vị"
        verbose_name_plural = "lịch sử đơn vị"
        ordering = ["occurred_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit} ({self.occurred_on:%d/%m/%Y})"

    @staticmethod
    def scope_filter(ids):
        return Q(unit_id__in=ids)


class UnindexedText(models.Func):
    """``expr || ''``: the same text, but not usable as an index for ordering (see PersonQuerySet.sorted_vn)."""

    template = "(%(expressions)s || '')"
    output_field = models.CharField()


class PersonQuerySet(ScopedQuerySet):
    """People, scoped by their current unit."""

    def search(self, text: str):
        """Word-by-word, diacritic-insensitive match on the name, or an exact CCCD."""
        text = (text or "").strip()
        if not text:
            return self
        digits = text.replace(" ", "")
        if digits.isdigit() and len(digits) == 12:
            return self.filter(cccd=digits)
        qs = self
        for word in vn.search_key(text).split():
            qs = qs.filter(search_key__contains=word)
        return qs

    def sorted_vn(self, *, filtered: bool = False, descending: bool = False):
        """Vietnamese order: given name, family name, middle names.

        ``filtered`` (a text search is applied) orders by ``sort_key || ''``: the same order, but it stops SQLite from
        walking the sort_key index row by row (hundreds of ms for a rare name in 200,000) and lets it scan the
        covering (search_key, sort_key) index and keep the top page instead (about 12 ms). ``descending`` reverses
        the order (the list's sort link on the name column).
        """
        if descending:
            key = UnindexedText("sort_key").desc() if filtered else "-sort_key"
            return self.order_by(key, "-id")
        if filtered:
            return self.order_by(UnindexedText("sort_key"), "id")
        return self.order_by("sort_key", "id")


class Person(VersionedModel):
    """A person in the registry: a serviceman, a defence worker or a contract employee.

    ``rank`` and ``unit`` hold the current values; their histories are :class:`RankChange` and
    :class:`UnitMembership`. Names are stored NFC with a diacritic-free ``search_key`` and a Vietnamese
    ``sort_key`` (given name first).
    """

    full_name = models.CharField("họ và tên", max_length=120)
    gender = models.CharField("giới tính", max_length=3, choices=Gender.choices, default=Gender.MALE)
    date_of_birth = models.DateField("ngày sinh", null=True, blank=True)
    cccd = models.CharField("số CCCD", max_length=12, null=True, blank=True, unique=True)
    category = models.CharField("đối tượng", max_length=10, choices=Category.choices, default=Category.OFFICER)
    rank = models.CharField("cấp bậc", max_length=20, choices=Rank.choices, blank=True)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="people", verbose_name="đơn vị")
    party_joined_on = models.DateField("ngày vào Đảng", null=True, blank=True)
    hometown = models.CharField("quê quán", max_length=255, blank=True)
    search_key = models.CharField(max_length=120, editable=False, default="")
    sort_key = models.CharField(max_length=255, editable=False, default="", db_index=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "cán bộ, quân nhân"
        verbose_name_plural = "cán bộ, quân nhân"
        indexes = [
            models.Index(fields=["unit", "sort_key"]),
            # Covering index for search: the substring match and the sort both read it without touching the table.
            models.Index(fields=["search_key", "sort_key"], name="org_person_search_sort"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @staticmethod
    def scope_filter(ids):
        return Q(unit_id__in=ids)

    def save(self, *args, **kwargs):
        self.full_name = vn.nfc(self.full_name)
        self.search_key = vn.search_key(self.full_name)
        self.sort_key = vn.name_sort_key(self.full_name)
        super().save(*args, **kwargs)

    @property
    def rank_order(self) -> int:
        """Position of the current rank in the ordered list (-1 without a rank)."""
        return RANK_ORDER.get(self.rank, -1)


class RankChange(models.Model):
    """A rank conferred on a person from a date (thăng/phong quân hàm)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="rank_changes")
    rank = models.CharField("cấp bậc", max_length=20, choices=Rank.choices)
    effective_on = models.DateField("từ ngày")
    decision_ref = models.CharField("số quyết định", max_length=120, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "quân hàm"
        verbose_name_plural = "lịch sử quân hàm"
        ordering = ["effective_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_rank_display()} ({self.effective_on:%d/%m/%Y})"

    @staticmethod
    def scope_filter(ids):
        return Q(person__unit_id__in=ids)  # a person's history is seen where the person is seen


class Position(models.Model):
    """A position held by a person in a unit for a period; several may run at once (party post + command post)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField("chức vụ", max_length=255)
    kind = models.CharField("loại", max_length=12, choices=PositionKind.choices, default=PositionKind.COMMAND)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="positions", verbose_name="đơn vị")
    start_on = models.DateField("từ ngày")
    end_on = models.DateField("đến ngày", null=True, blank=True)
    decision_ref = models.CharField("số quyết định", max_length=120, blank=True)
    coefficient = models.DecimalField(
        "hệ số chức vụ",
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Hệ số phụ cấp chức vụ lãnh đạo (0,7; 0,8; 0,9; 1,0 …), dùng xét khen thưởng quá trình cống hiến.",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "chức vụ"
        verbose_name_plural = "chức vụ"
        ordering = ["start_on", "id"]

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def scope_filter(ids):
        return Q(person__unit_id__in=ids)  # a person's history is seen where the person is seen

    def is_current(self, on: dt.date | None = None) -> bool:
        """Held on ``on`` (today by default)."""
        on = on or dt.date.today()
        return self.start_on <= on and (self.end_on is None or self.end_on >= on)


class UnitMembership(models.Model):
    """A person's membership of a unit for a period; a transfer ends one and starts the next."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="memberships")
    start_on = models.DateField("từ ngày")
    end_on = models.DateField("đến ngày", null=True, blank=True)
    decision_ref = models.CharField("số quyết định", max_length=120, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "quá trình công tác"
        verbose_name_plural = "quá trình công tác"
        ordering = ["start_on", "id"]

    def __str__(self) -> str:
        return f"{self.unit} ({self.start_on:%d/%m/%Y})"

    @staticmethod
    def scope_filter(ids):
        return Q(person__unit_id__in=ids)  # a person's history is seen where the person is seen


class ServicePeriod(models.Model):
    """A period of service (from enlistment or recruitment to discharge); gaps between periods are breaks."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="service_periods")
    start_on = models.DateField("nhập ngũ / tuyển dụng")
    end_on = models.DateField("xuất ngũ / thôi việc", null=True, blank=True)
    time_factor = models.PositiveSmallIntegerField(
        "hệ số tính thời gian",
        choices=[(1, "×1"), (2, "×2 — biển, đảo, vùng đặc biệt khó khăn (phụ cấp đặc biệt ≥ 100%)")],
        default=1,
    )
    note = models.CharField("ghi chú", max_length=255, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "thời gian phục vụ"
        verbose_name_plural = "thời gian phục vụ"
        ordering = ["start_on", "id"]

    def __str__(self) -> str:
        end = f"{self.end_on:%d/%m/%Y}" if self.end_on else "nay"
        return f"{self.start_on:%d/%m/%Y} – {end}"

    @staticmethod
    def scope_filter(ids):
        return Q(person__unit_id__in=ids)  # a person's history is seen where the person is seen


class EmulationGroupQuerySet(ScopedQuerySet):
    """Groups are visible to users of the authority that set them up or of any member unit."""


class EmulationGroup(VersionedModel):
    """An emulation block or cluster (khối / cụm thi đua) for one year, set up by an authority."""

    name = models.CharField("tên khối/cụm", max_length=255)
    short_name = models.CharField("tên ngắn", max_length=80, blank=True)
    kind = models.CharField("loại", max_length=4, choices=GroupKind.choices, default=GroupKind.BLOCK)
    year = models.PositiveSmallIntegerField("năm")
    authority = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="emulation_groups", verbose_name="cấp tổ chức"
    )
    members = models.ManyToManyField(OrgUnit, through="GroupMembership", related_name="member_of_groups")
    note = models.TextField("ghi chú", blank=True)
    search_key = models.CharField(max_length=255, editable=False, default="")

    objects = EmulationGroupQuerySet.as_manager()

    class Meta:
        verbose_name = "khối, cụm thi đua"
        verbose_name_plural = "khối, cụm thi đua"
        ordering = ["-year", "name"]
        constraints = [models.UniqueConstraint(fields=["authority", "name", "year"], name="group_unique_per_year")]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    @staticmethod
    def scope_filter(ids):
        # A subquery rather than a join: one row per group without DISTINCT, and later annotations over
        # memberships (member counts) still see every member, not only those in the user's scope.
        member_of = GroupMembership.objects.filter(unit_id__in=ids).values("group_id")
        return Q(authority_id__in=ids) | Q(pk__in=member_of)

    def save(self, *args, **kwargs):
        self.name = vn.nfc(self.name)
        self.search_key = vn.search_key(f"{self.name} {self.short_name}")
        super().save(*args, **kwargs)


class GroupMembership(models.Model):
    """A unit's membership of an emulation group for the group's year."""

    group = models.ForeignKey(EmulationGroup, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="group_memberships")
    joined_on = models.DateField("tham gia từ", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "thành viên khối"
        verbose_name_plural = "thành viên khối"
        constraints = [models.UniqueConstraint(fields=["group", "unit"], name="group_member_unique")]

    def __str__(self) -> str:
        return f"{self.unit} ∈ {self.group}"

    scope_filter = scope_through("group")


class GroupLeadership(models.Model):
    """Who leads the group (khối trưởng, đồng khối trưởng, khối phó) from a date; a handover ends one term."""

    group = models.ForeignKey(EmulationGroup, on_delete=models.CASCADE, related_name="leaderships")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="group_leaderships")
    role = models.CharField("vai trò", max_length=20, choices=GroupRole.choices)
    start_on = models.DateField("từ ngày")
    end_on = models.DateField("đến ngày", null=True, blank=True)
    representative = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="người đại diện"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "lãnh đạo khối"
        verbose_name_plural = "lãnh đạo khối"
        ordering = ["start_on", "role", "id"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.unit}"

    scope_filter = scope_through("group")


class GroupHandover(models.Model):
    """A handover of a leadership role from one member unit to another (bàn giao nhiệm vụ khối trưởng)."""

    group = models.ForeignKey(EmulationGroup, on_delete=models.CASCADE, related_name="handovers")
    role = models.CharField("vai trò", max_length=20, choices=GroupRole.choices, default=GroupRole.LEADER)
    from_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="bàn giao từ")
    to_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="cho đơn vị")
    occurred_on = models.DateField("ngày bàn giao")
    place = models.CharField("địa điểm", max_length=255, blank=True)
    from_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="người bàn giao"
    )
    to_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="người nhận"
    )
    note = models.TextField("ghi chú", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "bàn giao khối trưởng"
        verbose_name_plural = "bàn giao khối trưởng"
        ordering = ["occurred_on", "id"]

    def __str__(self) -> str:
        return f"{self.from_unit} → {self.to_unit} ({self.occurred_on:%d/%m/%Y})"

    scope_filter = scope_through("group")
