"""The permission matrix: every UI view and every API route × anonymous / no role / in scope / out of scope / viewer.

The table below has one entry per mounted route; :func:`test_table_covers_every_route` fails when a route is added
(or removed) without updating it. Each (route, subject) pair is its own test: it sends every method of the entry
with the same body and checks the status (or redirect), that lists hide the in-scope rows from subjects who do not
see the subtree, and that a refused request wrote nothing (no audit event, no new row).

World (see ``tests/conftest.py``): Tổng cục CNQP (``tc``) with Cục Chính trị (``cuc``) and Nhà máy Z111 (``nm``)
under Bộ Quốc phòng; the officer and the viewer hold their roles on ``tc`` with descendants, the outsider is an
officer of Tổng cục Chính trị (``other``). The matrix adds a group set up by ``tc``, a current position of Nguyễn
Việt Hùng, and a personal access token of the officer.

Other apps contribute their entries from ``tests/<app>/matrix_entries.py`` or ``tests/<app>/<slice>/matrix_entries.py``
(``ROUTES``, and ``extend_world(world)`` to add the objects their URLs need), so each app's tests own its rows while
the coverage check stays global.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

import tests
from tests import matrix as mx
from thidua.api.api import api
from thidua.core import services as core_services
from thidua.core.models import ApiToken, AuditEvent, Job
from thidua.org import services
from thidua.org.models import EmulationGroup, OrgUnit, Person

D = dt.date
GROUP_NAME = "Khối các cơ quan Tổng cục"
TOKEN_NAME = "Ma tran phan quyen"
UNIT_MARKER = "Tổng cục Công nghiệp quốc phòng"
PERSON_MARKER = "Nguyễn Việt Hùng"


# --- the table -------------------------------------------------------------------------------------------------------

R = mx.Route


def _unit_edit(w):
    return {"short_name": "CCT", "kind": "cuc", "code": "C01", "version": w.tree.cuc.version}


def _person_edit(w):
    hung = w.people.hung
    return {
        "full_name": hung.full_name,
        "gender": hung.gender,
        "date_of_birth": "1965-05-10",
        "cccd": hung.cccd,
        "category": hung.category,
        "hometown": "Hà Nội",
        "version": hung.version,
    }


ADMIN_MODELS = (
    "auth_group",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
    # the project's models: read-only, for administrators (tests/core/test_admin.py)
    *("core_user", "core_roleassignment", "core_apitoken", "core_auditevent", "core_job", "core_notification"),
    *("org_orgunit", "org_orgunitevent", "org_person", "org_rankchange", "org_position", "org_unitmembership"),
    *("org_serviceperiod", "org_emulationgroup", "org_groupmembership", "org_groupleadership", "org_grouphandover"),
    *("records_personrating", "records_unitrating", "records_awardrecord", "records_achievement"),
    *("records_discipline", "records_pendingreview", "records_leaveperiod"),
    *("catalogue_award", "awards_ruleversion", "awards_eligibilityrun", "awards_eligibilityresult"),
    *("emulation_movement", "emulation_movementdocument", "emulation_movementunit", "emulation_registration"),
    *("emulation_registrationitem", "emulation_pact", "emulation_pactsignature", "emulation_indicatortemplate"),
    *("emulation_indicator", "emulation_reviewperiod", "emulation_periodextension", "emulation_unitreport"),
    *("emulation_reportvalue", "emulation_conference", "emulation_attendee", "emulation_agendaitem"),
    *("emulation_conferenceoutcome", "emulation_criteriasheet", "emulation_criteriongroup", "emulation_criterion"),
    *("emulation_score", "emulation_scorechange", "emulation_sheetproposal"),
    "django_tasks_database_dbtaskresult",  # django-tasks-db's task rows (the queue behind core.Job)
)


def _admin_routes() -> list[mx.Route]:
    """The Django admin: administrators only. The registered ModelAdmins are listed explicitly: a new one (which
    would not go through ``visible_to``) must be added here on purpose."""
    routes = [
        R("admin:index", {"GET": mx.ADMIN}),
        R(
            "admin:login",
            {"GET": {**mx.every(404), "anonymous": mx.LOGIN}},
            note="no second login form: anonymous users go to the site's",
        ),
        R(
            "admin:logout",
            {"GET": {**mx.every(404), "anonymous": mx.redirect_to("/quan-tri/")}},
            note="anonymous users are sent to the index (and on to the login page)",
        ),
        R("admin:password_change", {"GET": mx.ADMIN}),
        R("admin:password_change_done", {"GET": mx.ADMIN}),
        R("admin:autocomplete", {"GET": mx.ADMIN}),
        R("admin:jsi18n", {"GET": mx.ADMIN}),
        R("admin:view_on_site", {"GET": mx.ADMIN}, url=lambda w: {"content_type_id": "1", "object_id": "1"}),
        R("admin:app_list", {"GET": mx.ADMIN}, url=lambda w: {"app_label": "auth"}),
        R("admin:quan-tri/(?P<url>.*)$", {"GET": mx.ADMIN}, path=lambda w: "/quan-tri/khong-co/"),
    ]
    for model in ADMIN_MODELS:
        app, name = model.rsplit("_", 1)
        routes += [
            R(f"admin:{model}_changelist", {"GET": mx.ADMIN}),
            R(f"admin:{model}_add", {"GET": mx.ADMIN}),
            R(f"admin:{model}_history", {"GET": mx.ADMIN}, url=lambda w: {"object_id": "1"}),
            R(f"admin:{model}_delete", {"GET": mx.ADMIN}, url=lambda w: {"object_id": "1"}),
            R(f"admin:{model}_change", {"GET": mx.ADMIN}, url=lambda w: {"object_id": "1"}),
            R(
                f"admin:quan-tri/{app}/{name}/<path:object_id>/",
                {"GET": mx.ADMIN},
                path=lambda w, app=app, name=name: f"/quan-tri/{app}/{name}/1/",
            ),
        ]
    return routes


TABLE: list[mx.Route] = [
    # --- core: pages and sign-in ---------------------------------------------------------------------------------
    R("home", {"GET": mx.UI_LIST}),
    R("favicon", {"GET": mx.every(mx.REDIRECT)}, note="to the static icon, signed in or not"),
    R("login", {"GET": {**mx.every(mx.REDIRECT), "anonymous": 200}}, note="signed-in users go home"),
    R(
        "logout",
        {"GET": mx.every(405), "POST": mx.every(mx.LOGIN)},
        note="Django 5 logs out on POST only; everybody lands on the login page",
    ),
    R(
        "token_list",
        {"GET": mx.UI_LIST, "POST": mx.UI_LIST},
        data=lambda w: {"name": "Tập lệnh nhập liệu", "days": "30"},
        marker=TOKEN_NAME,
        note="each user sees only their own tokens",
    ),
    R(
        "token_revoke",
        {
            "GET": {**mx.every(405), "anonymous": mx.LOGIN},
            "POST": {**mx.every(404), "anonymous": mx.LOGIN, "officer": mx.REDIRECT},
        },
        url=lambda w: {"pk": w.token.pk},
        note="only the token's owner (the officer) may revoke it",
    ),
    R("job_detail", {"GET": mx.UI_READ}, url=lambda w: {"pk": w.job.pk}, note="a job of tc, started by nobody"),
    R("job_status", {"GET": mx.UI_READ}, url=lambda w: {"pk": w.job.pk}),
    R(
        "job_list",
        {"GET": mx.UI_LIST},
        marker="Xét điều kiện (ma trận)",
        note="jobs of the user's scope, and their own",
    ),
    R(
        "job_cancel",
        {"GET": {**mx.every(405), "anonymous": mx.LOGIN}, "POST": mx.UI_FORM_POST},
        url=lambda w: {"pk": w.job.pk},
        note="cancelling needs the change scope on the job's unit (or being its creator)",
    ),
    R(
        "job_rerun",
        {"GET": {**mx.every(405), "anonymous": mx.LOGIN}, "POST": mx.UI_FORM_POST},
        url=lambda w: {"pk": w.job.pk},
        note="the world's job is still queued: the officer is sent back to it with a message",
    ),
    R("GET /api/v1/jobs/{job_id}", {"GET": mx.API_READ}, url=lambda w: {"job_id": w.job.pk}),
    R("audit_unit", {"GET": mx.UI_READ}, url=lambda w: {"pk": w.tree.tc.pk}),
    R(
        "audit_object",
        {"GET": mx.UI_READ},
        url=lambda w: {"target_type": "org.person", "target_id": str(w.people.hung.pk)},
    ),
    # --- org: units ----------------------------------------------------------------------------------------------
    R("unit_tree", {"GET": mx.UI_LIST}, marker=UNIT_MARKER),
    R("unit_detail", {"GET": mx.UI_READ}, url=lambda w: {"pk": w.tree.tc.pk}),
    R("unit_children", {"GET": mx.UI_READ}, url=lambda w: {"pk": w.tree.tc.pk}),
    R(
        "unit_create",
        {"GET": mx.UI_FORM, "POST": mx.UI_FORM_POST},
        url=lambda w: {"pk": w.tree.tc.pk},
        data=lambda w: {"name": "Phòng Kỹ thuật", "short_name": "PKT", "kind": "phong"},
    ),
    R("unit_edit", {"GET": mx.UI_FORM, "POST": mx.UI_FORM_POST}, url=lambda w: {"pk": w.tree.cuc.pk}, data=_unit_edit),
    R(
        "unit_rename",
        {"GET": mx.UI_FORM, "POST": mx.UI_FORM_POST},
        url=lambda w: {"pk": w.tree.cuc.pk},
        data=lambda w: {"new_name": "Cục Chính trị mới", "occurred_on": "2024-01-01", "version": w.tree.cuc.version},
    ),
    R(
        "unit_move",
        {"GET": mx.UI_FORM, "POST": mx.UI_FORM_POST},
        url=lambda w: {"pk": w.tree.nm.pk},
        data=lambda w: {"new_parent": w.tree.cuc.pk, "occurred_on": "2024-01-01"},
    ),
    R(
        "unit_merge",
        {"GET": mx.UI_FORM, "POST": mx.UI_FORM_POST},
        url=lambda w: {"pk": w.tree.nm.pk},
        data=lambda w: {"into": w.tree.cuc.pk, "occurred_on": "2024-01-01"},
    ),
    # --- org: people ---------------------------------------------------------------------------------------------
    R("person_list", {"GET": mx.UI_LIST}, marker=PERSON_MARKER),
    R("unit_list", {"GET": mx.UI_LIST}, marker=UNIT_MARKER),
    R(
        "person_create",
        {"GET": mx.UI_CREATE, "POST": mx.UI_CREATE_POST},
        data=lambda w: {"unit": w.tree.tc.pk, "full_name": "Lê Văn Thử", "gender": "nam", "category": "si_quan"},
        note="the outsider's unit choices do not include tc: the form comes back with an error, nothing saved",
    ),
    R("person_detail", {"GET": mx.UI_READ}, url=lambda w: {"pk": w.people.hung.pk}),
    R(
        "person_edit",
        {"GET": mx.UI_FORM, "POST": mx.UI_FORM_POST},
        url=lambda w: {"pk": w.people.hung.pk},
        data=_person_edit,
    ),
    R(
        "person_rank",
        {"GET": mx.UI_FORM, "POST": mx.UI_FORM_POST},
        url=lambda w: {"pk": w.people.hung.pk},
        data=lambda w: {"rank": "trung_tuong", "effective_on": "2024-01-01"},
    ),
    R(
        "position_add",
        {"GET": mx.UI_FORM, "POST": mx.UI_FORM_POST},
        url=lambda w: {"pk": w.people.hung.pk},
        data=lambda w: {
            "title": "Chủ nhiệm Chính trị",
            "kind": "chi_huy",
            "unit": w.tree.tc.pk,
            "start_on": "2020-01-01",
        },
    ),
    R(
        "position_end",
        {"GET": mx.UI_FORM, "POST": mx.UI_FORM_POST},
        url=lambda w: {"pk": w.people.hung.pk, "position_pk": w.position.pk},
        data=lambda w: {"end_on": "2024-01-01"},
    ),
    R(
        "person_transfer",
        {"GET": mx.UI_FORM, "POST": mx.UI_FORM_POST},
        url=lambda w: {"pk": w.people.worker.pk},
        data=lambda w: {"to_unit": w.tree.cuc.pk, "on": "2024-01-01"},
    ),
    R(
        "service_period_add",
        {"GET": mx.UI_FORM, "POST": mx.UI_FORM_POST},
        url=lambda w: {"pk": w.people.hung.pk},
        data=lambda w: {"start_on": "1981-06-01", "end_on": "1982-12-31", "note": "Học viên"},
    ),
    # --- org: emulation groups -----------------------------------------------------------------------------------
    R("group_list", {"GET": mx.UI_LIST}, marker=GROUP_NAME),
    R(
        "group_create",
        {"GET": mx.UI_CREATE, "POST": mx.UI_CREATE_POST},
        data=lambda w: {
            "authority": w.tree.tc.pk,
            "name": "Khối các nhà máy",
            "kind": "khoi",
            "year": "2024",
            "members": [w.tree.nm.pk],
        },
    ),
    R("group_detail", {"GET": mx.UI_READ}, url=lambda w: {"pk": w.group.pk}),
    R(
        "group_leader",
        {"GET": mx.UI_FORM, "POST": mx.UI_FORM_POST},
        url=lambda w: {"pk": w.group.pk},
        data=lambda w: {"unit": w.tree.nm.pk, "role": "khoi_pho", "start_on": "2018-02-01"},
    ),
    R(
        "group_handover",
        {"GET": mx.UI_FORM, "POST": mx.UI_FORM_POST},
        url=lambda w: {"pk": w.group.pk},
        data=lambda w: {
            "role": "khoi_truong",
            "from_unit": w.tree.cuc.pk,
            "to_unit": w.tree.nm.pk,
            "occurred_on": "2018-06-07",
            "place": "Hà Nội",
        },
    ),
    # --- API -----------------------------------------------------------------------------------------------------
    R("GET /api/v1/units", {"GET": mx.API_LIST}, marker=UNIT_MARKER),
    R(
        "POST /api/v1/units",
        {"POST": mx.API_CREATE},
        data=lambda w: {"parent": w.tree.tc.pk, "name": "Phòng Kế hoạch", "kind": "phong"},
    ),
    R("GET /api/v1/units/tree", {"GET": mx.API_LIST}, marker=UNIT_MARKER),
    R("GET /api/v1/units/{unit_id}", {"GET": mx.API_READ}, url=lambda w: {"unit_id": w.tree.cuc.pk}),
    R(
        "PATCH /api/v1/units/{unit_id}",
        {"PATCH": mx.API_WRITE},
        url=lambda w: {"unit_id": w.tree.cuc.pk},
        data=lambda w: {"version": w.tree.cuc.version, "short_name": "CCT"},
    ),
    R("GET /api/v1/people", {"GET": mx.API_LIST}, marker=PERSON_MARKER),
    R(
        "POST /api/v1/people",
        {"POST": mx.API_CREATE},
        data=lambda w: {"unit": w.tree.tc.pk, "full_name": "Lê Văn Thử", "category": "si_quan"},
    ),
    R("GET /api/v1/people/{person_id}", {"GET": mx.API_READ}, url=lambda w: {"person_id": w.people.hung.pk}),
    R(
        "PATCH /api/v1/people/{person_id}",
        {"PATCH": mx.API_WRITE},
        url=lambda w: {"person_id": w.people.hung.pk},
        data=lambda w: {"version": w.people.hung.version, "hometown": "Hà Nội"},
    ),
    R("GET /api/v1/groups", {"GET": mx.API_LIST}, marker=GROUP_NAME),
    R(
        "POST /api/v1/groups",
        {"POST": mx.API_CREATE},
        data=lambda w: {"authority": w.tree.tc.pk, "name": "Khối các nhà máy", "year": 2024, "members": [w.tree.nm.pk]},
    ),
    R("GET /api/v1/groups/{group_id}", {"GET": mx.API_READ}, url=lambda w: {"group_id": w.group.pk}),
    R("GET /api/v1/ranks", {"GET": mx.API_LIST}, note="a catalogue: the same for everyone signed in"),
    R(
        "api:openapi-json",
        {"GET": {**mx.every(200), "anonymous": 401}},
        note="schema for signed-in users and tokens; a JSON 401 otherwise",
    ),
    R("api:openapi-view", {"GET": {**mx.every(200), "anonymous": mx.LOGIN}}),
    R(
        "api_not_found",
        {m: mx.every(404) for m in ("GET", "POST")},
        path=lambda w: "/api/v1/people/abc",
        note="any other /api/ path (unknown route, non-integer id): a JSON 404",
    ),
    R("api:api-root", {"GET": mx.every(404)}, note="django-ninja's placeholder, always 404"),
    *_admin_routes(),
]


def _app_entries() -> tuple[list[mx.Route], list]:
    """Entries (and world extensions) contributed by other apps and their slices: ``tests/<app>/matrix_entries*.py``
    and ``tests/<app>/<slice>/matrix_entries*.py`` may define ``ROUTES`` (a list of :class:`tests.matrix.Route`) and
    ``extend_world(world)`` (adds the objects they need)."""
    routes, hooks = [], []
    for info in pkgutil.walk_packages(tests.__path__, prefix="tests."):
        if info.ispkg or not info.name.rsplit(".", 1)[-1].startswith("matrix_entries"):
            continue
        module = importlib.import_module(info.name)
        routes += getattr(module, "ROUTES", [])
        if hasattr(module, "extend_world"):
            hooks.append(module.extend_world)
    return routes, hooks


_EXTRA_ROUTES, _WORLD_HOOKS = _app_entries()
TABLE += _EXTRA_ROUTES

# The admin's routes (six per registered model) behave alike, so they are checked one subject at a time in a single
# test (one world per subject) rather than one test per (route, subject): the same assertions, a fraction of the time.
ADMIN_TABLE = [route for route in TABLE if route.key.startswith("admin:")]
CASES = [
    pytest.param(route, subject, id=f"{route.key}|{subject}")
    for route in TABLE
    if not route.key.startswith("admin:")
    for subject in mx.SUBJECTS
]


# --- fixtures --------------------------------------------------------------------------------------------------------


@pytest.fixture
def world(tree, users, people):
    """The conftest tree, users and people, plus a group set up by ``tc``, a current position, a token and a job."""
    group = services.group_create(
        actor=None, authority=tree.tc, name=GROUP_NAME, year=2018, members=[tree.tc, tree.cuc, tree.nm]
    )
    services.group_leader_set(actor=None, group=group, unit=tree.cuc, role="khoi_truong", start_on=D(2018, 1, 1))
    position = services.position_add(
        actor=None, person=people.hung, title="Phó Chính ủy", kind="chi_huy", unit=tree.tc, start_on=D(2019, 1, 1)
    )
    token, _raw = core_services.token_create(actor=users.officer, name=TOKEN_NAME, days=30)
    for unit in vars(tree).values():
        unit.refresh_from_db()
    for person in vars(people).values():
        person.refresh_from_db()
    job = Job.objects.create(kind="matrix", title="Xét điều kiện (ma trận)", unit=tree.tc)
    world = SimpleNamespace(tree=tree, users=users, people=people, group=group, position=position, token=token, job=job)
    for extend in _WORLD_HOOKS:
        extend(world)
    return world


def _footprint() -> tuple[int, ...]:
    """Row counts that any write through a service changes."""
    return (
        AuditEvent.objects.count(),
        OrgUnit.objects.count(),
        Person.objects.count(),
        EmulationGroup.objects.count(),
        ApiToken.objects.filter(revoked_at__isnull=False).count(),
    )


# --- tests -----------------------------------------------------------------------------------------------------------


def test_table_covers_every_route():
    """Every mounted route has exactly one matrix entry, and every entry is a mounted route."""
    keys = [route.key for route in TABLE]
    assert len(keys) == len(set(keys)), "duplicate matrix entries"
    missing, stale = mx.missing_and_stale(TABLE, api)
    assert not missing, (
        f"routes without a permission-matrix entry: {sorted(missing)} — add them to TABLE here, or to ROUTES in "
        "tests/<app>/matrix_entries.py (see tests/matrix.py for the profiles)"
    )
    assert not stale, f"matrix entries for routes that no longer exist: {sorted(stale)}"


def test_api_routers_match_the_schema():
    """The operations enumerated from the routers are the ones the OpenAPI schema documents."""
    assert mx.api_operations(api) == mx.schema_operations(api)


@pytest.mark.django_db
@pytest.mark.parametrize("route,subject", CASES)
def test_matrix(route: mx.Route, subject: str, world):
    """One route, one subject: every method of the entry gives the expected outcome; refusals write nothing."""
    _check_route(route, subject, world)


@pytest.mark.django_db
@pytest.mark.parametrize("subject", mx.SUBJECTS)
def test_admin_matrix(subject: str, world):
    """Every admin route for one subject (see ADMIN_TABLE)."""
    for route in ADMIN_TABLE:
        _check_route(route, subject, world)


def _check_route(route: mx.Route, subject: str, world) -> None:
    client = Client()
    user = None if subject == "anonymous" else getattr(world.users, subject)
    token = None
    if user is not None:
        if route.is_api and not route.key.startswith("api:"):
            _, token = core_services.token_create(actor=user, name="API", days=1)
        else:
            client.force_login(user)
    url = route.build_url(world)
    login_url, admin_login_url = reverse("login"), reverse("admin:login")
    for method, expected_by_subject in route.expect.items():
        expected = expected_by_subject[subject]
        data = route.data(world) if route.data and method != "GET" else None
        before = _footprint()
        outcome = mx.call(client, method, url, data, api=route.is_api, token=token)
        mx.check(outcome, expected, login_url=login_url, admin_login_url=admin_login_url, what=f"{method} {url}")
        if expected in mx.REFUSED and method != "GET" or route.key == "person_create" and subject == "outsider":
            assert _footprint() == before, f"{method} {url} was refused but wrote something"
        if route.marker and method == "GET" and outcome.status == 200:
            text = outcome.body if outcome.json is None else str(outcome.json)
            shown_to = {"officer"} if route.key == "token_list" else mx.SEES_SUBTREE
            if subject in shown_to:
                assert route.marker in text, f"{url}: {subject} should see «{route.marker}»"
            else:
                assert route.marker not in text, f"{url}: {subject} must not see «{route.marker}»"
        if route.is_api and subject == "norole" and outcome.status == 200 and route.marker:
            assert mx.rows(outcome.json) == [], f"{url}: a user without a role must get no rows"


# --- CSRF ------------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_ui_post_without_csrf_token_is_refused(world):
    """A form POST without the CSRF token is a 403 and changes nothing; with the token it saves."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users.officer)
    url = reverse("person_edit", args=[world.people.hung.pk])
    before = _footprint()
    response = client.post(url, _person_edit(world))
    assert response.status_code == 403
    assert _footprint() == before
    client.get(url)  # sets the CSRF cookie
    data = {**_person_edit(world), "csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    assert client.post(url, data).status_code == 302


@pytest.mark.django_db
def test_api_session_write_needs_csrf_but_token_does_not(world):
    """The API with the browser session checks CSRF on writes; a Bearer token is not a cookie, so it needs none."""
    body = {"version": world.people.hung.version, "hometown": "Hải Phòng"}
    url = f"/api/v1/people/{world.people.hung.pk}"
    session = Client(enforce_csrf_checks=True)
    session.force_login(world.users.officer)
    refused = mx.call(session, "PATCH", url, body, api=True)
    assert refused.status == 403
    _, raw = core_services.token_create(actor=world.users.officer, name="CSRF", days=1)
    accepted = mx.call(Client(enforce_csrf_checks=True), "PATCH", url, body, api=True, token=raw)
    assert accepted.status == 200, accepted.json
