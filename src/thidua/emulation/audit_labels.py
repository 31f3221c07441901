"""Vietnamese names of the emulation cycle's audit events (movements, registrations, pacts, review periods, unit
reports, conferences, scoring) and the pages of their objects."""

from thidua.core.audit import register_events, register_fields, register_links, register_refs

register_events(
    {
        "movement.create": "Tạo phong trào thi đua",
        "movement.update": "Sửa phong trào thi đua",
        "movement.document_add": "Thêm văn bản phong trào",
        "movement.launch": "Phát động phong trào",
        "movement.close": "Kết thúc phong trào",
        "registration.create": "Tạo đăng ký thi đua",
        "registration.update": "Sửa đăng ký thi đua",
        "registration.submit": "Gửi đăng ký thi đua lên cấp trên",
        "registration.approve": "Duyệt đăng ký thi đua",
        "registration.return": "Trả lại đăng ký thi đua",
        "pact.create": "Tạo giao ước thi đua",
        "pact.update": "Sửa giao ước thi đua",
        "pact.sign": "Ký giao ước thi đua",
        "period.create": "Mở kỳ sơ kết, tổng kết",
        "period.extend": "Gia hạn nộp báo cáo",
        "period.close": "Khoá kỳ sơ kết, tổng kết",
        "report.create": "Tạo báo cáo đơn vị",
        "report.update": "Sửa báo cáo đơn vị",
        "report.submit": "Nộp báo cáo đơn vị",
        "conference.create": "Tạo hội nghị",
        "conference.update": "Sửa hội nghị",
        "conference.attendee_add": "Thêm đại biểu",
        "conference.attendee_remove": "Bớt đại biểu",
        "conference.agenda_add": "Thêm nội dung chương trình",
        "conference.outcome_add": "Ghi kết quả hội nghị",
        "conference.minutes_draft": "Soạn biên bản tự động",
        "conference.minutes_update": "Sửa biên bản",
        "conference.freeze": "Chốt biên bản hội nghị",
        "conference.clone": "Nhân bản hội nghị",
        "scoring.create": "Tạo bảng tiêu chí chấm điểm",
        "scoring.group_add": "Thêm nhóm tiêu chí",
        "scoring.criterion_add": "Thêm tiêu chí",
        "scoring.advance": "Chuyển bước chấm điểm",
        "scoring.score": "Chấm điểm",
        "scoring.propose": "Đề nghị suy tôn",
    },
    models={
        "period.extend": "emulation.periodextension",
        "conference.agenda_add": "emulation.agendaitem",
        "conference.outcome_add": "emulation.conferenceoutcome",
        "conference.attendee_add": "emulation.attendee",
        "scoring.criterion_add": "emulation.criterion",
        "pact.sign": "emulation.pactsignature",
    },
)
register_fields(
    {
        "scoring.group_add:group": "nhóm tiêu chí",
        "document": "văn bản",
        "file": "có tệp đính kèm",
        "signer": "người ký",
        "locked": "đã khoá",
    }
)
register_links(
    {
        "emulation.movement": "movement_detail",
        "emulation.registration": "registration_detail",
        "emulation.pact": "pact_detail",
        "emulation.reviewperiod": "period_detail",
        "emulation.unitreport": "unit_report_detail",
        "emulation.conference": "conference_detail",
        "emulation.criteriasheet": "sheet_detail",
    }
)
register_refs({"scoring.group_add:group": "emulation.criteriongroup"})
