"""``thidua eligibility --year Y [--unit CODE_OR_ID] [--award CODE] [--json]``: run the engine, store the run, and
print a summary (award × outcome counts) in Vietnamese, or the run and its eligible / soon-eligible rows as JSON."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from thidua.awards.eligibility.models import EligibilityResult
from thidua.awards.eligibility.presenters import reason_rows
from thidua.awards.eligibility.services import eligibility_run
from thidua.catalogue.models import Award
from thidua.core.jobs import job_run
from thidua.core.models import Job
from thidua.org.models import OrgUnit

OUTCOMES = (("du", "Đủ"), ("sap_du", "Sắp đủ"), ("chua_du", "Chưa đủ"), ("khong_thuoc", "Không thuộc"))


def find_unit(value: str) -> OrgUnit:
    """A unit by its code, its numeric id or its exact short name / name."""
    units = OrgUnit.objects.filter(Q(code=value) | Q(short_name=value) | Q(name=value))
    if value.isdigit():
        units = OrgUnit.objects.filter(Q(pk=int(value)) | Q(code=value))
    found = list(units[:2])
    if not found:
        raise CommandError(f"Không tìm thấy đơn vị «{value}».")
    if len(found) > 1:
        raise CommandError(f"«{value}» khớp nhiều đơn vị; hãy dùng mã hoặc số hiệu (id).")
    return found[0]


class Command(BaseCommand):
    """Evaluate every rule in force for a year (over one unit's subtree, or everything) and store the run."""

    help = "Xét điều kiện khen thưởng cho một năm (và một đơn vị), lưu kết quả và in bảng tổng hợp."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Năm xét.")
        parser.add_argument("--unit", help="Mã, số hiệu (id) hoặc tên viết tắt của đơn vị (mặc định: toàn bộ).")
        parser.add_argument("--award", action="append", default=[], help="Chỉ in danh hiệu/hình thức này (mã).")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON.")

    def handle(self, *args, year: int, unit: str | None, award: list[str], json: bool = False, **options):
        unit_obj = find_unit(unit) if unit else None
        known = set(Award.objects.values_list("code", flat=True))
        unknown = [code for code in award if code not in known]
        if unknown:
            raise CommandError(f"Không có mã danh hiệu/hình thức: {', '.join(unknown)}.")
        run = eligibility_run(actor=None, year=year, unit=unit_obj, run_inline=True)  # runs here, on commit
        job_run(Job.objects.get(pk=run.job_id))  # a no-op once it ran; runs it when a caller's transaction defers it
        run.refresh_from_db()
        job = Job.objects.get(pk=run.job_id)
        if job.status != Job.Status.DONE:
            raise CommandError(f"Lượt xét #{run.pk} không hoàn thành ({job.get_status_display()}):\n{job.log}")
        counts = {
            code: {o: int(n) for o, n in row.items()} for code, row in run.summary.items() if isinstance(row, dict)
        }
        if award:
            counts = {code: row for code, row in counts.items() if code in award}
        if json:
            self._json(run, counts, award)
        else:
            self._table(run, unit_obj, counts)

    def _table(self, run, unit, counts) -> None:
        names = dict(Award.objects.filter(code__in=list(counts)).values_list("code", "name"))
        order = list(Award.objects.filter(code__in=list(counts)).order_by("order", "code").values_list("code", flat=1))
        scope = unit.name if unit else "toàn bộ"
        self.stdout.write(f"Xét điều kiện khen thưởng năm {run.year} — {scope} (lượt xét #{run.pk})")
        width = max([len("Danh hiệu/Hình thức"), *(len(names.get(c, c)) for c in order)])
        header = f"{'Danh hiệu/Hình thức':<{width}}  " + "  ".join(f"{label:>11}" for _, label in OUTCOMES)
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for code in order:
            row = counts[code]
            cells = "  ".join(f"{row.get(key, 0):>11}" for key, _ in OUTCOMES)
            self.stdout.write(f"{names.get(code, code):<{width}}  {cells}")
        for cap in (run.summary or {}).get("_caps", []):
            self.stdout.write(f"Giới hạn: {cap['text']}")
        self.stdout.write(f"Mã băm dữ liệu đầu vào: {run.inputs_hash}")

    def _json(self, run, counts, award) -> None:
        results = EligibilityResult.objects.filter(run=run).select_related("award", "person", "unit").order_by("pk")
        if award:
            results = results.filter(award__code__in=award)
        items = [
            {
                "subject_type": "person" if r.person_id else "unit",
                "person_id": r.person_id,
                "person_name": r.person.full_name if r.person_id else None,
                "unit_id": r.unit_id,
                "unit_name": r.unit.name,
                "award": r.award.code,
                "outcome": r.outcome,
                "soon_on": r.soon_on.isoformat() if r.soon_on else None,
                "reasons": [vars(reason) for reason in reason_rows(r.reasons)],
            }
            for r in results
        ]
        payload = {
            "run": run.pk,
            "year": run.year,
            "unit": run.unit_id,
            "inputs_hash": run.inputs_hash,
            "rule_versions": run.rule_versions,
            "counts": counts,
            "caps": (run.summary or {}).get("_caps", []),
            "items": items,
        }
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
