"""Web views of the records app: the year-by-year records page of a person and of a unit, the forms that add or
remove each kind of record, and the Excel import of past records.

Each view fetches its subject through ``visible_to`` (404 out of scope), checks the change policy for forms (404 when
the user may only look), and calls one service; the form plumbing is :class:`thidua.core.views.ServiceFormView`.

The package: :mod:`.pages` (records pages, awards register), :mod:`.person` and :mod:`.unit` (the forms: add, edit with
optimistic locking, remove), :mod:`.editing` (what editing shares), :mod:`.imports` (the Excel import).
"""

from .imports import records_import, records_import_template
from .pages import award_record_list, person_records, unit_records
from .person import (
    AchievementAddView,
    DisciplineAddView,
    LeaveAddView,
    PersonAwardAddView,
    PersonRatingView,
    PersonRecordEditView,
    PersonRecordRemoveView,
    ReviewAddView,
    ReviewCloseView,
)
from .unit import UnitAwardAddView, UnitRatingView, UnitRecordEditView, UnitRecordRemoveView

__all__ = [
    "AchievementAddView",
    "DisciplineAddView",
    "LeaveAddView",
    "PersonAwardAddView",
    "PersonRatingView",
    "PersonRecordEditView",
    "PersonRecordRemoveView",
    "ReviewAddView",
    "ReviewCloseView",
    "UnitAwardAddView",
    "UnitRatingView",
    "UnitRecordEditView",
    "UnitRecordRemoveView",
    "award_record_list",
    "person_records",
    "records_import",
    "records_import_template",
    "unit_records",
]
