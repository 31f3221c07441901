"""Forms of block scoring: a sheet, a criterion, a score, the block's proposal (suy tôn)."""

from __future__ import annotations

from django import forms

from thidua.catalogue.models import Award
from thidua.core.choices import Action
from thidua.core.forms import BootstrapFormMixin
from thidua.org.forms import UnitChoiceField
from thidua.org.models import EmulationGroup, OrgUnit

from .choices import CriterionKind
from .models import Criterion


class SheetCreateForm(BootstrapFormMixin, forms.Form):
    """A criteria sheet for a block's year."""

    group = forms.ModelChoiceField(label="Khối, cụm thi đua", queryset=EmulationGroup.objects.none())
    title = forms.CharField(label="Tên bảng điểm", max_length=255, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = EmulationGroup.objects.visible_to(user, Action.CHANGE)


class CriterionForm(BootstrapFormMixin, forms.Form):
    """A criterion in a (new or existing) group of criteria."""

    group_name = forms.CharField(label="Nhóm tiêu chí", max_length=255)
    code = forms.CharField(label="Mã", max_length=20)
    label = forms.CharField(label="Tiêu chí", max_length=500)
    max_points = forms.DecimalField(label="Điểm tối đa", max_digits=6, decimal_places=2)
    kind = forms.ChoiceField(label="Loại", choices=CriterionKind.choices)
    evidence_required = forms.BooleanField(label="Phải có minh chứng", required=False)


class ScoreForm(BootstrapFormMixin, forms.Form):
    """Points of a unit on a criterion at the current stage; a change needs a reason."""

    criterion = forms.ModelChoiceField(label="Tiêu chí", queryset=Criterion.objects.none())
    unit = UnitChoiceField(label="Đơn vị", queryset=OrgUnit.objects.none())
    points = forms.DecimalField(label="Điểm", max_digits=6, decimal_places=2)
    evidence = forms.CharField(label="Minh chứng", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(
        label="Lý do (bắt buộc khi sửa điểm)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = Criterion.objects.filter(group__sheet=sheet)
        self.fields["unit"].queryset = OrgUnit.objects.filter(group_memberships__group=sheet.group).order_by("path")


class ProposalForm(BootstrapFormMixin, forms.Form):
    """The flag the block proposes its leading unit for."""

    award = forms.ModelChoiceField(label="Danh hiệu", queryset=Award.objects.filter(subject__in=["tap_the", "ca_hai"]))
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].initial = Award.objects.filter(code="CO_DVTT_BQP").values_list("pk", flat=True).first()
