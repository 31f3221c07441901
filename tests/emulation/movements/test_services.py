"""Services and policies of movements, registrations and pacts: the cycle, who may do what, and bad input."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import make_user
from thidua.core.choices import Role
from thidua.core.models import AuditEvent
from thidua.emulation.models import MovementDocument, MovementUnit, Pact, PactSignature, Registration
from thidua.emulation.movements import policies, selectors, services
from thidua.org import services as org_services

from .. import movements_world as mw

D = dt.date
YEAR = mw.YEAR


@pytest.fixture
def cat(db):
    return mw.awards()


@pytest.fixture
def movement(tree, users):
    return services.movement_create(
        actor=users.officer,
        authority=tree.tc,
        name="Quyết thắng",
        start_on=D(YEAR, 1, 10),
        end_on=D(YEAR, 12, 31),
        slogan=mw.SLOGAN,
        theme="Thi đua đoàn kết",
    )


# --- movements ---------------------------------------------------------------------------------------------------


def test_create_launch_close_pushes_to_subtree(tree, users, movement):
    assert movement.status == "nhap"
    assert not MovementUnit.objects.filter(movement=movement).exists()
    services.movement_launch(actor=users.officer, movement=movement)
    movement.refresh_from_db()
    assert movement.status == "phat_dong" and movement.launched_at
    assert set(MovementUnit.objects.filter(movement=movement).values_list("unit_id", flat=True)) == {
        tree.tc.pk,
        tree.cuc.pk,
        tree.nm.pk,
    }
    services.movement_close(actor=users.officer, movement=movement)
    movement.refresh_from_db()
    assert movement.status == "ket_thuc"
    types = list(AuditEvent.objects.filter(target_id=str(movement.pk)).values_list("event_type", flat=True))
    assert {"movement.create", "movement.launch", "movement.close"} <= set(types)


def test_launch_authority_alone(tree, users):
    movement = services.movement_create(
        actor=users.officer, authority=tree.cuc, name="Chuyên đề", start_on=D(YEAR, 2, 1), include_descendants=False
    )
    services.movement_launch(actor=users.officer, movement=movement)
    assert list(MovementUnit.objects.filter(movement=movement).values_list("unit_id", flat=True)) == [tree.cuc.pk]


def test_launched_movement_is_visible_to_target_units_only(tree, users, movement):
    from thidua.emulation.models import Movement

    cuc_officer = make_user("cuc", Role.UNIT_OFFICER, tree.cuc)
    assert not Movement.objects.visible_to(cuc_officer).exists()  # tc's movement, not a target of cuc: it is a draft
    services.movement_launch(actor=users.officer, movement=movement)
    assert list(Movement.objects.visible_to(cuc_officer)) == [movement]
    assert not Movement.objects.visible_to(users.outsider).exists()


def test_launch_twice_and_close_draft_refused(users, movement):
    with pytest.raises(ValidationError) as exc:
        services.movement_close(actor=users.officer, movement=movement)
    assert "status" in exc.value.message_dict
    services.movement_launch(actor=users.officer, movement=movement)
    with pytest.raises(ValidationError):
        services.movement_launch(actor=users.officer, movement=movement)


def test_outsider_cannot_create_or_launch(tree, users, movement):
    with pytest.raises(ValidationError) as exc:
        services.movement_create(actor=users.outsider, authority=tree.tc, name="X", start_on=D(YEAR, 1, 1))
    assert "phạm vi" in exc.value.message_dict["authority"][0]
    with pytest.raises(ValidationError):
        services.movement_launch(actor=users.outsider, movement=movement)
    assert movement.status == "nhap"


def test_dates_and_update(users, movement):
    with pytest.raises(ValidationError) as exc:
        services.movement_update(actor=users.officer, movement=movement, end_on=D(YEAR - 1, 1, 1))
    assert "end_on" in exc.value.message_dict
    services.movement_update(
        actor=users.officer, movement=movement, expected_version=movement.version, name="Quyết thắng 2"
    )
    movement.refresh_from_db()
    assert movement.name == "Quyết thắng 2" and movement.version == 2


def test_registration_due_default(movement):
    assert selectors.registration_due_on(movement) == D(YEAR, 2, 9)


# --- documents ---------------------------------------------------------------------------------------------------


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_document_upload_is_stored_with_a_random_name(users, movement, settings):
    doc = services.movement_document_add(
        actor=users.officer, movement=movement, title="Kế hoạch", upload=mw.pdf_upload("../../etc/kế hoạch.pdf")
    )
    assert doc.file.name.startswith("movements/") and doc.file.name.endswith(".pdf")
    assert "etc" not in doc.file.name
    assert doc.file.path.startswith(str(settings.MEDIA_ROOT))
    docx = services.movement_document_add(
        actor=users.officer, movement=movement, title="Hướng dẫn", upload=SimpleUploadedFile("hd.docx", _docx())
    )
    assert docx.file.name.endswith(".docx")


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("virus.exe", b"MZ\x90\x00", "Chỉ nhận tệp"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "không đúng định dạng"),
        ("fake.docx", b"PK\x03\x04broken", "không đúng định dạng"),
        ("anh.png", b"\xff\xd8\xff\xe0 jpeg bytes", "không đúng định dạng"),
        ("rong.pdf", b"", "rỗng"),
    ],
)
def test_bad_uploads_refused(users, movement, name, content, message):
    with pytest.raises(ValidationError) as exc:
        services.movement_document_add(
            actor=users.officer, movement=movement, title="Tệp", upload=SimpleUploadedFile(name, content)
        )
    assert message in exc.value.message_dict["file"][0]
    assert not MovementDocument.objects.exists()


def test_too_large_upload_refused(users, movement, monkeypatch):
    monkeypatch.setattr(services.movements, "MAX_DOCUMENT_BYTES", 10)  # where the check reads it
    with pytest.raises(ValidationError) as exc:
        services.movement_document_add(actor=users.officer, movement=movement, title="T", upload=mw.pdf_upload())
    assert "quá lớn" in exc.value.message_dict["file"][0]


# --- registrations -----------------------------------------------------------------------------------------------


def test_register_submit_approve(tree, users, people, cat, movement):
    services.movement_launch(actor=users.officer, movement=movement)
    cuc_officer = make_user("cuc", Role.UNIT_OFFICER, tree.cuc)
    reg = services.registration_create(
        actor=cuc_officer,
        year=YEAR,
        unit=tree.cuc,
        movement=movement,
        items=[{"award": cat["DVQT"], "targets": "100% hoàn thành nhiệm vụ"}],
    )
    assert reg.status == "nhap" and reg.items.get().targets == "100% hoàn thành nhiệm vụ"
    services.registration_submit(actor=cuc_officer, registration=reg)
    reg.refresh_from_db()
    assert reg.status == "da_gui"
    # The unit's own officer is not its superior.
    assert not policies.can_decide_registration(cuc_officer, reg)
    with pytest.raises(ValidationError):
        services.registration_approve(actor=cuc_officer, registration=reg)
    assert policies.can_decide_registration(users.officer, reg)
    services.registration_approve(actor=users.officer, registration=reg)
    reg.refresh_from_db()
    assert reg.status == "da_duyet" and reg.decided_by == users.officer


def test_return_needs_reason_then_resubmit(tree, users, cat):
    reg = services.registration_create(actor=users.officer, year=YEAR, unit=tree.nm, items=[cat["DVTT"]])
    services.registration_submit(actor=users.officer, registration=reg)
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as exc:
            services.registration_return(actor=users.officer, registration=reg, reason=reason)
        assert exc.value.message_dict["reason"] == ["Phải ghi lý do trả lại."]
    reg.refresh_from_db()
    assert reg.status == "da_gui"
    services.registration_return(actor=users.officer, registration=reg, reason="Chỉ tiêu chưa cụ thể")
    reg.refresh_from_db()
    assert reg.status == "tra_lai" and reg.return_reason == "Chỉ tiêu chưa cụ thể"
    assert policies.can_edit_registration(users.officer, reg)
    services.registration_update(
        actor=users.officer,
        registration=reg,
        items=[{"award": cat["DVQT"], "targets": "Đạt 100%"}],
        expected_version=reg.version,
    )
    services.registration_submit(actor=users.officer, registration=reg)
    reg.refresh_from_db()
    assert reg.status == "da_gui" and [i.award.code for i in reg.items.all()] == ["DVQT"]


def test_collective_title_for_person_refused(users, people, cat):
    with pytest.raises(ValidationError) as exc:
        services.registration_create(actor=users.officer, year=YEAR, person=people.hung, items=[cat["DVQT"]])
    message = exc.value.message_dict["awards"][0]
    assert message == f"«{cat['DVQT'].name}» là danh hiệu tập thể, cá nhân không đăng ký được."
    assert not Registration.objects.exists()


def test_person_title_for_collective_and_form_refused(tree, users, cat):
    with pytest.raises(ValidationError) as exc:
        services.registration_create(actor=users.officer, year=YEAR, unit=tree.nm, items=[cat["CSTT"]])
    assert "cá nhân, tập thể không đăng ký được" in exc.value.message_dict["awards"][0]
    with pytest.raises(ValidationError) as exc:
        services.registration_create(actor=users.officer, year=YEAR, unit=tree.nm, items=[cat["BKBQP"]])
    assert "không phải danh hiệu thi đua" in exc.value.message_dict["awards"][0]
    with pytest.raises(ValidationError) as exc:
        services.registration_create(actor=users.officer, year=YEAR, unit=tree.nm, items=[])
    assert "ít nhất một" in exc.value.message_dict["awards"][0]
    assert not Registration.objects.exists()


def test_person_registration_and_duplicates(tree, users, people, cat):
    reg = services.registration_create(actor=users.officer, year=YEAR, person=people.hung, items=[cat["CSTT"]])
    assert reg.unit == tree.tc
    with pytest.raises(ValidationError) as exc:
        services.registration_create(actor=users.officer, year=YEAR, person=people.hung, items=[cat["CSTT"]])
    assert "đã có đăng ký" in exc.value.message_dict["year"][0]


def test_who_may_register(tree, users, people, cat):
    assert policies.can_register(users.officer, tree.nm)
    assert not policies.can_register(users.viewer, tree.nm)
    assert not policies.can_register(users.outsider, tree.nm)
    with pytest.raises(ValidationError):
        services.registration_create(actor=users.outsider, year=YEAR, unit=tree.nm, items=[cat["DVTT"]])
    with pytest.raises(ValidationError):
        services.registration_create(actor=users.viewer, year=YEAR, person=people.worker, items=[cat["CSTT"]])
    assert not Registration.objects.exists()


def test_approval_outside_scope_refused(tree, users, cat):
    reg = services.registration_create(actor=None, year=YEAR, unit=tree.tc, items=[cat["DVQT"]])
    services.registration_submit(actor=None, registration=reg)
    # tc's superior is BQP: the tc officer may not approve the unit's own registration, the BQP admin may.
    assert not policies.can_decide_registration(users.officer, reg)
    assert not policies.can_decide_registration(users.outsider, reg)
    assert policies.can_decide_registration(users.admin, reg)
    with pytest.raises(ValidationError):
        services.registration_approve(actor=users.outsider, registration=reg)


def test_movement_must_run_and_target_the_unit(tree, users, cat):
    other_mv = services.movement_create(actor=None, authority=tree.cuc, name="Riêng Cục", start_on=D(YEAR, 1, 1))
    with pytest.raises(ValidationError) as exc:
        services.registration_create(actor=None, year=YEAR, unit=tree.nm, movement=other_mv, items=[cat["DVTT"]])
    assert "không còn nhận đăng ký" in exc.value.message_dict["movement"][0]
    services.movement_launch(actor=None, movement=other_mv)
    with pytest.raises(ValidationError) as exc:
        services.registration_create(actor=None, year=YEAR, unit=tree.nm, movement=other_mv, items=[cat["DVTT"]])
    assert "không phát động tới" in exc.value.message_dict["movement"][0]


def test_direct_superior_sees_what_child_units_sent_up(tree, users, people, cat):
    """Officer on Tổng cục CNQP without descendants: the child units' submitted, returned and approved registrations
    are visible (list, detail, roll-up), their drafts and a grandchild's are not; a viewer there gains nothing."""
    phong = org_services.unit_create(actor=None, parent=tree.cuc, name="Phòng Tuyên huấn", kind="phong")
    regs = {
        name: services.registration_create(actor=None, year=YEAR, unit=unit, items=[cat["DVTT"]])
        for name, unit in (("cuc", tree.cuc), ("nm", tree.nm), ("phong", phong))
    }
    person = services.registration_create(actor=None, year=YEAR, person=people.worker, items=[cat["CSTT"]])
    for reg in (regs["cuc"], regs["nm"], regs["phong"]):
        services.registration_submit(actor=None, registration=reg)
    services.registration_return(actor=None, registration=regs["nm"], reason="Chưa rõ chỉ tiêu")
    superior = make_user("tc_only", Role.UNIT_OFFICER, tree.tc, include_descendants=False)
    seen = set(selectors.registrations_list(superior, year=YEAR).values_list("pk", flat=True))
    assert seen == {regs["cuc"].pk, regs["nm"].pk}
    assert selectors.registration_detail(superior, regs["nm"].pk).return_reason == "Chưa rõ chỉ tiêu"
    for hidden in (regs["phong"], person):
        with pytest.raises(Registration.DoesNotExist):
            selectors.registration_detail(superior, hidden.pk)
    rollup = selectors.registration_rollup(superior, tree.tc, YEAR)
    assert rollup.totals == {"da_gui": 1, "tra_lai": 1}
    services.registration_approve(actor=superior, registration=regs["cuc"])
    assert selectors.registration_detail(superior, regs["cuc"].pk).status == "da_duyet"
    viewer = make_user("tc_viewer_only", Role.VIEWER, tree.tc, include_descendants=False)
    assert not selectors.registrations_list(viewer, year=YEAR).exists()
    everything = {*(r.pk for r in regs.values()), person.pk}
    assert set(selectors.registrations_list(users.officer, year=YEAR).values_list("pk", flat=True)) == everything
    assert not selectors.registrations_list(users.outsider, year=YEAR).exists()


# --- pacts -------------------------------------------------------------------------------------------------------


@pytest.fixture
def group(tree):
    return org_services.group_create(
        actor=None, authority=tree.tc, name="Khối cơ quan", year=YEAR, members=[tree.cuc, tree.nm]
    )


def test_pact_sign_by_members_then_locked(tree, users, people, group):
    pact = services.pact_create(actor=users.officer, group=group, year=YEAR, content="Thi đua hoàn thành xuất sắc")
    with pytest.raises(ValidationError) as exc:
        services.pact_sign(actor=users.officer, pact=pact, unit=tree.tc, signed_on=D(YEAR, 2, 1))
    assert "không phải thành viên" in exc.value.message_dict["unit"][0]
    services.pact_sign(actor=users.officer, pact=pact, unit=tree.cuc, signed_on=D(YEAR, 2, 1))
    with pytest.raises(ValidationError):
        services.pact_sign(actor=users.officer, pact=pact, unit=tree.cuc, signed_on=D(YEAR, 2, 1))
    with pytest.raises(ValidationError) as exc:
        services.pact_update(actor=users.officer, pact=pact, content="Khác")
    assert "đã có đơn vị ký" in exc.value.message_dict["content"][0]
    services.pact_sign(actor=users.officer, pact=pact, unit=tree.nm, signer=people.worker, signed_on=D(YEAR, 2, 3))
    pact.refresh_from_db()
    assert pact.signed_on == D(YEAR, 2, 3)
    assert selectors.pact_is_locked(pact)
    assert PactSignature.objects.filter(pact=pact).count() == 2


def test_pact_outsider_and_empty_content(tree, users, group):
    with pytest.raises(ValidationError) as exc:
        services.pact_create(actor=users.officer, group=group, year=YEAR, content="  ")
    assert "content" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.pact_create(actor=users.outsider, group=group, year=YEAR, content="X")
    pact = services.pact_create(actor=users.officer, group=group, year=YEAR, content="X")
    with pytest.raises(ValidationError):
        services.pact_sign(actor=users.outsider, pact=pact, unit=tree.nm, signed_on=D(YEAR, 1, 1))
    assert Pact.objects.count() == 1 and not PactSignature.objects.exists()


def test_movement_year_must_match(tree, users, cat, movement):
    services.movement_launch(actor=None, movement=movement)
    with pytest.raises(ValidationError) as exc:
        services.registration_create(actor=None, year=YEAR + 1, unit=tree.nm, movement=movement, items=[cat["DVTT"]])
    assert f"không diễn ra trong năm {YEAR + 1}" in exc.value.message_dict["movement"][0]


def test_a_pact_is_named_by_its_group_without_the_year_twice(world):
    pact = world.pact
    assert str(pact) == f"Giao ước {pact.group.name} ({pact.group.year})"
