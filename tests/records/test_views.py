"""Records pages and forms: the year table, adding and removing records, scoping (404 out of scope)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from thidua.records import services
from thidua.records.models import (
    Achievement,
    AwardRecord,
    Discipline,
    LeavePeriod,
    PendingReview,
    PersonRating,
    UnitRating,
)


@pytest.fixture
def world(people, awards, users, tree):
    services.person_rating_set(actor=None, person=people.hung, year=2023, rating="htxsnv")
    services.award_record_add(actor=None, person=people.hung, award=awards["CSTDCS"], year=2023, decision_ref="QĐ 7")
    services.achievement_add(actor=None, person=people.hung, year=2023, kind="sang_kien", level="co_so", title="Gá kẹp")
    services.discipline_add(actor=None, person=people.hung, form="khien_trach", decided_on=dt.date(2019, 3, 1))
    services.unit_rating_set(actor=None, unit=tree.nm, year=2024, rating="htxsnv", party_rating="tsvm")
    return people, awards, users, tree


def test_person_page_shows_the_year_table(world, client, django_assert_max_num_queries):
    people, _, users, _ = world
    client.force_login(users.officer)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("person_records", args=[people.hung.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hoàn thành xuất sắc nhiệm vụ" in body and "CSTĐCS" in body and "Gá kẹp" in body and "Khiển trách" in body
    years = [row.year for row in response.context["records"].rows]
    assert years[0] == 2015 and years[-1] == dt.date.today().year
    assert reverse("person_rating_set", args=[people.hung.pk]) in body
    # The person page links to the records page.
    assert (
        reverse("person_records", args=[people.hung.pk])
        in client.get(reverse("person_detail", args=[people.hung.pk])).content.decode()
    )


def test_unit_page(world, client):
    _, _, users, tree = world
    client.force_login(users.viewer)
    response = client.get(reverse("unit_records", args=[tree.nm.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Trong sạch, vững mạnh" in body
    assert reverse("unit_rating_set", args=[tree.nm.pk]) not in body  # a viewer gets no add buttons
    assert (
        reverse("unit_records", args=[tree.nm.pk])
        in client.get(reverse("unit_detail", args=[tree.nm.pk])).content.decode()
    )


def test_out_of_scope_is_404(world, client):
    people, _, users, tree = world
    client.force_login(users.outsider)
    assert client.get(reverse("person_records", args=[people.hung.pk])).status_code == 404
    assert client.get(reverse("unit_records", args=[tree.nm.pk])).status_code == 404
    assert (
        client.post(reverse("person_rating_set", args=[people.hung.pk]), {"year": 2024, "rating": "httnv"}).status_code
        == 404
    )
    client.force_login(users.viewer)
    assert client.get(reverse("person_rating_set", args=[people.hung.pk])).status_code == 404


def test_forms_save_and_show_service_errors(world, client):
    people, awards, users, tree = world
    hung = people.hung
    client.force_login(users.officer)
    ok = client.post(reverse("person_rating_set", args=[hung.pk]), {"year": 2024, "rating": "httnv"})
    assert ok.status_code == 302 and ok["Location"] == reverse("person_records", args=[hung.pk])
    assert PersonRating.objects.filter(person=hung, year=2024).exists()
    bad = client.post(reverse("person_award_add", args=[hung.pk]), {"award": awards["CSTT"].pk, "year": 2023})
    assert bad.status_code == 200
    assert "Năm 2023 đã có danh hiệu Chiến sĩ thi đua cơ sở" in str(bad.context["form"].errors["award"])
    bad = client.post(reverse("person_rating_set", args=[hung.pk]), {"year": 1980, "rating": "httnv"})
    assert "trước khi bắt đầu phục vụ (1983)" in str(bad.context["form"].errors["year"])
    ok = client.post(
        reverse("achievement_add", args=[hung.pk]),
        {"year": 2024, "kind": "de_tai", "level": "toan_quan", "title": "Đề tài A"},
    )
    assert ok.status_code == 302
    for name, data in (
        ("discipline_add", {"form": "canh_cao", "decided_on": "01/02/2024", "effective_to": "31/01/2025"}),
        ("review_add", {"kind": "thanh_tra", "start_on": "2025-01-01"}),
        ("leave_add", {"kind": "dieu_tri", "start_on": "2020-01-01", "end_on": "2020-03-01"}),
    ):
        assert client.post(reverse(name, args=[hung.pk]), data).status_code == 302, name
    ok = client.post(reverse("unit_rating_set", args=[tree.nm.pk]), {"year": 2025, "rating": "httnv", "strength": 30})
    assert ok.status_code == 302 and UnitRating.objects.filter(unit=tree.nm, year=2025).exists()
    ok = client.post(reverse("unit_award_add", args=[tree.nm.pk]), {"award": awards["DVQT"].pk, "year": 2024})
    assert ok.status_code == 302
    # The unit form offers collective awards only.
    form = client.get(reverse("unit_award_add", args=[tree.nm.pk])).context["form"]
    assert awards["CSTT"] not in form.fields["award"].queryset and awards["DVQT"] in form.fields["award"].queryset


def test_remove_and_close(world, client):
    people, _, users, tree = world
    hung = people.hung
    client.force_login(users.officer)
    item = Achievement.objects.get(person=hung)
    url = reverse("person_record_remove", args=[hung.pk, "sang-kien", item.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302 and not Achievement.objects.exists()
    record = AwardRecord.objects.get(person=hung)
    assert client.post(reverse("person_record_remove", args=[hung.pk, "bogus", record.pk])).status_code == 404
    # Another person's record through this person's URL is a 404.
    assert (
        client.post(reverse("person_record_remove", args=[people.worker.pk, "khen-thuong", record.pk])).status_code
        == 404
    )
    review = services.pending_review_add(actor=None, person=hung, kind="dieu_tra", start_on=dt.date(2025, 1, 1))
    response = client.post(
        reverse("review_close", args=[hung.pk, review.pk]), {"end_on": "2025-02-01", "version": review.version}
    )
    assert response.status_code == 302
    rating = UnitRating.objects.get(unit=tree.nm)
    assert client.post(reverse("unit_record_remove", args=[tree.nm.pk, "danh-gia", rating.pk])).status_code == 302


# --- editing --------------------------------------------------------------------------------------------------------


def test_every_person_record_has_an_edit_page_that_saves(world, client):
    people, awards, users, _ = world
    hung = people.hung
    services.leave_add(
        actor=None, person=hung, kind="dieu_tri", start_on=dt.date(2017, 1, 1), end_on=dt.date(2017, 2, 1)
    )
    services.pending_review_add(actor=None, person=hung, kind="dieu_tra", start_on=dt.date(2025, 1, 1))
    client.force_login(users.officer)
    page = client.get(reverse("person_records", args=[hung.pk])).content.decode()
    for kind, record in [
        ("danh-gia", PersonRating.objects.get()),
        ("khen-thuong", AwardRecord.objects.get()),
        ("sang-kien", Achievement.objects.get()),
        ("ky-luat", Discipline.objects.get()),
        ("nghi", LeavePeriod.objects.get()),
        ("xem-xet", PendingReview.objects.get()),
    ]:
        assert reverse("person_record_edit", args=[hung.pk, kind, record.pk]) in page
    rating = PersonRating.objects.get()
    url = reverse("person_record_edit", args=[hung.pk, "danh-gia", rating.pk])
    form = client.get(url)
    assert form.status_code == 200 and form.context["form"].initial["rating"] == "htxsnv"
    assert "Sửa đánh giá năm" in form.content.decode()
    response = client.post(url, {"year": "2023", "rating": "httnv", "decision_ref": "QĐ 2", "version": rating.version})
    assert response.status_code == 302 and response["Location"] == reverse("person_records", args=[hung.pk])
    rating.refresh_from_db()
    assert (rating.rating, rating.decision_ref, rating.version) == ("httnv", "QĐ 2", 2)
    achievement = Achievement.objects.get()
    url = reverse("person_record_edit", args=[hung.pk, "sang-kien", achievement.pk])
    data = {"year": "2023", "kind": "de_tai", "level": "toan_quan", "title": "Gá kẹp nhanh", "version": "1"}
    assert client.post(url, data).status_code == 302
    assert Achievement.objects.get().title == "Gá kẹp nhanh"
    # A record of another person through this person's URL, or an unknown kind, is a 404; so is a viewer.
    assert (
        client.get(reverse("person_record_edit", args=[people.worker.pk, "sang-kien", achievement.pk])).status_code
        == 404
    )
    assert client.get(reverse("person_record_edit", args=[hung.pk, "bogus", achievement.pk])).status_code == 404
    client.force_login(users.viewer)
    assert client.get(url).status_code == 404


def test_a_stale_edit_is_a_409_page_keeping_the_input_and_showing_the_saved_values(world, client):
    people, _, users, _ = world
    hung = people.hung
    rating = PersonRating.objects.get()
    client.force_login(users.officer)
    url = reverse("person_record_edit", args=[hung.pk, "danh-gia", rating.pk])
    client.get(url)  # the officer opens the form at version 1 …
    services.person_rating_update(actor=None, record=rating, expected_version=1, rating="htnv", decision_ref="QĐ 9")
    response = client.post(url, {"year": "2023", "rating": "httnv", "decision_ref": "Của tôi", "version": "1"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "Xung đột dữ liệu" in body and "người khác sửa" in body
    assert "Hoàn thành nhiệm vụ" in body and "QĐ 9" in body  # what is saved now
    assert 'value="Của tôi"' in body  # the user's input is kept
    assert response.context["form"]["version"].value() == "2"
    assert PersonRating.objects.get().rating == "htnv"
    # Saving again from the conflict page replaces on purpose.
    again = client.post(url, {"year": "2023", "rating": "httnv", "decision_ref": "Của tôi", "version": "2"})
    assert again.status_code == 302 and PersonRating.objects.get().decision_ref == "Của tôi"


def test_adding_a_rating_for_a_year_that_has_one_is_a_conflict_not_an_overwrite(world, client):
    people, _, users, tree = world
    client.force_login(users.officer)
    url = reverse("person_rating_set", args=[people.hung.pk])
    response = client.post(url, {"year": "2023", "rating": "htnv"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "Năm 2023 đã có đánh giá «Hoàn thành xuất sắc nhiệm vụ»" in body
    assert PersonRating.objects.get().rating == "htxsnv"
    assert response.context["form"]["version"].value() == "1"
    assert client.post(url, {"year": "2023", "rating": "htnv", "version": "1"}).status_code == 302
    assert PersonRating.objects.get().rating == "htnv"
    # The same for a unit's results.
    unit_url = reverse("unit_rating_set", args=[tree.nm.pk])
    assert client.post(unit_url, {"year": "2024", "rating": "htnv"}).status_code == 409
    assert UnitRating.objects.get().rating == "htxsnv"


def test_unit_records_are_edited_and_decided_ones_are_not(world, client):
    people, awards, users, tree = world
    from thidua.records.choices import RecordSource

    unit_rating = UnitRating.objects.get()
    decided = services.award_record_add(
        actor=None, unit=tree.nm, award=awards["DVQT"], year=2022, source=RecordSource.DECISION
    )
    client.force_login(users.officer)
    page = client.get(reverse("unit_records", args=[tree.nm.pk])).content.decode()
    assert reverse("unit_record_edit", args=[tree.nm.pk, "danh-gia", unit_rating.pk]) in page
    assert reverse("unit_record_edit", args=[tree.nm.pk, "khen-thuong", decided.pk]) not in page
    assert f"{reverse('records_import')}?don_vi={tree.nm.pk}" in page  # import from the unit's records page
    url = reverse("unit_record_edit", args=[tree.nm.pk, "danh-gia", unit_rating.pk])
    data = {"year": "2024", "rating": "htxsnv", "party_rating": "tsvm", "strength": "125", "version": "1"}
    assert client.post(url, data).status_code == 302 and UnitRating.objects.get().strength == 125
    url = reverse("unit_record_edit", args=[tree.nm.pk, "khen-thuong", decided.pk])
    form = client.get(url)
    assert "chỉ sửa đổi được bằng quyết định mới" in form.content.decode()
    response = client.post(url, {"award": awards["DVQT"].pk, "year": "2022", "issuer": "X", "version": "1"})
    assert response.status_code == 200 and "ghi từ quyết định" in response.content.decode()
    assert AwardRecord.objects.get(pk=decided.pk).issuer == ""


def test_records_of_a_year_closed_by_a_decision_have_no_edit_or_remove_link(world, client):
    people, awards, users, _ = world
    from thidua.records.choices import RecordSource

    hung = people.hung
    rating, achievement = PersonRating.objects.get(), Achievement.objects.get()  # both of 2023
    services.award_record_add(
        actor=None,
        person=hung,
        award=awards["BKBQP"],
        year=2023,
        source=RecordSource.DECISION,
    )
    client.force_login(users.officer)
    body = client.get(reverse("person_records", args=[hung.pk])).content.decode()
    assert reverse("person_record_edit", args=[hung.pk, "danh-gia", rating.pk]) not in body
    assert reverse("person_record_remove", args=[hung.pk, "sang-kien", achievement.pk]) not in body
    discipline = Discipline.objects.get()  # not tied to a year: still editable
    assert reverse("person_record_edit", args=[hung.pk, "ky-luat", discipline.pk]) in body
    # The page refuses anyway if the URL is typed.
    url = reverse("person_record_edit", args=[hung.pk, "danh-gia", rating.pk])
    response = client.post(url, {"year": "2023", "rating": "htnv", "version": rating.version})
    assert response.status_code == 200 and "Năm 2023 đã có quyết định khen thưởng" in response.content.decode()
