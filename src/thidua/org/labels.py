"""Unambiguous unit labels: the one place that says how a unit is named where short names repeat.

Unit names repeat across the tree ("Phòng Kế hoạch" in every plant), so lists, selects, exports and documents show
a unit's **label**: its name with its parent's name ("Phòng Kế hoạch — Nhà máy Z111"), and when even that repeats,
with more ancestors ("Phòng Kế hoạch — Nhà máy Z111 — Cục Công nghiệp 1 — Tổ chức mô phỏng (seed 2)"). A root
unit's label is its name. Names, not abbreviations ("Z111", "TCCT"), because a label is read by people outside the
unit; the short name stays on the unit's own page and in the tree, where the context is given.

The label is denormalised in ``OrgUnit.label`` so a list or an export reads it with the unit's row (no query per
row, no ancestor query per page). Only units with the same name can collide, so a change is recomputed for the
names it touches: :func:`refresh_labels` runs in the same transaction as the unit services that create, rename or
move a unit (a rename or a move touches the names of the descendants too, whose labels name their ancestors).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

SEPARATOR = " — "
MAX_LENGTH = 600  # OrgUnit.label's column; a deeper path is cut with "…"


@dataclass(frozen=True)
class UnitRow:
    """What a label is made of: the unit's id, its materialised path and its name."""

    pk: int
    path: str
    name: str


def _chain(row: UnitRow, names_by_path: dict[str, str], steplen: int) -> list[str]:
    """[own name, parent's name, grandparent's name, …, root's name]."""
    chain = [row.name]
    for end in range(len(row.path) - steplen, 0, -steplen):
        chain.append(names_by_path.get(row.path[:end], "?"))
    return chain


def compute_labels(rows: Iterable[UnitRow], names_by_path: dict[str, str], steplen: int) -> dict[int, str]:
    """Labels for ``rows`` — which must hold every unit sharing a name with any of them — given the names of
    all their ancestors (by path). Each unit gets the fewest ancestors (at least its parent) that make it unique."""
    groups: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
    for row in rows:
        groups[row.name].append((row.pk, _chain(row, names_by_path, steplen)))
    labels: dict[int, str] = {}
    for members in groups.values():
        pending = members
        size = 2
        while pending:
            counts: dict[tuple[str, ...], int] = defaultdict(int)
            for _, chain in pending:
                counts[tuple(chain[:size])] += 1
            still = []
            for pk, chain in pending:
                if counts[tuple(chain[:size])] == 1 or size >= len(chain):
                    label = SEPARATOR.join(chain[:size])
                    labels[pk] = label if len(label) <= MAX_LENGTH else label[: MAX_LENGTH - 1] + "…"
                else:
                    still.append((pk, chain))
            pending = still
            size += 1
    return labels


def refresh_labels(names: Iterable[str] | None = None) -> int:
    """Recompute the stored labels of every unit whose name is in ``names`` (every unit when None) and
    save those that changed; returns how many changed. Call it inside the transaction of the change."""
    from .models import OrgUnit

    qs = OrgUnit.objects.all()
    if names is not None:
        wanted = sorted({n for n in names if n})
        if not wanted:
            return 0
        qs = qs.filter(name__in=wanted)
    units = list(qs.only("pk", "path", "name", "label"))
    if not units:
        return 0
    steplen = OrgUnit.steplen
    prefixes = {u.path[:end] for u in units for end in range(steplen, len(u.path), steplen)}
    names_by_path = {}
    if prefixes:
        ancestors = (
            OrgUnit.objects.filter(path__in=sorted(prefixes)).only("path", "name") if names is not None else units
        )
        names_by_path = {a.path: a.name for a in ancestors if a.path in prefixes}
    rows = [UnitRow(u.pk, u.path, u.name) for u in units]
    labels = compute_labels(rows, names_by_path, steplen)
    changed = [u for u in units if labels.get(u.pk, u.label) != u.label]
    for unit in changed:
        unit.label = labels[unit.pk]
    OrgUnit.objects.bulk_update(changed, ["label"], batch_size=500)
    return len(changed)


def subtree_names(unit) -> set[str]:
    """The names of ``unit`` and of every unit below it (what a rename or a move of ``unit`` relabels)."""
    from .models import OrgUnit

    return set(OrgUnit.objects.filter(path__startswith=unit.path).values_list("name", flat=True))


def unit_label(unit) -> str:
    """The label to print for ``unit`` (a unit or None): what tables, exports, documents and the ``unit_label``
    template filter show. Reads the stored column only — no query — when the unit came with its row."""
    return str(unit) if unit is not None else ""
