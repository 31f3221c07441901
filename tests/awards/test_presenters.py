"""How verdicts read on the eligibility pages: "không thuộc đối tượng" apart from "chưa đủ", "đã đạt", reasons
collapsed to the first failed condition, rule versions by legal basis and validity (presenters and the engine's
scope marks and counts)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from thidua.awards.eligibility.engine import evaluate_full, explain
from thidua.awards.eligibility.presenters import (
    ReasonRow,
    display_outcome,
    outcome_label,
    reason_rows,
    rule_version_text,
    summarize_reasons,
)

from .engine_helpers import person


def test_a_failed_scope_condition_reads_not_applicable_and_other_failures_not_eligible():
    scope = reason_rows([{"text": "Quân nhân: không thuộc đối tượng xét", "met": False, "scope": True}])
    other = reason_rows([{"text": "Mức hoàn thành nhiệm vụ: HTNV", "met": False}])
    assert outcome_label(display_outcome("chua_du", scope)) == "Không thuộc đối tượng"
    assert outcome_label(display_outcome("chua_du", other)) == "Chưa đủ điều kiện"
    assert outcome_label(display_outcome("du", scope)) == "Đủ điều kiện"


def test_a_title_conferred_for_the_year_reads_received():
    assert outcome_label(display_outcome("du", [], conferred=True)) == "Đã đạt"


def test_the_first_decisive_failure_is_shown_and_the_rest_kept_in_order():
    rows = [
        ReasonRow("Thời gian công tác: đủ 9 tháng", met=True),
        ReasonRow("Sáng kiến: chưa đạt (một trong các điều kiện sau)", met=False),
        ReasonRow("— Sáng kiến cấp cơ sở: 0, cần 1", met=False),
        ReasonRow("— Đề tài cấp cơ sở: 0, cần 1", met=False),
        ReasonRow("Không bị kỷ luật", met=True),
    ]
    summary = summarize_reasons(rows)
    assert summary.first.plain == "Sáng kiến cấp cơ sở: 0, cần 1"  # the innermost failure, without its "— "
    assert [r.text for r in summary.rest] == [rows[0].text, rows[1].text, rows[3].text, rows[4].text]
    assert summary.count == 5


def test_a_failed_alternative_inside_a_met_group_is_not_singled_out():
    rows = [
        ReasonRow("Thành tích: đạt (một trong các điều kiện sau)", met=True),
        ReasonRow("— Sáng kiến: 0, cần 1", met=False),
        ReasonRow("— Chiến sĩ thi đua cơ sở: 2 năm", met=True),
    ]
    summary = summarize_reasons(rows)
    assert summary.first is None and len(summary.rest) == 3


def test_the_scope_reason_comes_first_when_the_award_is_not_for_the_subject():
    rows = reason_rows(
        [
            {"text": "Mức hoàn thành nhiệm vụ: HTNV", "met": False},
            {"text": "Quân nhân: không thuộc đối tượng xét", "met": False, "scope": True},
        ]
    )
    assert summarize_reasons(rows).first.text == "Quân nhân: không thuộc đối tượng xét"


def test_a_rule_version_reads_as_its_legal_basis_and_validity():
    version = SimpleNamespace(
        legal_basis="Thông tư 118/2023/TT-BQP", valid_from=dt.date(2024, 1, 1), valid_to=None, source="x/BKBQP_v1.toml"
    )
    assert rule_version_text(version) == "Thông tư 118/2023/TT-BQP, hiệu lực từ 01/01/2024"
    version.valid_to = dt.date(2025, 12, 31)
    assert rule_version_text(version).endswith("hiệu lực từ 01/01/2024 đến 31/12/2025")


@pytest.mark.django_db
def test_the_engine_marks_the_condition_saying_whom_a_title_is_for(tree):
    worker = person(tree.nm, category="cnvqp", ratings={2024: "httnv"})
    verdict = explain(worker, "CSTT", 2024)  # Chiến sĩ tiên tiến is for servicemen, not defence workers
    assert verdict.outcome == "chua_du"
    assert any(r.scope and not r.met for r in verdict.reasons)
    assert display_outcome(verdict.outcome, reason_rows(verdict.reasons)) == "khong_thuoc"
    soldier = person(tree.nm, category="si_quan", ratings={2024: "htnv"})
    verdict = explain(soldier, "CSTT", 2024)
    assert verdict.outcome == "chua_du" and not any(r.scope and not r.met for r in verdict.reasons)
    assert display_outcome(verdict.outcome, reason_rows(verdict.reasons)) == "chua_du"


@pytest.mark.django_db
def test_a_run_counts_subjects_a_title_is_not_for_apart(tree):
    person(tree.nm, category="cnvqp", ratings={2024: "httnv"})
    person(tree.nm, category="cnvqp", ratings={2024: "httnv"})
    person(tree.nm, category="si_quan", ratings={2024: "htnv"})
    person(tree.nm, category="si_quan", ratings={2024: "httnv"})
    counts = evaluate_full(2024, tree.nm, awards=["CSTT"]).summary["CSTT"]
    assert counts == {"du": 1, "chua_du": 1, "khong_thuoc": 2}
