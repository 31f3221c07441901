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


# --- edits with optimistic locking, and concurrent saves --------------------------------------------------------


def _events(kind: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=f"records.{kind}.update").order_by("id"))


def test_every_kind_is_edited_with_its_version_and_audited(people, awards, tree, users):
    hung, officer = people.hung, users.officer
    rating = services.person_rating_set(actor=None, person=hung, year=2023, rating="httnv")
    edited = services.person_rating_update(
        actor=officer, record=rating, expected_version=1, rating="htxsnv", decision_ref="  QĐ 1 "
    )
    assert (edited.rating, edited.decision_ref, edited.version) == ("htxsnv", "QĐ 1", 2)
    event = _events("person_rating")[0]
    assert event.data["before"] == {"rating": "httnv", "decision_ref": "", "version": 1}
    assert event.data["after"]["rating"] == "htxsnv" and event.actor == officer

    unit_rating = services.unit_rating_set(actor=None, unit=tree.nm, year=2023, rating="httnv")
    services.unit_rating_update(
        actor=officer, record=unit_rating, expected_version=1, strength=120, party_rating="tsvm"
    )
    assert UnitRating.objects.get().strength == 120 and UnitRating.objects.get().party_rating == "tsvm"

    award = services.award_record_add(actor=None, person=hung, award=awards["CSTT"], year=2023)
    services.award_record_update(actor=officer, record=award, expected_version=1, award=awards["CSTDCS"], issuer="TC")
    award.refresh_from_db()
    assert (award.award.code, award.family, award.issuer, award.version) == ("CSTDCS", awards["CSTDCS"].family, "TC", 2)

    item = services.achievement_add(actor=None, person=hung, year=2022, kind="sang_kien", level="co_so", title="Gá")
    services.achievement_update(actor=officer, record=item, expected_version=1, title="Gá kẹp", level="toan_quan")
    assert Achievement.objects.get().title == "Gá kẹp" and Achievement.objects.get().level == "toan_quan"

    discipline = services.discipline_add(actor=None, person=hung, form="khien_trach", decided_on=D(2019, 3, 1))
    services.discipline_update(actor=officer, record=discipline, expected_version=1, effective_to=D(2020, 3, 1))
    assert Discipline.objects.get().effective_to == D(2020, 3, 1)

    leave = services.leave_add(actor=None, person=hung, kind="dieu_tri", start_on=D(2017, 1, 1), end_on=D(2017, 2, 1))
    services.leave_update(actor=officer, record=leave, expected_version=1, end_on=D(2017, 3, 1), note="Gia hạn")
    assert LeavePeriod.objects.get().end_on == D(2017, 3, 1)

    review = services.pending_review_add(actor=None, person=hung, kind="dieu_tra", start_on=D(2025, 1, 1))
    services.pending_review_update(actor=officer, record=review, expected_version=1, kind="thanh_tra")
    closed = services.pending_review_close(actor=officer, review=PendingReview.objects.get(), end_on=D(2025, 2, 1))
    assert (closed.kind, closed.end_on, closed.version) == ("thanh_tra", D(2025, 2, 1), 3)
    kinds = ("unit_rating", "award_record", "achievement", "discipline", "leave", "pending_review")
    assert all(len(_events(kind)) == 1 for kind in kinds)


def test_a_stale_version_is_a_conflict_with_the_current_values_and_saves_nothing(people, users):
    from thidua.core.errors import ConflictError

    rating = services.person_rating_set(actor=None, person=people.hung, year=2023, rating="httnv")
    mine, theirs = PersonRating.objects.get(pk=rating.pk), PersonRating.objects.get(pk=rating.pk)
    # Two officers opened the same rating (version 1); the first saves, the second must not silently win.
    services.person_rating_update(actor=users.officer, record=theirs, expected_version=1, rating="htxsnv")
    before = footprint()
    with pytest.raises(ConflictError) as info:
        services.person_rating_update(actor=users.officer, record=mine, expected_version=1, rating="htnv")
    assert info.value.current["rating"] == "htxsnv" and info.value.current["version"] == 2
    assert "người khác sửa" in str(info.value)
    assert footprint() == before and PersonRating.objects.get().rating == "htxsnv"
    # Saving again on purpose, against the version now shown, goes through.
    services.person_rating_update(actor=users.officer, record=mine, expected_version=2, rating="htnv")
    assert PersonRating.objects.get().rating == "htnv"


def test_recording_a_year_that_has_a_rating_is_a_conflict_unless_its_version_is_named(people, tree, users):
    from thidua.core.errors import ConflictError

    services.person_rating_set(actor=None, person=people.hung, year=2023, rating="httnv")
    with pytest.raises(ConflictError) as info:
        services.person_rating_set(
            actor=users.officer, person=people.hung, year=2023, rating="htnv", expected_version=0
        )
    assert info.value.current["rating"] == "httnv"
    services.person_rating_set(actor=users.officer, person=people.hung, year=2023, rating="htnv", expected_version=1)
    assert PersonRating.objects.get().rating == "htnv"
    services.unit_rating_set(actor=None, unit=tree.nm, year=2023, rating="httnv")
    with pytest.raises(ConflictError):
        services.unit_rating_set(actor=users.officer, unit=tree.nm, year=2023, rating="htnv", expected_version=0)
    # The importer and commands (expected_version None) still replace.
    services.person_rating_set(actor=None, person=people.hung, year=2023, rating="htxsnv")
    assert PersonRating.objects.get().rating == "htxsnv"


def test_decided_records_and_closed_years_stay_immutable(people, awards, users):
    hung = people.hung
    decided = services.award_record_add(
        actor=None, person=hung, award=awards["CSTDCS"], year=2024, decision_ref="QĐ 15", source=RecordSource.DECISION
    )
    rating = services.person_rating_set(actor=None, person=hung, year=2024, rating="htxsnv")
    old = services.person_rating_set(actor=None, person=hung, year=2022, rating="httnv")
    item = services.achievement_add(actor=None, person=hung, year=2024, kind="sang_kien", level="co_so", title="A")
    refused(
        lambda: services.award_record_update(actor=users.officer, record=decided, expected_version=1, issuer="X"),
        "__all__",
        "ghi từ quyết định",
    )
    refused(
        lambda: services.person_rating_update(actor=users.officer, record=rating, expected_version=1, rating="htnv"),
        "year",
        "Năm 2024 đã có quyết định khen thưởng",
    )
    refused(
        lambda: services.person_rating_update(actor=users.officer, record=old, expected_version=1, year=2024),
        "year",
        "Năm 2024 đã có quyết định khen thưởng",
    )
    refused(
        lambda: services.achievement_update(actor=users.officer, record=item, expected_version=1, title="B"),
        "year",
        "hồ sơ năm này không sửa",
    )


def test_edits_refuse_bad_input_by_field(people, awards, users):
    hung, officer = people.hung, users.officer
    services.person_rating_set(actor=None, person=hung, year=2022, rating="httnv")
    rating = services.person_rating_set(actor=None, person=hung, year=2023, rating="httnv")
    services.award_record_add(actor=None, person=hung, award=awards["CSTDCS"], year=2023)
    award = services.award_record_add(actor=None, person=hung, award=awards["CSTT"], year=2022)
    leave = services.leave_add(actor=None, person=hung, kind="dieu_tri", start_on=D(2017, 1, 1), end_on=D(2017, 2, 1))
    discipline = services.discipline_add(actor=None, person=hung, form="khien_trach", decided_on=D(2019, 3, 1))
    refused(
        lambda: services.person_rating_update(actor=officer, record=rating, expected_version=1, year=2022),
        "year",
        "Năm 2022 đã có đánh giá",
    )
    refused(
        lambda: services.award_record_update(actor=officer, record=award, expected_version=1, year=2023),
        "award",
        "Năm 2023 đã có danh hiệu",
    )
    refused(
        lambda: services.leave_update(actor=officer, record=leave, expected_version=1, end_on=D(2016, 1, 1)),
        "end_on",
        "trước ngày bắt đầu",
    )
    refused(
        lambda: services.discipline_update(
            actor=officer, record=discipline, expected_version=1, effective_to=D(2018, 1, 1)
        ),
        "effective_to",
        "Ngày hết hiệu lực",
    )
    refused(
        lambda: services.person_rating_update(actor=officer, record=rating, expected_version=1, person=people.far),
        "__all__",
        "Không sửa được trường: person",
    )
    refused(
        lambda: services.person_rating_update(actor=users.outsider, record=rating, expected_version=1, rating="htnv"),
        "person",
        "ngoài phạm vi quản lý",
    )


@pytest.mark.django_db(transaction=True)
def test_a_rating_saved_between_the_check_and_the_insert_is_a_clean_conflict(people, users, monkeypatch):
    """The race of two first ratings of one year: the other save lands after this one looked for an existing
    rating and before it inserts; the unique constraint refuses the insert and the user gets a conflict naming the
    rating saved first — not an IntegrityError (a 500 on PostgreSQL)."""
    from thidua.records.services import AlreadyRecorded

    full_clean = PersonRating.full_clean

    def racing_full_clean(self, *args, **kwargs):
        if self.pk is None and not PersonRating.objects.filter(person=self.person, year=self.year).exists():
            PersonRating.objects.create(person=self.person, year=self.year, rating="htxsnv")  # the other user
        return full_clean(self, *args, **kwargs)

    monkeypatch.setattr(PersonRating, "full_clean", racing_full_clean)
    with pytest.raises(AlreadyRecorded) as info:
        services.person_rating_set(
            actor=users.officer, person=people.hung, year=2024, rating="htnv", expected_version=0
        )
    assert str(info.value) == "Đánh giá năm 2024 vừa được người khác ghi «Hoàn thành xuất sắc nhiệm vụ» trước bạn."
    assert info.value.current["rating"] == "htxsnv"
    # (The simulated competitor wrote on this test's own connection, so the rollback of the refused save took it too.)
    assert not PersonRating.objects.exists()
    assert not AuditEvent.objects.filter(event_type="records.person_rating.create").exists()


@pytest.mark.django_db(transaction=True)
def test_two_first_ratings_of_a_year_saved_at_once_on_separate_connections(people, users, monkeypatch):
    """Two threads (two database connections) both find no rating for 2024 and both insert: one is saved, the
    other is a conflict. On SQLite writes are serialised by the immediate transactions, so this runs on PostgreSQL."""
    import threading

    from django.db import connection, connections

    from thidua.core.errors import ConflictError

    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers (PostgreSQL: DATABASE_URL=postgres://…)")
    both_checked = threading.Barrier(2, timeout=10)
    full_clean = PersonRating.full_clean

    def full_clean_together(self, *args, **kwargs):
        if self.pk is None:
            both_checked.wait()  # both threads have looked for an existing rating and found none
        return full_clean(self, *args, **kwargs)

    monkeypatch.setattr(PersonRating, "full_clean", full_clean_together)
    outcomes: list = []

    def save(rating: str) -> None:
        try:
            services.person_rating_set(
                actor=users.officer, person=people.hung, year=2024, rating=rating, expected_version=0
            )
            outcomes.append("saved")
        except ConflictError as exc:
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(r,)) for r in ("htxsnv", "htnv")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert len(outcomes) == 2 and outcomes.count("saved") == 1
    conflict = next(o for o in outcomes if o != "saved")
    stored = PersonRating.objects.get(person=people.hung, year=2024)
    assert "vừa được người khác ghi" in str(conflict) and conflict.current["rating"] == stored.rating
