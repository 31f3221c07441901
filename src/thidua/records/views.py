"""Web views of the records app: the year-by-year records page of a person and of a unit, the forms that add or
remove each kind of record, and the Excel import of past records.

Each view fetches its subject through ``visible_to`` (404 out of scope), checks the change policy for forms (404 when
the user may only look), and calls one service; the form plumbing is :class:`thidua.core.views.ServiceFormView`.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from thidua.catalogue.choices import Subject
from thidua.core.choices import Action
from thidua.core.jobs import job_run_inline
from thidua.core.lists import build_table, render_list
from thidua.core.models import Job
from thidua.core.policies import can_change_unit, has_change_scope
from thidua.core.views import ServiceFormView
from thidua.core.xlsx import XLSX_TYPE
from thidua.org.models import OrgUnit, Person

from . import importer, selectors, services
from .choices import RecordSource
from .filters import AwardRecordFilterSet
from .forms import (
    AchievementEditForm,
    AchievementForm,
    AwardRecordEditForm,
    AwardRecordForm,
    ConfirmForm,
    DisciplineAddForm,
    DisciplineEditForm,
    ImportForm,
    LeaveEditForm,
    LeaveForm,
    PendingReviewCloseForm,
    PendingReviewEditForm,
    PendingReviewForm,
    PersonRatingEditForm,
    PersonRatingForm,
    UnitRatingEditForm,
    UnitRatingForm,
)
from .models import Achievement, AwardRecord, Discipline, LeavePeriod, PendingReview, PersonRating, UnitRating
from .tables import AwardRecordTable
from .template import build_template

# --- pages -----------------------------------------------------------------------------------------------------


@login_required
def person_records(request, pk: int):
    """A person's ratings, titles, awards, achievements and discipline by year, with the lists and add buttons."""
    person = get_object_or_404(Person.objects.visible_to(request.user, Action.VIEW).select_related("unit"), pk=pk)
    context = {
        "person": person,
        "records": selectors.person_records(person),
        "can_change": can_change_unit(request.user, person.unit),
        "today": dt.date.today(),
    }
    return render(request, "records/person_records.html", context)


@login_required
def unit_records(request, pk: int):
    """A unit's yearly results and the titles and awards it received, by year."""
    unit = get_object_or_404(OrgUnit.objects.visible_to(request.user, Action.VIEW), pk=pk)
    context = {
        "unit": unit,
        "records": selectors.unit_records(unit),
        "can_change": can_change_unit(request.user, unit),
    }
    return render(request, "records/unit_records.html", context)


@login_required
def award_record_list(request):
    """The register of titles and awards received in the user's scope (people and collectives), newest year first,
    with filters, sortable columns, Excel and print."""
    filterset = AwardRecordFilterSet(
        request.GET, queryset=selectors.award_records_in_scope(request.user), request=request
    )
    table = build_table(AwardRecordTable, filterset.qs, request)
    return render_list(
        request,
        table=table,
        filterset=filterset,
        title="Danh hiệu, khen thưởng đã nhận",
        filename="khen-thuong-da-nhan",
        per_page=50,
    )


# --- person forms ----------------------------------------------------------------------------------------------


class PersonRecordFormView(ServiceFormView):
    """A form on one person's records: the person is visible and in the user's change scope, else 404."""

    def load(self, pk: int, **kwargs) -> None:
        self.person = get_object_or_404(
            Person.objects.visible_to(self.request.user, Action.VIEW).select_related("unit"), pk=pk
        )
        if not can_change_unit(self.request.user, self.person.unit):
            raise Http404

    def get_cancel_url(self) -> str:
        return reverse("person_records", args=[self.person.pk])

    def get_success_url(self, result) -> str:
        return reverse("person_records", args=[self.person.pk])

    def get_context(self):
        return {"person": self.person, "subject": self.person}


class PersonRatingView(PersonRecordFormView):
    """Record a yearly task-completion rating; a year that already has one (or gets one meanwhile) is a conflict
    showing it, and saving again replaces it on purpose."""

    form_class = PersonRatingForm
    title = "Đánh giá mức độ hoàn thành nhiệm vụ"

    def perform(self, data):
        version = data.pop("version") or 0
        return services.person_rating_set(actor=self.request.user, person=self.person, expected_version=version, **data)


class PersonAwardAddView(PersonRecordFormView):
    """Register a title or award the person received."""

    form_class = AwardRecordForm
    title = "Thêm danh hiệu, khen thưởng đã nhận"

    def get_form_kwargs(self):
        return {"subject": Subject.PERSON}

    def perform(self, data):
        return services.award_record_add(actor=self.request.user, person=self.person, **data)


class AchievementAddView(PersonRecordFormView):
    """Record an initiative or research work."""

    form_class = AchievementForm
    title = "Thêm sáng kiến, đề tài"

    def perform(self, data):
        return services.achievement_add(actor=self.request.user, person=self.person, **data)


class DisciplineAddView(PersonRecordFormView):
    """Record a disciplinary measure."""

    form_class = DisciplineAddForm
    title = "Thêm kỷ luật"

    def perform(self, data):
        return services.discipline_add(actor=self.request.user, person=self.person, **data)


class ReviewAddView(PersonRecordFormView):
    """Record a proceeding that blocks commendation."""

    form_class = PendingReviewForm
    title = "Thêm việc đang xem xét, điều tra"

    def perform(self, data):
        return services.pending_review_add(actor=self.request.user, person=self.person, **data)


class ReviewCloseView(PersonRecordFormView):
    """Close an open proceeding."""

    form_class = PendingReviewCloseForm
    title = "Kết thúc việc xem xét"

    def load(self, pk: int, review_pk: int, **kwargs) -> None:
        super().load(pk)
        self.review = get_object_or_404(PendingReview.objects.filter(person=self.person), pk=review_pk)

    def get_initial(self):
        return {"version": self.review.version}

    def perform(self, data):
        version = data.pop("version")
        return services.pending_review_close(
            actor=self.request.user, review=self.review, expected_version=version, **data
        )


class LeaveAddView(PersonRecordFormView):
    """Record leave that counts as working time, or a short course."""

    form_class = LeaveForm
    title = "Thêm thời gian nghỉ, học được tính"

    def perform(self, data):
        return services.leave_add(actor=self.request.user, person=self.person, **data)


def record_initial(form_class, record) -> dict:
    """The edit form's initial values: the record's fields of the same names, and its version."""
    return {name: getattr(record, name) for name in form_class.base_fields if hasattr(record, name)}


class RecordEditMixin:
    """Edit one record of the subject with optimistic locking: the form carries the version it was built from, and
    a save over someone else's is a 409 page with the user's input kept and the current values shown."""

    editable: dict = {}
    subject_field = "person"

    def load_record(self, kind: str, record_pk: int) -> None:
        if kind not in self.editable:
            raise Http404
        model, self.form_class, self.service, label = self.editable[kind]
        subject = {self.subject_field: getattr(self, self.subject_field)}
        self.record = get_object_or_404(model.objects.filter(**subject), pk=record_pk)
        year = getattr(self.record, "year", None)
        self.title = f"Sửa {label} {year}" if year else f"Sửa {label}: {self.record}"

    def get_form_kwargs(self):
        if issubclass(self.form_class, AwardRecordForm):
            return {"subject": Subject.PERSON if self.subject_field == "person" else Subject.UNIT}
        return {}

    def get_initial(self):
        return record_initial(self.form_class, self.record)

    def get_context(self):
        context = super().get_context()
        if getattr(self.record, "source", "") == RecordSource.DECISION:
            context["note"] = "Bản ghi này được ghi từ quyết định: chỉ sửa đổi được bằng quyết định mới."
        return context

    def perform(self, data):
        version = data.pop("version")
        return self.service(actor=self.request.user, record=self.record, expected_version=version, **data)


# kind in the URL → (model, edit form, update service, what the title says)
PERSON_EDITABLE = {
    "danh-gia": (PersonRating, PersonRatingEditForm, services.person_rating_update, "đánh giá năm"),
    "khen-thuong": (AwardRecord, AwardRecordEditForm, services.award_record_update, "khen thưởng năm"),
    "sang-kien": (Achievement, AchievementEditForm, services.achievement_update, "sáng kiến, đề tài năm"),
    "ky-luat": (Discipline, DisciplineEditForm, services.discipline_update, "kỷ luật"),
    "xem-xet": (PendingReview, PendingReviewEditForm, services.pending_review_update, "việc xem xét"),
    "nghi": (LeavePeriod, LeaveEditForm, services.leave_update, "thời gian nghỉ, học"),
}


class PersonRecordEditView(RecordEditMixin, PersonRecordFormView):
    """Edit one record of the person (rating, award, achievement, discipline, proceeding, leave)."""

    editable = PERSON_EDITABLE

    def load(self, pk: int, kind: str, record_pk: int, **kwargs) -> None:
        super().load(pk)
        self.load_record(kind, record_pk)


# kind in the URL → (model, remove service, its keyword, what the confirmation says)
PERSON_REMOVABLE = {
    "danh-gia": (PersonRating, services.person_rating_remove, "rating", "đánh giá năm"),
    "khen-thuong": (AwardRecord, services.award_record_remove, "record", "khen thưởng"),
    "sang-kien": (Achievement, services.achievement_remove, "achievement", "sáng kiến, đề tài"),
    "ky-luat": (Discipline, services.discipline_remove, "discipline", "kỷ luật"),
    "nghi": (LeavePeriod, services.leave_remove, "leave", "thời gian nghỉ, học"),
}


class PersonRecordRemoveView(PersonRecordFormView):
    """Confirm and remove one record of the person (GET shows what will be removed; POST removes it)."""

    form_class = ConfirmForm
    submit_label = "Xoá"
    danger = True

    def load(self, pk: int, kind: str, record_pk: int, **kwargs) -> None:
        super().load(pk)
        if kind not in PERSON_REMOVABLE:
            raise Http404
        model, self.service, self.keyword, label = PERSON_REMOVABLE[kind]
        self.record = get_object_or_404(model.objects.filter(person=self.person), pk=record_pk)
        self.title = f"Xoá {label}: {self.record}"

    def perform(self, data):
        return self.service(actor=self.request.user, **{self.keyword: self.record})


# --- unit forms ------------------------------------------------------------------------------------------------


class UnitRecordFormView(ServiceFormView):
    """A form on one unit's records: visible and in the user's change scope, else 404."""

    def load(self, pk: int, **kwargs) -> None:
        self.unit = get_object_or_404(OrgUnit.objects.visible_to(self.request.user, Action.VIEW), pk=pk)
        if not can_change_unit(self.request.user, self.unit):
            raise Http404

    def get_cancel_url(self) -> str:
        return reverse("unit_records", args=[self.unit.pk])

    def get_success_url(self, result) -> str:
        return reverse("unit_records", args=[self.unit.pk])

    def get_context(self):
        return {"unit": self.unit, "subject": self.unit}


class UnitRatingView(UnitRecordFormView):
    """Record a collective's yearly results."""

    form_class = UnitRatingForm
    title = "Kết quả đánh giá tập thể hằng năm"

    def perform(self, data):
        version = data.pop("version") or 0
        return services.unit_rating_set(actor=self.request.user, unit=self.unit, expected_version=version, **data)


class UnitAwardAddView(UnitRecordFormView):
    """Register a title or award the collective received."""

    form_class = AwardRecordForm
    title = "Thêm danh hiệu, khen thưởng tập thể đã nhận"

    def get_form_kwargs(self):
        return {"subject": Subject.UNIT}

    def perform(self, data):
        return services.award_record_add(actor=self.request.user, unit=self.unit, **data)


UNIT_EDITABLE = {
    "danh-gia": (UnitRating, UnitRatingEditForm, services.unit_rating_update, "kết quả năm"),
    "khen-thuong": (AwardRecord, AwardRecordEditForm, services.award_record_update, "khen thưởng năm"),
}


class UnitRecordEditView(RecordEditMixin, UnitRecordFormView):
    """Edit the unit's results of a year or an award it received."""

    editable = UNIT_EDITABLE
    subject_field = "unit"

    def load(self, pk: int, kind: str, record_pk: int, **kwargs) -> None:
        super().load(pk)
        self.load_record(kind, record_pk)


UNIT_REMOVABLE = {
    "danh-gia": (UnitRating, services.unit_rating_remove, "rating", "kết quả năm"),
    "khen-thuong": (AwardRecord, services.award_record_remove, "record", "khen thưởng"),
}


class UnitRecordRemoveView(UnitRecordFormView):
    """Confirm and remove one record of the unit."""

    form_class = ConfirmForm
    submit_label = "Xoá"
    danger = True

    def load(self, pk: int, kind: str, record_pk: int, **kwargs) -> None:
        super().load(pk)
        if kind not in UNIT_REMOVABLE:
            raise Http404
        model, self.service, self.keyword, label = UNIT_REMOVABLE[kind]
        self.record = get_object_or_404(model.objects.filter(unit=self.unit), pk=record_pk)
        self.title = f"Xoá {label}: {self.record}"

    def perform(self, data):
        return self.service(actor=self.request.user, **{self.keyword: self.record})


# --- import ----------------------------------------------------------------------------------------------------


def _import_unit(request) -> OrgUnit | None:
    """The unit whose records page the import was opened from (``?don_vi=``), visible to the user, else 404."""
    value = request.GET.get("don_vi", "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return get_object_or_404(OrgUnit.objects.visible_to(request.user, Action.VIEW), pk=int(value))


@login_required
def records_import(request):
    """Upload a list of past records; all rows are saved, or none and the page lists every error by row.

    The import runs as a job: inline (a laptop) the report is shown at once; with workers the user follows the job's
    page, whose "Xem kết quả" comes back here with ``?cong_viec=<id>``. Opened from a unit's records page
    (``?don_vi=<id>``), the page leads back there; a successful report links to the people and awards imported.
    """
    if not has_change_scope(request.user):
        raise Http404
    unit = _import_unit(request)
    report = refused = job = None
    if request.GET.get("cong_viec", "").isdigit():
        job = Job.objects.visible_to(request.user).filter(pk=request.GET["cong_viec"], kind=importer.IMPORT_JOB).first()
        if job is None:
            raise Http404
        report, refused = importer.report_of(job)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > importer.MAX_BYTES:
            refused = "Tệp quá lớn; tối đa 5 MB."
        else:
            try:
                job = importer.import_start(
                    actor=request.user, name=upload.name, data=upload.read(), unit_id=unit.pk if unit else None
                )
            except importer.ImportRefused as exc:
                refused = str(exc)
            else:
                job = job_run_inline(job)
                if job.is_active:
                    return redirect("job_detail", pk=job.pk)
                report, refused = importer.report_of(job)
    context = {"form": form, "report": report, "refused": refused, "unit": unit, "job": job}
    return render(request, "records/import.html", context)


@login_required
def records_import_template(request):
    """The Excel template of the import list."""
    if not has_change_scope(request.user):
        raise Http404
    response = HttpResponse(build_template(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-thanh-tich.xlsx"'
    return response
