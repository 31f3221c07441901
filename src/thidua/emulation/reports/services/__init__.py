"""Writes of the reports slice: :mod:`.periods` (open, extend, close a review period) and :mod:`.unit_reports`
(save and submit a unit's report). Callers use ``services.<name>`` whatever the module."""

from .periods import period_close, period_create, period_extend
from .unit_reports import ALLOWED_EXTENSIONS, MAX_ATTACHMENT_BYTES, report_save

__all__ = [
    "ALLOWED_EXTENSIONS",
    "MAX_ATTACHMENT_BYTES",
    "period_close",
    "period_create",
    "period_extend",
    "report_save",
]
