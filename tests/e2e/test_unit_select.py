"""Browser test of the searchable unit select: typed without accents, "ke hoach z111" finds the one "Phòng Kế hoạch"
of Nhà máy Z111 among the plants' planning offices, and the keyboard picks it."""

from __future__ import annotations

import pytest

from thidua.org.models import OrgUnit

expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def test_typing_without_accents_finds_and_picks_the_right_unit(login):
    page = login("thuongtruc")
    page.goto("/ky-bao-cao/mo-ky/")
    search = page.get_by_role("combobox", name="Đơn vị báo cáo")  # the select's label names its search box
    search.click()
    search.press_sequentially("ke hoach z111")
    options = page.locator("#id_units-ts-dropdown .option")
    expect(options).to_have_count(1)
    expect(options.first).to_have_text("Phòng Kế hoạch — Nhà máy Z111")
    search.press("Enter")
    wanted = OrgUnit.objects.get(name="Phòng Kế hoạch", label="Phòng Kế hoạch — Nhà máy Z111")
    expect(page.locator("#id_units")).to_have_values([str(wanted.pk)])
    expect(page.locator("#id_units-ts-control").locator("xpath=..")).to_contain_text("Phòng Kế hoạch — Nhà máy Z111")
