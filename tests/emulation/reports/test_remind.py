"""``thidua remind``: overdue reports as well as those due soon, in-app notifications to the units' officers (and
the office for overdue ones), mail through the configured backend, nothing sent twice the same day."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from tests.conftest import make_user
from tests.emulation.reports_world import make_block
from thidua.core.choices import Role
from thidua.core.models import Notification

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def people_to_remind(tree):
    return (
        make_user("canbo_z111", Role.UNIT_OFFICER, tree.nm, email="z111@example.vn"),
        make_user("thuongtruc", Role.OFFICE, tree.tc, email="tt@example.vn"),
    )


def _remind(day: str) -> str:
    out = io.StringIO()
    call_command("remind", "--today", day, stdout=out)
    return out.getvalue()


def test_overdue_reports_are_listed_notified_and_mailed_once_a_day(settings, tree, people_to_remind):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    z111, office = people_to_remind
    block = make_block(tree)  # due 15/12/2020
    assert "Đã mở kỳ báo cáo" in Notification.objects.get(recipient=z111).text  # the period opened
    Notification.objects.all().delete()
    text = _remind("18/12/2020")
    assert "Nhà máy Z111" in text and "quá hạn 3 ngày" in text and "2 báo cáo quá hạn" in text
    mine = Notification.objects.get(recipient=z111)
    assert "đã quá hạn nộp (15/12/2020)" in mine.text and f"/ky-bao-cao/{block.period.pk}/don-vi/" in mine.link
    assert Notification.objects.filter(recipient=office).count() == 2  # both units, to the office
    assert sorted(m.to[0] for m in mail.outbox) == ["tt@example.vn", "tt@example.vn", "z111@example.vn"]
    assert "quá hạn" in mail.outbox[0].subject
    # a second run the same day: listed again, nobody notified or mailed twice
    assert "đã gửi 0 thông báo mới" in _remind("18/12/2020")
    assert len(mail.outbox) == 3 and Notification.objects.count() == 3
    # the next day: reminded again
    _remind("19/12/2020")
    assert Notification.objects.filter(recipient=z111).count() == 2


def test_due_soon_goes_to_the_unit_only(settings, tree, people_to_remind):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    z111, office = people_to_remind
    make_block(tree)
    Notification.objects.all().delete()
    assert "còn 2 ngày" in _remind("2020-12-13")
    assert "còn 2 ngày" in Notification.objects.get(recipient=z111).text
    assert not Notification.objects.filter(recipient=office).exists()
    assert [m.to for m in mail.outbox] == [["z111@example.vn"]]


def test_nothing_to_remind_and_bad_date(tree):
    make_block(tree)
    assert "Không có báo cáo nào quá hạn hoặc sắp đến hạn" in _remind("2020-11-01")
    with pytest.raises(Exception, match="."):
        _remind("32/13/2020")
