"""The candidates page and its Excel say the same time, in Asia/Ho_Chi_Minh (issue 9: the Excel said 20:11 for a run
the page showed finished at 03:11)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from tests.awards.eligibility_world import make_elig
from thidua.core.models import Job

# 20:11 on 07/12 in UTC: 03:11 on 08/12 in Hanoi.
FINISHED_UTC = dt.datetime(2026, 12, 7, 20, 11, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_run_time_is_hanoi_time_on_the_page_and_in_the_excel(client, users, tree, people):
    elig = make_elig(tree, users, people)
    Job.objects.filter(pk=elig.run.job_id).update(finished_at=FINISHED_UTC)
    client.force_login(users.officer)
    page = client.get(reverse("eligibility_candidates"), {"nam": 2024, "don_vi": tree.tc.pk}).content.decode()
    assert "03:11 08/12/2026" in page
    response = client.get(reverse("eligibility_export"), {"nam": 2024, "don_vi": tree.tc.pk})
    note = openpyxl.load_workbook(io.BytesIO(response.content)).active["A2"].value
    assert "hoàn thành lúc 03:11 08/12/2026" in note and "20:11" not in note
