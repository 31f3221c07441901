"""Record services: happy paths, audit, scope, and bad input refused with a Vietnamese message and nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from thidua.core.models import AuditEvent
from thidua.records import services
from thidua.records.choices import RecordSource
from thidua.records.models import (
    Achievement,
    AwardRecord,
    Discipline,
    LeavePeriod,
    PendingReview,
    PersonRating,
    UnitRating,
)

D = dt.date
NEXT_YEAR = dt.date.today().year + 1
MODELS = (PersonRating, UnitRating, AwardRecord, Achievement, Discipline, PendingReview, LeavePeriod)


def footprint():
    return tuple(m.objects.count() for m in MODELS) + (AuditEvent.objects.count(),)


def refused(call, field: str, *fragments: str):
    """Run ``call``; it must raise a ValidationError on ``field`` containing the fragments and save nothing."""
    before = footprint()
    with pytest.raises(ValidationError) as info:
        call()
    messages = info.value.message_dict[field]
    for fragment in fragments:
        assert any(fragment in m for m in messages), messages
    assert footprint() == before


@pytest.fixture
def setup(people, awards, users):
    return people, awards, users


def test_rating_upsert_and_audit(setup):
    people, _, users = setup
    first = services.person_rating_set(actor=users.officer, person=people.hung, year=2024, rating="httnv")
    second = services.person_rating_set(actor=users.officer, person=people.hung, year=2024, rating="htxsnv")
    assert first.pk == second.pk and second.rating == "htxsnv" and second.version == 2
    assert PersonRating.objects.count() == 1
    events = set(AuditEvent.objects.filter(event_type__startswith="records.person_rating").values_list("event_type"))
    assert events == {("records.person_rating.create",), ("records.person_rating.update",)}


def test_unit_rating_upsert(tree, users):
    services.unit_rating_set(actor=users.officer, unit=tree.nm, year=2024, rating="htxsnv", party_rating="tsvm")
    rating = services.unit_rating_set(
        actor=users.officer, unit=tree.nm, year=2024, rating="httnv", comprehensive_strong=True, strength=40
    )
    assert (rating.rating, rating.party_rating, rating.comprehensive_strong, rating.strength) == ("httnv", "", True, 40)


def test_award_achievement_discipline_review_leave(setup):
    people, awards, users = setup
    hung, officer = people.hung, users.officer
    record = services.award_record_add(actor=officer, person=hung, award=awards["CSTDCS"], year=2024)
    assert record.family == awards["CSTDCS"].family != ""
    services.award_record_add(actor=officer, person=hung, award=awards["BKBQP"], year=2024, decision_ref="QĐ 1")
    services.achievement_add(actor=officer, person=hung, year=2024, kind="sang_kien", level="co_so", title="Gá kẹp")
    services.discipline_add(actor=officer, person=hung, form="khien_trach", decided_on=D(2025, 1, 5))
    review = services.pending_review_add(actor=officer, person=hung, kind="thanh_tra", start_on=D(2025, 3, 1))
    review = services.pending_review_close(actor=officer, review=review, end_on=D(2025, 4, 1))
    assert review.end_on == D(2025, 4, 1)
    services.leave_add(
        actor=officer, person=people.worker, kind="thai_san", start_on=D(2020, 1, 1), end_on=D(2020, 6, 30)
    )
    services.award_record_add(actor=officer, unit=people.worker.unit, award=awards["DVQT"], year=2024)
    assert AwardRecord.objects.count() == 3
    assert AuditEvent.objects.filter(event_type__startswith="records.").count() == 8


@pytest.mark.parametrize(
    "case,field,fragments",
    [
        ("before_service", "year", ["Năm 1980 trước khi bắt đầu phục vụ (1983)"]),
        ("future", "year", [f"Năm {NEXT_YEAR} chưa đến"]),
        ("same_family", "award", ["Năm 2024 đã có danh hiệu Chiến sĩ thi đua cơ sở"]),
        ("collective_for_person", "award", ["dành cho tập thể"]),
        ("individual_for_unit", "award", ["dành cho cá nhân"]),
        ("no_level", "level", ["chưa có cấp công nhận"]),
        ("discipline_end", "effective_to", ["trước ngày bắt đầu"]),
        ("leave_end", "end_on", ["trước ngày bắt đầu"]),
        ("review_end", "end_on", ["trước ngày bắt đầu"]),
        ("achievement_future", "year", ["chưa đến"]),
        ("unit_before_founded", "year", ["trước khi đơn vị được thành lập (2010)"]),
        ("decided_before_year", "decided_on", ["trước năm thành tích 2024"]),
        ("empty_title", "title", ["Chưa nhập tên"]),
    ],
)
def test_bad_input_saves_nothing(setup, tree, case, field, fragments):
    people, awards, users = setup
    hung, officer = people.hung, users.officer
    services.award_record_add(actor=None, person=hung, award=awards["CSTDCS"], year=2024)
    tree.nm.valid_from = D(2010, 5, 1)
    tree.nm.save()
    calls = {
        "before_service": lambda: services.person_rating_set(actor=officer, person=hung, year=1980, rating="httnv"),
        "future": lambda: services.person_rating_set(actor=officer, person=hung, year=NEXT_YEAR, rating="httnv"),
        "same_family": lambda: services.award_record_add(actor=officer, person=hung, award=awards["CSTT"], year=2024),
        "collective_for_person": lambda: services.award_record_add(
            actor=officer, person=hung, award=awards["DVQT"], year=2023
        ),
        "individual_for_unit": lambda: services.award_record_add(
            actor=officer, unit=tree.nm, award=awards["CSTT"], year=2023
        ),
        "no_level": lambda: services.achievement_add(
            actor=officer, person=hung, year=2023, kind="sang_kien", level="", title="Gá kẹp"
        ),
        "discipline_end": lambda: services.discipline_add(
            actor=officer, person=hung, form="canh_cao", decided_on=D(2024, 5, 1), effective_to=D(2024, 4, 1)
        ),
        "leave_end": lambda: services.leave_add(
            actor=officer, person=hung, kind="dieu_tri", start_on=D(2024, 5, 1), end_on=D(2024, 4, 1)
        ),
        "review_end": lambda: services.pending_review_add(
            actor=officer, person=hung, kind="dieu_tra", start_on=D(2024, 5, 1), end_on=D(2024, 4, 1)
        ),
        "achievement_future": lambda: services.achievement_add(
            actor=officer, person=hung, year=NEXT_YEAR, kind="de_tai", level="co_so", title="X"
        ),
        "unit_before_founded": lambda: services.unit_rating_set(actor=officer, unit=tree.nm, year=2009, rating="httnv"),
        "decided_before_year": lambda: services.award_record_add(
            actor=officer, person=hung, award=awards["BKBQP"], year=2024, decided_on=D(2023, 12, 1)
        ),
        "empty_title": lambda: services.achievement_add(
            actor=officer, person=hung, year=2023, kind="sang_kien", level="co_so", title="  "
        ),
    }
    refused(calls[case], field, *fragments)


def test_out_of_scope_refused(setup):
    people, awards, users = setup
    refused(
        lambda: services.person_rating_set(actor=users.outsider, person=people.hung, year=2024, rating="httnv"),
        "person",
        "ngoài phạm vi",
    )
    refused(
        lambda: services.award_record_add(actor=users.officer, person=people.far, award=awards["CSTT"], year=2024),
        "person",
        "ngoài phạm vi",
    )


def test_year_closed_by_a_decision_is_immutable(setup):
    people, awards, users = setup
    hung, officer = people.hung, users.officer
    rating = services.person_rating_set(actor=officer, person=hung, year=2024, rating="htxsnv")
    item = services.achievement_add(actor=officer, person=hung, year=2024, kind="sang_kien", level="co_so", title="A")
    decided = services.award_record_add(
        actor=None, person=hung, award=awards["CSTDCS"], year=2024, decision_ref="QĐ 15", source=RecordSource.DECISION
    )
    refused(lambda: services.person_rating_set(actor=officer, person=hung, year=2024, rating="htnv"), "year", "QĐ 15")
    refused(lambda: services.person_rating_remove(actor=officer, rating=rating), "year", "quyết định sửa đổi")
    refused(lambda: services.achievement_remove(actor=officer, achievement=item), "year", "không sửa, xoá")
    refused(lambda: services.award_record_remove(actor=officer, record=decided), "__all__", "quyết định mới")
    # Other years stay editable.
    services.person_rating_set(actor=officer, person=hung, year=2023, rating="htnv")


def test_removals(setup):
    people, awards, users = setup
    hung, officer = people.hung, users.officer
    record = services.award_record_add(actor=officer, person=hung, award=awards["CSTT"], year=2022)
    services.award_record_remove(actor=officer, record=record)
    discipline = services.discipline_add(actor=officer, person=hung, form="canh_cao", decided_on=D(2021, 1, 1))
    services.discipline_remove(actor=officer, discipline=discipline)
    assert not AwardRecord.objects.exists() and not Discipline.objects.exists()
    assert AuditEvent.objects.filter(event_type__endswith=".remove").count() == 2
