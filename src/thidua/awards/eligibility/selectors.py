"""Reads of stored eligibility runs and results, the award catalogue and rule versions (scoped by unit)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.core.cache import cache
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When

from thidua.core import vn
from thidua.core.choices import Action
from thidua.core.jobs import reap_dead_jobs
from thidua.core.models import Job
from thidua.core.scoping import ALL, scope_unit_ids
from thidua.org.models import OrgUnit
from thidua.records.models import AwardRecord

from .choices import Outcome
from .models import Award, EligibilityResult, EligibilityRun, RuleVersion

ELIGIBILITY_JOB = "awards.eligibility"
OUTCOME_ORDER = [Outcome.ELIGIBLE, Outcome.SOON, Outcome.NOT_ELIGIBLE]


def visible_unit(user, pk: int, action: str = Action.VIEW) -> OrgUnit:
    """A unit in the user's scope for ``action``; raises ``OrgUnit.DoesNotExist`` otherwise (a 404 upstream)."""
    return OrgUnit.objects.visible_to(user, action).get(pk=pk)


def latest_run(unit: OrgUnit, year: int, *, user) -> EligibilityRun | None:
    """The most recent finished run for (year, unit) that the user may see, with its job and who started it (runs
    whose job did not succeed are never read: their results may be partial)."""
    return (
        EligibilityRun.objects.visible_to(user)
        .finished()
        .filter(year=year, unit=unit)
        .select_related("job__created_by")
        .order_by("-job__finished_at", "-pk")
        .first()
    )


def pending_job(unit: OrgUnit, year: int, *, user) -> Job | None:
    """A queued or running eligibility job for (year, unit), to show its progress bar instead of a new button.
    Jobs whose worker died are reaped first, so a dead job never hides the button."""
    reap_dead_jobs()
    return (
        Job.objects.visible_to(user)
        .filter(kind=ELIGIBILITY_JOB, unit=unit, status__in=Job.ACTIVE)
        .filter(params__year=year)
        .order_by("-created_at")
        .first()
    )


def run_results(user, run: EligibilityRun, *, award: str = "", outcome: str = "", q: str = "") -> QuerySet:
    """A run's results visible to the user, filtered by award code, outcome and a diacritic-free name search,
    ordered by award, outcome (đủ, sắp đủ, chưa đủ) and Vietnamese name order."""
    qs = EligibilityResult.objects.visible_to(user).filter(run=run)
    if award:
        qs = qs.filter(award__code=award)
    if outcome:
        qs = qs.filter(outcome=outcome)
    for word in vn.search_key(q).split():
        qs = qs.filter(Q(person__search_key__contains=word) | Q(person__isnull=True, unit__search_key__contains=word))
    order = Case(
        *[When(outcome=value, then=Value(i)) for i, value in enumerate(OUTCOME_ORDER)],
        output_field=IntegerField(),
    )
    received = AwardRecord.objects.filter(award_id=OuterRef("award_id"), year=run.year)
    return (
        qs.select_related("award", "person", "unit")
        .annotate(
            outcome_order=order,
            # The award was already conferred for the run's year (shown "Đã đạt" instead of "Đủ điều kiện").
            conferred_person=Exists(received.filter(person_id=OuterRef("person_id"))),
            conferred_unit=Exists(received.filter(person__isnull=True, unit_id=OuterRef("unit_id"))),
        )
        .order_by("award__order", "award__code", "outcome_order", "person__sort_key", "unit__path", "pk")
    )


def _sees_whole_subtree(user, run: EligibilityRun) -> bool:
    """Whether the user's view scope covers every unit of the run (then the run's own totals may be shown)."""
    ids = scope_unit_ids(user, Action.VIEW)
    if ids is ALL:
        return True
    if run.unit_id is None or not ids:
        return False
    subtree = OrgUnit.objects.filter(path__startswith=OrgUnit.objects.filter(pk=run.unit_id).values("path")[:1])
    return not subtree.exclude(pk__in=ids).exists()


def conferred_award_ids(subject, year: int) -> set[int]:
    """Ids of the awards a person or a unit (itself, not its members) received for ``year``."""
    own = {"unit": subject, "person__isnull": True} if isinstance(subject, OrgUnit) else {"person": subject}
    qs = AwardRecord.objects.filter(year=year, **own)
    return set(qs.values_list("award_id", flat=True))


def run_rule_versions(run: EligibilityRun) -> list[RuleVersion]:
    """The rule versions a run used (``run.rule_versions`` maps award code → version id, or a dict with its "id"), in
    catalogue order."""
    values = (run.rule_versions or {}).values() if isinstance(run.rule_versions, dict) else ()
    ids = [v.get("id") if isinstance(v, dict) else v for v in values]
    ids = [i for i in ids if isinstance(i, int)]
    return list(RuleVersion.objects.filter(pk__in=ids).select_related("award").order_by("award__order", "award__code"))


def run_counts(user, run: EligibilityRun, awards: list[Award] | None = None) -> list[dict]:
    """Award × outcome counts of a run: ``[{"award": Award, "du": n, "sap_du": n, "chua_du": n | None,
    "khong_thuoc": n | None}]``.

    "Đủ" and "sắp đủ" are counted over the stored rows the user may see (one aggregate query). "Chưa đủ" and "không
    thuộc đối tượng" (people or units the award is not for) rows are not stored by a run; their numbers come from the
    run's summary, shown only to users who see the whole subtree.
    ``awards`` (the catalogue, when the caller already has it) saves a query.
    """
    rows = (
        EligibilityResult.objects.visible_to(user)
        .filter(run=run)
        .values("award_id", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_award: dict[int, dict] = {}
    for row in rows:
        by_award.setdefault(row["award_id"], {})[row["outcome"]] = row["n"]
    summary = run.summary if isinstance(run.summary, dict) else {}
    totals = {code: counts for code, counts in summary.items() if isinstance(counts, dict)}
    whole = bool(totals) and _sees_whole_subtree(user, run)
    codes = set(totals) if whole else set()
    if awards is None:
        awards = list(Award.objects.filter(Q(pk__in=list(by_award)) | Q(code__in=codes)))
    table = []
    for award in awards:
        if award.pk not in by_award and award.code not in codes:
            continue
        counts = by_award.get(award.pk, {})
        row = {"award": award, "du": counts.get(Outcome.ELIGIBLE, 0), "sap_du": counts.get(Outcome.SOON, 0)}
        row["chua_du"] = totals.get(award.code, {}).get(Outcome.NOT_ELIGIBLE, 0) if whole else None
        row["khong_thuoc"] = totals.get(award.code, {}).get(NOT_APPLICABLE, 0) if whole else None
        if whole or row["du"] or row["sap_du"] or counts.get(Outcome.NOT_ELIGIBLE):
            if row["chua_du"] is None and counts.get(Outcome.NOT_ELIGIBLE):
                row["chua_du"] = counts[Outcome.NOT_ELIGIBLE]
            table.append(row)
    table.sort(key=lambda r: (r["award"].order, r["award"].code))
    return table


@dataclass
class _StoredVerdict:
    """The fields of a stored result that :func:`engine.caps` reads."""

    rule_version_id: int
    outcome: str
    unit_id: int
    award_code: str
    subject_type: str
    subject_id: int


NOT_APPLICABLE = "khong_thuoc"  # the summary key of the subjects an award is not for (engine.evaluate.NOT_APPLICABLE)
CAPS_KEY = "_caps"  # where a finished run's cap reports are kept in ``run.summary`` (award codes are the other keys)


def compute_caps(run: EligibilityRun) -> list[dict]:
    """The engine's cap reports for a run, from its eligible rows, as plain dicts (``text`` is the line shown)."""
    from .engine import caps

    rows = EligibilityResult.objects.filter(run=run, outcome=Outcome.ELIGIBLE).values_list(
        "rule_version_id", "outcome", "unit_id", "award__code", "person_id"
    )
    verdicts = [
        _StoredVerdict(rv, outcome, unit_id, code, "person" if pid else "unit", pid or unit_id)
        for rv, outcome, unit_id, code, pid in rows
    ]
    return [asdict(report) for report in caps(verdicts, run.year)] if verdicts else []


def run_caps(user, run: EligibilityRun) -> list[dict]:
    """Cap reports ("CSTĐCS: 14 đề xuất / trần 12") of a finished run, for the units the user may see.

    Read from the run's summary (stored when the run's job finished); older runs are computed once and cached: a
    finished run never changes.
    """
    reports = (run.summary or {}).get(CAPS_KEY) if isinstance(run.summary, dict) else None
    if reports is None:
        key = f"thidua:eligibility-caps:{run.pk}:{run.finished_at:%s%f}"
        reports = cache.get_or_set(key, lambda: compute_caps(run), timeout=24 * 3600)
    ids = scope_unit_ids(user, Action.VIEW)
    return reports if ids is ALL else [r for r in reports if r["unit_id"] in (ids or ())]


def awards_catalogue(*, subject: str | None = None) -> QuerySet:
    """Active awards in catalogue order; ``subject`` ("person"/"unit") keeps those that apply to that subject."""
    from thidua.catalogue.choices import Subject

    qs = Award.objects.filter(active=True)
    if subject == "person":
        qs = qs.filter(subject__in=[Subject.PERSON, Subject.BOTH])
    elif subject == "unit":
        qs = qs.filter(subject__in=[Subject.UNIT, Subject.BOTH])
    return qs.order_by("order", "code")


def rule_catalogue() -> QuerySet:
    """Every award with its rule versions (newest first) — two queries for the rule-set page."""
    versions = RuleVersion.objects.select_related("created_by").order_by("-valid_from", "-version")
    return Award.objects.order_by("order", "code").prefetch_related(Prefetch("rule_versions", queryset=versions))
