"""Models of the emulation cycle, one module per stage (DESIGN.md: split a file into a package past ~400 lines)."""

from .conferences import AgendaItem, Attendee, Conference, ConferenceOutcome
from .movements import Movement, MovementDocument, MovementUnit, Pact, PactSignature, Registration, RegistrationItem
from .reports import Indicator, IndicatorTemplate, PeriodExtension, ReportValue, ReviewPeriod, UnitReport
from .scoring import CriteriaSheet, Criterion, CriterionGroup, Score, ScoreChange, SheetProposal

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
