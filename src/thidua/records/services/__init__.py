"""Writes on yearly records: ratings, titles and awards received, achievements, discipline, reviews and leave.

Every function is keyword-only, atomic, validates fully and writes one audit event. ``actor`` is the user acting (None
for system commands such as ``thidua demo`` and the importer's own checks, which skip scope checks). Errors are
:class:`django.core.exceptions.ValidationError` keyed by field, with Vietnamese messages that name the value at fault;
nothing is saved when one is raised.

Edits carry the version the user saw (``expected_version``): a stale one raises ``core.errors.ConflictError``
with the current values, and two first ratings of one year saved at once give :class:`AlreadyRecorded` (a conflict).

A year whose award record came from a decision (``source = quyet_dinh``) is closed: its records are the basis of an
issued decision and are corrected by a new decision, never edited in place (DESIGN.md §4.5).
"""

from .checks import FIRST_YEAR, AlreadyRecorded, decided_record, service_start
from .conduct import (
    discipline_add,
    discipline_remove,
    discipline_update,
    leave_add,
    leave_remove,
    leave_update,
    pending_review_add,
    pending_review_close,
    pending_review_update,
)
from .yearly import (
    achievement_add,
    achievement_remove,
    achievement_update,
    award_record_add,
    award_record_remove,
    award_record_update,
    person_rating_remove,
    person_rating_set,
    person_rating_update,
    unit_rating_remove,
    unit_rating_set,
    unit_rating_update,
)

__all__ = [
    "AlreadyRecorded",
    "FIRST_YEAR",
    "achievement_add",
    "achievement_remove",
    "achievement_update",
    "award_record_add",
    "award_record_remove",
    "award_record_update",
    "decided_record",
    "discipline_add",
    "discipline_remove",
    "discipline_update",
    "leave_add",
    "leave_remove",
    "leave_update",
    "pending_review_add",
    "pending_review_close",
    "pending_review_update",
    "person_rating_remove",
    "person_rating_set",
    "person_rating_update",
    "service_start",
    "unit_rating_remove",
    "unit_rating_set",
    "unit_rating_update",
]
