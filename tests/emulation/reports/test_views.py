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


def test_a_report_submitted_with_a_comment_shows_it_and_a_draft_keeps_none(tree, users):
    import datetime as dt

    block = make_block(tree, due=dt.date.today() + dt.timedelta(days=2))
    client = Client()
    client.force_login(users.officer)
    url = reverse("unit_report_edit", args=[block.period.pk, tree.nm.pk])
    assert "Ý kiến gửi kèm khi nộp (không bắt buộc)" in client.get(url).content.decode()
    draft = {f"value_{block.ind.cuoc.pk}": "5", "action": "luu", "narrative": "Tốt", "comment": "Chưa gửi"}
    assert client.post(url, draft).status_code == 302
    assert not AuditEvent.objects.filter(data__extra__has_key="comment").exists()  # a draft keeps no comment
    submit = {**draft, "action": "nop", "version": "1", "comment": "Số liệu đã được thủ trưởng duyệt."}
    response = client.post(url, submit)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Số liệu đã được thủ trưởng duyệt." in page and "Nộp báo cáo" in page.split("Ý kiến khi xử lý", 1)[1]
