"""The award catalogue of DOMAIN.md §5, read from its one source of truth: ``data/awards.toml``.

Each entry carries its subject, period, level, the family of titles of which one subject may hold only one a year,
the reward multiples of the base salary (R15 and the §0b table) and its legal basis with the verification tag.
:func:`seed_catalogue` writes the file into the ``Award`` table idempotently (``update_or_create`` by code); a data
migration and every ``migrate`` call it. The rule loader and the engine read codes, names and families through
:func:`award_codes`, :func:`award_names` and :func:`families` — never from a second list in Python.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "awards.toml"


def _d(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


@lru_cache(maxsize=1)
def catalogue_items() -> tuple[dict, ...]:
    """Every item of the shipped catalogue, in the file's order (read once per process)."""
    with DATA_FILE.open("rb") as fh:
        return tuple(tomllib.load(fh)["award"])


def award_codes() -> frozenset[str]:
    """The codes of every catalogue item."""
    return frozenset(item["code"] for item in catalogue_items())


def award_names() -> dict[str, str]:
    """Award code → full Vietnamese name."""
    return {item["code"]: item["name"] for item in catalogue_items()}


def families() -> dict[str, frozenset[str]]:
    """Award code → the codes of its family (titles of which a subject holds one a year); codes without a family
    are absent."""
    members: dict[str, set[str]] = {}
    for item in catalogue_items():
        if item.get("family"):
            members.setdefault(item["family"], set()).add(item["code"])
    return {code: frozenset(codes) for codes in members.values() for code in codes}


def _defaults(item: dict, order: int) -> dict:
    """The model fields of one catalogue item (everything but its code)."""
    return {
        "name": item["name"],
        "short_name": item.get("short_name", ""),
        "kind": item["kind"],
        "subject": item["subject"],
        "period": item["period"],
        "level": item["level"],
        "family": item.get("family", ""),
        "rank": item.get("rank", 0),
        "reward_person": _d(item.get("reward_person")),
        "reward_unit": _d(item.get("reward_unit")),
        "legal_basis": item["legal_basis"],
        "verification": item["verification"],
        "note": item.get("note", ""),
        "order": order * 10,
    }


def seed_catalogue(award_model=None, *, update: bool = True) -> int:
    """Create or update every catalogue item by code (idempotent); returns how many items were written.

    ``award_model`` is the ``Award`` class — the historical one when called from a data migration (default: the
    current model). With ``update=False`` only missing items are created, so an administrator's edits are kept.
    """
    if award_model is None:
        from .models import Award as award_model
    items = catalogue_items()
    for order, item in enumerate(items, start=1):
        defaults = _defaults(item, order)
        if update:
            award_model.objects.update_or_create(code=item["code"], defaults=defaults)
        else:
            award_model.objects.get_or_create(code=item["code"], defaults=defaults)
    return len(items)
