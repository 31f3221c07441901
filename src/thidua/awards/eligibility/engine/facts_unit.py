"""Facts about collectives that come from outside their own yearly records, loaded for a whole scope at once.

* **enterprise** — whether a unit is an enterprise (``OrgUnit.is_enterprise``) or part of one: the workshops and
  divisions of a defence plant are labour collectives too;
* **block results** — the unit's place in each emulation block (khối, cụm thi đua) scored for the year, from the
  emulation app's criteria sheets that reached the preview (công bố dự kiến) or publication, and whether the block's
  proposal (suy tôn) names it. A sheet still being scored is not a result yet.

:func:`thidua.awards.eligibility.engine.facts.load_units` calls both, so the one-unit check and the bulk run see the
same facts.
"""

from __future__ import annotations

from typing import NamedTuple

from thidua.org.models import OrgUnit


class BlockResult(NamedTuple):
    """A unit's place in one block's ranking of the year."""

    block: str  # the block's short name
    rank: int  # 1 = first (equal totals share a rank)
    size: int  # member units ranked
    published: bool  # False: only previewed (công bố dự kiến)
    proposed: bool  # the block's proposal (suy tôn) names the unit


def load_enterprises(by_path: dict, hasher) -> None:
    """Set ``enterprise = (name, own)`` on each unit that is an enterprise (``own``) or lies inside one (the nearest
    enclosing enterprise is named)."""
    rows = hasher.add("ue", list(OrgUnit.objects.filter(is_enterprise=True).values_list("path", "name")))
    if not rows:
        return
    names = dict(rows)
    steplen = OrgUnit.steplen
    for path, f in by_path.items():
        for end in range(len(path), 0, -steplen):
            name = names.get(path[:end])
            if name is not None:
                f.enterprise = (name, end == len(path))
                break


def load_blocks(year: int, by_id: dict, hasher, *, unit: OrgUnit | None = None, only: int | None = None) -> None:
    """Set ``blocks`` (a tuple of :class:`BlockResult`) on each unit ranked in a block's previewed or published
    scoring of ``year``; only the sheets of blocks with a member in the scope are ranked."""
    from thidua.emulation.models import CriteriaSheet, SheetProposal
    from thidua.emulation.scoring.choices import SheetStatus
    from thidua.emulation.scoring.selectors import sheet_ranking

    sheets = CriteriaSheet.objects.filter(year=year, status__in=[SheetStatus.PREVIEW, SheetStatus.PUBLISHED])
    if only is not None:
        sheets = sheets.filter(group__memberships__unit_id=only)
    elif unit is not None:
        sheets = sheets.filter(group__memberships__unit__path__startswith=unit.path)
    sheets = list(sheets.select_related("group").distinct().order_by("id"))
    if not sheets:
        return
    published_ids = [s.pk for s in sheets if s.status == SheetStatus.PUBLISHED]
    proposed = set(SheetProposal.objects.filter(sheet_id__in=published_ids).values_list("sheet_id", "unit_id"))
    rows = []
    for sheet in sheets:
        ranking = sheet_ranking(sheet)
        published = sheet.status == SheetStatus.PUBLISHED
        block = sheet.group.short_name or sheet.group.name
        for row in ranking:
            rows.append((row.unit_id, block, row.rank, len(ranking), published, (sheet.pk, row.unit_id) in proposed))
    for uid, *result in hasher.add("ub", rows):
        f = by_id.get(uid)
        if f is not None:
            f.blocks = (*f.blocks, BlockResult(*result))
