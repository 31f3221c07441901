"""The shared permission-matrix helper (DESIGN.md §4.11): route enumeration, subjects and expected outcomes.

A matrix is a table of :class:`Route` entries, one for every URL the resolver knows and every API operation the
django-ninja object serves. :func:`missing_and_stale` compares the table with what is really mounted, so a route
added without a matrix entry fails the suite. Each entry names how to build its URL from the test's fixture objects
(the "world"), and what each :data:`SUBJECTS` member must get for each HTTP method: a status code, or one of the
redirect markers :data:`LOGIN` / :data:`ADMIN_LOGIN` / :data:`REDIRECT`.

Apps added later (records, emulation, awards…) extend the table in ``tests/test_permission_matrix.py``; the profiles
below (:data:`UI_READ`, :data:`UI_FORM`, :data:`API_READ`, :data:`API_WRITE`…) spell out the project's rules:

* anonymous — UI: redirect to the login page; API: 401;
* no role — an object is a 404 (it is not confirmed to exist), a list is empty;
* in scope (officer on the unit) — 200, a valid POST saves and redirects (UI) or returns 200/201 (API);
* out of scope (officer elsewhere) — every object of the subtree is a 404, for reads and writes alike;
* viewer in scope — reads are 200; UI change forms are 404 (the form does not exist for them); an API write on a
  visible object is 403 (its existence is no secret to the viewer).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

SUBJECTS = ("anonymous", "norole", "officer", "outsider", "viewer")

# Redirect markers used in place of a status code.
LOGIN = "login"  # 302 to the site's login page
ADMIN_LOGIN = "admin-login"  # 302 to the admin's login page
REDIRECT = "redirect"  # 302 anywhere else (a successful form post)


def redirect_to(path: str) -> tuple[int, str]:
    """A 302 whose ``Location`` starts with ``path``."""
    return (302, path)


API_NAMESPACE = "api"


def every(outcome) -> dict[str, Any]:
    return dict.fromkeys(SUBJECTS, outcome)


# --- profiles: the project's rules, per subject ------------------------------------------------------------------

#: A UI page of one object in the in-scope subtree.
UI_READ = {"anonymous": LOGIN, "norole": 404, "officer": 200, "outsider": 404, "viewer": 200}
#: A UI change form (GET) on one object of the subtree.
UI_FORM = {"anonymous": LOGIN, "norole": 404, "officer": 200, "outsider": 404, "viewer": 404}
#: A valid POST of that form: saved and redirected for the officer, refused (404) for everyone else.
UI_FORM_POST = {**UI_FORM, "officer": REDIRECT}
#: A UI list page: everyone signed in gets 200, with or without rows (see ``Route.marker``).
UI_LIST = {**every(200), "anonymous": LOGIN}
#: A create form without an object in the URL: only users who may change something somewhere get it.
UI_CREATE = {"anonymous": LOGIN, "norole": 404, "officer": 200, "outsider": 200, "viewer": 404}
#: Its POST naming an in-scope unit: the outsider's form rejects the unit (200, re-rendered with errors).
UI_CREATE_POST = {**UI_CREATE, "officer": REDIRECT}
#: A Django admin page: administrators only (staff with the admin role; none of the subjects is one). Anonymous users
#: are sent to the admin's login (which forwards them to the site's); signed-in users get a 404, never a page.
ADMIN = {**every(404), "anonymous": ADMIN_LOGIN}

#: An API read of one object of the subtree.
API_READ = {"anonymous": 401, "norole": 404, "officer": 200, "outsider": 404, "viewer": 200}
#: An API write on one object of the subtree.
API_WRITE = {"anonymous": 401, "norole": 404, "officer": 200, "outsider": 404, "viewer": 403}
#: An API list.
API_LIST = {**every(200), "anonymous": 401}
#: An API create whose body names an in-scope unit: a unit outside the caller's change scope is a 422 on that field.
API_CREATE = {"anonymous": 401, "norole": 422, "officer": 201, "outsider": 422, "viewer": 422}

#: Subjects that see the in-scope subtree (lists must show ``Route.marker`` to them, and hide it from the others).
SEES_SUBTREE = {"officer", "viewer"}
#: Outcomes after which nothing may have been written.
REFUSED = {LOGIN, ADMIN_LOGIN, 401, 403, 404, 405, 422}


@dataclass(frozen=True)
class Route:
    """One matrix entry: a URL name (or an API ``"METHOD /path"``) and what each subject gets for each method.

    ``url`` builds the URL kwargs (UI) or path parameters (API) from the world; ``data`` builds a valid POST /
    PATCH body for the in-scope officer (the same body is sent by every subject). ``marker`` is text that a list
    shows to subjects who see the subtree and hides from the others. ``path`` overrides :func:`reverse` for
    unnamed resolver patterns.
    """

    key: str
    expect: dict[str, dict[str, Any]]
    url: Callable[[Any], dict[str, Any]] = lambda w: {}
    data: Callable[[Any], dict[str, Any]] | None = None
    marker: str = ""
    path: Callable[[Any], str] | None = None
    note: str = ""

    @property
    def is_api(self) -> bool:
        return " " in self.key  # "GET /api/v1/units"

    @property
    def methods(self) -> list[str]:
        return list(self.expect)

    def build_url(self, world) -> str:
        """The concrete URL of this route for the world's objects."""
        if self.path is not None:
            return self.path(world)
        params = self.url(world)
        if self.is_api:
            template = self.key.split(" ", 1)[1]
            return re.sub(r"\{(\w+)\}", lambda m: str(params[m.group(1)]), template)
        return reverse(self.key, kwargs=params or None)


# --- enumeration of what is really mounted ----------------------------------------------------------------------


def _walk(patterns, prefix: str = "", namespace: str | None = None) -> Iterator[tuple[str, str | None, str | None]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace, pattern.name


def _openapi_style(path: str) -> str:
    """``units/<int:unit_id>`` or ``/units/{int:unit_id}`` → ``units/{unit_id}`` (no converters, no slashes)."""
    path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", path)
    path = re.sub(r"\{(?:\w+:)?(\w+)\}", r"{\1}", path)
    return path.strip("/")


def api_operations(api) -> set[str]:
    """Every ``"METHOD /prefix/path"`` served by the ninja ``api`` (from its routers, schema or not)."""
    prefix = "/" + reverse(f"{api.urls_namespace}:api-root").strip("/")
    keys = set()
    for router_prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            full = "/".join(p for p in (router_prefix.strip("/"), _openapi_style(path)) if p)
            for operation in path_view.operations:
                for method in operation.methods:
                    keys.add(f"{method.upper()} {prefix}/{full}")
    return keys


def schema_operations(api) -> set[str]:
    """Every ``"METHOD /path"`` in the OpenAPI schema (a cross-check of :func:`api_operations`)."""
    schema = api.get_openapi_schema()
    return {f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops}


def mounted_routes(api) -> set[str]:
    """Every route key the project serves.

    UI routes by ``namespace:name`` (``namespace:pattern`` when unnamed); API operations by ``"METHOD /path"``;
    resolver patterns of the API namespace that are not operations (schema, docs, root) by ``api:name``.
    """
    operations = api_operations(api)
    operation_paths = {_openapi_style(key.split(" ", 1)[1]) for key in operations}
    keys = set(operations)
    for pattern, namespace, name in _walk(get_resolver().url_patterns):
        if namespace == API_NAMESPACE and _openapi_style(pattern) in operation_paths:
            continue  # an operation's URL: covered by its "METHOD /path" keys
        label = name or pattern  # unnamed patterns (admin redirects, catch-all) by their full pattern
        keys.add(f"{namespace}:{label}" if namespace else label)
    return keys


def missing_and_stale(table: list[Route], api) -> tuple[set[str], set[str]]:
    """Routes mounted without a matrix entry, and entries for routes that no longer exist."""
    mounted = mounted_routes(api)
    keys = {route.key for route in table}
    return mounted - keys, keys - mounted


# --- calling a route ---------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What came back, in terms the expectations use."""

    status: int
    location: str = ""
    body: str = ""
    json: Any = None
    errors: list[str] = field(default_factory=list)


def call(client, method: str, url: str, data: dict | None, *, api: bool, token: str | None = None) -> Outcome:
    """Send one request the way a browser (UI) or an API client (JSON, optional Bearer token) would."""
    extra = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    send = getattr(client, method.lower())
    if api:
        if method == "GET":
            response = send(url, **extra)
        else:
            response = send(url, data=json.dumps(data or {}), content_type="application/json", **extra)
    else:
        response = send(url, data=data or {}, **extra) if method != "GET" else send(url, **extra)
    outcome = Outcome(status=response.status_code, location=response.get("Location", ""))
    if response.get("Content-Type", "").startswith("application/json"):
        outcome.json = json.loads(response.content or b"null")
    elif not getattr(response, "streaming", False):
        outcome.body = response.content.decode(errors="replace")
    context = getattr(response, "context", None)
    form = context.get("form") if context is not None else None
    if form is not None and getattr(form, "errors", None):
        outcome.errors = [f"{k}: {v}" for k, v in form.errors.items()]
    return outcome


def check(outcome: Outcome, expected, *, login_url: str, admin_login_url: str, what: str) -> None:
    """Assert that ``outcome`` matches ``expected`` (a status code or a redirect marker)."""
    detail = f"{what}: got {outcome.status} {outcome.location} {outcome.errors or ''} {outcome.json or ''}".strip()
    if expected == LOGIN:
        assert outcome.status == 302 and outcome.location.startswith(login_url), detail
    elif expected == ADMIN_LOGIN:
        assert outcome.status == 302 and outcome.location.startswith(admin_login_url), detail
    elif expected == REDIRECT:
        assert outcome.status == 302, detail
        assert not outcome.location.startswith(login_url), detail
    elif isinstance(expected, tuple):
        status, prefix = expected
        assert outcome.status == status and outcome.location.startswith(prefix), detail
    else:
        assert outcome.status == expected, detail


def rows(payload) -> list:
    """The rows of an API list response (a bare list, or a page with ``items``)."""
    return payload if isinstance(payload, list) else payload.get("items", [])
