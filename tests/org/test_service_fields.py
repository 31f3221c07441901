"""The position coefficient (hệ số chức vụ) and the service time factor (×2 areas): typed in the person forms with a
Vietnamese decimal comma, refused with a Vietnamese message when out of range, shown on the person page and in the
API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.org import services
from thidua.org.models import Position, ServicePeriod

D = dt.date


@pytest.fixture
def officer(client, users):
    client.force_login(users.officer)
    return client


def _add_position(client, person, unit, coefficient: str, title: str = "Chính ủy"):
    return client.post(
        reverse("position_add", args=[person.pk]),
        {"title": title, "kind": "chi_huy", "unit": unit.pk, "start_on": "2020-01-01", "coefficient": coefficient},
    )


@pytest.mark.parametrize(
    "typed,stored", [("0,7", Decimal("0.70")), ("0.9", Decimal("0.90")), (" 1,25 ", Decimal("1.25"))]
)
def test_position_form_accepts_a_vietnamese_decimal(officer, tree, people, typed, stored):
    response = _add_position(officer, people.hung, tree.tc, typed)
    assert response.status_code == 302
    assert Position.objects.get(person=people.hung, title="Chính ủy").coefficient == stored


@pytest.mark.parametrize(
    "typed,message",
    [
        ("0", "Hệ số chức vụ phải lớn hơn 0 và không quá 2."),
        ("2,5", "Hệ số chức vụ phải lớn hơn 0 và không quá 2."),
        ("-0,7", "Hệ số chức vụ phải lớn hơn 0 và không quá 2."),
        ("0,725", "Hệ số chức vụ có tối đa hai chữ số thập phân."),
        ("bảy", "Hệ số chức vụ phải là một số, ví dụ 0,7."),
    ],
)
def test_position_form_refuses_a_bad_coefficient_and_saves_nothing(officer, tree, people, typed, message):
    response = _add_position(officer, people.hung, tree.tc, typed)
    assert response.status_code == 200
    assert response.context["form"].errors["coefficient"] == [message]
    assert not Position.objects.filter(person=people.hung, title="Chính ủy").exists()


def test_position_without_coefficient_is_still_accepted(officer, tree, people):
    assert _add_position(officer, people.hung, tree.tc, "").status_code == 302
    assert Position.objects.get(person=people.hung, title="Chính ủy").coefficient is None


def test_person_page_shows_the_coefficient_and_double_time(officer, tree, people):
    _add_position(officer, people.hung, tree.tc, "0,9")
    services.service_period_add(
        actor=None, person=people.worker, start_on=D(2005, 1, 1), end_on=D(2007, 12, 31), time_factor=2
    )
    assert "Hệ số chức vụ 0,90" in officer.get(reverse("person_detail", args=[people.hung.pk])).content.decode()
    page = officer.get(reverse("person_detail", args=[people.worker.pk])).content.decode()
    assert "×2 — vùng biển, đảo, ĐBKK" in page


def test_service_period_form_takes_the_time_factor(officer, people):
    url = reverse("service_period_add", args=[people.worker.pk])
    form = officer.get(url).content.decode()
    assert "Hệ số tính thời gian" in form and "biển, đảo" in form
    response = officer.post(
        url, {"start_on": "2005-01-01", "end_on": "2007-12-31", "time_factor": "2", "note": "Trường Sa"}
    )
    assert response.status_code == 302
    assert ServicePeriod.objects.get(person=people.worker, start_on=D(2005, 1, 1)).time_factor == 2


def test_service_period_form_refuses_another_factor(officer, people):
    url = reverse("service_period_add", args=[people.worker.pk])
    response = officer.post(url, {"start_on": "2005-01-01", "end_on": "2007-12-31", "time_factor": "3"})
    assert response.status_code == 200
    assert response.context["form"].errors["time_factor"] == ["Hệ số tính thời gian chỉ nhận ×1 hoặc ×2."]
    assert not ServicePeriod.objects.filter(person=people.worker, start_on=D(2005, 1, 1)).exists()


def test_services_refuse_bad_values_by_field(tree, people):
    with pytest.raises(ValidationError) as exc:
        services.service_period_add(actor=None, person=people.worker, start_on=D(2000, 1, 1), time_factor=3)
    assert exc.value.message_dict == {"time_factor": ["Hệ số tính thời gian chỉ nhận 1 hoặc 2."]}
    with pytest.raises(ValidationError) as exc:
        services.position_add(
            actor=None, person=people.worker, title="Quản đốc", unit=tree.nm, start_on=D(2020, 1, 1), coefficient="3"
        )
    assert list(exc.value.message_dict) == ["coefficient"]
    assert not Position.objects.filter(person=people.worker, title="Quản đốc").exists()


def test_api_person_detail_exposes_both_fields(client, users, tree, people):
    services.position_add(
        actor=None, person=people.hung, title="Chính ủy", unit=tree.tc, start_on=D(2020, 1, 1), coefficient="0,8"
    )
    services.service_period_add(
        actor=None, person=people.hung, start_on=D(1981, 6, 1), end_on=D(1982, 12, 31), time_factor=2
    )
    client.force_login(users.officer)
    body = client.get(f"/api/v1/people/{people.hung.pk}").json()
    assert [p["coefficient"] for p in body["positions"] if p["title"] == "Chính ủy"] == [0.8]
    assert {"start_on": "1981-06-01", "end_on": "1982-12-31", "time_factor": 2, "note": ""} in body["service_periods"]
