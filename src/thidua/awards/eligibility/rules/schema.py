"""The rule-document schema (pydantic v2, ``extra="forbid"``): an award's conditions as validated, versioned data.

A document names the award, its version and validity, its legal basis, and a list of conditions. A condition is
either one predicate of the vocabulary below with typed parameters, a Vietnamese label and a citation, or a group
(``all_of`` / ``any_of``) of conditions. Exclusions are conditions whose failure always disqualifies (never "sắp
đủ"). A cap is optional and off unless the document turns it on. Values that DOMAIN.md marks [UNVERIFIED] carry
``unverified = true`` so the interface can label them "giá trị mặc định cấu hình được".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator

from thidua.catalogue.seed import award_codes

RatingLevel = Literal["htxsnv", "httnv", "htnv", "khtnv"]
PartyLevel = Literal["tsvm_tieu_bieu", "tsvm", "htnv", "khtnv"]
AchievementLevel = Literal["co_so", "toan_quan", "toan_quoc"]
AchievementKindName = Literal["sang_kien", "de_tai", "sang_tao_chien_dau"]
DisciplineFormName = Literal[
    "khien_trach",
    "canh_cao",
    "ha_bac_luong",
    "giang_cap_bac",
    "giang_chuc",
    "cach_chuc",
    "tuoc_quan_ham",
    "tuoc_danh_hieu",
]
CategoryName = Literal["si_quan", "qncn", "hsq_bs", "cnvqp", "hop_dong"]


class Strict(BaseModel):
    """Base: unknown keys are errors, so a typo in a rule file is refused rather than ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- parameters of each predicate -------------------------------------------------------------------------------


class RatingAtLeast(Strict):
    """The yearly task rating of year ``Y + year_offset`` is ``level`` or better."""

    level: RatingLevel
    year_offset: int = Field(0, le=0, ge=-10)


class RatingStreak(Strict):
    """``length`` consecutive years rated ``level`` or better, ending at ``Y + ending``; any other year breaks it."""

    level: RatingLevel
    length: int = Field(ge=1, le=30)
    ending: int = Field(0, le=0, ge=-10)
    soon: bool = True


class TitleStreak(Strict):
    """``length`` consecutive years holding one of ``titles``, ending at ``Y + ending``; a year without breaks it."""

    titles: list[str] = Field(min_length=1)
    length: int = Field(ge=1, le=30)
    ending: int = Field(0, le=0, ge=-10)
    soon: bool = True


class TitleCount(Strict):
    """At least ``count`` years holding one of ``titles`` within the last ``window`` years (ending at Y) — for
    titles conferred every few years, where "consecutive" means successive conferrals."""

    titles: list[str] = Field(min_length=1)
    count: int = Field(ge=1, le=30)
    window: int = Field(ge=1, le=30)


class AchievementCount(Strict):
    """At least ``count`` achievements of ``kinds`` recognised at ``min_level`` or higher in the last ``window``
    years (ending at Y)."""

    kinds: list[AchievementKindName] = Field(min_length=1)
    min_level: AchievementLevel = "co_so"
    count: int = Field(1, ge=1, le=50)
    window: int = Field(1, ge=1, le=30)


class ServiceYears(Strict):
    """Service length on 31/12 of Y: ``continuous`` (the current unbroken run) or ``total`` (all periods);
    ``years`` (``years_female`` for women) up to ``max_years`` (exclusive) when the award is a band. With
    ``multiplier``, a period with a time factor (×2: sea, island, especially difficult areas) counts that many times;
    continuity is unchanged."""

    basis: Literal["continuous", "total"] = "continuous"
    years: int = Field(ge=0, le=60)
    years_female: int | None = Field(None, ge=0, le=60)
    max_years: int | None = Field(None, ge=1, le=80)
    soon_months: int = Field(12, ge=0, le=60)
    multiplier: bool = False

    @model_validator(mode="after")
    def _band(self):
        if self.max_years is not None and self.max_years <= max(self.years, self.years_female or 0):
            raise ValueError("max_years phải lớn hơn years")
        return self


class PositionMonths(Strict):
    """Months, by 31/12 of Y, holding a position whose coefficient (hệ số chức vụ) is ``min_coefficient`` or more:
    ``months_male`` for men, ``months_female`` for women. A calendar month counts once, with the highest coefficient
    held on its last day (overlapping posts are not added up)."""

    min_coefficient: Decimal = Field(gt=0, le=2, decimal_places=2)
    months_male: int = Field(ge=1, le=600)
    months_female: int = Field(ge=1, le=600)
    soon_months: int = Field(12, ge=0, le=60)


class NotReceived(Strict):
    """None of ``awards`` received ever (``within_years`` empty) or within the last ``within_years`` years."""

    awards: list[str] = Field(min_length=1)
    within_years: int | None = Field(None, ge=1, le=50)


class NoDiscipline(Strict):
    """No discipline of ``min_form`` or heavier in effect during the year (or on 31/12 with ``mode = on_date``).
    A measure without an end date is taken to last ``default_months``."""

    mode: Literal["during_year", "on_date"] = "during_year"
    min_form: DisciplineFormName = "khien_trach"
    default_months: int = Field(12, ge=1, le=120)


class NoPendingReview(Strict):
    """No open proceeding (discipline being considered, investigation, inspection, complaint) on 31/12 of Y."""


class MinMonths(Strict):
    """At least ``months`` months of service (``basis = service``) or in the current unit (``unit``) by 31/12 of Y;
    for a collective, since it was established."""

    months: int = Field(9, ge=1, le=120)
    basis: Literal["service", "unit"] = "service"


class CategoryIn(Strict):
    """The person's category is one of ``categories`` (CSTT for soldiers, LĐTT for workers)."""

    categories: list[CategoryName] = Field(min_length=1)


class UnitRatingAtLeast(Strict):
    """The collective's task rating of year ``Y + year_offset`` is ``level`` or better."""

    level: RatingLevel
    year_offset: int = Field(0, le=0, ge=-10)


class MembersShare(Strict):
    """At least ``percent`` % of the members (on 31/12 of Y) have a rating of ``level`` or better (``what =
    rating``) or hold one of ``titles`` (``what = title``); ``strict`` makes it "more than"."""

    what: Literal["rating", "title"]
    level: RatingLevel | None = None
    titles: list[str] | None = None
    percent: float = Field(ge=0, le=100)
    strict: bool = False

    @model_validator(mode="after")
    def _target(self):
        if self.what == "rating" and self.level is None:
            raise ValueError("cần 'level' khi what = rating")
        if self.what == "title" and not self.titles:
            raise ValueError("cần 'titles' khi what = title")
        return self


class MembersCountWithTitle(Strict):
    """At least ``count`` members hold one of ``titles`` in year Y."""

    titles: list[str] = Field(min_length=1)
    count: int = Field(1, ge=1)


class MembersNoDiscipline(Strict):
    """No member has discipline of ``min_form`` or heavier in effect during the year."""

    min_form: DisciplineFormName = "canh_cao"
    default_months: int = Field(12, ge=1, le=120)


class PartyRatingAtLeast(Strict):
    """The party organisation is rated ``level`` or better in year Y."""

    level: PartyLevel


class ComprehensiveStrong(Strict):
    """The unit is rated "vững mạnh toàn diện" in year Y."""


class UnitIsEnterprise(Strict):
    """The collective is (``value = true``) or is not (``false``) an enterprise (doanh nghiệp sản xuất, kinh doanh),
    itself or as part of one; ``instead`` names the award a collective failing this is considered for."""

    value: bool = True
    instead: str | None = Field(None, min_length=1, max_length=40)

    @field_validator("instead")
    @classmethod
    def _known(cls, code: str | None) -> str | None:
        if code is not None and code not in award_codes():
            raise ValueError(f"không có mã '{code}' trong danh mục khen thưởng")
        return code


class LedBlock(Strict):
    """The collective led its emulation block (khối, cụm thi đua) in year Y: first in the block's published ranking
    or named by the block's proposal (suy tôn); with ``preview_soon``, first in a ranking only previewed (công bố
    dự kiến) is "sắp đủ"."""

    preview_soon: bool = True


PARAMS: dict[str, type[Strict]] = {
    "rating_at_least": RatingAtLeast,
    "rating_streak": RatingStreak,
    "title_streak": TitleStreak,
    "title_count": TitleCount,
    "achievement_count": AchievementCount,
    "service_years": ServiceYears,
    "position_months": PositionMonths,
    "not_received": NotReceived,
    "no_discipline": NoDiscipline,
    "no_pending_review": NoPendingReview,
    "min_months_in_unit": MinMonths,
    "category_in": CategoryIn,
    "unit_rating_at_least": UnitRatingAtLeast,
    "members_share": MembersShare,
    "members_count_with_title": MembersCountWithTitle,
    "members_no_discipline": MembersNoDiscipline,
    "party_rating_at_least": PartyRatingAtLeast,
    "comprehensive_strong": ComprehensiveStrong,
}
UNIT_PREDICATES = {
    "unit_rating_at_least",
    "members_share",
    "members_count_with_title",
    "members_no_discipline",
    "party_rating_at_least",
    "comprehensive_strong",
}
BOTH_PREDICATES = {"min_months_in_unit", "not_received", "title_streak", "title_count"}
# Enterprise vs military unit, and leading an emulation block (engine/predicates_unit.py).
PARAMS.update({"unit_is_enterprise": UnitIsEnterprise, "led_block": LedBlock})
UNIT_PREDICATES |= {"unit_is_enterprise", "led_block"}


# --- conditions ------------------------------------------------------------------------------------------------


class _Labelled(Strict):
    label: str = Field(min_length=1)
    citation: str = ""
    unverified: bool = False


def _predicate_model(name: str, params_model: type[Strict]) -> type[Strict]:
    """A condition model for one predicate: ``predicate = name`` and typed ``params``."""
    return type(
        f"Cond_{name}",
        (_Labelled,),
        {
            "__annotations__": {"predicate": Literal[name], "params": params_model},
            "__doc__": params_model.__doc__,
            "params": params_model() if not params_model.model_fields else ...,
            "__module__": __name__,
        },
    )


PREDICATE_MODELS = {name: _predicate_model(name, model) for name, model in PARAMS.items()}


class AllOf(_Labelled):
    """Every sub-condition must hold."""

    all_of: list[Condition] = Field(min_length=1)


class AnyOf(_Labelled):
    """At least one sub-condition must hold."""

    any_of: list[Condition] = Field(min_length=1)


def _tag(value: Any) -> str | None:
    """The union member of a raw condition: its predicate name, or all_of / any_of."""
    get = value.get if isinstance(value, dict) else lambda k, d=None: getattr(value, k, d)
    if get("all_of") is not None:
        return "all_of"
    if get("any_of") is not None:
        return "any_of"
    return get("predicate")


Condition = Annotated[
    Union[  # noqa: UP007 - a dynamic tagged union needs the Union form
        tuple(Annotated[model, Tag(name)] for name, model in PREDICATE_MODELS.items())
        + (Annotated[AllOf, Tag("all_of")], Annotated[AnyOf, Tag("any_of")])
    ],
    Discriminator(_tag),
]
AllOf.model_rebuild()
AnyOf.model_rebuild()


class Cap(Strict):
    """A share cap: at most ``percent`` % of ``base`` (unit strength, the number holding ``lower_title``, or the
    number of sub-units). Off unless ``enabled``."""

    enabled: bool = False
    percent: float = Field(gt=0, le=100)
    base: Literal["strength", "lower_title_count", "sub_units"]
    lower_title: str | None = None
    citation: str = ""
    unverified: bool = True

    @model_validator(mode="after")
    def _lower(self):
        if self.base == "lower_title_count" and not self.lower_title:
            raise ValueError("cần 'lower_title' khi base = lower_title_count")
        return self


class RuleDocument(Strict):
    """One version of an award's conditions."""

    award: str = Field(min_length=1, max_length=40)
    version: int = Field(ge=1)
    valid_from: dt.date
    valid_to: dt.date | None = None
    legal_basis: str = Field(min_length=1, max_length=500)
    subject: Literal["ca_nhan", "tap_the"]
    title: str = ""
    note: str = ""
    conditions: list[Condition] = Field(min_length=1)
    exclusions: list[Condition] = Field(default_factory=list)
    cap: Cap | None = None

    @model_validator(mode="after")
    def _coherent(self):
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError("valid_to phải sau valid_from")
        wrong = UNIT_PREDICATES if self.subject == "ca_nhan" else set(PARAMS) - UNIT_PREDICATES - BOTH_PREDICATES
        for name in _predicates(self.conditions + self.exclusions):
            if name in wrong:
                raise ValueError(f"điều kiện '{name}' không áp dụng cho đối tượng '{self.subject}'")
        return self


def _predicates(conditions) -> list[str]:
    names = []
    for cond in conditions:
        if isinstance(cond, AllOf):
            names += _predicates(cond.all_of)
        elif isinstance(cond, AnyOf):
            names += _predicates(cond.any_of)
        else:
            names.append(cond.predicate)
    return names
