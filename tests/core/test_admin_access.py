"""Who gets into the Django admin at /quan-tri/: staff administrators (scoped to their units); everybody else is sent
to the site's login page (anonymous) or gets a 404 (signed in) — never an admin page. The menu links it for them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import make_user
from thidua.core.choices import Role
from thidua.org.models import OrgUnit, Person


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("role", [None, *[r for r in Role.values if r != Role.ADMIN]])
def test_non_administrators_get_a_404(tree, role):
    """Signed-in users without the administrator role get a 404 on every admin page, staff flag or not."""
    user = make_user(f"u-{role}", role, tree.tc, is_staff=True)
    client = Client()
    client.force_login(user)
    for url in (reverse("admin:index"), _url(Person, "changelist"), reverse("admin:login")):
        assert client.get(url).status_code == 404, url


def test_administrator_role_without_staff_flag_gets_a_404(users):
    client = Client()
    client.force_login(users.admin)
    assert client.get(reverse("admin:index")).status_code == 404


def test_anonymous_users_are_sent_to_the_site_login(db):
    client = Client()
    response = client.get(reverse("admin:index"), follow=False)
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert "quan-tri" in response["Location"]


def test_staff_administrator_sees_only_their_units(tree, people):
    """An administrator on one subtree (staff, not superuser) sees the admin, scoped to that subtree."""
    user = make_user("qt-tc", Role.ADMIN, tree.tc, is_staff=True)
    client = Client()
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 200
    body = client.get(_url(OrgUnit, "changelist")).content.decode()
    assert tree.nm.name in body and tree.other.name not in body
    assert client.get(_url(OrgUnit, "change", tree.other.pk)).status_code == 302  # not found → admin index
    assert client.get(_url(OrgUnit, "change", tree.nm.pk)).status_code == 200


def test_menu_links_the_admin_for_administrators_only(tree, users):
    staff_admin = make_user("qt-menu", Role.ADMIN, tree.bqp, is_staff=True)
    link = reverse("admin:index")
    for user, shown in ((staff_admin, True), (users.superuser, True), (users.officer, False), (users.admin, False)):
        client = Client()
        client.force_login(user)
        body = client.get(reverse("home")).content.decode()
        assert (f'href="{link}"' in body) is shown, user.username
        assert ("Quản trị hệ thống" in body) is shown or not shown
