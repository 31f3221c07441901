"""In-app notifications: notify (once per key, never to the actor), who receives a unit's notifications, the page,
marking read, and the navbar counter (one query)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import make_user
from thidua.core.choices import Role
from thidua.core.models import Notification
from thidua.core.notifications import notify, office_of, officers_of, unread_count

pytestmark = pytest.mark.django_db


def test_notify_once_per_key_and_never_the_actor(users):
    made = notify(
        recipients=[users.officer, users.officer, users.viewer], text="Xin chào", link="/", exclude=users.viewer
    )
    assert [n.recipient for n in made] == [users.officer]
    assert notify(recipients=[users.officer], text="Nhắc", key="k1")
    assert notify(recipients=[users.officer], text="Nhắc", key="k1") == []
    assert unread_count(users.officer) == 2
    assert unread_count(users.viewer) == 0


def test_recipients_are_the_nearest_officers_and_office(tree, users):
    z111 = make_user("canbo_z111", Role.UNIT_OFFICER, tree.nm)
    office = make_user("thuongtruc", Role.OFFICE, tree.tc)
    assert officers_of(tree.nm) == [z111]  # the factory's own officer, not the Tổng cục's
    assert officers_of(tree.cuc) == [users.officer]  # no officer of its own: the Tổng cục's covers it
    assert office_of(tree.nm) == [office]
    assert officers_of(tree.other) == [users.outsider]


def test_page_lists_own_notifications_and_marks_read(client, users):
    notify(recipients=[users.officer], text="Báo cáo của Nhà máy Z111 đã nộp", link=reverse("home"))
    notify(recipients=[users.viewer], text="Thư của người khác")
    client.force_login(users.officer)
    home = client.get(reverse("home")).content.decode()
    assert 'id="so-thong-bao">1<' in home
    page = client.get(reverse("notification_list")).content.decode()
    assert "Báo cáo của Nhà máy Z111 đã nộp" in page and "Thư của người khác" not in page and "Mới" in page
    mine = Notification.objects.get(recipient=users.officer)
    response = client.post(reverse("notification_read", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("home")
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert 'id="so-thong-bao"' not in client.get(reverse("home")).content.decode()
    other = Notification.objects.get(recipient=users.viewer)
    assert client.post(reverse("notification_read", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_mark_all_read_and_foreign_links_are_not_followed(client, users):
    notify(recipients=[users.officer], text="Một", link="https://evil.example/")
    notify(recipients=[users.officer], text="Hai")
    client.force_login(users.officer)
    evil = Notification.objects.get(text="Một")
    assert client.post(reverse("notification_read", args=[evil.pk]))["Location"] == reverse("notification_list")
    response = client.post(reverse("notification_read_all"), follow=True)
    assert "Đã đánh dấu 1 thông báo là đã đọc." in response.content.decode()
    assert unread_count(users.officer) == 0


def test_navbar_counter_costs_one_query(client, users):
    notify(recipients=[users.officer], text="Một")
    client.force_login(users.officer)
    url = reverse("token_list")
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    counts = [q["sql"] for q in ctx.captured_queries if "core_notification" in q["sql"]]
    assert len(counts) == 1 and "COUNT" in counts[0].upper()
