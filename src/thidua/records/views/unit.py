"""Forms on one unit's records: its yearly results and the awards it received (add, edit, remove)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from thidua.catalogue.choices import Subject
from thidua.core.choices import Action
from thidua.core.policies import can_change_unit
from thidua.core.views import ServiceFormView
from thidua.org.models import OrgUnit

from .. import services
from ..forms import AwardRecordEditForm, AwardRecordForm, ConfirmForm, UnitRatingEditForm, UnitRatingForm
from ..models import AwardRecord, UnitRating
from .editing import RecordEditMixin

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
