"""Demo data of conferences and block scoring (called at the end of ``thidua demo``; idempotent).

The five conferences reported in the seed articles, with the facts they state — dates, places, chairs and their
ranks, presenters, figures, awards and the 2018 handover — recorded through the services (``actor=None``):

* Khối 2 – Cụm thi đua cơ quan Tổng cục CNQP, year-end review of 2020 (28/10/2020), with the review period and the
  member agencies' figures (Thanh tra Tổng cục, Tạp chí CNQP và Kinh tế) as submitted unit reports;
* Tổng cục CNQP, year-end review of party and political work 2019 (24/12/2019);
* Đảng ủy Tổng cục CNQP, extended conference of 15/7/2022 reviewing Nghị quyết 382 (15 years) and 765 (10 years);
* Khối thi đua số 1/TCCT, mid-year review of 2018 (07/06/2018) at Cục Chính sách, linked to the handover that the org
  demo already recorded;
* Tổng cục CNQP, review of grassroots democracy and BVSK – DS, GĐ, TE – VSTBPN work of 2020 (26/11/2020).

Plus the criteria sheet of Khối 2 for 2020 — its criteria and points are illustrative (the articles give none) —
taken through self-scoring, the two reviews and publication, and the block's proposal of its leading unit.
Every object is looked up by a natural key first, so running again creates nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from thidua.catalogue.models import Award
from thidua.demo.org import data as org_data
from thidua.emulation.conferences import leadership as leadership_svc
from thidua.emulation.conferences import services as conf_svc
from thidua.emulation.conferences.choices import AgendaKind, ConferenceKind, OutcomeKind
from thidua.emulation.models import Conference, CriteriaSheet, Indicator, IndicatorTemplate, ReviewPeriod, UnitReport
from thidua.emulation.reports import services as report_svc
from thidua.emulation.reports.choices import PeriodKind
from thidua.emulation.scoring import services as score_svc
from thidua.emulation.scoring.choices import CriterionKind, SheetStatus
from thidua.org.models import EmulationGroup, GroupHandover, OrgUnit, Person

D = dt.date
TC = "Tổng cục Công nghiệp quốc phòng"
TCCT = "Tổng cục Chính trị"
KHOI_2 = "Khối 2 – Cụm thi đua cơ quan Tổng cục"
KHOI_1 = "Khối thi đua số 1"
KHOI_2_TEMPLATE = "Số liệu tổng kết của các cơ quan Khối 2 (Tổng cục CNQP)"


@dataclass(frozen=True)
class DemoConferences:
    """What the run found or created."""

    conferences: int
    created: int
    sheet_status: str

    def summary(self) -> str:
        """One line for the command's output."""
        return (
            f"Hội nghị mẫu: {self.conferences} (mới tạo {self.created}); bảng điểm Khối 2 năm 2020: "
            f"{SheetStatus(self.sheet_status).label.lower()}."
        )


# --- lookups -------------------------------------------------------------------------------------------------------


def _unit(name: str, under: str | None = None) -> OrgUnit:
    qs = OrgUnit.objects.filter(name=name)
    if under is not None:
        parent = OrgUnit.objects.filter(name=under).order_by("depth").first()
        qs = qs.filter(path__startswith=parent.path)
    return qs.order_by("depth").first()


def _person(name: str) -> Person:
    born = next(o.born for o in org_data.OFFICERS if o.name == name)
    return Person.objects.get(full_name=name, date_of_birth=born)


def _group(name: str, year: int, authority: OrgUnit) -> EmulationGroup:
    return EmulationGroup.objects.get(authority=authority, name=name, year=year)


def _existing(title: str, held_on: dt.date) -> Conference | None:
    return Conference.objects.filter(title=title, held_on=held_on).first()


def _agenda(conference: Conference, items) -> None:
    for kind, title, presenter, unit, summary in items:
        conf_svc.agenda_item_add(
            actor=None,
            conference=conference,
            kind=kind,
            title=title,
            presenter=presenter,
            presenter_unit=unit,
            summary=summary,
        )


def _finish(conference: Conference, conclusions: str, *, freeze: bool) -> Conference:
    conference = conf_svc.conference_update(
        actor=None, conference=conference, expected_version=None, conclusions=conclusions
    )
    conference = conf_svc.minutes_draft(actor=None, conference=conference)
    if freeze:
        conference = conf_svc.conference_freeze(actor=None, conference=conference)
    return conference


# --- review periods and unit reports -------------------------------------------------------------------------------


def _khoi2_template() -> IndicatorTemplate:
    """Optional indicators for the figures the Khối 2 agencies reported (each agency reports its own area)."""
    template, _ = IndicatorTemplate.objects.get_or_create(
        name=KHOI_2_TEMPLATE,
        defaults={"work_area": "khac", "description": "Số liệu nổi bật của từng cơ quan trong khối (dữ liệu mẫu)."},
    )
    rows = [
        ("so_cuoc_thanh_kiem_tra", "Số cuộc thanh tra, kiểm tra", "so_luong", "cuộc"),
        ("so_dv_thanh_tra_chuyen_de", "Số đơn vị được thanh tra chuyên đề", "so_luong", "đơn vị"),
        ("so_don_thu_da_giai_quyet", "Số đơn thư đã giải quyết", "so_luong", "đơn"),
        ("ty_le_so_thuong_ky", "Tỷ lệ số thường kỳ phát hành đúng kế hoạch", "ty_le", "%"),
        ("so_dac_biet", "Số đặc biệt đã phát hành", "so_luong", "số"),
        ("so_tin_bai_anh_in", "Số tin, bài, ảnh trên tạp chí in (xấp xỉ)", "so_luong", "tin, bài, ảnh"),
        ("so_tin_bai_dien_tu", "Số tin, bài trên báo điện tử (xấp xỉ)", "so_luong", "tin, bài"),
    ]
    for order, (code, label, kind, unit_label) in enumerate(rows, 1):
        Indicator.objects.get_or_create(
            template=template,
            code=code,
            defaults={"label": label, "kind": kind, "unit_label": unit_label, "order": order, "required": False},
        )
    return template


def _period(name: str, **kwargs) -> ReviewPeriod:
    period = ReviewPeriod.objects.filter(name=name, authority=kwargs["authority"], year=kwargs["year"]).first()
    return period or report_svc.period_create(actor=None, name=name, **kwargs)


def _report(period: ReviewPeriod, unit: OrgUnit, values: dict, narrative: str, today: dt.date) -> None:
    """A unit's report submitted on ``today`` (the historical day, not the day the demo is loaded)."""
    if UnitReport.objects.filter(period=period, unit=unit).exists():
        return
    report_svc.report_save(
        actor=None, period=period, unit=unit, values=values, narrative=narrative, submit=True, today=today
    )
    submitted = timezone.make_aware(dt.datetime.combine(today, dt.time(9, 0)))
    UnitReport.objects.filter(period=period, unit=unit).update(submitted_at=submitted)


# --- the five conferences ------------------------------------------------------------------------------------------


def _khoi2_2020(tc: OrgUnit) -> tuple[Conference, bool]:
    title = "Hội nghị tổng kết phong trào thi đua Quyết thắng và công tác thi đua, khen thưởng năm 2020 – Khối 2"
    held_on = D(2020, 10, 28)
    group = _group(KHOI_2, 2020, tc)
    bqlda = _unit("Ban Quản lý Dự án I", TC)
    thanh_tra = _unit("Thanh tra Tổng cục", TC)
    tap_chi = _unit("Tạp chí Công nghiệp quốc phòng và Kinh tế", TC)
    period = _period(
        "Tổng kết thi đua năm 2020 – Khối 2 – Cụm thi đua cơ quan Tổng cục",
        kind=PeriodKind.YEAR_END,
        year=2020,
        authority=tc,
        group=group,
        templates=[_khoi2_template()],
        opens_on=D(2020, 9, 15),
        due_on=D(2020, 10, 20),
    )
    _report(
        period,
        thanh_tra,
        {"so_cuoc_thanh_kiem_tra": 5, "so_dv_thanh_tra_chuyen_de": 6, "so_don_thu_da_giai_quyet": 58},
        "Thanh tra, kiểm tra và giải quyết đơn thư theo kế hoạch năm 2020.",
        D(2020, 10, 15),
    )
    _report(
        period,
        tap_chi,
        {"ty_le_so_thuong_ky": 100, "so_dac_biet": 1, "so_tin_bai_anh_in": 1600, "so_tin_bai_dien_tu": 1200},
        "Phát hành đủ các số thường kỳ và một số đặc biệt; số tin, bài là số xấp xỉ.",
        D(2020, 10, 15),
    )
    found = _existing(title, held_on)
    if found:
        return found, False
    hung, hau = _person("Nguyễn Việt Hùng"), _person("Lê Mai Hậu")
    conference = conf_svc.conference_create(
        actor=None,
        title=title,
        kind=ConferenceKind.YEAR_END,
        host_unit=bqlda,
        held_on=held_on,
        chair=hung,
        place="Tổng cục Công nghiệp quốc phòng",
        period=period,
        group=group,
    )
    _agenda(
        conference,
        [
            (
                AgendaKind.CENTRAL_REPORT,
                "Báo cáo tổng kết phong trào thi đua Quyết thắng năm 2020 của Khối 2",
                hau,
                bqlda,
                "Trình bày thay mặt đơn vị đồng khối trưởng; số liệu từ báo cáo của các cơ quan trong khối.",
            ),
            (AgendaKind.CONTRIBUTION, "Ý kiến tham luận của các cơ quan trong khối", None, None, ""),
            (AgendaKind.CONCLUSION, "Kết luận hội nghị", hung, tc, ""),
        ],
    )
    conference = _finish(
        conference,
        "Các cơ quan trong khối hoàn thành tốt nhiệm vụ năm 2020; Thanh tra Tổng cục tiến hành 5 cuộc thanh tra, "
        "kiểm tra, thanh tra chuyên đề 6 đơn vị, giải quyết 58 đơn; Tạp chí CNQP và Kinh tế phát hành 100% số "
        "thường kỳ và 1 số đặc biệt, gần 1.600 tin, bài, ảnh trên tạp chí in và hơn 1.200 tin, bài trên báo điện tử.",
        freeze=True,
    )
    return conference, True


def _ctd_2019(tc: OrgUnit) -> tuple[Conference, bool]:
    title = "Hội nghị tổng kết công tác đảng, công tác chính trị năm 2019 – Tổng cục CNQP"
    held_on = D(2019, 12, 24)
    found = _existing(title, held_on)
    if found:
        return found, False
    chair, dong = _person("Nguyễn Mạnh Hùng"), _person("Lâm Trọng Đông")
    cuc_ct = _unit("Cục Chính trị", TC)
    conference = conf_svc.conference_create(
        actor=None, title=title, kind=ConferenceKind.YEAR_END, host_unit=tc, held_on=held_on, chair=chair
    )
    conf_svc.attendee_add(actor=None, conference=conference, person=_person("Lương Thanh Chương"), role="Đại biểu")
    _agenda(
        conference,
        [
            (AgendaKind.BRIEFING, "Quán triệt Chỉ thị CTĐ, CTCT năm 2020 của Tổng cục Chính trị", dong, cuc_ct, ""),
            (AgendaKind.CENTRAL_REPORT, "Báo cáo tổng kết CTĐ, CTCT năm 2019", dong, cuc_ct, ""),
            (AgendaKind.AWARDS, "Trao Bằng khen", chair, tc, ""),
            (AgendaKind.CONCLUSION, "Kết luận hội nghị", chair, tc, ""),
        ],
    )
    award = Award.objects.filter(code="BK_TONG_CUC").first()
    for text in (
        "Trao Bằng khen tặng các đảng bộ đạt «Trong sạch, vững mạnh tiêu biểu» năm 2019.",
        "Trao Bằng khen tặng các tập thể hoàn thành xuất sắc nhiệm vụ CTĐ, CTCT năm 2019.",
    ):
        conf_svc.outcome_add(
            actor=None, conference=conference, kind=OutcomeKind.AWARD_PRESENTED, text=text, award=award
        )
    return _finish(conference, "Triển khai nhiệm vụ CTĐ, CTCT năm 2020.", freeze=True), True


def _dang_uy_2022(tc: OrgUnit) -> tuple[Conference, bool]:
    title = "Hội nghị Đảng ủy Tổng cục CNQP mở rộng: tổng kết 15 năm Nghị quyết 382 và 10 năm Nghị quyết 765"
    held_on = D(2022, 7, 15)
    found = _existing(title, held_on)
    if found:
        return found, False
    chair, hung = _person("Nguyễn Mạnh Hùng"), _person("Nguyễn Việt Hùng")
    conference = conf_svc.conference_create(
        actor=None, title=title, kind=ConferenceKind.OTHER, host_unit=tc, held_on=held_on, chair=chair
    )
    conf_svc.attendee_add(actor=None, conference=conference, person=hung, role="Đại biểu")
    _agenda(
        conference,
        [
            (AgendaKind.BRIEFING, "Quán triệt kết luận của Quân ủy Trung ương 6 tháng đầu năm 2022", None, None, ""),
            (AgendaKind.CENTRAL_REPORT, "Báo cáo tổng kết 15 năm thực hiện Nghị quyết 382", None, None, ""),
            (AgendaKind.CENTRAL_REPORT, "Báo cáo tổng kết 10 năm thực hiện Nghị quyết 765", None, None, ""),
            (AgendaKind.AWARDS, "Trao Bằng khen", chair, tc, ""),
        ],
    )
    conf_svc.outcome_add(
        actor=None,
        conference=conference,
        kind=OutcomeKind.AWARD_PRESENTED,
        text="Bằng khen của Đảng ủy Tổng cục tặng 14 tập thể và 12 cá nhân có thành tích xuất sắc trong thực hiện "
        "Nghị quyết 382 và Nghị quyết 765.",
    )
    conf_svc.outcome_add(
        actor=None,
        conference=conference,
        kind=OutcomeKind.OTHER,
        text="Ra Nghị quyết lãnh đạo thực hiện nhiệm vụ 6 tháng cuối năm 2022.",
    )
    return _finish(conference, "", freeze=False), True


def _khoi1_2018() -> tuple[Conference, bool]:
    title = "Hội nghị sơ kết công tác thi đua, khen thưởng và phong trào thi đua Quyết thắng 6 tháng đầu năm 2018"
    held_on = D(2018, 6, 7)
    found = _existing(title, held_on)
    if found:
        return found, False
    tcct = _unit(TCCT)
    cs = _unit("Cục Chính sách", TCCT)
    group = _group(KHOI_1, 2018, tcct)
    chair = _person("Ngô Quang Phúc")
    conference = conf_svc.conference_create(
        actor=None,
        title=title,
        kind=ConferenceKind.MID_YEAR,
        host_unit=cs,
        held_on=held_on,
        chair=chair,
        place="Cục Chính sách",
        group=group,
    )
    conf_svc.attendee_add(
        actor=None,
        conference=conference,
        person=_person("Lê Văn Dũng"),
        role="Đại diện Cơ quan Thường trực Hội đồng TĐKT cơ quan TCCT",
    )
    conf_svc.attendee_add(actor=None, conference=conference, person=_person("Nguyễn Đức Hưng"), role="Đại biểu")
    _agenda(
        conference,
        [
            (AgendaKind.CENTRAL_REPORT, "Báo cáo sơ kết 6 tháng đầu năm 2018 của Khối thi đua số 1", None, cs, ""),
            (AgendaKind.CONTRIBUTION, "Ý kiến thảo luận của các cơ quan trong khối", None, None, ""),
            (AgendaKind.HANDOVER, "Bàn giao nhiệm vụ khối trưởng", chair, cs, ""),
            (AgendaKind.CONCLUSION, "Kết luận hội nghị", chair, cs, ""),
        ],
    )
    handover = GroupHandover.objects.filter(group=group, occurred_on=held_on).first()
    if handover is not None:
        leadership_svc.conference_handover_link(actor=None, conference=conference, handover=handover)
    return _finish(conference, "Thống nhất đánh giá kết quả 6 tháng đầu năm 2018 của các cơ quan.", freeze=True), True


def _dccs_2020(tc: OrgUnit) -> tuple[Conference, bool]:
    title = (
        "Hội nghị tổng kết công tác xây dựng và thực hiện Quy chế dân chủ cơ sở; công tác BVSK – DS, GĐ, TE – "
        "VSTBPN năm 2020"
    )
    held_on = D(2020, 11, 26)
    health = IndicatorTemplate.objects.filter(work_area="bvsk_ds_gd_te").first()
    period = None
    if health is not None:
        period = _period(
            "Tổng kết công tác BVSK – DS, GĐ, TE – VSTBPN năm 2020 – Tổng cục CNQP",
            kind=PeriodKind.YEAR_END,
            year=2020,
            authority=tc,
            units=[tc],
            templates=[health],
            opens_on=D(2020, 10, 15),
            due_on=D(2020, 11, 15),
        )
        _report(
            period,
            tc,
            {"so_cuoc_tuyen_truyen": 300, "luot_nguoi_nghe": 23000, "ty_le_quan_so_khoe": "99,1"},
            "Số cuộc tuyên truyền và lượt người nghe là số tối thiểu (trên 300 cuộc, hơn 23.000 lượt).",
            D(2020, 11, 10),
        )
    found = _existing(title, held_on)
    if found:
        return found, False
    conference = conf_svc.conference_create(
        actor=None,
        title=title,
        kind=ConferenceKind.YEAR_END,
        host_unit=tc,
        held_on=held_on,
        chair=_person("Nguyễn Việt Hùng"),
        period=period,
    )
    _agenda(
        conference,
        [
            (AgendaKind.CENTRAL_REPORT, "Báo cáo tổng kết năm 2020", None, _unit("Cục Chính trị", TC), ""),
            (AgendaKind.CONCLUSION, "Kết luận hội nghị", conference.chair, tc, ""),
        ],
    )
    return _finish(
        conference,
        "Năm 2020 tổ chức trên 300 cuộc tuyên truyền với hơn 23.000 lượt người nghe; tỷ lệ quân số khoẻ đạt 99,1%.",
        freeze=False,
    ), True


# --- the Khối 2 criteria sheet -------------------------------------------------------------------------------------

CRITERIA = [
    ("Thực hiện nhiệm vụ chính trị", "1", "Hoàn thành nhiệm vụ chuyên môn được giao", 40, CriterionKind.NORMAL, True),
    ("Thực hiện nhiệm vụ chính trị", "2", "Chất lượng tham mưu, phối hợp", 15, CriterionKind.NORMAL, False),
    ("Xây dựng Đảng, đơn vị", "3", "Xây dựng tổ chức đảng trong sạch, vững mạnh", 20, CriterionKind.NORMAL, True),
    ("Xây dựng Đảng, đơn vị", "4", "Tổ chức phong trào thi đua, khen thưởng", 15, CriterionKind.NORMAL, False),
    ("Điểm thưởng, điểm trừ", "5", "Mô hình, cách làm hay được nhân rộng", 5, CriterionKind.BONUS, False),
    ("Điểm thưởng, điểm trừ", "6", "Vi phạm kỷ luật, an toàn", 5, CriterionKind.PENALTY, False),
]
# Illustrative self-scores per member (in the order of org.demo.data.KHOI_2_MEMBERS) and criterion.
SELF_SCORES = {
    "tc_ubkt": (37, 14, 19, 14, 3, 0),
    "tc_tcp": (38, 14, 19, 13, 2, 0),
    "tc_dths": (36, 13, 18, 13, 2, 1),
    "tc_tt": (39, 14, 19, 14, 4, 0),
    "tc_tapchi": (39, 15, 19, 14, 4, 0),
    "tc_bqlda1": (38, 14, 20, 14, 3, 0),
}
MEMBER_NAMES = {
    "tc_ubkt": "Cơ quan Ủy ban Kiểm tra",
    "tc_tcp": "Phòng Tài chính",
    "tc_dths": "Phòng Điều tra hình sự",
    "tc_tt": "Thanh tra Tổng cục",
    "tc_tapchi": "Tạp chí Công nghiệp quốc phòng và Kinh tế",
    "tc_bqlda1": "Ban Quản lý Dự án I",
}


def open_sheet(group: EmulationGroup, year: int, title: str, criteria) -> tuple[CriteriaSheet, list]:
    """A block's criteria sheet with ``criteria`` (rows as in :data:`CRITERIA`), opened for self-scoring; returns
    the sheet and its criteria in the given order."""
    sheet = score_svc.sheet_create(actor=None, group=group, year=year, title=title)
    groups: dict[str, object] = {}
    made = []
    for group_name, code, label, max_points, kind, evidence in criteria:
        if group_name not in groups:
            groups[group_name] = score_svc.criterion_group_add(actor=None, sheet=sheet, name=group_name)
        made.append(
            score_svc.criterion_add(
                actor=None,
                group=groups[group_name],
                code=code,
                label=label,
                max_points=max_points,
                kind=kind,
                evidence_required=evidence,
            )
        )
    return score_svc.sheet_advance(actor=None, sheet=sheet), made


def self_score(sheet: CriteriaSheet, criteria: list, unit: OrgUnit, points, evidence: str) -> None:
    """A member's self-scores, one per criterion, with ``evidence`` where the criterion asks for it."""
    for criterion, value in zip(criteria, points, strict=True):
        score_svc.score_set(
            actor=None,
            sheet=sheet,
            criterion=criterion,
            unit=unit,
            points=value,
            evidence=evidence if criterion.evidence_required else "",
        )


def _sheet(tc: OrgUnit) -> CriteriaSheet:
    group = _group(KHOI_2, 2020, tc)
    sheet = CriteriaSheet.objects.filter(group=group, year=2020).first()
    if sheet is not None:
        return sheet
    sheet, criteria = open_sheet(group, 2020, "Bảng điểm thi đua Khối 2 năm 2020 (minh họa)", CRITERIA)
    units = {key: _unit(name, TC) for key, name in MEMBER_NAMES.items()}
    for key, points in SELF_SCORES.items():
        self_score(sheet, criteria, units[key], points, "Báo cáo tổng kết năm 2020 của cơ quan")
    sheet = score_svc.sheet_advance(actor=None, sheet=sheet)
    score_svc.score_set(
        actor=None,
        sheet=sheet,
        criterion=criteria[4],
        unit=units["tc_tt"],
        points=3,
        reason="Mô hình chưa được cấp có thẩm quyền công nhận nhân rộng (minh họa).",
    )
    sheet = score_svc.sheet_advance(actor=None, sheet=sheet)
    score_svc.score_set(
        actor=None,
        sheet=sheet,
        criterion=criteria[0],
        unit=units["tc_tapchi"],
        points=40,
        reason="Phát hành đủ 100% số thường kỳ và 1 số đặc biệt (theo báo cáo của đơn vị).",
    )
    sheet = score_svc.sheet_advance(actor=None, sheet=sheet)  # preview
    sheet = score_svc.sheet_advance(actor=None, sheet=sheet)  # published
    flag = Award.objects.filter(code="CO_DVTT_BQP").first()
    if flag is not None:
        score_svc.sheet_propose(actor=None, sheet=sheet, award=flag)
    return sheet


@transaction.atomic
def load_conferences() -> DemoConferences:
    """Load the demo conferences, review periods, unit reports and the Khối 2 sheet (idempotent)."""
    tc = _unit(TC)
    results = [_khoi2_2020(tc), _ctd_2019(tc), _dang_uy_2022(tc), _khoi1_2018(), _dccs_2020(tc)]
    sheet = _sheet(tc)
    return DemoConferences(
        conferences=len(results), created=sum(1 for _, created in results if created), sheet_status=sheet.status
    )
