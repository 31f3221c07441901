"""The Django admin at /quan-tri/: every model of the project's apps registered, readable by administrators, and a
window only — no add, change or delete anywhere (the audit log and frozen records above all); nobody else gets in.

The demo data (``thidua demo``) is loaded once for the module inside a transaction that is rolled back at the end,
so each model has rows to list and open.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from thidua.core import services as core_services
from thidua.core.models import AuditEvent, Job, User
from thidua.emulation.conferences.choices import ConferenceStatus
from thidua.emulation.models import (
    Conference,
    CriteriaSheet,
    Movement,
    MovementDocument,
    PeriodExtension,
    ReviewPeriod,
)
from thidua.emulation.scoring.choices import SheetStatus
from thidua.org.models import Person
from thidua.records.choices import LeaveKind
from thidua.records.models import LeavePeriod

D = dt.date
PROJECT_APPS = ("core", "org", "records", "emulation", "awards", "catalogue")
REGISTERED = sorted(
    (model for model in admin.site._registry if model._meta.app_label in PROJECT_APPS), key=lambda m: m._meta.label
)


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data plus a token, loaded once and rolled back after the module's tests."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("demo", stdout=io.StringIO())
            root = User.objects.filter(is_superuser=True, is_staff=True).first()
            core_services.token_create(actor=root, name="Thử quản trị", days=5)
            _rows_the_demo_lacks()
            yield root
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _rows_the_demo_lacks() -> None:
    """Test rows (written directly: this is the fixture, not the admin) for models the demo leaves empty."""
    period = ReviewPeriod.objects.first()
    Job.objects.create(kind="thu", title="Việc thử")
    MovementDocument.objects.create(movement=Movement.objects.first(), title="Kế hoạch phát động")
    PeriodExtension.objects.create(period=period, unit=period.authority, due_on=period.due_on, reason="Thử")
    LeavePeriod.objects.create(
        person=Person.objects.first(), kind=LeaveKind.values[0], start_on=D(2024, 1, 1), end_on=D(2024, 6, 30)
    )


@pytest.fixture
def admin_client(demo, db):
    client = Client()
    client.force_login(demo)
    return client


def test_every_model_of_the_project_is_registered():
    from django.apps import apps

    models = {m for label in PROJECT_APPS if label in apps.app_configs for m in apps.get_app_config(label).get_models()}
    assert models - set(REGISTERED) == set()


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_changelist_and_change_page_load_for_an_administrator(admin_client, model):
    """The list loads with Vietnamese titles; a row's page loads without a form to save or delete."""
    response = admin_client.get(_url(model, "changelist"))
    assert response.status_code == 200
    assert str(model._meta.verbose_name_plural) in response.content.decode()
    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        pytest.skip(f"the demo has no {model._meta.label}")
    response = admin_client.get(_url(model, "change", obj.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="_save"' not in body and _url(model, "delete", obj.pk) not in body


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_admin_never_writes(admin_client, model):
    """No add page, no delete page, and a POST to a row's page changes nothing (refused)."""
    assert admin_client.get(_url(model, "add")).status_code == 403
    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        return
    assert admin_client.get(_url(model, "delete", obj.pk)).status_code == 403
    assert admin_client.post(_url(model, "change", obj.pk), {}).status_code == 403


def test_audit_log_is_read_only(admin_client):
    """The audit log lists events, and refuses add, change and delete."""
    event = AuditEvent.objects.first()
    count = AuditEvent.objects.count()
    assert admin_client.get(_url(AuditEvent, "changelist")).status_code == 200
    assert admin_client.get(_url(AuditEvent, "add")).status_code == 403
    assert admin_client.post(_url(AuditEvent, "change", event.pk), {"event_type": "x"}).status_code == 403
    assert admin_client.post(_url(AuditEvent, "delete", event.pk), {"post": "yes"}).status_code == 403
    page = admin_client.get(_url(AuditEvent, "changelist")).content.decode()
    assert "action" not in page or "delete_selected" not in page
    assert AuditEvent.objects.count() == count
    model_admin = admin.site._registry[AuditEvent]
    request = admin_client.get(_url(AuditEvent, "changelist")).wsgi_request
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, event)
    assert not model_admin.has_delete_permission(request, event)


def test_frozen_records_are_read_only(admin_client):
    """A conference whose minutes are frozen and a published scoring sheet: shown, never changeable."""
    conference = Conference.objects.filter(status=ConferenceStatus.FROZEN).first()
    sheet = CriteriaSheet.objects.filter(status=SheetStatus.PUBLISHED).first()
    assert conference is not None and sheet is not None
    for obj in (conference, sheet):
        url = _url(type(obj), "change", obj.pk)
        response = admin_client.get(url)
        assert response.status_code == 200 and 'name="_save"' not in response.content.decode()
        request = response.wsgi_request
        model_admin = admin.site._registry[type(obj)]
        assert not model_admin.has_change_permission(request, obj)
        assert not model_admin.has_delete_permission(request, obj)
        before = type(obj).objects.get(pk=obj.pk).version
        assert admin_client.post(url, {"title": "Sửa"}).status_code == 403
        assert type(obj).objects.get(pk=obj.pk).version == before


def test_admin_index_in_vietnamese(admin_client):
    body = admin_client.get(reverse("admin:index")).content.decode()
    assert "Quản trị hệ thống" in body and "cán bộ, quân nhân" in body.lower()


def test_person_search_ignores_diacritics(admin_client):
    person = Person.objects.filter(full_name__contains="ễ").first() or Person.objects.first()
    from thidua.core import vn

    response = admin_client.get(_url(Person, "changelist"), {"q": vn.search_key(person.full_name)})
    assert response.status_code == 200 and person.full_name in response.content.decode()
