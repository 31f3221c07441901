"""The enterprise flag of a unit (doanh nghiệp sản xuất, kinh doanh): set in the unit form and the API, shown on the
unit page (also on its sub-units, which are judged as labour collectives), audited."""

from __future__ import annotations

import json

from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.org import services
from thidua.org.models import OrgUnit

API = "/api/v1"


def test_officer_marks_a_plant_as_an_enterprise(client, users, tree):
    client.force_login(users.officer)
    form = client.get(reverse("unit_edit", args=[tree.nm.pk]))
    assert "Doanh nghiệp sản xuất, kinh doanh" in form.content.decode()
    response = client.post(
        reverse("unit_edit", args=[tree.nm.pk]),
        {"short_name": "Z111", "kind": "nha_may", "is_enterprise": "on", "version": tree.nm.version},
    )
    assert response.status_code == 302
    assert OrgUnit.objects.get(pk=tree.nm.pk).is_enterprise
    assert AuditEvent.objects.filter(event_type="unit.update", data__after__is_enterprise=True).exists()
    page = client.get(reverse("unit_detail", args=[tree.nm.pk])).content.decode()
    assert "Doanh nghiệp sản xuất, kinh doanh — xét danh hiệu “Tập thể lao động xuất sắc”" in page


def test_a_sub_unit_shows_its_enterprise_and_a_military_unit_its_titles(client, users, tree):
    services.unit_update(actor=None, unit=tree.nm, expected_version=None, is_enterprise=True)
    workshop = services.unit_create(actor=None, parent=tree.nm, name="Phân xưởng Cơ khí", kind="phan_xuong")
    client.force_login(users.officer)
    page = client.get(reverse("unit_detail", args=[workshop.pk])).content.decode()
    assert "Thuộc doanh nghiệp" in page and "Nhà máy Z111</a>" in page
    page = client.get(reverse("unit_detail", args=[tree.cuc.pk])).content.decode()
    assert "Đơn vị quân đội — xét danh hiệu “Đơn vị Quyết thắng”, “Đơn vị tiên tiến”" in page


def test_the_api_reads_and_writes_the_flag(client, users, tree):
    client.force_login(users.officer)

    def send(method, path, data):
        return getattr(client, method)(f"{API}{path}", data=json.dumps(data), content_type="application/json")

    created = send("post", "/units", {"parent": tree.nm.pk, "name": "Xí nghiệp 1", "is_enterprise": True})
    assert created.status_code == 201 and created.json()["is_enterprise"] is True
    patched = send("patch", f"/units/{tree.nm.pk}", {"version": tree.nm.version, "is_enterprise": True})
    assert patched.status_code == 200 and patched.json()["is_enterprise"] is True
    listed = {u["id"]: u["is_enterprise"] for u in client.get(f"{API}/units").json()}
    assert listed[tree.nm.pk] is True and listed[tree.cuc.pk] is False
