"""Permission-matrix entries of the records pages and API (collected by tests/test_permission_matrix.py)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from tests import matrix as mx
from thidua.catalogue.models import Award
from thidua.catalogue.seed import seed_catalogue
from thidua.records import services

R = mx.Route
D = dt.date
API_CREATED = {**mx.API_WRITE, "officer": 201}
API_DELETED = {**mx.API_WRITE, "officer": 204}
FORM = {"GET": mx.UI_FORM, "POST": mx.UI_FORM_POST}


def extend_world(world) -> None:
    """One record of each kind for Nguyễn Việt Hùng and for Nhà máy Z111 (in scope of the officer and viewer)."""
    seed_catalogue(Award)
    awards = {a.code: a for a in Award.objects.all()}
    hung, nm = world.people.hung, world.tree.nm
    world.rec = SimpleNamespace(
        awards=awards,
        rating=services.person_rating_set(actor=None, person=hung, year=2022, rating="httnv"),
        award=services.award_record_add(actor=None, person=hung, award=awards["CSTT"], year=2022),
        achievement=services.achievement_add(
            actor=None, person=hung, year=2022, kind="sang_kien", level="co_so", title="Gá kẹp"
        ),
        discipline=services.discipline_add(actor=None, person=hung, form="khien_trach", decided_on=D(2018, 1, 1)),
        leave=services.leave_add(
            actor=None, person=hung, kind="dieu_tri", start_on=D(2017, 1, 1), end_on=D(2017, 2, 1)
        ),
        review=services.pending_review_add(actor=None, person=hung, kind="thanh_tra", start_on=D(2025, 1, 1)),
        unit_rating=services.unit_rating_set(actor=None, unit=nm, year=2022, rating="htxsnv"),
        unit_award=services.award_record_add(actor=None, unit=nm, award=awards["DVTT"], year=2022),
    )


def _hung(w) -> dict:
    return {"pk": w.people.hung.pk}


def _nm(w) -> dict:
    return {"pk": w.tree.nm.pk}


def _api_person(w) -> dict:
    return {"person_id": w.people.hung.pk}


def _api_unit(w) -> dict:
    return {"unit_id": w.tree.nm.pk}


ROUTES: list[mx.Route] = [
    # --- UI: person ----------------------------------------------------------------------------------------------
    R("person_records", {"GET": mx.UI_READ}, url=_hung),
    R("award_record_list", {"GET": mx.UI_LIST}),
    R("person_rating_set", FORM, url=_hung, data=lambda w: {"year": "2024", "rating": "httnv"}),
    R(
        "person_award_add",
        FORM,
        url=_hung,
        data=lambda w: {"award": w.rec.awards["BKBQP"].pk, "year": "2024", "decision_ref": "QĐ 9"},
    ),
    R(
        "achievement_add",
        FORM,
        url=_hung,
        data=lambda w: {"year": "2024", "kind": "de_tai", "level": "toan_quan", "title": "Đề tài A"},
    ),
    R("discipline_add", FORM, url=_hung, data=lambda w: {"form": "canh_cao", "decided_on": "2024-02-01"}),
    R("review_add", FORM, url=_hung, data=lambda w: {"kind": "dieu_tra", "start_on": "2025-02-01"}),
    R(
        "review_close",
        FORM,
        url=lambda w: {"pk": w.people.hung.pk, "review_pk": w.rec.review.pk},
        data=lambda w: {"end_on": "2025-03-01", "version": w.rec.review.version},
    ),
    R(
        "leave_add",
        FORM,
        url=_hung,
        data=lambda w: {"kind": "thai_san", "start_on": "2019-01-01", "end_on": "2019-06-01"},
    ),
    R(
        "person_record_remove",
        FORM,
        url=lambda w: {"pk": w.people.hung.pk, "kind": "sang-kien", "record_pk": w.rec.achievement.pk},
        note="every kind goes through this one view; the record must belong to the person in the URL",
    ),
    R(
        "person_record_edit",
        FORM,
        url=lambda w: {"pk": w.people.hung.pk, "kind": "danh-gia", "record_pk": w.rec.rating.pk},
        data=lambda w: {"year": "2022", "rating": "htxsnv", "version": w.rec.rating.version},
        note="every kind goes through this one view; the record must belong to the person in the URL",
    ),
    # --- UI: unit ------------------------------------------------------------------------------------------------
    R("unit_records", {"GET": mx.UI_READ}, url=_nm),
    R("unit_rating_set", FORM, url=_nm, data=lambda w: {"year": "2024", "rating": "httnv", "strength": "30"}),
    R("unit_award_add", FORM, url=_nm, data=lambda w: {"award": w.rec.awards["DVQT"].pk, "year": "2024"}),
    R(
        "unit_record_remove",
        FORM,
        url=lambda w: {"pk": w.tree.nm.pk, "kind": "danh-gia", "record_pk": w.rec.unit_rating.pk},
    ),
    R(
        "unit_record_edit",
        FORM,
        url=lambda w: {"pk": w.tree.nm.pk, "kind": "khen-thuong", "record_pk": w.rec.unit_award.pk},
        data=lambda w: {
            "award": w.rec.awards["DVTT"].pk,
            "year": "2022",
            "decision_ref": "QĐ 3",
            "version": w.rec.unit_award.version,
        },
    ),
    # --- UI: import ----------------------------------------------------------------------------------------------
    R("records_import", {"GET": mx.UI_CREATE}, note="only users who may change something somewhere"),
    R("records_import_template", {"GET": mx.UI_CREATE}),
    # --- API: person ---------------------------------------------------------------------------------------------
    R("GET /api/v1/people/{person_id}/ratings", {"GET": mx.API_READ}, url=_api_person),
    R(
        "POST /api/v1/people/{person_id}/ratings",
        {"POST": API_CREATED},
        url=_api_person,
        data=lambda w: {"year": 2024, "rating": "htxsnv"},
    ),
    R(
        "DELETE /api/v1/people/{person_id}/ratings/{record_id}",
        {"DELETE": API_DELETED},
        url=lambda w: {"person_id": w.people.hung.pk, "record_id": w.rec.rating.pk},
    ),
    R(
        "PATCH /api/v1/people/{person_id}/ratings/{record_id}",
        {"PATCH": mx.API_WRITE},
        url=lambda w: {"person_id": w.people.hung.pk, "record_id": w.rec.rating.pk},
        data=lambda w: {"version": w.rec.rating.version, "rating": "htxsnv"},
    ),
    R("GET /api/v1/people/{person_id}/awards", {"GET": mx.API_READ}, url=_api_person),
    R(
        "POST /api/v1/people/{person_id}/awards",
        {"POST": API_CREATED},
        url=_api_person,
        data=lambda w: {"award": "CSTDCS", "year": 2024},
    ),
    R(
        "DELETE /api/v1/people/{person_id}/awards/{record_id}",
        {"DELETE": API_DELETED},
        url=lambda w: {"person_id": w.people.hung.pk, "record_id": w.rec.award.pk},
    ),
    R(
        "PATCH /api/v1/people/{person_id}/awards/{record_id}",
        {"PATCH": mx.API_WRITE},
        url=lambda w: {"person_id": w.people.hung.pk, "record_id": w.rec.award.pk},
        data=lambda w: {"version": w.rec.award.version, "issuer": "Tổng cục"},
    ),
    R("GET /api/v1/people/{person_id}/achievements", {"GET": mx.API_READ}, url=_api_person),
    R(
        "POST /api/v1/people/{person_id}/achievements",
        {"POST": API_CREATED},
        url=_api_person,
        data=lambda w: {"year": 2024, "kind": "sang_kien", "level": "co_so", "title": "Sáng kiến B"},
    ),
    R(
        "DELETE /api/v1/people/{person_id}/achievements/{record_id}",
        {"DELETE": API_DELETED},
        url=lambda w: {"person_id": w.people.hung.pk, "record_id": w.rec.achievement.pk},
    ),
    R(
        "PATCH /api/v1/people/{person_id}/achievements/{record_id}",
        {"PATCH": mx.API_WRITE},
        url=lambda w: {"person_id": w.people.hung.pk, "record_id": w.rec.achievement.pk},
        data=lambda w: {"version": w.rec.achievement.version, "title": "Gá kẹp nhanh"},
    ),
    R("GET /api/v1/people/{person_id}/disciplines", {"GET": mx.API_READ}, url=_api_person),
    R(
        "POST /api/v1/people/{person_id}/disciplines",
        {"POST": API_CREATED},
        url=_api_person,
        data=lambda w: {"form": "canh_cao", "decided_on": "2024-03-01"},
    ),
    R(
        "DELETE /api/v1/people/{person_id}/disciplines/{record_id}",
        {"DELETE": API_DELETED},
        url=lambda w: {"person_id": w.people.hung.pk, "record_id": w.rec.discipline.pk},
    ),
    R(
        "PATCH /api/v1/people/{person_id}/disciplines/{record_id}",
        {"PATCH": mx.API_WRITE},
        url=lambda w: {"person_id": w.people.hung.pk, "record_id": w.rec.discipline.pk},
        data=lambda w: {"version": w.rec.discipline.version, "reason": "Vi phạm giờ giấc"},
    ),
    # --- API: unit -----------------------------------------------------------------------------------------------
    R("GET /api/v1/units/{unit_id}/ratings", {"GET": mx.API_READ}, url=_api_unit),
    R(
        "POST /api/v1/units/{unit_id}/ratings",
        {"POST": API_CREATED},
        url=_api_unit,
        data=lambda w: {"year": 2024, "rating": "httnv"},
    ),
    R(
        "DELETE /api/v1/units/{unit_id}/ratings/{record_id}",
        {"DELETE": API_DELETED},
        url=lambda w: {"unit_id": w.tree.nm.pk, "record_id": w.rec.unit_rating.pk},
    ),
    R(
        "PATCH /api/v1/units/{unit_id}/ratings/{record_id}",
        {"PATCH": mx.API_WRITE},
        url=lambda w: {"unit_id": w.tree.nm.pk, "record_id": w.rec.unit_rating.pk},
        data=lambda w: {"version": w.rec.unit_rating.version, "strength": 120},
    ),
    R("GET /api/v1/units/{unit_id}/awards", {"GET": mx.API_READ}, url=_api_unit),
    R(
        "POST /api/v1/units/{unit_id}/awards",
        {"POST": API_CREATED},
        url=_api_unit,
        data=lambda w: {"award": "DVQT", "year": 2024},
    ),
    R(
        "DELETE /api/v1/units/{unit_id}/awards/{record_id}",
        {"DELETE": API_DELETED},
        url=lambda w: {"unit_id": w.tree.nm.pk, "record_id": w.rec.unit_award.pk},
    ),
    R(
        "PATCH /api/v1/units/{unit_id}/awards/{record_id}",
        {"PATCH": mx.API_WRITE},
        url=lambda w: {"unit_id": w.tree.nm.pk, "record_id": w.rec.unit_award.pk},
        data=lambda w: {"version": w.rec.unit_award.version, "decision_ref": "QĐ 4"},
    ),
]
