"""Writes on yearly records: ratings, titles and awards received, achievements, discipline, reviews and leave.

Every function is keyword-only, atomic, validates fully and writes one audit event. ``actor`` is the user acting (None
for system commands such as ``thidua demo`` and the importer's own checks, which skip scope checks). Errors are
:class:`django.core.exceptions.ValidationError` keyed by field, with Vietnamese messages that name the value at fault;
nothing is saved when one is raised.

A year whose award record came from a decision (``source = quyet_dinh``) is closed: its records are the basis of an
issued decision and are corrected by a new decision, never edited in place (DESIGN.md §4.5).
"""

from .checks import FIRST_YEAR, decided_record, service_start
from .conduct import (
    discipline_add,
    discipline_remove,
    leave_add,
    leave_remove,
    pending_review_add,
    pending_review_close,
)
from .yearly import (
    achievement_add,
    achievement_remove,
    award_record_add,
    award_record_remove,
    person_rating_remove,
    person_rating_set,
    unit_rating_remove,
    unit_rating_set,
)

__all__ = [
    "FIRST_YEAR",
    "achievement_add",
    "achievement_remove",
    "award_record_add",
    "award_record_remove",
    "decided_record",
    "discipline_add",
    "discipline_remove",
    "leave_add",
    "leave_remove",
    "pending_review_add",
    "pending_review_close",
    "person_rating_remove",
    "person_rating_set",
    "service_start",
    "unit_rating_remove",
    "unit_rating_set",
]
