"""Demo data of movements, registrations and pacts (called by ``thidua demo`` after the org demo; idempotent).

* Phong trào thi đua Quyết thắng 2020 of Tổng cục CNQP (thường xuyên), launched;
* the 2020 collective registration of each of the six member agencies of Khối 2 – Cụm thi đua cơ quan Tổng cục under
  that movement (targets are illustrative), submitted and approved;
* the 2020 pact (giao ước thi đua) of Khối 2, signed by all six members, hence locked.

All writes go through the services with ``actor=None``; every object is looked up by its natural key first, so
running again creates nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from thidua.catalogue.models import Award
from thidua.catalogue.seed import seed_catalogue
from thidua.emulation.models import Movement, Pact, Registration
from thidua.emulation.movements import selectors, services
from thidua.emulation.movements.choices import MovementKind, MovementStatus, RegistrationStatus
from thidua.org.models import EmulationGroup, OrgUnit

D = dt.date
TC = "Tổng cục Công nghiệp quốc phòng"
KHOI_2 = "Khối 2 – Cụm thi đua cơ quan Tổng cục"
MOVEMENT_NAME = "Phong trào thi đua Quyết thắng"
MOVEMENT_START = D(2020, 1, 1)
SLOGAN = "Đoàn kết, sáng tạo, kỷ cương, nêu gương, quyết thắng"
YEAR = 2020
# Member agency, title code and short (illustrative) targets.
REGISTRATIONS = [
    ("Cơ quan Ủy ban Kiểm tra", "DVQT", "Hoàn thành xuất sắc nhiệm vụ kiểm tra, giám sát năm 2020."),
    ("Phòng Tài chính", "DVTT", "Bảo đảm tài chính kịp thời, đúng quy định."),
    ("Phòng Điều tra hình sự", "DVTT", "Giải quyết đúng hạn 100% vụ việc được giao."),
    ("Thanh tra Tổng cục", "DVQT", "Hoàn thành 100% kế hoạch thanh tra, kiểm tra năm 2020."),
    ("Tạp chí Công nghiệp quốc phòng và Kinh tế", "DVQT", "Phát hành đủ 100% số thường kỳ đúng kế hoạch."),
    ("Ban Quản lý Dự án I", "DVQT", "Hoàn thành các dự án đúng tiến độ, chất lượng."),
]
PACT_CONTENT = (
    "Các cơ quan Khối 2 – Cụm thi đua cơ quan Tổng cục giao ước thi đua năm 2020: hưởng ứng Phong trào thi đua "
    "Quyết thắng, hoàn thành tốt nhiệm vụ được giao, xây dựng cơ quan vững mạnh toàn diện, chấp hành nghiêm kỷ luật "
    "(nội dung minh họa)."
)
PACT_SIGNED_ON = D(2020, 1, 15)


@dataclass(frozen=True)
class DemoMovements:
    """What the run found or created."""

    registrations: int
    signatures: int
    locked: bool

    def summary(self) -> str:
        """One line for the command's output."""
        state = "đã khoá" if self.locked else "chưa khoá"
        return (
            f"Phong trào mẫu: «{MOVEMENT_NAME}» {YEAR}; {self.registrations} đăng ký đã duyệt của Khối 2; "
            f"giao ước Khối 2 năm {YEAR}: {self.signatures} đơn vị ký ({state})."
        )


def _unit(name: str, under: OrgUnit) -> OrgUnit:
    return OrgUnit.objects.filter(name=name, path__startswith=under.path).order_by("depth").first()


def _movement(tc: OrgUnit) -> Movement:
    movement = Movement.objects.filter(authority=tc, name=MOVEMENT_NAME, start_on=MOVEMENT_START).first()
    if movement is None:
        movement = services.movement_create(
            actor=None,
            authority=tc,
            name=MOVEMENT_NAME,
            kind=MovementKind.REGULAR,
            theme=SLOGAN,
            slogan=SLOGAN,
            start_on=MOVEMENT_START,
            end_on=D(2020, 12, 31),
            description="Phong trào thi đua thường xuyên năm 2020 của Tổng cục Công nghiệp quốc phòng.",
        )
    if movement.status == MovementStatus.DRAFT:
        movement = services.movement_launch(actor=None, movement=movement)
    return movement


def _registration(movement: Movement, unit: OrgUnit, award: Award, targets: str) -> Registration:
    registration = Registration.objects.filter(year=YEAR, unit=unit, person__isnull=True).first()
    if registration is None:
        registration = services.registration_create(
            actor=None,
            year=YEAR,
            unit=unit,
            movement=movement,
            items=[{"award": award, "targets": targets}],
            commitments=targets,
        )
    if registration.status in (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED):
        registration = services.registration_submit(actor=None, registration=registration)
    if registration.status == RegistrationStatus.SUBMITTED:
        registration = services.registration_approve(actor=None, registration=registration)
    return registration


def _pact(group: EmulationGroup, units: list[OrgUnit]) -> Pact:
    pact = Pact.objects.filter(group=group, year=YEAR).first()
    if pact is None:
        pact = services.pact_create(actor=None, group=group, year=YEAR, content=PACT_CONTENT)
    signed = set(pact.signatures.values_list("unit_id", flat=True))
    for unit in units:
        if unit.pk not in signed and not selectors.pact_is_locked(pact):
            services.pact_sign(actor=None, pact=pact, unit=unit, signed_on=PACT_SIGNED_ON)
    pact.refresh_from_db()
    return pact


@transaction.atomic
def load_movements() -> DemoMovements:
    """Load the 2020 Quyết thắng movement, Khối 2's registrations and its pact (idempotent)."""
    tc = OrgUnit.objects.filter(name=TC).order_by("depth").first()
    group = EmulationGroup.objects.get(authority=tc, name=KHOI_2, year=YEAR)
    movement = _movement(tc)
    codes = {code for _, code, _ in REGISTRATIONS}
    if Award.objects.filter(code__in=codes).count() < len(codes):
        seed_catalogue(Award, update=False)
    awards = {a.code: a for a in Award.objects.filter(code__in=codes)}
    units = []
    approved = 0
    for name, code, targets in REGISTRATIONS:
        unit = _unit(name, tc)
        units.append(unit)
        registration = _registration(movement, unit, awards[code], targets)
        approved += registration.status == RegistrationStatus.APPROVED
    pact = _pact(group, units)
    return DemoMovements(
        registrations=approved, signatures=pact.signatures.count(), locked=selectors.pact_is_locked(pact)
    )
