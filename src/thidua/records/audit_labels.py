"""Vietnamese names of the records' audit events; a record's page is its person's (or unit's) records page."""

from django.urls import reverse

from thidua.core.audit import register_events, register_links

from .models import Achievement, AwardRecord, Discipline, LeavePeriod, PendingReview, PersonRating, UnitRating

register_events(
    {
        "records.person_rating.create": "Thêm đánh giá cá nhân hằng năm",
        "records.person_rating.update": "Sửa đánh giá cá nhân hằng năm",
        "records.person_rating.remove": "Xoá đánh giá cá nhân hằng năm",
        "records.unit_rating.create": "Thêm đánh giá tập thể hằng năm",
        "records.unit_rating.update": "Sửa đánh giá tập thể hằng năm",
        "records.unit_rating.remove": "Xoá đánh giá tập thể hằng năm",
        "records.award_record.create": "Thêm danh hiệu/khen thưởng đã nhận",
        "records.award_record.update": "Sửa danh hiệu/khen thưởng đã nhận",
        "records.award_record.remove": "Xoá danh hiệu/khen thưởng đã nhận",
        "records.achievement.create": "Thêm sáng kiến, đề tài",
        "records.achievement.update": "Sửa sáng kiến, đề tài",
        "records.achievement.remove": "Xoá sáng kiến, đề tài",
        "records.discipline.create": "Thêm kỷ luật",
        "records.discipline.update": "Sửa kỷ luật",
        "records.discipline.remove": "Xoá kỷ luật",
        "records.pending_review.create": "Ghi nhận đang xem xét, điều tra",
        "records.pending_review.update": "Sửa đang xem xét, điều tra",
        "records.pending_review.close": "Kết thúc xem xét, điều tra",
        "records.leave.create": "Thêm thời gian nghỉ, học",
        "records.leave.update": "Sửa thời gian nghỉ, học",
        "records.leave.remove": "Xoá thời gian nghỉ, học",
    }
)


def _records_page(model):
    """The records page of the person (or unit) a record belongs to; "" once the record is removed."""

    def url(target_id: str) -> str:
        row = model.objects.filter(pk=target_id).values(*_owner_fields(model)).first()
        if row is None:
            return ""
        if row.get("person_id"):
            return reverse("person_records", args=[row["person_id"]])
        return reverse("unit_records", args=[row["unit_id"]]) if row.get("unit_id") else ""

    return url


def _owner_fields(model) -> list[str]:
    return [f for f in ("person_id", "unit_id") if any(field.attname == f for field in model._meta.concrete_fields)]


register_links(
    {
        model._meta.label_lower: _records_page(model)
        for model in (Achievement, AwardRecord, Discipline, LeavePeriod, PendingReview, PersonRating, UnitRating)
    }
)
