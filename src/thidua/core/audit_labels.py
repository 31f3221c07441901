"""Vietnamese names of core's audit events (API tokens, background jobs), the pages of its objects, and labels of
data keys shared by several apps that are no model field."""

from .audit import register_events, register_fields, register_links

register_events(
    {
        "token.create": "Tạo mã truy cập API",
        "token.revoke": "Thu hồi mã truy cập API",
        "job.create": "Tạo công việc nền",
        "job.cancel": "Huỷ công việc nền",
        "job.cancel_request": "Yêu cầu dừng công việc nền",
        "job.rerun": "Chạy lại công việc nền",
    }
)
register_links({"core.job": "job_detail"})
register_fields(
    {
        "name": "tên",
        "status": "trạng thái",
        "kind": "loại",
        "year": "năm",
        "note": "ghi chú",
        "reason": "lý do",
        "members": "thành viên",
        "leader": "khối trưởng",
        "on": "từ ngày",
        "ref": "căn cứ",
        "hint": "mã (4 ký tự cuối)",
        "new_job": "công việc chạy lại",
        "chars": "số ký tự",
        "from": "nhân bản từ",
        "units": "đơn vị",
        "templates": "mẫu chỉ tiêu",
        "award": "danh hiệu, hình thức",
        "total": "tổng điểm",
        "points": "điểm",
        "stage": "bước chấm",
        "criterion": "tiêu chí",
        "person": "người",
        "rank": "cấp bậc",
        "role": "vai trò",
        "items": "nội dung đăng ký",
        "return_reason": "lý do trả lại",
        "submitted_at": "gửi lúc",
        "decided_at": "quyết định lúc",
        "values": "số liệu",
        "result_count": "số kết quả",
        "comment": "ý kiến",
    }
)
