"""REST endpoints of the organisation registry: units, people, emulation groups and the rank catalogue.

Every read goes through ``visible_to(request.auth, action)``: an object outside the caller's units is a 404. Writes
look the object up in the caller's view scope, refuse with 403 when the caller may see but not change it, and call one
service; services raise ``ValidationError`` (422, keyed by field) and ``ConflictError`` (409, stale ``version``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.errors import HttpError

from thidua.core import vn
from thidua.core.choices import Action
from thidua.core.schemas import Id, Page, Year
from thidua.core.scoping import ALL, in_scope, scope_unit_ids

from . import selectors, services
from .choices import CATEGORY_RANKS, RANK_ORDER, Rank
from .models import OrgUnit, Person, parent_path_of
from .schemas import (
    ConflictOut,
    ErrorOut,
    GroupCreateIn,
    GroupDetailOut,
    GroupOut,
    PeoplePage,
    PersonCreateIn,
    PersonDetailOut,
    PersonPatchIn,
    RankOut,
    UnitCreateIn,
    UnitDetailOut,
    UnitOut,
    UnitPatchIn,
    UnitTreeNode,
)

router = Router()

READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
NOT_IN_SCOPE = "Không tìm thấy hoặc nằm ngoài phạm vi của bạn."
UNIT_NOT_IN_SCOPE = f"Đơn vị #{{pk}}: {NOT_IN_SCOPE.lower()}"


# --- helpers -------------------------------------------------------------------------------------------------


def _with_parent_id(qs):
    """Annotate ``parent_id`` (the materialised path has no parent column) in the same query."""
    parent = OrgUnit.objects.filter(path=parent_path_of(OuterRef("path")))
    return qs.annotate(parent_id=Subquery(parent.values("id")[:1]))


def _require_change(user, unit_id: int | None) -> None:
    """403 for an object the caller may see but not change (its existence is no secret to them)."""
    if not in_scope(user, unit_id, Action.CHANGE):
        raise HttpError(403, "Bạn không có quyền sửa dữ liệu của đơn vị này.")


def unit_for_write(user, pk: int | None, field: str, message: str = UNIT_NOT_IN_SCOPE) -> OrgUnit | None:
    """A unit named in a request body, in the caller's change scope (None for no id), or a 422 on ``field``.

    ``message`` is the refusal, with ``{pk}`` standing for the id sent; the other APIs (movements, registrations)
    word it their own way.
    """
    if pk is None:
        return None
    unit = OrgUnit.objects.visible_to(user, Action.CHANGE).filter(pk=pk).first()
    if unit is None:
        raise ValidationError({field: [message.format(pk=pk)]})
    return unit


def _visible_unit_ref(user, pk: int) -> OrgUnit:
    """A unit to filter by: visible to the caller, else 404. In-memory scope check; only the path is queried lazily."""
    ids = scope_unit_ids(user, Action.VIEW)
    if ids is ALL:
        return get_object_or_404(OrgUnit.objects.only("id", "path"), pk=pk)
    if pk not in ids:
        raise HttpError(404, "Không tìm thấy.")
    # The caller's scope is already known, so only the path is needed: a subquery avoids a round trip.
    unit = OrgUnit(pk=pk)
    unit.path = Subquery(OrgUnit.objects.filter(pk=pk).values("path")[:1])
    return unit


# --- units ---------------------------------------------------------------------------------------------------


@router.get("/units", response={200: list[UnitOut], **READ_ERRORS}, tags=["Đơn vị"], summary="Danh sách đơn vị")
def unit_list(request, q: str = "", parent: Id | None = None):
    """Units in the caller's scope in tree order; ``q`` searches the name and short name without diacritics,
    ``parent`` lists the direct children of a visible unit (404 otherwise)."""
    qs = OrgUnit.objects.visible_to(request.auth, Action.VIEW)
    if parent is not None:
        above = get_object_or_404(qs, pk=parent)
        qs = qs.filter(path__startswith=above.path, depth=above.depth + 1)
    for word in vn.search_key(q).split():
        qs = qs.filter(search_key__contains=word)
    return _with_parent_id(qs.order_by("path"))


@router.get("/units/tree", response={200: list[UnitTreeNode], **READ_ERRORS}, tags=["Đơn vị"], summary="Cây đơn vị")
def unit_tree(request):
    """The caller's visible units as a nested tree: ``{id, name, short_name, kind, children: [...]}``."""
    units = OrgUnit.objects.visible_to(request.auth, Action.VIEW).values(
        "id", "path", "name", "short_name", "label", "kind"
    )
    step = OrgUnit.steplen
    nodes: dict[str, dict] = {}
    roots: list[dict] = []
    for unit in units:  # ordered by path, so a parent always comes before its children
        node = {
            "id": unit["id"],
            "name": unit["name"],
            "short_name": unit["short_name"],
            "label": unit["label"] or unit["short_name"] or unit["name"],
            "kind": unit["kind"],
            "children": [],
        }
        nodes[unit["path"]] = node
        parent = nodes.get(unit["path"][:-step])
        (parent["children"] if parent else roots).append(node)
    return roots


@router.get(
    "/units/{int:unit_id}", response={200: UnitDetailOut, **READ_ERRORS}, tags=["Đơn vị"], summary="Chi tiết đơn vị"
)
def unit_detail(request, unit_id: Id):
    """One unit with its parent, depth, history and the number of people in its subtree visible to the caller."""
    unit = _with_parent_id(OrgUnit.objects.visible_to(request.auth, Action.VIEW)).get(pk=unit_id)
    unit.people_count = (
        Person.objects.visible_to(request.auth, Action.VIEW).filter(unit__path__startswith=unit.path).count()
    )
    return unit


@router.post("/units", response={201: UnitDetailOut, **WRITE_ERRORS}, tags=["Đơn vị"], summary="Thêm đơn vị")
def unit_create(request, payload: UnitCreateIn):
    """Create a unit under ``parent`` (which must be in the caller's change scope)."""
    parent = unit_for_write(request.auth, payload.parent, "parent")
    unit = services.unit_create(actor=request.auth, parent=parent, **payload.dict(exclude={"parent"}))
    return Status(201, unit_detail(request, unit.pk))


@router.patch(
    "/units/{int:unit_id}",
    response={200: UnitDetailOut, 409: ConflictOut, **WRITE_ERRORS},
    tags=["Đơn vị"],
    summary="Sửa đơn vị",
)
def unit_patch(request, unit_id: Id, payload: UnitPatchIn):
    """Edit a unit. A new ``name`` is a rename from ``renamed_on`` (history keeps the old name)."""
    unit = get_object_or_404(OrgUnit.objects.visible_to(request.auth, Action.VIEW), pk=unit_id)
    _require_change(request.auth, unit.pk)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    new_name = data.pop("name", None)
    renamed_on = data.pop("renamed_on", None)
    decision_ref = data.pop("decision_ref", "")
    if new_name is not None and new_name != unit.name and renamed_on is None:
        raise ValidationError({"renamed_on": ["Cần nhập ngày đổi tên."]})
    with transaction.atomic():
        if data:
            unit = services.unit_update(actor=request.auth, unit=unit, expected_version=version, **data)
            version = unit.version
        if new_name is not None and new_name != unit.name:
            unit = services.unit_rename(
                actor=request.auth,
                unit=unit,
                new_name=new_name,
                occurred_on=renamed_on,
                decision_ref=decision_ref,
                expected_version=version,
            )
        elif not data and unit.version != version:
            services.unit_update(actor=request.auth, unit=unit, expected_version=version)  # raises the 409
    return unit_detail(request, unit.pk)


# --- people --------------------------------------------------------------------------------------------------


@router.get(
    "/people",
    response={200: PeoplePage, **READ_ERRORS},
    tags=["Cán bộ, quân nhân"],
    summary="Danh sách cán bộ, quân nhân",
)
def people_list(request, q: str = "", unit: Id | None = None, rank: str = "", category: str = "", page: Page = 1):
    """People in the caller's scope in Vietnamese name order, 50 a page (``page`` from 1).

    ``q`` matches the name word by word without diacritics (or an exact CCCD); ``unit`` includes the unit's whole
    subtree (404 if the unit is not visible); ``rank`` is a code; ``category`` a category code.
    """
    size = settings.PEOPLE_PAGE_SIZE
    ref = _visible_unit_ref(request.auth, unit) if unit is not None else None
    qs = selectors.people_listing(request.auth, q=q, unit=ref, rank=rank, category=category)
    start = (page - 1) * size
    # Two queries on purpose: COUNT(*) OVER () would materialise and sort every match (60,000 for "nguyen") where
    # the page alone keeps only the top 50 and the count reads the covering index.
    count = qs.count()
    items = list(qs[start : start + size]) if start < count else []
    return {"items": items, "count": count, "page": page, "page_size": size}


@router.get(
    "/people/{int:person_id}",
    response={200: PersonDetailOut, **READ_ERRORS},
    tags=["Cán bộ, quân nhân"],
    summary="Chi tiết cán bộ, quân nhân",
)
def person_detail(request, person_id: Id):
    """One person with positions, rank history, unit history and years of service."""
    person = selectors.person_detail(request.auth, person_id)
    person.service = selectors.service_summary(person)
    return person


@router.post(
    "/people",
    response={201: PersonDetailOut, **WRITE_ERRORS},
    tags=["Cán bộ, quân nhân"],
    summary="Thêm cán bộ, quân nhân",
)
def person_create(request, payload: PersonCreateIn):
    """Register a person in ``unit`` (in the caller's change scope); ``rank`` is a code or a Vietnamese label."""
    unit = unit_for_write(request.auth, payload.unit, "unit")
    person = services.person_create(actor=request.auth, unit=unit, **payload.dict(exclude={"unit"}))
    return Status(201, person_detail(request, person.pk))


@router.patch(
    "/people/{int:person_id}",
    response={200: PersonDetailOut, 409: ConflictOut, **WRITE_ERRORS},
    tags=["Cán bộ, quân nhân"],
    summary="Sửa thông tin cán bộ, quân nhân",
)
def person_patch(request, person_id: Id, payload: PersonPatchIn):
    """Edit identity fields; ``version`` must be the one last read, else 409 with the current values."""
    person = get_object_or_404(
        Person.objects.visible_to(request.auth, Action.VIEW).select_related("unit"), pk=person_id
    )
    _require_change(request.auth, person.unit_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    services.person_update(actor=request.auth, person=person, expected_version=version, **data)
    return person_detail(request, person.pk)


# --- emulation groups ----------------------------------------------------------------------------------------


@router.get(
    "/groups",
    response={200: list[GroupOut], **READ_ERRORS},
    tags=["Khối, cụm thi đua"],
    summary="Danh sách khối, cụm thi đua",
)
def group_list(request, year: Year | None = None, q: str = ""):
    """Emulation groups set up by or including a unit in the caller's scope, newest year first."""
    return selectors.groups_list(request.auth, year=year, q=q)


@router.get(
    "/groups/{int:group_id}",
    response={200: GroupDetailOut, **READ_ERRORS},
    tags=["Khối, cụm thi đua"],
    summary="Chi tiết khối, cụm thi đua",
)
def group_detail(request, group_id: Id):
    """One group with its member units, leadership terms (with role labels and dates) and handovers."""
    return selectors.group_detail(request.auth, group_id)


@router.post(
    "/groups",
    response={201: GroupDetailOut, **WRITE_ERRORS},
    tags=["Khối, cụm thi đua"],
    summary="Thêm khối, cụm thi đua",
)
def group_create(request, payload: GroupCreateIn):
    """Set up a group for a year; ``authority`` must be in the caller's change scope, members visible to them."""
    authority = unit_for_write(request.auth, payload.authority, "authority")
    wanted = list(dict.fromkeys(payload.members))
    members = {u.pk: u for u in OrgUnit.objects.visible_to(request.auth, Action.VIEW).filter(pk__in=wanted)}
    missing = [pk for pk in wanted if pk not in members]
    if missing:
        raise ValidationError({"members": [UNIT_NOT_IN_SCOPE.format(pk=pk) for pk in missing]})
    group = services.group_create(
        actor=request.auth,
        authority=authority,
        members=[members[pk] for pk in wanted],
        **payload.dict(exclude={"authority", "members"}),
    )
    return Status(201, group_detail(request, group.pk))


# --- catalogue -----------------------------------------------------------------------------------------------


@router.get("/ranks", response={200: list[RankOut], 401: ErrorOut}, tags=["Danh mục"], summary="Danh mục cấp bậc")
def rank_list(request):
    """Every rank in ascending order with its personnel category; admirals share the order of their generals."""
    category_of = {code: cat for cat, codes in CATEGORY_RANKS.items() for code in codes}
    return [
        {"code": r.value, "label": r.label, "category": category_of.get(r.value), "order": RANK_ORDER[r.value]}
        for r in Rank
    ]
