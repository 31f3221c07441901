"""Models of the emulation cycle: each slice owns its ``<slice>/models.py``; this module re-exports them so that Django
finds them under the app label ``emulation`` (and callers may import any of them from one place)."""

from .conferences.models import AgendaItem, Attendee, Conference, ConferenceOutcome
from .movements.models import (
    Movement,
    MovementDocument,
    MovementUnit,
    Pact,
    PactSignature,
    Registration,
    RegistrationItem,
)
from .reports.models import Indicator, IndicatorTemplate, PeriodExtension, ReportValue, ReviewPeriod, UnitReport
from .scoring.models import CriteriaSheet, Criterion, CriterionGroup, Score, ScoreChange, SheetProposal

__all__ = [
    "AgendaItem",
    "Attendee",
    "Conference",
    "ConferenceOutcome",
    "Movement",
    "MovementDocument",
    "MovementUnit",
    "Pact",
    "PactSignature",
    "Registration",
    "RegistrationItem",
    "Indicator",
    "IndicatorTemplate",
    "PeriodExtension",
    "ReportValue",
    "ReviewPeriod",
    "UnitReport",
    "Criterion",
    "CriterionGroup",
    "CriteriaSheet",
    "Score",
    "ScoreChange",
    "SheetProposal",
]
