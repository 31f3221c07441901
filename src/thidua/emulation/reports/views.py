"""Web views of review periods and unit reports: the lists of periods and of unit reports, the period's
submission list, opening a period,
extensions, closing, a unit's report form and page, its attachment, and the central report .docx.

Each view fetches through ``visible_to`` (404 out of scope), checks the policy (404 when the user may only look),
and calls one service or selector.
"""

from __future__ import annotations

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from thidua.core import vn
from thidua.core.choices import Action
from thidua.core.errors import ConflictError
from thidua.core.lists import build_table, render_list
from thidua.core.nd30 import DOCX_MIME
from thidua.core.policies import can_change_unit, has_change_scope
from thidua.core.selectors import action_comments
from thidua.core.views import ActionSummary, ServiceFormView, apply_service_errors

from . import selectors, services
from .documents import central_report_docx
from .filters import PeriodFilterSet, SubmissionFilterSet, UnitReportFilterSet
from .forms import ExtensionForm, PeriodCloseForm, PeriodForm, UnitReportForm
from .models import ReviewPeriod, UnitReport
from .policies import can_draft_central_report, can_edit_report, can_manage_period
from .tables import PeriodTable, SubmissionTable, UnitReportTable


def _period(request, pk: int) -> ReviewPeriod:
    return get_object_or_404(
        ReviewPeriod.objects.visible_to(request.user, Action.VIEW).select_related("authority", "group", "previous"),
        pk=pk,
    )


@login_required
def period_list(request):
    """The review periods the user can see, newest first, with year, kind, status and name filters, sortable
    columns, Excel and print."""
    filterset = PeriodFilterSet(request.GET, queryset=selectors.period_list(request.user), request=request)
    table = build_table(PeriodTable, filterset.qs, request)
    return render_list(
        request,
        table=table,
        filterset=filterset,
        title="Kỳ sơ kết, tổng kết",
        filename="ky-so-ket-tong-ket",
        template="emulation/reports/period_list.html",
        per_page=30,
        context={"can_create": has_change_scope(request.user)},
    )


@login_required
def template_list(request):
    """The indicator templates (a catalogue) with their typed indicators."""
    return render(request, "emulation/reports/template_list.html", {"templates": selectors.template_list()})


@login_required
def period_detail(request, pk: int):
    """The period and its submission list: which units have submitted (on time or late), are drafting, have nothing
    yet or are past their deadline; filtered, sorted, exported to Excel and printed like every list; actions."""
    period = _period(request, pk)
    today = timezone.localdate()
    submissions = selectors.period_submissions(period, today)
    filterset = SubmissionFilterSet(request.GET, queryset=submissions, request=request)
    table = build_table(SubmissionTable, filterset.qs, request, user=request.user, period=period)
    context = {
        "period": period,
        "counts": selectors.submission_counts(submissions),
        "today": today,
        "can_manage": can_manage_period(request.user, period),
        "can_draft": can_draft_central_report(request.user, period),
        "templates": period.templates.all(),
        "comments": action_comments(period),
    }
    return render_list(
        request,
        table=table,
        filterset=filterset,
        title=f"Tình hình nộp báo cáo — {period.name}",
        filename=f"nop-bao-cao-ky-{period.pk}",
        template="emulation/reports/period_detail.html",
        per_page=50,
        context=context,
        note=f"Hạn nộp chung {period.due_on:%d/%m/%Y}; tình trạng tính đến ngày {today:%d/%m/%Y}. ",
    )


class PeriodCreateView(ServiceFormView):
    """Open a review period (users who may change something somewhere)."""

    form_class = PeriodForm
    title = "Mở kỳ sơ kết, tổng kết"
    submit_label = "Mở kỳ báo cáo"

    def load(self, **kwargs) -> None:
        if not has_change_scope(self.request.user):
            raise Http404

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        today = timezone.localdate()
        return {"year": today.year, "opens_on": today, "remind_days": 3}

    def get_cancel_url(self) -> str:
        return reverse("period_list")

    def perform(self, data):
        return services.period_create(actor=self.request.user, **data)

    def get_success_url(self, result) -> str:
        return reverse("period_detail", args=[result.pk])


class PeriodFormView(ServiceFormView):
    """A form on a period the user manages (404 otherwise)."""

    def load(self, pk: int, **kwargs) -> None:
        self.period = _period(self.request, pk)
        if not can_manage_period(self.request.user, self.period):
            raise Http404

    def get_cancel_url(self) -> str:
        return reverse("period_detail", args=[self.period.pk])

    def get_success_url(self, result) -> str:
        return reverse("period_detail", args=[self.period.pk])

    def get_context(self):
        return {"period": self.period}


class PeriodExtendView(PeriodFormView):
    """Grant one unit a later deadline."""

    form_class = ExtensionForm
    title = "Gia hạn nộp báo cáo"
    submit_label = "Gia hạn"

    def get_form_kwargs(self):
        return {"period": self.period}

    def perform(self, data):
        return services.period_extend(actor=self.request.user, period=self.period, **data)


class PeriodCloseView(PeriodFormView):
    """Close the period: no more reports."""

    form_class = PeriodCloseForm
    title = "Khoá kỳ báo cáo"
    submit_label = "Khoá kỳ báo cáo"
    danger = True
    confirm = "Sau khi khoá, các đơn vị không nộp hoặc sửa báo cáo được nữa. Tiếp tục?"
    success_message = "Đã khoá kỳ báo cáo."

    def get_initial(self):
        return {"version": self.period.version}

    def get_summary(self) -> ActionSummary:
        """The period closed: its authority and deadline, how many units submitted, and those that have not."""
        p = self.period
        submissions = selectors.period_submissions(p, timezone.localdate())
        counts = selectors.submission_counts(submissions)
        rows = [
            ("Kỳ báo cáo", p.name),
            ("Cấp tổ chức", p.authority.name),
            ("Khối, cụm thi đua", p.group.name if p.group_id else "—"),
            ("Hạn nộp chung", vn.format_date(p.due_on, "short")),
            ("Đã nộp", f"{vn.format_number(counts['nop'])} / {vn.format_number(counts['total'])} đơn vị"),
        ]
        missing = [u.name for u in submissions.exclude(state="nop")]
        return ActionSummary(rows, missing, f"Đơn vị chưa nộp báo cáo ({len(missing)})", "Kỳ báo cáo")

    def perform(self, data):
        return services.period_close(
            actor=self.request.user, period=self.period, expected_version=data["version"], comment=data["comment"]
        )


def _report_target(request, pk: int, unit_pk: int):
    """The period (visible), and one of its reporting units in the user's change scope; 404 otherwise."""
    period = _period(request, pk)
    unit = get_object_or_404(period.units.all(), pk=unit_pk)
    if not can_change_unit(request.user, unit):
        raise Http404
    return period, unit


def _report_initial(report: UnitReport | None) -> dict:
    """The form's initial data from the saved report: figures written the Vietnamese way ("99,1"; Có / Không)."""
    initial = {"narrative": report.narrative if report else "", "version": report.version if report else None}
    if report is None:
        return initial
    for value in report.values.all():
        if value.number is not None:
            initial[f"value_{value.indicator_id}"] = format(value.number.normalize(), "f").replace(".", ",")
        elif value.flag is not None:
            initial[f"value_{value.indicator_id}"] = "co" if value.flag else "khong"
        else:
            initial[f"value_{value.indicator_id}"] = value.text
    return initial


def _save_report(request, form: UnitReportForm, period, unit, report: UnitReport | None):
    """Call the service with the valid form's data; its refusals go back onto the form (None is returned), a saved
    report redirects: to its page once submitted, else back to the form."""
    data = form.cleaned_data
    submit = data.get("action") == "nop"
    try:
        saved = services.report_save(
            actor=request.user,
            period=period,
            unit=unit,
            values={name: value for name, value in data.items() if name.startswith("value_")},
            narrative=data["narrative"],
            attachment=data.get("attachment") or None,
            submit=submit,
            expected_version=data.get("version") if report is not None else None,
            comment=data.get("comment", ""),
        )
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return None
    except ConflictError as exc:
        form.add_error(None, str(exc))
        return None
    messages.success(request, "Đã nộp báo cáo." if submit else "Đã lưu bản nháp.")
    if submit:
        return redirect("unit_report_detail", pk=saved.pk)
    return redirect("unit_report_edit", pk=period.pk, unit_pk=unit.pk)


@login_required
def unit_report_edit(request, pk: int, unit_pk: int):
    """A unit's report form: save as draft or submit; a submitted report (or a closed period) shows its page."""
    period, unit = _report_target(request, pk, unit_pk)
    report = UnitReport.objects.filter(period=period, unit=unit).first()
    if not can_edit_report(request.user, period, unit, report):
        if report is not None:
            return redirect("unit_report_detail", pk=report.pk)
        raise Http404
    indicators = selectors.period_indicators(period)
    if request.method == "POST":
        form = UnitReportForm(request.POST, request.FILES, indicators=indicators)
        response = _save_report(request, form, period, unit, report) if form.is_valid() else None
        if response is not None:
            return response
    else:
        form = UnitReportForm(initial=_report_initial(report), indicators=indicators)
    due = selectors.effective_due(period, unit.pk)
    context = {"period": period, "unit": unit, "report": report, "form": form, "due_on": due}
    return render(request, "emulation/reports/report_form.html", context)


@login_required
def unit_report_list(request):
    """The unit reports the user can see across periods, with year, status, on-time and name filters, sortable
    columns, Excel and print."""
    filterset = UnitReportFilterSet(request.GET, queryset=selectors.unit_report_list(request.user), request=request)
    table = build_table(UnitReportTable, filterset.qs, request)
    return render_list(
        request,
        table=table,
        filterset=filterset,
        title="Báo cáo của các đơn vị",
        filename="bao-cao-don-vi",
        template="emulation/reports/report_list.html",
        per_page=50,
    )


def _report(request, pk: int) -> UnitReport:
    return get_object_or_404(
        UnitReport.objects.visible_to(request.user, Action.VIEW).select_related("period", "unit", "period__authority"),
        pk=pk,
    )


@login_required
def unit_report_detail(request, pk: int):
    """A unit's report: its figures, narrative, attachment and status."""
    report = _report(request, pk)
    context = {
        "report": report,
        "period": report.period,
        "rows": selectors.report_values(report),
        "can_edit": can_edit_report(request.user, report.period, report.unit, report),
        "comments": action_comments(report),
    }
    return render(request, "emulation/reports/report_detail.html", context)


@login_required
def unit_report_attachment(request, pk: int):
    """Download a report's attachment (scoped like the report; never served from a public media URL)."""
    report = _report(request, pk)
    if not report.attachment:
        raise Http404
    name = os.path.basename(report.attachment.name)
    return FileResponse(report.attachment.open("rb"), as_attachment=True, filename=name)


@login_required
def central_report(request, pk: int):
    """The báo cáo trung tâm of the period as an editable .docx (the authority's office or the block leader)."""
    period = _period(request, pk)
    if not can_draft_central_report(request.user, period):
        raise Http404
    content = central_report_docx(period)
    response = HttpResponse(content, content_type=DOCX_MIME)
    response["Content-Disposition"] = f'attachment; filename="bao-cao-trung-tam-ky-{period.pk}.docx"'
    response["Cache-Control"] = "private, no-store"
    return response
