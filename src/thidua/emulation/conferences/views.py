"""Web views of review conferences: list, record, attendees, agenda, decisions, handover and election, minutes
(text and .docx), freezing and cloning. Views only parse input, call one service and render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from thidua.core import vn
from thidua.core.choices import Action
from thidua.core.forms import CommentForm
from thidua.core.lists import build_table, render_list
from thidua.core.nd30 import DOCX_MIME
from thidua.core.selectors import action_comments
from thidua.core.views import ActionSummary, ServiceFormView
from thidua.org.labels import unit_label
from thidua.org.selectors import units_for_select

from . import leadership, policies, services
from .choices import ConferenceStatus
from .filters import ConferenceFilterSet
from .forms import (
    AgendaForm,
    AttendeeForm,
    CloneForm,
    ConferenceCreateForm,
    ConferenceEditForm,
    ConfirmForm,
    ElectionForm,
    HandoverForm,
    MinutesForm,
    OutcomeForm,
)
from .minutes import minutes_docx, minutes_filename
from .models import Conference
from .tables import ConferenceTable

# --- reads ---------------------------------------------------------------------------------------------------------


def _conference(user, pk: int, action: str = Action.VIEW) -> Conference:
    """One conference in the user's scope (404 otherwise), with what the page shows."""
    qs = Conference.objects.visible_to(user, action).select_related("host_unit", "group", "chair", "period")
    return get_object_or_404(qs, pk=pk)


@login_required
def conference_list(request):
    """Conferences in scope, newest first, with year, date, host unit, status and title filters, sortable columns,
    Excel and print."""
    qs = Conference.objects.visible_to(request.user, Action.VIEW).select_related("host_unit", "group", "chair")
    filterset = ConferenceFilterSet(request.GET, queryset=qs, request=request)
    table = build_table(ConferenceTable, filterset.qs, request)
    return render_list(
        request,
        table=table,
        filterset=filterset,
        title="Hội nghị sơ kết, tổng kết",
        filename="hoi-nghi",
        template="emulation/conferences/list.html",
        per_page=30,
        context={"can_create": bool(_can_create(request.user))},
    )


def _can_create(user) -> bool:
    """Whether the user may host a conference anywhere (offers the "Thêm hội nghị" button and page)."""
    return units_for_select(user, Action.CHANGE).exists()


@login_required
def conference_detail(request, pk: int):
    """The record of one conference: attendees as they were that day, agenda, conclusions, decisions, minutes."""
    conference = _conference(request.user, pk)
    context = {
        "conference": conference,
        "attendees": conference.attendees.select_related("person").order_by("id"),
        "agenda": conference.agenda.select_related("presenter", "presenter_unit"),
        "outcomes": conference.outcomes.select_related("unit", "award", "handover__from_unit", "handover__to_unit"),
        "can_change": conference.status != ConferenceStatus.FROZEN
        and policies.can_change_conference(request.user, conference),
        "frozen": conference.status == ConferenceStatus.FROZEN,
        "comments": action_comments(conference),
    }
    return render(request, "emulation/conferences/detail.html", context)


@login_required
def conference_minutes_docx(request, pk: int):
    """The minutes as a Word document (Nghị định 30/2020, Mẫu 1.9)."""
    conference = _conference(request.user, pk)
    response = HttpResponse(
        minutes_docx(conference),
        content_type=DOCX_MIME,
    )
    response["Content-Disposition"] = f'attachment; filename="{minutes_filename(conference)}"'
    return response


# --- form views ----------------------------------------------------------------------------------------------------


class ConferenceCreateView(ServiceFormView):
    """Record a new conference."""

    form_class = ConferenceCreateForm
    title = "Thêm hội nghị"

    def load(self, **kwargs):
        if not _can_create(self.request.user):
            raise Http404

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, data):
        return services.conference_create(actor=self.request.user, **data)

    def get_success_url(self, result):
        return reverse("conference_detail", args=[result.pk])

    def get_cancel_url(self):
        return reverse("conference_list")


class _ConferenceFormView(ServiceFormView):
    """A form on one conference the user may change (404 otherwise, including once frozen)."""

    template_name = "emulation/conferences/form.html"

    def load(self, pk: int, **kwargs):
        self.conference = _conference(self.request.user, pk, Action.CHANGE)
        if not policies.can_change_conference(self.request.user, self.conference):
            raise Http404
        # A frozen conference has no forms; a POST from a tab opened before freezing reaches the service, whose
        # refusal ("Biên bản đã chốt …") the user then reads on the form instead of a bare "not found".
        if self.conference.status == ConferenceStatus.FROZEN and self.request.method != "POST":
            raise Http404

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_context(self):
        return {"conference": self.conference}

    def get_success_url(self, result):
        return reverse("conference_detail", args=[self.conference.pk])

    def get_cancel_url(self):
        return reverse("conference_detail", args=[self.conference.pk])


class ConferenceEditView(_ConferenceFormView):
    """Edit the record and the conclusions."""

    form_class = ConferenceEditForm
    title = "Sửa thông tin hội nghị"

    def get_form_kwargs(self):
        return {}

    def get_initial(self):
        c = self.conference
        return {
            "title": c.title,
            "kind": c.kind,
            "held_on": c.held_on,
            "place": c.place,
            "status": c.status,
            "conclusions": c.conclusions,
            "version": c.version,
        }

    def perform(self, data):
        version = data.pop("version")
        return services.conference_update(
            actor=self.request.user, conference=self.conference, expected_version=version, **data
        )


class AttendeeAddView(_ConferenceFormView):
    """Add an attendee."""

    form_class = AttendeeForm
    title = "Thêm đại biểu"

    def perform(self, data):
        return services.attendee_add(actor=self.request.user, conference=self.conference, **data)


class AgendaAddView(_ConferenceFormView):
    """Add an agenda item."""

    form_class = AgendaForm
    title = "Thêm nội dung chương trình"

    def perform(self, data):
        return services.agenda_item_add(actor=self.request.user, conference=self.conference, **data)


class OutcomeAddView(_ConferenceFormView):
    """Record a decision (awards presented, the block's proposal …)."""

    form_class = OutcomeForm
    title = "Ghi kết quả hội nghị"

    def perform(self, data):
        return services.outcome_add(actor=self.request.user, conference=self.conference, **data)


class HandoverView(_ConferenceFormView):
    """Hand the block leadership over at the conference (recorded on the block and as a decision)."""

    form_class = HandoverForm
    title = "Bàn giao nhiệm vụ khối trưởng tại hội nghị"

    def load(self, pk: int, **kwargs):
        super().load(pk)
        if self.conference.group_id is None:
            raise Http404

    def get_form_kwargs(self):
        return {"user": self.request.user, "conference": self.conference}

    def perform(self, data):
        return leadership.conference_handover(actor=self.request.user, conference=self.conference, **data)


class ElectionView(HandoverView):
    """Elect next year's khối trưởng and khối phó."""

    form_class = ElectionForm
    title = "Bầu khối trưởng, khối phó năm sau"

    def perform(self, data):
        return leadership.conference_elect_leaders(actor=self.request.user, conference=self.conference, **data)


class MinutesEditView(_ConferenceFormView):
    """Amend the minutes text."""

    form_class = MinutesForm
    title = "Biên bản hội nghị"

    def get_form_kwargs(self):
        return {}

    def get_initial(self):
        return {"minutes": self.conference.minutes, "version": self.conference.version}

    def perform(self, data):
        return services.minutes_update(
            actor=self.request.user,
            conference=self.conference,
            minutes=data["minutes"],
            expected_version=data["version"],
        )


class MinutesDraftView(_ConferenceFormView):
    """Draft the minutes from the record (replaces the current text)."""

    form_class = ConfirmForm
    title = "Soạn biên bản từ dữ liệu hội nghị"
    submit_label = "Soạn biên bản"
    confirm = "Nội dung biên bản hiện có sẽ được thay bằng bản soạn từ dữ liệu hội nghị."

    def get_form_kwargs(self):
        return {}

    def perform(self, data):
        return services.minutes_draft(actor=self.request.user, conference=self.conference)

    def get_success_url(self, result):
        return reverse("conference_minutes", args=[self.conference.pk])


class FreezeView(_ConferenceFormView):
    """Freeze the minutes: nothing in the conference changes afterwards."""

    form_class = CommentForm
    title = "Chốt biên bản"
    submit_label = "Chốt biên bản"
    confirm = "Sau khi chốt, không sửa được đại biểu, chương trình, kết quả và biên bản của hội nghị."
    danger = True
    success_message = "Đã chốt biên bản."

    def get_form_kwargs(self):
        return {}

    def get_summary(self) -> ActionSummary:
        """The conference whose record is frozen: when, where, who hosted it, what it holds, the decisions."""
        c = self.conference
        minutes = (
            f"{vn.format_number(len(c.minutes.split()))} từ"
            if c.minutes.strip()
            else "Chưa có — sẽ được soạn tự động từ dữ liệu hội nghị khi chốt"
        )
        rows = [
            ("Hội nghị", c.title),
            ("Ngày họp", vn.format_date(c.held_on, "short")),
            ("Địa điểm", c.place or "—"),
            ("Đơn vị tổ chức", unit_label(c.host_unit)),
            ("Khối, cụm thi đua", c.group.name if c.group_id else "—"),
            ("Đại biểu", vn.format_number(c.attendees.count())),
            ("Nội dung chương trình", vn.format_number(c.agenda.count())),
            ("Biên bản", minutes),
        ]
        items = [f"{o.get_kind_display()}: {o.text}" for o in c.outcomes.all()]
        return ActionSummary(rows, items, f"Kết quả hội nghị sẽ được chốt ({len(items)})", "Hội nghị")

    def perform(self, data):
        return services.conference_freeze(actor=self.request.user, conference=self.conference, comment=data["comment"])


class CloneView(ServiceFormView):
    """Start next period's conference from this one (agenda and attendees copied, as a draft)."""

    form_class = CloneForm
    title = "Tạo hội nghị kỳ sau từ hội nghị này"
    template_name = "emulation/conferences/form.html"

    def load(self, pk: int, **kwargs):
        self.conference = _conference(self.request.user, pk, Action.CHANGE)
        if not policies.can_change_conference(self.request.user, self.conference):
            raise Http404

    def get_context(self):
        return {"conference": self.conference}

    def perform(self, data):
        return services.conference_clone(actor=self.request.user, conference=self.conference, **data)

    def get_success_url(self, result):
        return reverse("conference_detail", args=[result.pk])

    def get_cancel_url(self):
        return reverse("conference_detail", args=[self.conference.pk])
