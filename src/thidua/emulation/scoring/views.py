"""Web views of block scoring: sheets, criteria, scores at each stage, the workflow, the ranking, the trail of
changes and the block's proposal (suy tôn). Views only parse input, call one service and render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from thidua.core import vn
from thidua.core.choices import Action
from thidua.core.forms import CommentForm
from thidua.core.lists import build_table, render_list
from thidua.core.policies import has_change_scope
from thidua.core.selectors import action_comments
from thidua.core.views import ActionSummary, ServiceFormView, conflict_rows, paginate
from thidua.org.labels import unit_label

from . import policies, selectors, services
from .choices import SheetStatus
from .filters import RankingFilterSet, SheetFilterSet
from .forms import CriterionForm, ProposalForm, ScoreForm, SheetCreateForm
from .models import CriteriaSheet, Criterion, CriterionGroup, ScoreChange
from .tables import RankingTable, SheetTable

PUBLISH_LABEL = "Công bố chính thức"


def _sheet(user, pk: int, action: str = Action.VIEW) -> CriteriaSheet:
    """One sheet in the user's scope for ``action`` (404 otherwise)."""
    qs = CriteriaSheet.objects.visible_to(user, action).select_related("group__authority")
    return get_object_or_404(qs, pk=pk)


@login_required
def sheet_list(request):
    """Criteria sheets of the blocks in scope, with year, stage and name filters, sortable columns, Excel and print."""
    qs = CriteriaSheet.objects.visible_to(request.user, Action.VIEW).select_related("group__authority")
    filterset = SheetFilterSet(request.GET, queryset=qs, request=request)
    table = build_table(SheetTable, filterset.qs, request)
    return render_list(
        request,
        table=table,
        filterset=filterset,
        title="Chấm điểm thi đua khối",
        filename="bang-diem-thi-dua",
        template="emulation/scoring/list.html",
        per_page=30,
    )


@login_required
def sheet_detail(request, pk: int):
    """A sheet: criteria, its ranking (the latest-stage score of each unit on each criterion and the total; filtered,
    sorted, exported to Excel and printed like every list) and proposals."""
    sheet = _sheet(request.user, pk)
    criteria = list(Criterion.objects.filter(group__sheet=sheet).select_related("group"))
    scores = list(selectors.latest_scores(sheet).select_related("unit"))
    ranking = selectors.ranking_board(sheet, criteria, scores)
    filterset = RankingFilterSet(request.GET, queryset=sheet.group.members.all(), request=request, ranking=ranking)
    table = build_table(RankingTable, filterset.rows(), request, criteria=criteria)
    user = request.user
    context = {
        "sheet": sheet,
        "criteria": criteria,
        "proposals": sheet.proposals.select_related("unit", "award"),
        "evidence": _evidence(scores, criteria),
        "can_edit_criteria": policies.can_edit_criteria(user, sheet),
        "can_advance": policies.can_advance(user, sheet),
        "can_propose": policies.can_propose(user, sheet),
        "scoring_open": sheet.status in services.STAGE_OF_STATUS,
        "advance_label": _advance_label(sheet),
        "published": sheet.status == SheetStatus.PUBLISHED,
        "comments": action_comments(sheet),
    }
    return render_list(
        request,
        table=table,
        filterset=filterset,
        title=f"Bảng xếp hạng — {sheet.title}",
        filename=f"xep-hang-bang-diem-{sheet.pk}",
        template="emulation/scoring/detail.html",
        per_page=100,
        context=context,
        note=f"{sheet.group} · {sheet.get_status_display()}. Điểm ở bước chấm cuối cùng; điểm trừ đã trừ. ",
    )


def _publishes(sheet: CriteriaSheet) -> bool:
    """Whether the sheet's next step is the final publication."""
    return services.NEXT_STATUS.get(sheet.status) == SheetStatus.PUBLISHED


def _next_step_label(sheet: CriteriaSheet) -> str:
    """The label of the sheet's next step ("" once published)."""
    new = services.NEXT_STATUS.get(sheet.status)
    return SheetStatus(new).label if new else ""


def _advance_label(sheet: CriteriaSheet) -> str:
    """What moving the sheet on is called: "Công bố chính thức" for the last step, else "Chuyển sang: <step>"."""
    if sheet.status not in services.NEXT_STATUS:
        return ""
    if _publishes(sheet):
        return PUBLISH_LABEL
    return f"Chuyển sang: {_next_step_label(sheet)}"


def _evidence(scores, criteria) -> list[tuple]:
    """(unit name, criterion, score) for every latest-stage score with evidence, by unit then criterion order, so
    reviewers read what each member put forward."""
    order = {c.pk: (i, c) for i, c in enumerate(criteria)}
    found = [s for s in scores if s.evidence and s.criterion_id in order]
    found.sort(key=lambda s: (vn.collation_key(s.unit.name), order[s.criterion_id][0]))
    return [(unit_label(s.unit), order[s.criterion_id][1], s) for s in found]


@login_required
def score_history(request, pk: int):
    """Every change of a score on the sheet: old → new, the reason, who and when."""
    sheet = _sheet(request.user, pk)
    changes = (
        ScoreChange.objects.filter(score__sheet=sheet)
        .select_related("score__criterion", "score__unit", "changed_by")
        .order_by("-changed_at", "-id")
    )
    return render(request, "emulation/scoring/history.html", {"sheet": sheet, "page": paginate(request, changes, 50)})


# --- form views ----------------------------------------------------------------------------------------------------


class SheetCreateView(ServiceFormView):
    """Open a block's criteria sheet (standing office)."""

    form_class = SheetCreateForm
    title = "Lập bảng tiêu chí chấm điểm"
    template_name = "emulation/scoring/form.html"

    def load(self, **kwargs):
        if not has_change_scope(self.request.user):
            raise Http404

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, data):
        return services.sheet_create(actor=self.request.user, **data)

    def get_success_url(self, result):
        return reverse("sheet_detail", args=[result.pk])

    def get_cancel_url(self):
        return reverse("sheet_list")


class _SheetFormView(ServiceFormView):
    """A form on one sheet the user may change (404 outside the change scope or once published)."""

    template_name = "emulation/scoring/form.html"

    def load(self, pk: int, **kwargs):
        self.sheet = _sheet(self.request.user, pk, Action.CHANGE)
        if self.sheet.status == SheetStatus.PUBLISHED and not self.after_publication:
            raise Http404

    after_publication = False

    def get_context(self):
        return {"sheet": self.sheet}

    def get_success_url(self, result):
        return reverse("sheet_detail", args=[self.sheet.pk])

    def get_cancel_url(self):
        return reverse("sheet_detail", args=[self.sheet.pk])


class CriterionAddView(_SheetFormView):
    """Add a criterion (while the sheet is a draft)."""

    form_class = CriterionForm
    title = "Thêm tiêu chí"

    def perform(self, data):
        group_name = data.pop("group_name").strip()
        group = CriterionGroup.objects.filter(sheet=self.sheet, name=group_name).first()
        if group is None:
            group = services.criterion_group_add(actor=self.request.user, sheet=self.sheet, name=group_name)
        return services.criterion_add(actor=self.request.user, group=group, **data)


class ScoreView(_SheetFormView):
    """Give or change a score at the current stage."""

    form_class = ScoreForm
    title = "Chấm điểm"

    def get_form_kwargs(self):
        return {"sheet": self.sheet}

    def get_initial(self):
        return {
            "criterion": self.request.GET.get("tieu_chi"),
            "unit": self.request.GET.get("don_vi"),
            "seen": ScoreForm.seen_for(self.sheet),
        }

    def perform(self, data):
        return services.score_set(actor=self.request.user, sheet=self.sheet, **data)

    def render_conflict(self, form, exc):
        """The conflict page: the user's input kept, the stored score shown, and the page now counts as seen."""
        data = self.request.POST.copy()
        data["seen"] = ScoreForm.seen_for(self.sheet)
        fresh = self.form_class(data, **self.get_form_kwargs())
        fresh.is_valid()
        return self.render(fresh, conflict=exc, rows=conflict_rows(fresh, exc.current), status=409)


class AdvanceView(_SheetFormView):
    """Move the sheet to its next step (self-scoring, reviews, preview, publication)."""

    form_class = CommentForm
    title = "Chuyển bước chấm điểm"
    submit_label = "Chuyển bước"
    confirm = "Bước hiện tại sẽ kết thúc. Sau khi công bố chính thức, bảng điểm không thay đổi được nữa."

    def load(self, pk: int, **kwargs):
        """The sheet; the last step (publication) is named as such and asked for as a dangerous action."""
        super().load(pk)
        if _publishes(self.sheet):
            self.title = "Công bố chính thức kết quả chấm điểm"
            self.submit_label = PUBLISH_LABEL
            self.confirm = "Sau khi công bố chính thức, bảng điểm và xếp hạng không thay đổi được nữa."
            self.danger = True

    def get_context(self):
        """A visible note of what the step does, besides the confirmation dialog."""
        current, new = self.sheet.get_status_display(), _next_step_label(self.sheet)
        note = f"Bước «{current}» sẽ kết thúc, bảng điểm chuyển sang bước «{new}»."
        if _publishes(self.sheet):
            note += " Sau khi công bố chính thức, điểm và xếp hạng không thay đổi được nữa."
        return {**super().get_context(), "note": note}

    def get_summary(self) -> ActionSummary:
        """The sheet moved on: its block and year, the step ending and the next one, what it holds."""
        s = self.sheet
        rows = [
            ("Bảng điểm", s.title),
            ("Khối, cụm thi đua", s.group.name),
            ("Năm", s.year),
            ("Bước hiện tại", s.get_status_display()),
            ("Bước tiếp theo", _next_step_label(s)),
            ("Số tiêu chí", vn.format_number(Criterion.objects.filter(group__sheet=s).count())),
            ("Số đơn vị thành viên", vn.format_number(s.group.members.count())),
            ("Số điểm đã chấm", vn.format_number(selectors.latest_scores(s).count())),
        ]
        return ActionSummary(rows, title="Bảng điểm thi đua")

    def perform(self, data):
        return services.sheet_advance(actor=self.request.user, sheet=self.sheet, comment=data["comment"])


class ProposalView(_SheetFormView):
    """Propose (suy tôn) the top unit of the published ranking for a flag."""

    form_class = ProposalForm
    title = "Suy tôn đơn vị dẫn đầu khối"
    after_publication = True

    def perform(self, data):
        return services.sheet_propose(actor=self.request.user, sheet=self.sheet, **data)
