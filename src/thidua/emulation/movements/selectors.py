"""Reads of movements, registrations, pacts and the emulation calendar; every read is scoped through ``visible_to``."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet, prefetch_related_objects

from thidua.core.choices import Action
from thidua.core.scoping import ALL, scope_cache, scope_unit_ids
from thidua.org.models import EmulationGroup, OrgUnit, parent_path_of

from ..conferences.models import Conference
from ..reports.choices import ReportStatus
from ..reports.models import PeriodExtension, ReviewPeriod, UnitReport
from .choices import MovementStatus, RegistrationStatus
from .models import Movement, MovementDocument, MovementUnit, Pact, Registration, RegistrationItem

#: A movement has no registration deadline of its own; units are expected to register within this many days of its
#: start (see :func:`registration_due_on`), which the calendar shows.
REGISTRATION_DAYS = 30


def registration_due_on(movement: Movement) -> dt.date:
    """The date by which units should have registered under ``movement`` (its start + 30 days)."""
    return movement.start_on + dt.timedelta(days=REGISTRATION_DAYS)


def movement_target_units(movement: Movement):
    """The units a launch pushes the movement to: the authority's subtree, or the authority alone."""
    authority = movement.authority
    if movement.include_descendants:
        return OrgUnit.objects.filter(path__startswith=authority.path, valid_to__isnull=True) | OrgUnit.objects.filter(
            pk=authority.pk
        )
    return OrgUnit.objects.filter(pk=authority.pk)


def pact_is_locked(pact: Pact) -> bool:
    """A pact is locked once every member unit of its block has signed."""
    members = set(pact.group.memberships.values_list("unit_id", flat=True))
    signed = set(pact.signatures.values_list("unit_id", flat=True))
    return bool(members) and members <= signed


def movements_list(user, *, status: str = "", year: int | None = None) -> QuerySet:
    """Movements the user sees (launched by their units or pushed to them), newest first, with target counts."""
    qs = Movement.objects.visible_to(user, Action.VIEW).select_related("authority")
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(start_on__year__lte=year).filter(Q(end_on__isnull=True) | Q(end_on__year__gte=year))
    return qs.annotate(target_count=Count("targets", distinct=True)).order_by("-start_on", "name", "id")


def movements_for_home(user, limit: int = 5) -> list[Movement]:
    """Running movements shown on the home dashboard."""
    return list(movements_list(user, status=MovementStatus.LAUNCHED)[:limit])


def movement_detail(user, pk: int) -> Movement:
    """One visible movement with its documents (by date of issue, undated last, on both databases) and targeted
    units (DoesNotExist outside the scope)."""
    return (
        Movement.objects.visible_to(user, Action.VIEW)
        .select_related("authority")
        .prefetch_related(
            Prefetch("documents", MovementDocument.objects.order_by(F("issued_on").asc(nulls_last=True), "id")),
            Prefetch("targets", MovementUnit.objects.select_related("unit")),
        )
        .get(pk=pk)
    )


#: Registrations the direct superior sees even without a role reaching down to the registering unit (not drafts).
SENT_UP = (RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED, RegistrationStatus.RETURNED)

#: This module's key in the per-request scope cache (``thidua.core.scoping.scope_cache``).
_SENT_UP_KEY = "registrations_sent_up"


def _child_unit_ids(unit_ids: frozenset[int]) -> list[int]:
    """Ids of the units whose parent is one of ``unit_ids`` (one query on the materialised path)."""
    return list(
        OrgUnit.objects.filter(depth__gt=1)
        .annotate(parent_path=parent_path_of("path"))
        .filter(parent_path__in=OrgUnit.objects.filter(pk__in=unit_ids).values("path"))
        .values_list("pk", flat=True)
    )


def _sent_up_unit_ids(user, view_ids: frozenset[int], change_ids: frozenset[int]) -> frozenset[int]:
    """The child units of the change scope outside the view scope: the units whose sent-up registrations ``user``
    sees besides their view scope.

    One query per request: cached beside the scopes it derives from (``scope_unit_ids`` caches them on the user
    object), so ``clear_scope_cache`` forgets it with them after a role or tree change.
    """
    cache = scope_cache(user)
    if _SENT_UP_KEY not in cache:
        cache[_SENT_UP_KEY] = frozenset(_child_unit_ids(change_ids)) - view_ids
    return cache[_SENT_UP_KEY]


def registrations_visible(user) -> QuerySet:
    """The registrations ``user`` sees: those of the units in their view scope, plus the registrations sent up
    (submitted, approved or returned — never drafts) by the child units of the units in their change scope.

    The superior level decides on a child unit's registration (``policies.can_decide_registration``); an officer
    whose role is on that level without its descendants must still see what they decide. The one place this rule
    lives: every registration read goes through here.
    """
    visible = Registration.objects.visible_to(user, Action.VIEW)
    view_ids, change_ids = scope_unit_ids(user, Action.VIEW), scope_unit_ids(user, Action.CHANGE)
    if view_ids is ALL or change_ids is ALL or not change_ids:
        return visible
    extra = _sent_up_unit_ids(user, view_ids, change_ids)
    if not extra:
        return visible
    return Registration.objects.filter(Registration.scope_filter(view_ids) | Q(unit_id__in=extra, status__in=SENT_UP))


def _items() -> Prefetch:
    """A registration's items with their awards, as every registration page and response shows them."""
    return Prefetch("items", RegistrationItem.objects.select_related("award"))


def registration_written(registration: Registration) -> Registration:
    """A registration a service has just written, ready to show again without reading its row a second time.

    The service refreshed the row (``versioned_update``), which drops the related objects read with it: only the
    ones shown (unit, person, items with their awards) and not already loaded back are fetched.
    """
    prefetch_related_objects([registration], "unit", "person", _items())
    return registration


def movement_registrations(user, movement: Movement) -> QuerySet:
    """The registrations made under a movement that the user sees."""
    return (
        registrations_visible(user)
        .filter(movement=movement)
        .select_related("unit", "person")
        .prefetch_related(_items())
    )


def registrations_list(user, *, year: int | None = None, status: str = "", unit: OrgUnit | None = None) -> QuerySet:
    """Registrations the user sees, optionally of one year, status or unit subtree."""
    qs = (
        registrations_visible(user)
        .select_related("unit", "person", "movement")
        .prefetch_related(_items())
        .order_by("-year", "unit__path", "person__sort_key", "id")
    )
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs


def registration_detail(user, pk: int) -> Registration:
    """One visible registration with its items."""
    return (
        registrations_visible(user)
        .select_related("unit", "person", "movement", "decided_by")
        .prefetch_related(_items())
        .get(pk=pk)
    )


@dataclass
class RollupRow:
    """Registrations of one unit's subtree (or of the unit itself), by status."""

    unit: OrgUnit
    own: bool
    by_status: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


@dataclass
class Rollup:
    """A unit's registrations for a year rolled up level by level: the unit itself, then each child's subtree."""

    unit: OrgUnit
    year: int
    rows: list[RollupRow]
    titles: list[tuple[str, int, int]]  # (title, registered, approved)
    totals: Counter

    @property
    def total(self) -> int:
        """All the registrations counted (every status, the unit and its whole subtree)."""
        return sum(self.totals.values())


def registration_rollup(user, unit: OrgUnit, year: int) -> Rollup:
    """Counts by status for the unit's own registrations and for each child's subtree, and counts per title."""
    regs = list(
        registrations_visible(user)
        .filter(year=year, unit__path__startswith=unit.path)
        .values_list("id", "status", "unit__path")
    )
    children = list(OrgUnit.objects.get_children(unit).order_by("path"))
    rows = [RollupRow(unit=unit, own=True)] + [RollupRow(unit=child, own=False) for child in children]
    by_prefix = {child.path: row for child, row in zip(children, rows[1:], strict=True)}
    steplen = OrgUnit.steplen
    totals: Counter = Counter()
    status_of = {}
    for reg_id, status, path in regs:
        status_of[reg_id] = status
        totals[status] += 1
        row = rows[0] if path == unit.path else by_prefix.get(path[: len(unit.path) + steplen])
        if row is not None:
            row.by_status[status] += 1
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for reg_id, name in RegistrationItem.objects.filter(registration_id__in=status_of).values_list(
        "registration_id", "award__name"
    ):
        counts[name][0] += 1
        if status_of[reg_id] == RegistrationStatus.APPROVED:
            counts[name][1] += 1
    titles = sorted(((name, c[0], c[1]) for name, c in counts.items()), key=lambda t: (-t[1], t[0]))
    return Rollup(unit=unit, year=year, rows=rows, titles=titles, totals=totals)


def pacts_list(user, *, year: int | None = None, group: int | None = None) -> QuerySet:
    """Pacts of the blocks the user sees, optionally of one year and one block (by id)."""
    groups = EmulationGroup.objects.visible_to(user, Action.VIEW).values("pk")
    pacts = Pact.objects.filter(group__in=groups)
    if year is not None:
        pacts = pacts.filter(year=year)
    if group is not None:
        pacts = pacts.filter(group_id=group)
    return (
        pacts.select_related("group")
        .annotate(signature_count=Count("signatures", distinct=True))
        .order_by("-year", "group__name")
    )


def pact_detail(user, pk: int) -> Pact:
    """One pact of a visible block, with its signatures."""
    groups = EmulationGroup.objects.visible_to(user, Action.VIEW).values("pk")
    return (
        Pact.objects.filter(group__in=groups)
        .select_related("group", "group__authority")
        .prefetch_related("signatures__unit", "signatures__signer", "group__memberships__unit")
        .get(pk=pk)
    )


# --- calendar ----------------------------------------------------------------------------------------------------

DONE, PENDING, OVERDUE, INFO = "da_nop", "chua_nop", "qua_han", "thong_tin"
STATUS_LABELS = {DONE: "Đã nộp", PENDING: "Chưa nộp", OVERDUE: "Quá hạn", INFO: ""}


@dataclass
class CalendarEntry:
    """One dated item of a unit's emulation year."""

    on: dt.date
    kind: str
    title: str
    detail: str = ""
    status: str = INFO
    url: str = ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def calendar_units(user) -> QuerySet:
    """Units the calendar may be shown for (the user's view scope), in tree order."""
    return OrgUnit.objects.visible_to(user, Action.VIEW).only("id", "name", "short_name", "label", "depth", "path")


def default_calendar_unit(user) -> OrgUnit | None:
    """The unit the calendar opens on: the top of the user's scope."""
    return OrgUnit.objects.visible_to(user, Action.VIEW).order_by("depth", "path").first()


def _state(done: bool, due: dt.date, today: dt.date) -> str:
    if done:
        return DONE
    return OVERDUE if today > due else PENDING


def unit_calendar(user, unit: OrgUnit, year: int, *, today: dt.date | None = None) -> list[CalendarEntry]:
    """What is due for ``unit`` in ``year``, by date: movements (start, registration due, end), review periods
    (opening, due date with the unit's extension) and conferences. Read-only; every source is scoped."""
    from django.urls import reverse

    today = today or dt.date.today()
    entries: list[CalendarEntry] = []
    movements = (
        Movement.objects.visible_to(user, Action.VIEW)
        .filter(Q(targets__unit=unit) | Q(authority=unit))
        .exclude(status=MovementStatus.DRAFT)
        .distinct()
    )
    registered = {
        movement_id: status
        for movement_id, status in Registration.objects.filter(
            unit=unit, person__isnull=True, movement__isnull=False
        ).values_list("movement_id", "status")
    }
    year_registration = (
        Registration.objects.filter(unit=unit, person__isnull=True, year=year).values_list("status", flat=True).first()
    )
    for movement in movements:
        url = reverse("movement_detail", args=[movement.pk])
        if movement.start_on.year == year:
            entries.append(CalendarEntry(movement.start_on, "Phong trào", f"Bắt đầu phong trào «{movement}»", url=url))
        due = registration_due_on(movement)
        if due.year == year:
            status = registered.get(movement.pk) or year_registration
            done = status in (RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED)
            entries.append(
                CalendarEntry(
                    due,
                    "Đăng ký thi đua",
                    f"Hạn đăng ký thi đua theo phong trào «{movement}»",
                    detail="Mặc định: 30 ngày kể từ ngày bắt đầu phong trào.",
                    status=_state(done, due, today),
                    url=url,
                )
            )
        if movement.end_on and movement.end_on.year == year:
            entries.append(CalendarEntry(movement.end_on, "Phong trào", f"Kết thúc phong trào «{movement}»", url=url))
    periods = (
        ReviewPeriod.objects.visible_to(user, Action.VIEW)
        .filter(units=unit)
        .filter(Q(opens_on__year=year) | Q(due_on__year=year))
        .distinct()
    )
    extensions = dict(PeriodExtension.objects.filter(unit=unit, period__in=periods).values_list("period_id", "due_on"))
    submitted = set(
        UnitReport.objects.filter(unit=unit, period__in=periods, status=ReportStatus.SUBMITTED).values_list(
            "period_id", flat=True
        )
    )
    for period in periods:
        if period.opens_on.year == year:
            entries.append(CalendarEntry(period.opens_on, "Kỳ báo cáo", f"Mở nhận báo cáo: {period}"))
        due = extensions.get(period.pk, period.due_on)
        if due.year == year:
            detail = f"Đã gia hạn (hạn gốc {period.due_on:%d/%m/%Y})." if period.pk in extensions else ""
            entries.append(
                CalendarEntry(
                    due,
                    "Báo cáo",
                    f"Hạn nộp báo cáo: {period}",
                    detail=detail,
                    status=_state(period.pk in submitted, due, today),
                )
            )
    member_groups = unit.group_memberships.values("group_id")
    conferences = (
        Conference.objects.visible_to(user, Action.VIEW)
        .filter(Q(host_unit=unit) | Q(group_id__in=member_groups))
        .filter(held_on__year=year)
        .distinct()
    )
    for conference in conferences:
        entries.append(CalendarEntry(conference.held_on, "Hội nghị", conference.title))
    entries.sort(key=lambda e: (e.on, e.kind, e.title))
    return entries
