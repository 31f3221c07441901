"""Vietnamese names of the awards app's audit events (rule versions, eligibility runs)."""

from thidua.core.audit import register_events, register_fields

register_events(
    {
        "rule_version.create": "Thêm phiên bản quy tắc khen thưởng",
        "eligibility_run.create": "Tạo lượt xét điều kiện khen thưởng",
        "eligibility_run.execute": "Chạy xét điều kiện khen thưởng",
    }
)
register_fields({"summary": "kết quả tóm tắt", "inputs_hash": "dấu vân tay dữ liệu đầu vào"})
