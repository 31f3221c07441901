"""Stored eligibility rows for the surface tests (created directly, independent of the engine).

Test modules wrap :func:`make_elig` in an ``elig`` fixture.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from thidua.awards.eligibility.models import EligibilityResult, EligibilityRun, RuleVersion
from thidua.catalogue.models import Award
from thidua.core.models import Job

YEAR = 2024

RULE_DOC = {
    "award": "CSTDCS",
    "version": 1,
    "valid_from": "2024-01-01",
    "legal_basis": "Luật Thi đua, khen thưởng 06/2022/QH15 Điều 23",
    "subject": "ca_nhan",
    "conditions": [
        {
            "predicate": "rating_at_least",
            "params": {"level": "htxsnv"},
            "label": "Hoàn thành xuất sắc nhiệm vụ trong năm",
            "citation": "Luật 06/2022 Điều 23 khoản 1",
        },
        {
            "any_of": [
                {
                    "predicate": "achievement_count",
                    "params": {"kinds": ["sang_kien"], "count": 1, "window": 1},
                    "label": "Có sáng kiến được công nhận",
                    "citation": "Luật 06/2022 Điều 23 khoản 1 điểm b",
                }
            ],
            "label": "Sáng kiến hoặc đề tài",
        },
    ],
    "cap": {"enabled": True, "percent": 15, "base": "lower_title_count", "lower_title": "CSTT", "unverified": True},
}


def award(code: str, name: str, subject: str = "ca_nhan", order: int = 0) -> Award:
    """An award of the catalogue (reuses a seeded row with that code)."""
    obj, _ = Award.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "kind": "danh_hieu",
            "subject": subject,
            "period": "hang_nam",
            "level": "co_so",
            "order": order,
        },
    )
    return obj


def rule_version(award_obj: Award, document: dict | None = None) -> RuleVersion:
    """A rule version of the award (a fresh version number)."""
    doc = dict(document or RULE_DOC, award=award_obj.code)
    number = (award_obj.rule_versions.order_by("-version").values_list("version", flat=True).first() or 0) + 1
    return RuleVersion.objects.create(
        award=award_obj,
        version=number,
        valid_from=dt.date(2024, 1, 1),
        legal_basis=doc["legal_basis"],
        document=doc,
        source="test",
        checksum="0" * 64,
    )


REASON_OK = {"text": "Hoàn thành xuất sắc nhiệm vụ năm 2024", "citation": "Luật 06/2022 Điều 23 khoản 1", "met": True}
REASON_SOON = {
    "text": "Còn thiếu 1 năm CSTĐCS liên tục",
    "citation": "Luật 06/2022 Điều 74 khoản 1 điểm d",
    "met": False,
}


def stored_run(unit, year: int = YEAR, *, user=None, results=()) -> EligibilityRun:
    """A finished run with the given results: tuples (award, person or None, unit, outcome, soon_on, reasons)."""
    job = Job.objects.create(
        kind="awards.eligibility",
        title=f"Xét {year}",
        params={"year": year, "unit": unit.pk if unit else None},
        unit=unit,
        status=Job.Status.DONE,
        created_by=user,
        started_at=timezone.now(),
        finished_at=timezone.now(),
    )
    run = EligibilityRun.objects.create(
        job=job,
        year=year,
        unit=unit,
        rule_versions={a.code: a.rule_versions.first().pk for a, *_ in results if a.rule_versions.exists()},
        inputs_hash="ab" * 32,
        summary={"CSTDCS": {"du": 1, "sap_du": 1, "chua_du": 7}, "DVQT": {"chua_du": 1}},
    )
    EligibilityResult.objects.bulk_create(
        EligibilityResult(
            run=run,
            award=a,
            rule_version=a.rule_versions.first(),
            person=p,
            unit=u,
            outcome=o,
            soon_on=s,
            reasons=r,
        )
        for a, p, u, o, s, r in results
    )
    return run


def make_elig(tree, users, people):
    """Two awards with rule versions, a finished 2024 run for Tổng cục CNQP (tc) and one for TCCT (other)."""
    cstdcs = award("CSTDCS", "Chiến sĩ thi đua cơ sở", order=3)
    dvqt = award("DVQT", "Đơn vị quyết thắng", subject="tap_the", order=20)
    rule_version(cstdcs)
    rule_version(
        dvqt,
        {
            "award": "DVQT",
            "version": 1,
            "valid_from": "2024-01-01",
            "legal_basis": "Thông tư 118/2023/TT-BQP",
            "subject": "tap_the",
            "conditions": [
                {"predicate": "comprehensive_strong", "label": "Đơn vị vững mạnh toàn diện", "citation": "TT 118/2023"}
            ],
        },
    )
    run = stored_run(
        tree.tc,
        user=users.officer,
        results=[
            (cstdcs, people.hung, tree.tc, "du", None, [REASON_OK]),
            (cstdcs, people.worker, tree.nm, "sap_du", dt.date(2025, 12, 31), [REASON_SOON]),
            (
                dvqt,
                None,
                tree.nm,
                "chua_du",
                None,
                [{"text": "Chưa vững mạnh toàn diện", "citation": "TT 118/2023", "met": False}],
            ),
        ],
    )
    other_run = stored_run(tree.other, results=[(cstdcs, people.far, tree.other, "du", None, [REASON_OK])])
    return SimpleNamespace(cstdcs=cstdcs, dvqt=dvqt, run=run, other_run=other_run)
