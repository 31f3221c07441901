"""Forms of block scoring: a sheet, a criterion, a score, the block's proposal (suy tôn)."""

from __future__ import annotations

from django import forms

from thidua.catalogue.models import Award
from thidua.core.choices import Action
from thidua.core.forms import BootstrapFormMixin
from thidua.org.forms import UnitChoiceField
from thidua.org.models import EmulationGroup, OrgUnit

from .choices import STAGE_OF_STATUS, CriterionKind
from .models import Criterion, Score

STALE_STAGE = "Bảng điểm đã chuyển sang bước «{}» trong lúc bạn nhập; hãy mở lại trang chấm điểm và xem điểm hiện tại."


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

    # What the page showed: the stage and the version of every score at it ("stage:criterion.unit.version;…"), so a
    # score someone saved after the page was opened is a conflict whatever pair the user then picks.
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        self.fields["criterion"].queryset = Criterion.objects.filter(group__sheet=sheet)
        self.fields["unit"].queryset = OrgUnit.objects.filter(group_memberships__group=sheet.group).order_by("path")

    @staticmethod
    def seen_for(sheet) -> str:
        """The ``seen`` value of a page opened now: the sheet's stage and its scores' versions at that stage."""
        stage = STAGE_OF_STATUS.get(sheet.status, "")
        rows = Score.objects.filter(sheet=sheet, stage=stage).values_list("criterion_id", "unit_id", "version")
        return f"{stage}:" + ";".join(f"{c}.{u}.{v}" for c, u, v in rows)

    def clean(self):
        """``expected_version``: the version of the chosen pair's score the page showed (0: none; None: no page)."""
        data = super().clean()
        data["expected_version"] = None
        seen = data.pop("seen", "")
        if not seen:
            return data
        stage, _, pairs = seen.partition(":")
        try:
            versions = {tuple(map(int, p.split(".")[:2])): int(p.split(".")[2]) for p in pairs.split(";") if p}
        except (ValueError, IndexError):
            raise forms.ValidationError("Trang chấm điểm không hợp lệ; hãy mở lại trang.") from None
        if stage != STAGE_OF_STATUS.get(self.sheet.status, ""):
            raise forms.ValidationError(STALE_STAGE.format(self.sheet.get_status_display()))
        if data.get("criterion") is not None and data.get("unit") is not None:
            data["expected_version"] = versions.get((data["criterion"].pk, data["unit"].pk), 0)
        return data


class ProposalForm(BootstrapFormMixin, forms.Form):
    """The flag the block proposes its leading unit for."""

    award = forms.ModelChoiceField(label="Danh hiệu", queryset=Award.objects.filter(subject__in=["tap_the", "ca_hai"]))
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].initial = Award.objects.filter(code="CO_DVTT_BQP").values_list("pk", flat=True).first()
