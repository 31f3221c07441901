"""Template filters about ranks and units, added to core's ``{% load thidua %}`` library by
:class:`thidua.org.apps.OrgConfig`."""

from __future__ import annotations

from thidua.core import vn

from .choices import GENERAL_RANKS, Rank
from .labels import unit_label


def rank_label(code: str | None) -> str:
    """The Vietnamese label of a rank code ("thieu_tuong" → "Thiếu tướng")."""
    if not code:
        return ""
    try:
        return Rank(code).label
    except ValueError:
        return code


def is_general(code: str | None) -> bool:
    """Whether the rank is a general's or an admiral's (shown with the high badge)."""
    return code in GENERAL_RANKS


def unit_search(unit) -> str:
    """A unit's label without diacritics, lower-case: the ``data-search`` of a hand-written unit ``<option>``."""
    return vn.search_key(unit_label(unit))


def register_on(library) -> None:
    """Add this module's filters to a template library."""
    library.filter("rank_label", rank_label)
    library.filter("is_general", is_general)
    library.filter("unit_label", unit_label)  # "Phòng Kế hoạch — Nhà máy Z111": see org/labels.py
    library.filter("unit_search", unit_search)
