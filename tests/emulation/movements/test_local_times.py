"""A registration's times read in Asia/Ho_Chi_Minh (issue 9: one sent at 03:14 on 08/12, Hanoi time, showed 07/12)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from thidua.emulation.movements.models import Registration

# 20:14 on 07/12 in UTC: 03:14 on 08/12 in Hanoi.
SENT_UTC = dt.datetime(2026, 12, 7, 20, 14, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_a_registration_sent_after_midnight_in_hanoi_shows_the_hanoi_day(client, users, world):
    Registration.objects.filter(pk=world.submitted.pk).update(submitted_at=SENT_UTC)
    client.force_login(users.officer)
    page = client.get(reverse("registration_detail", args=[world.submitted.pk])).content.decode()
    assert "03:14 08/12/2026" in page
    assert "07/12/2026" not in page
