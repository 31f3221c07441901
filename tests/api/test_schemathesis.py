"""Schemathesis against the whole API (issue 9): cases generated from the OpenAPI schema — valid and invalid — for
every operation, sent through the Django WSGI app with an administrator's token on the demo data. Every response
must be free of server errors and match its documented schema. Bounded: ``MAX_EXAMPLES`` per operation and mode keeps
the run well under 90 s on one core; it runs in ``./test.sh`` on SQLite and on PostgreSQL."""

from __future__ import annotations

import io

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from thidua.config.wsgi import application
from thidua.core.models import User

from .conftest import API, make_token

pytestmark = pytest.mark.schemathesis  # part of every ./test.sh run; select alone with -m schemathesis

MAX_EXAMPLES = 6
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def admin_token(db):
    """The demo loaded (units, people, records, movements, reports, conferences, scoring) and the admin's token."""
    call_command("demo", stdout=io.StringIO())
    return make_token(User.objects.get(username="admin"))


@pytest.fixture
def keep_connection():
    """Requests through the real WSGI handler must not close the test's database connection (and its transaction),
    as Django's own test client ensures."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _run(operation, mode: GenerationMode, headers: dict, sent: list) -> None:
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        sent.append(response.status_code)

    check()


def test_api_has_no_server_error_and_matches_its_schema(admin_token, keep_connection):
    headers = {"Authorization": f"Bearer {admin_token}"}
    schema = schemathesis.openapi.from_wsgi(f"{API}/openapi.json", application, headers=headers)
    failures, sent = [], []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 40
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _run(operation, mode, headers, sent)
            except (Exception, BaseExceptionGroup) as exc:  # every operation is tried; all failures reported at once
                failures.append(f"{operation.method.upper()} {operation.path} ({mode.value}): {exc}")
    assert not failures, "\n\n".join(failures)
    assert len(sent) >= 4 * len(operations)  # the cases were really sent …
    assert sum(200 <= status < 300 for status in sent) >= len(operations)  # … and many were accepted
