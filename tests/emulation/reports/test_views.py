"""Review-period pages: closing a period shows what is closed (its units, who has not submitted) and keeps the
optional comment, shown on the period's page afterwards (issue 9 item 10)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.emulation.reports_world import make_block
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_close_page_lists_the_units_not_submitted_and_keeps_the_comment(tree, users):
    block = make_block(tree)
    period = block.period
    client = Client()
    client.force_login(users.officer)
    url = reverse("period_close", args=[period.pk])
    page = client.get(url).content.decode()
    assert period.name in page and "15/12/2020" in page and "0 / 2 đơn vị" in page
    missing = page.split("Đơn vị chưa nộp báo cáo (2)", 1)[1].split("</ul>", 1)[0]
    assert tree.cuc.name in missing and tree.nm.name in missing
    response = client.post(url, {"version": period.version, "comment": "Khoá theo kế hoạch tổng kết."})
    assert response.status_code == 302
    event = AuditEvent.objects.get(event_type="period.close", target_id=str(period.pk))
    assert event.data["extra"]["comment"] == "Khoá theo kế hoạch tổng kết."
    detail = client.get(reverse("period_detail", args=[period.pk])).content.decode()
    assert "Ý kiến khi xử lý" in detail and "Khoá theo kế hoạch tổng kết." in detail
