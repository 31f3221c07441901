"""Forms of review periods and unit reports; choices are limited to what the user may act on."""

from __future__ import annotations

from django import forms

from thidua.core.choices import Action
from thidua.core.forms import COMMENT_MAX_LENGTH, BootstrapFormMixin, CommentForm, DateField, VersionedFormMixin
from thidua.org.forms import UnitChoiceField, UnitMultipleChoiceField
from thidua.org.models import EmulationGroup, OrgUnit

from .choices import IndicatorKind, PeriodKind
from .models import IndicatorTemplate, ReviewPeriod


class PeriodForm(BootstrapFormMixin, forms.Form):
    """Open a review period: for a block (its members report) or for chosen units of the authority's tree."""

    name = forms.CharField(label="Tên kỳ", max_length=255, help_text="Ví dụ: Tổng kết công tác thi đua năm 2020.")
    kind = forms.ChoiceField(label="Loại kỳ", choices=PeriodKind.choices)
    year = forms.IntegerField(label="Năm", min_value=1945, max_value=2100)
    authority = UnitChoiceField(label="Cấp tổ chức", queryset=OrgUnit.objects.none())
    group = forms.ModelChoiceField(
        label="Khối, cụm thi đua",
        queryset=EmulationGroup.objects.none(),
        required=False,
        help_text="Bỏ trống nếu kỳ báo cáo dành cho các đơn vị chọn dưới đây.",
    )
    units = UnitMultipleChoiceField(
        label="Đơn vị báo cáo",
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text="Mặc định: các thành viên của khối. Gõ tên đơn vị (có dấu hoặc không dấu) để tìm và chọn.",
    )
    templates = forms.ModelMultipleChoiceField(
        label="Mẫu chỉ tiêu", queryset=IndicatorTemplate.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    previous = forms.ModelChoiceField(
        label="Kỳ trước (để so sánh)", queryset=ReviewPeriod.objects.none(), required=False
    )
    opens_on = DateField("Mở nhận báo cáo từ")
    due_on = DateField("Hạn nộp")
    remind_days = forms.IntegerField(label="Nhắc trước hạn (ngày)", min_value=0, max_value=60, initial=3)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = OrgUnit.objects.visible_to(user, Action.CHANGE).order_by("path")
        self.fields["group"].queryset = EmulationGroup.objects.visible_to(user, Action.CHANGE).order_by("-year", "name")
        self.fields["units"].queryset = OrgUnit.objects.visible_to(user, Action.VIEW).order_by("path")
        self.fields["previous"].queryset = ReviewPeriod.objects.visible_to(user, Action.CHANGE)


class ExtensionForm(BootstrapFormMixin, forms.Form):
    """Grant one reporting unit a later deadline, with the reason."""

    unit = UnitChoiceField(label="Đơn vị", queryset=OrgUnit.objects.none())
    due_on = DateField("Hạn mới")
    reason = forms.CharField(label="Lý do gia hạn", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, period=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = period.units.order_by("path")


class PeriodCloseForm(CommentForm, VersionedFormMixin):
    """Confirm closing the period (carries the version the user saw), with an optional comment."""


_YES_NO = [("", "— chưa nhập —"), ("co", "Có"), ("khong", "Không")]


class UnitReportForm(BootstrapFormMixin, forms.Form):
    """A unit's report: one field per indicator (``value_<id>``), the narrative and an attachment.

    Figures travel as text so the service can accept "1.600" or "99,1" and name the indicator in its errors.
    """

    narrative = forms.CharField(
        label="Kết quả nổi bật, đánh giá", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    attachment = forms.FileField(
        label="Tệp đính kèm", required=False, help_text="PDF, Word, Excel hoặc ảnh chụp; tối đa 10 MB."
    )
    comment = forms.CharField(
        label="Ý kiến gửi kèm khi nộp (không bắt buộc)",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Chỉ lưu khi bấm «Nộp báo cáo»; hiện trên trang báo cáo sau khi nộp.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    action = forms.ChoiceField(choices=[("luu", "Lưu nháp"), ("nop", "Nộp báo cáo")], initial="luu", required=False)

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for ind in self.indicators:
            name = f"value_{ind.pk}"
            label = ind.label + (f" ({ind.unit_label})" if ind.unit_label and ind.kind != IndicatorKind.PERCENT else "")
            if ind.kind == IndicatorKind.TEXT:
                field = forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 2}))
            elif ind.kind == IndicatorKind.YES_NO:
                field = forms.ChoiceField(label=label, required=False, choices=_YES_NO)
            else:
                field = forms.CharField(
                    label=label + (" (%)" if ind.kind == IndicatorKind.PERCENT else ""),
                    required=False,
                    max_length=30,
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                )
            field.required_on_submit = ind.required
            field.group = ind.template.name
            self.fields[name] = field
            self.fields[name].widget.attrs["class"] = (
                "form-select" if ind.kind == IndicatorKind.YES_NO else "form-control"
            )

    def value_fields(self):
        """The indicator fields grouped by template: [(template name, [bound fields])]."""
        groups: dict[str, list] = {}
        for ind in self.indicators:
            groups.setdefault(ind.template.name, []).append(self[f"value_{ind.pk}"])
        return list(groups.items())
