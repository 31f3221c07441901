"""Block scoring: who may score, review and publish; the maximum; reasons and the change trail; publication
freezes the sheet; ranking ties; the proposal of the top unit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from bench.ranking import sheet_ranking_naive
from tests.conftest import make_user
from thidua.catalogue.models import Award
from thidua.core.choices import Role
from thidua.emulation.models import Score, ScoreChange
from thidua.emulation.scoring import policies, selectors
from thidua.emulation.scoring import services as svc
from thidua.emulation.scoring.choices import CriterionKind, SheetStatus
from thidua.org import services as org
from thidua.org.choices import GroupRole

D = dt.date


@pytest.fixture
def setup(tree, users):
    """Block of tc (members cuc, nm; cuc leads) with a sheet of three criteria, in self-scoring."""
    group = org.group_create(actor=None, authority=tree.tc, name="Khối 2", year=2020, members=[tree.cuc, tree.nm])
    org.group_leader_set(actor=None, group=group, unit=tree.cuc, role=GroupRole.LEADER, start_on=D(2020, 1, 1))
    office = make_user("office", Role.OFFICE, tree.tc)
    cuc_officer = make_user("cuc_officer", Role.UNIT_OFFICER, tree.cuc)
    nm_officer = make_user("nm_officer", Role.UNIT_OFFICER, tree.nm)
    sheet = svc.sheet_create(actor=office, group=group)
    g = svc.criterion_group_add(actor=office, sheet=sheet, name="Thực hiện nhiệm vụ")
    c1 = svc.criterion_add(actor=office, group=g, code="1", label="Nhiệm vụ chính trị", max_points=50)
    c2 = svc.criterion_add(
        actor=office, group=g, code="2", label="Xây dựng Đảng", max_points=30, evidence_required=True
    )
    c3 = svc.criterion_add(
        actor=office, group=g, code="3", label="Vi phạm kỷ luật", max_points=5, kind=CriterionKind.PENALTY
    )
    sheet = svc.sheet_advance(actor=office, sheet=sheet)
    assert sheet.status == SheetStatus.SELF_SCORING
    return dict(group=group, sheet=sheet, c1=c1, c2=c2, c3=c3, office=office, cuc=cuc_officer, nm=nm_officer, tree=tree)


def test_only_office_creates_and_edits_criteria(tree, users, setup):
    with pytest.raises(ValidationError):
        svc.sheet_create(actor=users.officer, group=setup["group"], year=2021)
    with pytest.raises(ValidationError):
        svc.criterion_add(actor=setup["office"], group=setup["c1"].group, code="9", label="x", max_points=1)


def test_self_scoring_policies(setup):
    s, t = setup, setup["tree"]
    svc.score_set(actor=s["nm"], sheet=s["sheet"], criterion=s["c1"], unit=t.nm, points=45)
    with pytest.raises(ValidationError) as err:
        svc.score_set(actor=s["nm"], sheet=s["sheet"], criterion=s["c1"], unit=t.cuc, points=45)
    assert "unit" in err.value.message_dict
    assert not policies.can_score(s["nm"], s["sheet"], t.cuc)
    assert policies.can_score(s["cuc"], s["sheet"], t.cuc)


def test_score_above_max_names_criterion(setup):
    s, t = setup, setup["tree"]
    with pytest.raises(ValidationError) as err:
        svc.score_set(actor=s["nm"], sheet=s["sheet"], criterion=s["c1"], unit=t.nm, points="50,5")
    msg = err.value.message_dict["points"][0]
    assert "1. Nhiệm vụ chính trị" in msg and "vượt quá điểm tối đa" in msg and "50,00" in msg
    assert not Score.objects.exists()


def test_evidence_required(setup):
    s, t = setup, setup["tree"]
    with pytest.raises(ValidationError) as err:
        svc.score_set(actor=s["nm"], sheet=s["sheet"], criterion=s["c2"], unit=t.nm, points=20)
    assert "minh chứng" in err.value.message_dict["evidence"][0]
    svc.score_set(actor=s["nm"], sheet=s["sheet"], criterion=s["c2"], unit=t.nm, points=20, evidence="NQ số 12")


def test_change_needs_reason_and_keeps_trail(setup):
    s, t = setup, setup["tree"]
    score = svc.score_set(actor=s["nm"], sheet=s["sheet"], criterion=s["c1"], unit=t.nm, points=40)
    with pytest.raises(ValidationError) as err:
        svc.score_set(actor=s["nm"], sheet=s["sheet"], criterion=s["c1"], unit=t.nm, points=42)
    assert "lý do" in err.value.message_dict["reason"][0]
    assert not ScoreChange.objects.exists()
    svc.score_set(actor=s["nm"], sheet=s["sheet"], criterion=s["c1"], unit=t.nm, points=42, reason="Bổ sung minh chứng")
    change = ScoreChange.objects.get(score=score)
    assert (change.old_points, change.new_points, change.reason) == (Decimal("40"), Decimal("42"), "Bổ sung minh chứng")
    assert change.changed_by == s["nm"]
    # same points again: no change, no reason needed
    svc.score_set(actor=s["nm"], sheet=s["sheet"], criterion=s["c1"], unit=t.nm, points=42)
    assert ScoreChange.objects.count() == 1


def test_workflow_review_and_publish(setup, users):
    s, t = setup, setup["tree"]
    sheet = s["sheet"]
    svc.score_set(actor=s["nm"], sheet=sheet, criterion=s["c1"], unit=t.nm, points=45)
    svc.score_set(actor=s["cuc"], sheet=sheet, criterion=s["c1"], unit=t.cuc, points=40)
    with pytest.raises(ValidationError):
        svc.sheet_advance(actor=s["nm"], sheet=sheet)  # a member may not close self-scoring
    sheet = svc.sheet_advance(actor=s["office"], sheet=sheet)
    assert sheet.status == SheetStatus.LEADER_REVIEW
    # the leader (cuc) adjusts nm with a reason; nm may not
    with pytest.raises(ValidationError):
        svc.score_set(actor=s["nm"], sheet=sheet, criterion=s["c1"], unit=t.nm, points=50, reason="x")
    with pytest.raises(ValidationError) as err:
        svc.score_set(actor=s["cuc"], sheet=sheet, criterion=s["c1"], unit=t.nm, points=43)
    assert "reason" in err.value.message_dict
    leader_score = svc.score_set(actor=s["cuc"], sheet=sheet, criterion=s["c1"], unit=t.nm, points=43, reason="Thiếu")
    assert leader_score.changes.get().old_points == Decimal("45")
    sheet = svc.sheet_advance(actor=s["cuc"], sheet=sheet)
    assert sheet.status == SheetStatus.OFFICE_REVIEW
    with pytest.raises(ValidationError):
        svc.score_set(actor=s["cuc"], sheet=sheet, criterion=s["c1"], unit=t.nm, points=44, reason="x")
    with pytest.raises(ValidationError):
        svc.sheet_advance(actor=s["cuc"], sheet=sheet)  # only the office closes its own review
    svc.score_set(actor=s["office"], sheet=sheet, criterion=s["c3"], unit=t.cuc, points=2, reason="")
    sheet = svc.sheet_advance(actor=s["office"], sheet=sheet)
    assert sheet.status == SheetStatus.PREVIEW
    with pytest.raises(ValidationError):
        svc.score_set(actor=s["office"], sheet=sheet, criterion=s["c1"], unit=t.nm, points=1, reason="x")
    ranking = selectors.sheet_ranking(sheet)
    assert [(r.unit_id, r.total) for r in ranking] == [(t.nm.pk, Decimal("43")), (t.cuc.pk, Decimal("38"))]
    assert selectors.sheet_ranking(sheet) == sheet_ranking_naive(sheet)
    sheet = svc.sheet_advance(actor=s["office"], sheet=sheet)
    assert sheet.status == SheetStatus.PUBLISHED and sheet.published_at
    for attempt in (
        lambda: svc.sheet_advance(actor=s["office"], sheet=sheet),
        lambda: svc.score_set(actor=None, sheet=sheet, criterion=s["c1"], unit=t.nm, points=1, reason="x"),
        lambda: svc.criterion_group_add(actor=None, sheet=sheet, name="Mới"),
    ):
        with pytest.raises(ValidationError) as err:
            attempt()
        assert svc.PUBLISHED_MESSAGE in str(err.value)
    # proposal of the top unit
    award = Award.objects.get(code="CO_DVTT_BQP")
    with pytest.raises(ValidationError):
        svc.sheet_propose(actor=s["nm"], sheet=sheet, award=award)
    proposal = svc.sheet_propose(actor=s["cuc"], sheet=sheet, award=award)
    assert proposal.unit_id == t.nm.pk and proposal.total_points == Decimal("43")
    with pytest.raises(ValidationError):
        svc.sheet_propose(actor=s["cuc"], sheet=sheet, award=award)


def test_ranking_ties_share_rank_and_sort_by_name(tree):
    units = [
        org.unit_create(actor=None, parent=tree.tc, name=n, kind="phong") for n in ("Phòng Đ", "Phòng B", "Phòng A")
    ]
    group = org.group_create(actor=None, authority=tree.tc, name="Khối T", year=2020, members=units)
    sheet = svc.sheet_create(actor=None, group=group)
    g = svc.criterion_group_add(actor=None, sheet=sheet, name="Nhóm")
    c = svc.criterion_add(actor=None, group=g, code="1", label="Tiêu chí", max_points=10)
    sheet = svc.sheet_advance(actor=None, sheet=sheet)
    for unit, pts in zip(units, (7, 9, 7), strict=True):
        svc.score_set(actor=None, sheet=sheet, criterion=c, unit=unit, points=pts)
    ranking = selectors.sheet_ranking(sheet)
    assert [(r.rank, r.unit_name) for r in ranking] == [(1, "Phòng B"), (2, "Phòng A"), (2, "Phòng Đ")]
    assert ranking == sheet_ranking_naive(sheet)


def test_tie_at_top_blocks_proposal(tree):
    units = [org.unit_create(actor=None, parent=tree.tc, name=n, kind="phong") for n in ("Phòng X", "Phòng Y")]
    group = org.group_create(actor=None, authority=tree.tc, name="Khối U", year=2020, members=units)
    sheet = svc.sheet_create(actor=None, group=group)
    c = svc.criterion_add(
        actor=None, group=svc.criterion_group_add(actor=None, sheet=sheet, name="N"), code="1", label="T", max_points=5
    )
    sheet = svc.sheet_advance(actor=None, sheet=sheet)
    for unit in units:
        svc.score_set(actor=None, sheet=sheet, criterion=c, unit=unit, points=5)
    for _ in range(4):
        sheet = svc.sheet_advance(actor=None, sheet=sheet)
    with pytest.raises(ValidationError) as err:
        svc.sheet_propose(actor=None, sheet=sheet, award=Award.objects.get(code="CO_DVTT_BQP"))
    assert "cùng dẫn đầu" in str(err.value)


def test_a_score_from_a_stale_page_is_a_conflict_not_an_overwrite(setup):
    from thidua.core.errors import ConflictError

    s, t = setup, setup["tree"]
    args = dict(sheet=s["sheet"], criterion=s["c1"], unit=t.nm)
    # Two officers of Z111 opened the page when no score existed (version 0); the first saves 45 …
    first = svc.score_set(actor=s["nm"], points=45, expected_version=0, **args)
    # … the second's 30 must not silently replace it: the conflict shows the stored 45 and its version.
    with pytest.raises(ConflictError) as info:
        svc.score_set(actor=s["nm"], points=30, reason="Chấm lại", expected_version=0, **args)
    assert info.value.current["points"] == "45.00" and info.value.current["version"] == 1
    assert Score.objects.get().points == Decimal("45") and not ScoreChange.objects.exists()
    # Against the version now seen, the change goes through (with its reason, into the trail).
    svc.score_set(actor=s["nm"], points=30, reason="Chấm lại", expected_version=first.version, **args)
    assert Score.objects.get().points == Decimal("30") and ScoreChange.objects.count() == 1
    with pytest.raises(ConflictError):
        svc.score_set(actor=s["nm"], points=35, reason="Lại", expected_version=first.version, **args)
    # At the leader's step the page saw no leader score (0): the self-score is what a conflict would show.
    sheet = svc.sheet_advance(actor=s["office"], sheet=s["sheet"])
    svc.score_set(
        actor=s["cuc"], sheet=sheet, criterion=s["c1"], unit=t.nm, points=28, reason="Thiếu", expected_version=0
    )
    with pytest.raises(ConflictError) as info:
        svc.score_set(
            actor=s["cuc"], sheet=sheet, criterion=s["c1"], unit=t.nm, points=25, reason="x", expected_version=0
        )
    assert info.value.current["stage"] == "khoi_truong" and info.value.current["points"] == "28.00"


@pytest.mark.django_db(transaction=True)
def test_a_first_score_saved_twice_at_once_is_a_conflict(setup, monkeypatch):
    """The other save lands between the look-up and the insert: the unique constraint answers, as a conflict."""
    from thidua.core.errors import ConflictError

    s, t = setup, setup["tree"]
    full_clean = Score.full_clean

    def racing_full_clean(self, *args, **kwargs):
        if self.pk is None and not Score.objects.filter(criterion=self.criterion, unit=self.unit).exists():
            Score.objects.create(sheet=self.sheet, criterion=self.criterion, unit=self.unit, stage=self.stage, points=9)
        return full_clean(self, *args, **kwargs)

    monkeypatch.setattr(Score, "full_clean", racing_full_clean)
    with pytest.raises(ConflictError) as info:
        svc.score_set(actor=s["nm"], sheet=s["sheet"], criterion=s["c1"], unit=t.nm, points=45)
    assert info.value.current["points"] == "9.00"
