"""Editing one record with optimistic locking: the pieces the person and unit edit views share."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from thidua.catalogue.choices import Subject

from ..choices import RecordSource
from ..forms import AwardRecordForm


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
