"""API of movements and registrations: partial updates with optimistic locking (409), closing, directive documents
(multipart upload, list with the download link), pact edits, and the direct superior who decides on a child unit's
registration without a role on its descendants."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import make_user
from thidua.core.choices import Role
from thidua.core.models import AuditEvent
from thidua.emulation.models import MovementDocument
from thidua.emulation.movements import services
from thidua.org import services as org_services

from .. import movements_world as mw

YEAR = mw.YEAR


_client = mw.client_for

_api = mw.api


def _upload(client, movement_id, data):
    response = client.post(f"/api/v1/movements/{movement_id}/documents", data=data)  # multipart
    return response.status_code, response.json()


# --- movements ---------------------------------------------------------------------------------------------------


def test_movement_patch_changes_only_what_is_sent(users, world):
    client = _client(users.officer)
    url = f"/api/v1/movements/{world.draft.pk}"
    status, body = _api(client, "patch", url, {"version": world.draft.version, "slogan": "Đoàn kết, kỷ cương"})
    assert status == 200, body
    assert body["slogan"] == "Đoàn kết, kỷ cương"
    assert body["name"] == mw.DRAFT_NAME and body["kind"] == "chuyen_de"
    assert body["version"] == world.draft.version + 1
    assert _api(client, "get", url)[1]["slogan"] == "Đoàn kết, kỷ cương"
    status, body = _api(client, "patch", url, {"version": body["version"], "end_on": f"{YEAR}-01-01"})
    assert status == 422 and "không được trước ngày bắt đầu" in body["errors"]["end_on"][0]


def test_movement_patch_with_a_stale_version_is_409(users, world):
    client = _client(users.officer)
    url = f"/api/v1/movements/{world.draft.pk}"
    stale = world.draft.version
    assert _api(client, "patch", url, {"version": stale, "theme": "Chủ đề mới"})[0] == 200
    events = AuditEvent.objects.count()
    status, body = _api(client, "patch", url, {"version": stale, "theme": "Chủ đề của người khác"})
    assert status == 409
    assert "người khác sửa" in body["detail"] and body["current"]["theme"] == "Chủ đề mới"
    assert AuditEvent.objects.count() == events
    assert _api(client, "get", url)[1]["theme"] == "Chủ đề mới"


def test_movement_patch_refusals(users, world):
    url = f"/api/v1/movements/{world.launched.pk}"
    body = {"version": world.launched.version, "include_descendants": False}
    status, out = _api(_client(users.officer), "patch", url, body)
    assert status == 422 and "không đổi được phạm vi" in out["errors"]["include_descendants"][0]
    assert _api(_client(users.viewer), "patch", url, body)[0] == 403
    assert _api(_client(users.outsider), "patch", url, body)[0] == 404


def test_close_then_no_more_edits(users, world):
    client = _client(users.officer)
    url = f"/api/v1/movements/{world.launched.pk}"
    status, body = _api(client, "post", f"{url}/close")
    assert status == 200 and body["status"] == "ket_thuc" and body["status_label"] == "Đã kết thúc"
    status, body = _api(client, "post", f"{url}/close")
    assert status == 422 and "Chỉ kết thúc được" in body["errors"]["status"][0]
    status, body = _api(client, "patch", url, {"version": world.launched.version + 1, "slogan": "x"})
    assert status == 422 and "đã kết thúc" in body["errors"]["__all__"][0]
    status, body = _upload(client, world.launched.pk, {"title": "Hướng dẫn muộn"})
    assert status == 422 and "đã kết thúc" in body["errors"]["__all__"][0]


# --- directive documents -------------------------------------------------------------------------------------------


def test_upload_then_list_with_download_link(users, world):
    client = _client(users.officer)
    status, body = _upload(
        client,
        world.launched.pk,
        {"title": "Hướng dẫn thi đua", "reference": "HD 7", "issued_on": f"{YEAR}-02-01", "file": mw.pdf_upload()},
    )
    assert status == 201, body
    document = MovementDocument.objects.get(pk=body["id"])
    link = reverse("movement_document_download", args=[world.launched.pk, document.pk])
    assert body["has_file"] and body["download_url"] == link and body["issued_on"] == f"{YEAR}-02-01"
    status, rows = _api(_client(users.viewer), "get", f"/api/v1/movements/{world.launched.pk}/documents")
    assert status == 200
    # By date of issue, the undated plan last (the same order on SQLite and PostgreSQL).
    assert [(r["title"], r["reference"]) for r in rows] == [
        ("Hướng dẫn thi đua", "HD 7"),
        ("Kế hoạch phát động thi đua", "KH 12"),
    ]
    download = _client(users.viewer).get(link)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")
    status, body = _upload(client, world.launched.pk, {"title": "Công văn không kèm tệp"})
    assert status == 201 and not body["has_file"] and body["download_url"] == ""


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("virus.exe", b"MZ\x90\x00", "Chỉ nhận tệp"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "không đúng định dạng .pdf"),
        ("rong.pdf", b"", "Tệp rỗng"),
    ],
)
def test_refused_files_are_a_vietnamese_422(users, world, settings, name, content, message):
    before = MovementDocument.objects.count()
    status, body = _upload(
        _client(users.officer), world.launched.pk, {"title": "Tệp lạ", "file": SimpleUploadedFile(name, content)}
    )
    assert status == 422 and message in body["errors"]["file"][0]
    assert MovementDocument.objects.count() == before
    stored = [p for p in (settings.MEDIA_ROOT / "movements").rglob("*") if p.is_file()]
    assert len(stored) == 1  # only the world's own directive file


def test_upload_needs_a_title_and_the_right_to_change(users, world):
    status, body = _upload(_client(users.officer), world.launched.pk, {"file": mw.pdf_upload()})
    assert status == 422 and "title" in body["errors"]
    assert _upload(_client(users.viewer), world.launched.pk, {"title": "x", "file": mw.pdf_upload()})[0] == 403
    assert _upload(_client(users.outsider), world.launched.pk, {"title": "x", "file": mw.pdf_upload()})[0] == 404
    assert _api(_client(users.outsider), "get", f"/api/v1/movements/{world.launched.pk}/documents")[0] == 404


# --- registrations -------------------------------------------------------------------------------------------------


def test_registration_patch_items_and_commitments(users, world):
    client = _client(users.officer)
    url = f"/api/v1/registrations/{world.draft_reg.pk}"
    status, body = _api(client, "patch", url, {"version": world.draft_reg.version, "commitments": "100% HTNV"})
    assert status == 200, body
    assert body["commitments"] == "100% HTNV" and [i["award"] for i in body["items"]] == ["DVTT"]
    items = [{"award": "DVQT", "targets": "Hoàn thành xuất sắc nhiệm vụ"}]
    status, body = _api(client, "patch", url, {"version": body["version"], "items": items})
    assert status == 200
    assert [(i["award"], i["targets"]) for i in body["items"]] == [("DVQT", "Hoàn thành xuất sắc nhiệm vụ")]
    assert body["commitments"] == "100% HTNV"
    status, body = _api(client, "patch", url, {"version": world.draft_reg.version, "commitments": "cũ"})
    assert status == 409 and body["current"]["commitments"] == "100% HTNV"


def test_registration_patch_refusals(tree, users, people, world):
    client = _client(users.officer)
    personal = services.registration_create(actor=None, year=YEAR, person=people.worker, items=[world.awards["CSTT"]])
    url = f"/api/v1/registrations/{personal.pk}"
    status, body = _api(client, "patch", url, {"version": personal.version, "items": [{"award": "DVQT"}]})
    assert status == 422 and "danh hiệu tập thể, cá nhân không đăng ký được" in body["errors"]["awards"][0]
    status, body = _api(client, "patch", url, {"version": personal.version, "items": [{"award": "KHONG_CO"}]})
    assert status == 422 and "KHONG_CO" in body["errors"]["awards"][0]
    status, body = _api(client, "patch", url, {"version": personal.version, "items": []})
    assert status == 422 and "ít nhất một danh hiệu" in body["errors"]["awards"][0]
    personal.refresh_from_db()
    assert [i.award.code for i in personal.items.all()] == ["CSTT"]
    submitted = f"/api/v1/registrations/{world.submitted.pk}"
    status, body = _api(client, "patch", submitted, {"version": world.submitted.version, "commitments": "x"})
    assert status == 422 and "không sửa được" in body["errors"]["__all__"][0]
    body = {"version": world.draft_reg.version, "commitments": "x"}
    assert _api(_client(users.viewer), "patch", f"/api/v1/registrations/{world.draft_reg.pk}", body)[0] == 403


# --- pacts ---------------------------------------------------------------------------------------------------------


def test_pact_patch_until_signed(tree, users, world):
    client = _client(users.officer)
    url = f"/api/v1/pacts/{world.pact.pk}"
    status, body = _api(client, "patch", url, {"version": world.pact.version, "content": "Giao ước đã sửa"})
    assert status == 200 and body["content"] == "Giao ước đã sửa"
    status, stale = _api(client, "patch", url, {"version": world.pact.version, "content": "Bản khác"})
    assert status == 409 and stale["current"]["content"] == "Giao ước đã sửa"
    assert _api(_client(users.viewer), "patch", url, {"version": body["version"], "content": "x"})[0] == 403
    assert _api(client, "post", f"{url}/sign", {"unit": tree.cuc.pk, "signed_on": f"{YEAR}-02-01"})[0] == 200
    status, out = _api(client, "patch", url, {"version": body["version"], "content": "Sửa sau khi ký"})
    assert status == 422 and "đã có đơn vị ký" in out["errors"]["content"][0]
    assert _api(client, "get", url)[1]["content"] == "Giao ước đã sửa"


# --- approval by the direct superior ---------------------------------------------------------------------------------


def test_direct_superior_without_descendants_sees_and_approves(tree, users, world):
    """A role on Tổng cục CNQP alone: the submitted registration of Cục Chính trị (a child) is visible and decided;
    a child's draft and a grandchild's registration stay out of sight."""
    phong = org_services.unit_create(actor=None, parent=tree.cuc, name="Phòng Tuyên huấn", kind="phong")
    grandchild = services.registration_create(actor=None, year=YEAR, unit=phong, items=[world.awards["DVTT"]])
    services.registration_submit(actor=None, registration=grandchild)
    superior = make_user("truong_phong_tc", Role.UNIT_OFFICER, tree.tc, include_descendants=False)
    client = _client(superior)

    status, rows = _api(client, "get", f"/api/v1/registrations?year={YEAR}")
    assert status == 200 and [r["unit_name"] for r in rows] == ["Cục Chính trị"]
    page = client.get(reverse("registration_list"), {"nam": YEAR})
    assert "Cục Chính trị" in page.content.decode() and "Phòng Tuyên huấn" not in page.content.decode()
    assert client.get(reverse("registration_detail", args=[world.submitted.pk])).status_code == 200
    assert client.get(reverse("registration_approve", args=[world.submitted.pk])).status_code == 200
    body = {"version": world.submitted.version, "commitments": "x"}
    assert _api(client, "patch", f"/api/v1/registrations/{world.submitted.pk}", body)[0] == 403

    status, body = _api(client, "post", f"/api/v1/registrations/{world.submitted.pk}/approve")
    assert status == 200 and body["status"] == "da_duyet"
    assert _api(client, "get", f"/api/v1/registrations/{world.submitted.pk}")[1]["status_label"] == "Đã duyệt"

    for hidden in (world.draft_reg, grandchild):
        assert _api(client, "get", f"/api/v1/registrations/{hidden.pk}")[0] == 404
        assert client.get(reverse("registration_detail", args=[hidden.pk])).status_code == 404
    assert _api(client, "post", f"/api/v1/registrations/{grandchild.pk}/approve")[0] == 404
    grandchild.refresh_from_db()
    assert grandchild.status == "da_gui"
