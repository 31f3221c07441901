"""Records pages and forms: the year table, adding and removing records, scoping (404 out of scope)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from thidua.records import services
from thidua.records.models import Achievement, AwardRecord, PersonRating, UnitRating


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
