"""Forms of the records app. Field names match the keyword arguments of :mod:`thidua.records.services`, so a
service's ValidationError keyed by field lands on the right input (``core.views.apply_service_errors``)."""

from __future__ import annotations

import datetime as dt

from django import forms

from thidua.catalogue.choices import Subject
from thidua.core.forms import BootstrapFormMixin, DateField, VersionedFormMixin

from . import selectors
from .choices import AchievementKind, DisciplineForm, LeaveKind, Level, PartyRating, Rating, ReviewKind


def _year_field(initial: int | None = None) -> forms.IntegerField:
    return forms.IntegerField(label="Năm", min_value=1945, max_value=2100, initial=initial or dt.date.today().year)


class PersonRatingForm(BootstrapFormMixin, forms.Form):
    """A person's task-completion rating for a year. ``version`` stays empty for a new year; when the year already
    has a rating the save is a conflict showing it, and saving again (with its version) replaces it on purpose."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    year = _year_field()
    rating = forms.ChoiceField(label="Mức độ hoàn thành nhiệm vụ", choices=Rating.choices)
    decision_ref = forms.CharField(label="Căn cứ", max_length=255, required=False)


class UnitRatingForm(BootstrapFormMixin, forms.Form):
    """A collective's yearly results (``version`` as in :class:`PersonRatingForm`)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    year = _year_field()
    rating = forms.ChoiceField(label="Mức độ hoàn thành nhiệm vụ", choices=Rating.choices)
    party_rating = forms.ChoiceField(
        label="Xếp loại tổ chức Đảng", choices=[("", "— Không có —"), *PartyRating.choices], required=False
    )
    comprehensive_strong = forms.BooleanField(label="Vững mạnh toàn diện", required=False)
    strength = forms.IntegerField(label="Quân số", min_value=0, required=False)
    decision_ref = forms.CharField(label="Căn cứ", max_length=255, required=False)


class AwardRecordForm(BootstrapFormMixin, forms.Form):
    """A title or award received; ``subject`` (``ca_nhan`` / ``tap_the``) limits the catalogue offered."""

    award = forms.ModelChoiceField(label="Danh hiệu / hình thức khen thưởng", queryset=None)
    year = _year_field()
    decided_on = DateField("Ngày quyết định", required=False)
    decision_ref = forms.CharField(label="Số quyết định", max_length=255, required=False)
    issuer = forms.CharField(label="Cấp quyết định", max_length=255, required=False)
    achievement_ref = forms.CharField(label="Thành tích được khen", max_length=255, required=False)

    def __init__(self, *args, subject: str = Subject.PERSON, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = selectors.awards_for(subject)


class AchievementForm(BootstrapFormMixin, forms.Form):
    """An initiative or research work with the level that recognised it."""

    year = _year_field()
    kind = forms.ChoiceField(label="Loại", choices=AchievementKind.choices)
    level = forms.ChoiceField(label="Cấp công nhận", choices=Level.choices)
    title = forms.CharField(label="Tên sáng kiến, đề tài", max_length=500)
    decision_ref = forms.CharField(label="Quyết định công nhận / nghiệm thu", max_length=255, required=False)


class DisciplineAddForm(BootstrapFormMixin, forms.Form):
    """A disciplinary measure."""

    form = forms.ChoiceField(label="Hình thức kỷ luật", choices=DisciplineForm.choices)
    decided_on = DateField("Ngày quyết định")
    effective_to = DateField("Hết hiệu lực", required=False)
    decision_ref = forms.CharField(label="Số quyết định", max_length=255, required=False)
    reason = forms.CharField(label="Lý do", max_length=500, required=False)


class PendingReviewForm(BootstrapFormMixin, forms.Form):
    """An open proceeding that blocks commendation."""

    kind = forms.ChoiceField(label="Loại", choices=ReviewKind.choices)
    start_on = DateField("Từ ngày")
    note = forms.CharField(label="Ghi chú", max_length=500, required=False)


class PendingReviewCloseForm(BootstrapFormMixin, VersionedFormMixin, forms.Form):
    """The day a proceeding ended (``version``: the proceeding as the user saw it)."""

    end_on = DateField("Ngày kết thúc")
    note = forms.CharField(label="Kết luận", max_length=255, required=False)


class LeaveForm(BootstrapFormMixin, forms.Form):
    """Leave that counts as working time, or a short course."""

    kind = forms.ChoiceField(label="Loại", choices=LeaveKind.choices)
    start_on = DateField("Từ ngày")
    end_on = DateField("Đến ngày")
    note = forms.CharField(label="Ghi chú", max_length=500, required=False)


class PersonRatingEditForm(PersonRatingForm):
    """Edit a person's rating of a year; ``version`` is the one the form was built from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class UnitRatingEditForm(UnitRatingForm):
    """Edit a collective's results of a year."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class AwardRecordEditForm(VersionedFormMixin, AwardRecordForm):
    """Edit a registered title or award."""


class AchievementEditForm(VersionedFormMixin, AchievementForm):
    """Edit an initiative or research work."""


class DisciplineEditForm(VersionedFormMixin, DisciplineAddForm):
    """Edit a disciplinary measure."""


class PendingReviewEditForm(VersionedFormMixin, PendingReviewForm):
    """Edit a proceeding, its end included."""

    end_on = DateField("Kết thúc", required=False)
    field_order = ["kind", "start_on", "end_on", "note"]


class LeaveEditForm(VersionedFormMixin, LeaveForm):
    """Edit a leave period."""


class ConfirmForm(BootstrapFormMixin, forms.Form):
    """An empty form: the POST itself is the confirmation."""


class ImportForm(BootstrapFormMixin, forms.Form):
    """The Excel file of past records to import."""

    file = forms.FileField(
        label="Tệp Excel (.xlsx)",
        help_text="Dùng tệp mẫu; tối đa 5 MB. Có lỗi ở bất kỳ dòng nào thì không dòng nào được lưu.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".xlsx"
