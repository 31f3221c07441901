"""The navbar: four groups in dropdowns so an administrator's whole menu fits on one line, the group of the current
page lit, every page of the old flat menu still one click away from its group."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

GROUPS = ["Tổ chức", "Phong trào", "Sơ kết, tổng kết", "Khen thưởng"]


def _navbar(html: str) -> str:
    return html.split('id="menu-chinh"', 1)[1].split("</nav>", 1)[0]


def test_menu_groups_hold_every_section(client, users):
    client.force_login(users.admin)
    nav = _navbar(client.get(reverse("home")).content.decode())
    for group in GROUPS:
        assert re.search(rf'dropdown-toggle[^"]*"[^>]*>{group}<', nav), group
    for name in (
        "unit_tree",
        "person_list",
        "group_list",
        "movement_list",
        "registration_list",
        "period_list",
        "conference_list",
        "sheet_list",
        "eligibility_candidates",
        "award_record_list",
        "rules",
    ):
        assert f'href="{reverse(name)}"' in nav, name


@pytest.mark.parametrize(
    "url_name,group",
    [
        ("person_list", "Tổ chức"),
        ("registration_list", "Phong trào"),
        ("conference_list", "Sơ kết, tổng kết"),
        ("eligibility_candidates", "Khen thưởng"),
    ],
)
def test_the_current_pages_group_is_lit(client, users, url_name, group):
    client.force_login(users.admin)
    response = client.get(reverse(url_name), follow=True)
    nav = _navbar(response.content.decode())
    lit = re.findall(r'dropdown-toggle active"[^>]*>([^<]+)<', nav)
    assert lit == [group]


def test_person_eligibility_lights_awards_not_organisation(client, users, people):
    client.force_login(users.admin)
    nav = _navbar(client.get(reverse("person_eligibility", args=[people.hung.pk])).content.decode())
    assert re.findall(r'dropdown-toggle active"[^>]*>([^<]+)<', nav) == ["Khen thưởng"]
