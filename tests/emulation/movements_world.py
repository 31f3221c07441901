"""Objects of the movements slice shared by its tests and its permission-matrix rows (built on the conftest tree)."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from thidua.catalogue.models import Award
from thidua.catalogue.seed import seed_catalogue
from thidua.emulation.movements import services

D = dt.date
YEAR = dt.date.today().year
DRAFT_NAME = "Phong trào Thi đua đột phá kỹ thuật"
LAUNCHED_NAME = "Phong trào Thi đua Quyết thắng"
SLOGAN = "Đoàn kết, sáng tạo, kỷ cương, nêu gương, quyết thắng"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf_upload(name: str = "ke-hoach.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    """A small valid PDF upload."""
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def awards() -> dict[str, Award]:
    """The award catalogue by code (seeded if missing)."""
    seed_catalogue(Award)
    return {a.code: a for a in Award.objects.all()}


def build(tree, group=None) -> SimpleNamespace:
    """A draft and a launched movement of Tổng cục CNQP (with a directive file), a submitted registration of Cục
    Chính trị, a draft one of Nhà máy Z111, and (when ``group`` is given) the block's pact for the year."""
    catalogue = awards()
    draft = services.movement_create(
        actor=None, authority=tree.tc, name=DRAFT_NAME, start_on=D(YEAR, 3, 1), kind="chuyen_de"
    )
    launched = services.movement_create(
        actor=None, authority=tree.tc, name=LAUNCHED_NAME, start_on=D(YEAR, 1, 15), slogan=SLOGAN
    )
    document = services.movement_document_add(
        actor=None, movement=launched, title="Kế hoạch phát động thi đua", reference="KH 12", upload=pdf_upload()
    )
    services.movement_launch(actor=None, movement=launched)
    submitted = services.registration_create(
        actor=None, year=YEAR, unit=tree.cuc, movement=launched, items=[catalogue["DVQT"]], commitments="100% HTNV"
    )
    services.registration_submit(actor=None, registration=submitted)
    draft_reg = services.registration_create(actor=None, year=YEAR, unit=tree.nm, items=[catalogue["DVTT"]])
    pact = services.pact_create(actor=None, group=group, year=YEAR, content="Giao ước thi đua") if group else None
    for obj in (draft, launched, submitted, draft_reg, pact):
        if obj is not None:
            obj.refresh_from_db()
    return SimpleNamespace(
        awards=catalogue,
        draft=draft,
        launched=launched,
        document=document,
        submitted=submitted,
        draft_reg=draft_reg,
        pact=pact,
    )


def client_for(user) -> Client:
    """A test client logged in as ``user``."""
    client = Client()
    client.force_login(user)
    return client


def api(client, method: str, url: str, body=None) -> tuple[int, object]:
    """Call the JSON API: (status code, decoded body)."""
    send = getattr(client, method)
    response = send(url, data=json.dumps(body or {}), content_type="application/json") if method != "get" else send(url)
    return response.status_code, response.json()
