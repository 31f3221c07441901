"""Forms on one person's records: add each kind, edit and remove one record, close a proceeding."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from thidua.catalogue.choices import Subject
from thidua.core.choices import Action
from thidua.core.policies import can_change_unit
from thidua.core.views import ServiceFormView
from thidua.org.models import Person

from .. import services
from ..forms import (
    AchievementEditForm,
    AchievementForm,
    AwardRecordEditForm,
    AwardRecordForm,
    ConfirmForm,
    DisciplineAddForm,
    DisciplineEditForm,
    LeaveEditForm,
    LeaveForm,
    PendingReviewCloseForm,
    PendingReviewEditForm,
    PendingReviewForm,
    PersonRatingEditForm,
    PersonRatingForm,
)
from ..models import Achievement, AwardRecord, Discipline, LeavePeriod, PendingReview, PersonRating
from .editing import RecordEditMixin

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
