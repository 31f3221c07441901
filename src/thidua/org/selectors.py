"""Reads on the organisation registry. Selectors own select_related/prefetch_related so pages stay within budget."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from thidua.core import vn
from thidua.core.choices import Action
from thidua.core.paging import IdsFirst

from .choices import PositionKind
from .models import EmulationGroup, GroupLeadership, GroupMembership, OrgUnit, Person, Position


@dataclass(frozen=True)
class ServiceSummary:
    """Service of a person on a day: total over all periods, and the current unbroken period.

    Years and months are counted on the calendar (01/01/2023–31/12/2023 is one full year whether or not the year is
    a leap year), as the seniority thresholds of the awards rules require; days are kept for sorting and the API.
    """

    total_days: int
    continuous_days: int
    periods: int
    breaks: int
    total_months: int = 0
    continuous_months: int = 0

    @property
    def total_years(self) -> int:
        return self.total_months // 12

    @property
    def continuous_years(self) -> int:
        return self.continuous_months // 12

    @property
    def total_text(self) -> str:
        return vn.format_months(self.total_months)

    @property
    def continuous_text(self) -> str:
        return vn.format_months(self.continuous_months)


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clipped to the end of a shorter month."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def _calendar_span(start: dt.date, end: dt.date) -> tuple[int, int]:
    """Whole calendar months from ``start`` to ``end`` inclusive, and the days left over."""
    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    while months > 0 and _add_months(start, months) > after:
        months -= 1
    return months, (after - _add_months(start, months)).days


def service_summary(person: Person, on: dt.date | None = None) -> ServiceSummary:
    """Total and continuous service on ``on`` from the person's service periods (breaks are the gaps)."""
    on = on or dt.date.today()
    periods = sorted((p for p in person.service_periods.all() if p.start_on <= on), key=lambda p: p.start_on)
    # Adjoining periods (one ends the day before the next starts) form one unbroken run.
    runs: list[list[dt.date]] = []
    for period in periods:
        end = min(period.end_on or on, on)
        if runs and (period.start_on - runs[-1][1]).days <= 1:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([period.start_on, end])
    total_days = sum((end - start).days + 1 for start, end in runs)
    spans = [_calendar_span(start, end) for start, end in runs]
    # The days left over from separate runs add up, 31 to a month, so that a total is never overstated.
    total_months = sum(m for m, _ in spans) + sum(d for _, d in spans) // 31
    continuous_days = continuous_months = 0
    if runs and runs[-1][1] == on:
        # Still serving on ``on`` (a period ending that very day counts): the last run is the unbroken one.
        continuous_days = (runs[-1][1] - runs[-1][0]).days + 1
        continuous_months = spans[-1][0]
    return ServiceSummary(
        total_days, continuous_days, len(periods), max(0, len(runs) - 1), total_months, continuous_months
    )


def current_positions(person: Person, on: dt.date | None = None) -> list[Position]:
    """Positions held on ``on``, party posts first (as written in Vietnamese: "Ủy viên Thường vụ Đảng ủy, Phó …")."""
    held = [p for p in person.positions.all() if p.is_current(on)]
    return sorted(held, key=lambda p: (p.kind != PositionKind.PARTY, p.start_on))


def positions_text(person: Person, on: dt.date | None = None) -> str:
    """The current positions joined the way an article would write them."""
    return ", ".join(p.title for p in current_positions(person, on))


def person_detail(user, pk: int) -> Person:
    """One person in the user's scope with every history prefetched (raises Person.DoesNotExist otherwise)."""
    return (
        Person.objects.visible_to(user, Action.VIEW)
        .select_related("unit")
        .prefetch_related(
            "rank_changes",
            Prefetch("positions", queryset=Position.objects.select_related("unit")),
            "memberships__unit",
            "service_periods",
        )
        .get(pk=pk)
    )


def people_list(user, *, q: str = "", unit: OrgUnit | None = None, rank: str = "", category: str = "") -> QuerySet:
    """People in scope matching the filters, in Vietnamese name order; ``unit`` includes its whole subtree."""
    qs = Person.objects.visible_to(user, Action.VIEW).select_related("unit")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if rank:
        qs = qs.filter(rank=rank)
    if category:
        qs = qs.filter(category=category)
    return qs.search(q).sorted_vn(filtered=bool(q.strip()))


def people_listing(user, *, q: str = "", unit=None, rank: str = "", category: str = "", prefetch: tuple = ()):
    """:func:`people_list` as a Paginator source: a text search pages primary keys first (:class:`IdsFirst`), so the
    covering index answers it; browsing without a search reads the rows directly in sort_key order."""
    qs = people_list(user, q=q, unit=unit, rank=rank, category=category)
    if q.strip():
        return IdsFirst(qs, select_related=("unit",), prefetch_related=prefetch)
    return qs.prefetch_related(*prefetch)


def people_in_scope(user) -> QuerySet:
    """People the user may see, with their unit joined (the people list's FilterSet narrows it)."""
    return Person.objects.visible_to(user, Action.VIEW).select_related("unit")


def people_page_source(qs: QuerySet, *, searched: bool, prefetch: tuple = ()):
    """A filtered people queryset as a list table's data: a text search pages primary keys first (:class:`IdsFirst`)
    so the covering (search_key, sort_key) index answers it; browsing reads the rows directly. The table orders it
    (Vietnamese name order by default, through ``sorted_vn``)."""
    if searched:
        return IdsFirst(qs, select_related=("unit",), prefetch_related=prefetch)
    return qs.prefetch_related(*prefetch)


def units_for_select(user, action: str = Action.VIEW) -> QuerySet:
    """Units in scope in tree order, for pickers."""
    return OrgUnit.objects.visible_to(user, action).only("id", "name", "short_name", "label", "depth", "path")


def units_listing(user) -> QuerySet:
    """Units in scope in tree order with their people counts (the flat units list)."""
    return OrgUnit.objects.visible_to(user, Action.VIEW).annotate(people_count=Count("people")).order_by("path")


def tree_roots(user) -> list[OrgUnit]:
    """The top of the user's visible tree: units in scope whose parent is not in scope."""
    visible = OrgUnit.objects.visible_to(user, Action.VIEW)
    units = list(visible.only("id", "path", "depth", "name", "short_name", "kind", "numchild", "valid_to"))
    paths = {u.path for u in units}
    step = OrgUnit.steplen
    return [u for u in units if u.depth == 1 or u.path[:-step] not in paths]


def tree_children(user, unit: OrgUnit) -> list[OrgUnit]:
    """Visible direct children of ``unit``, with their people counts, in tree order."""
    return list(
        OrgUnit.objects.visible_to(user, Action.VIEW)
        .filter(path__startswith=unit.path, depth=unit.depth + 1)
        .annotate(people_count=Count("people"))
        .order_by("path")
    )


def unit_people(unit: OrgUnit) -> QuerySet:
    """People whose current unit is exactly ``unit``, in Vietnamese order."""
    return Person.objects.filter(unit=unit).sorted_vn()


def unit_groups(unit: OrgUnit) -> QuerySet:
    """Emulation groups the unit belongs to or set up, newest year first."""
    return (
        EmulationGroup.objects.filter(Q(memberships__unit=unit) | Q(authority=unit))
        .select_related("authority")
        .distinct()
        .order_by("-year", "name")
    )


def group_detail(user, pk: int) -> EmulationGroup:
    """One group in scope with members, leaders and handovers prefetched."""
    return (
        EmulationGroup.objects.visible_to(user, Action.VIEW)
        .select_related("authority")
        .prefetch_related(
            Prefetch("memberships", queryset=GroupMembership.objects.select_related("unit").order_by("unit__path")),
            Prefetch("leaderships", queryset=GroupLeadership.objects.select_related("unit", "representative")),
            "handovers__from_unit",
            "handovers__to_unit",
            "handovers__from_person",
            "handovers__to_person",
        )
        .get(pk=pk)
    )


def groups_list(user, *, year: int | None = None, q: str = "") -> QuerySet:
    """Groups in scope with member counts."""
    qs = EmulationGroup.objects.visible_to(user, Action.VIEW).select_related("authority")
    if year:
        qs = qs.filter(year=year)
    for word in vn.search_key(q).split():
        qs = qs.filter(search_key__contains=word)
    return qs.annotate(member_count=Count("memberships", distinct=True)).order_by("-year", "name")


def leaders_on(group: EmulationGroup, day: dt.date) -> list[GroupLeadership]:
    """The group's leadership on a given day (uses prefetched leaderships)."""
    return [
        lead for lead in group.leaderships.all() if lead.start_on <= day and (lead.end_on is None or lead.end_on >= day)
    ]
