"""Vietnamese names of the organisation registry's audit events, and the pages of units, people and groups."""

from thidua.core.audit import register_events, register_links, register_refs

register_events(
    {
        "unit.create": "Thành lập đơn vị",
        "unit.update": "Sửa thông tin đơn vị",
        "unit.rename": "Đổi tên đơn vị",
        "unit.move": "Chuyển trực thuộc",
        "unit.merge": "Sáp nhập đơn vị",
        "person.create": "Thêm cán bộ",
        "person.update": "Sửa thông tin cán bộ",
        "person.transfer": "Điều động",
        "person.rank": "Thay đổi cấp bậc",
        "person.position_add": "Bổ nhiệm chức vụ",
        "person.position_end": "Thôi giữ chức vụ",
        "person.service_add": "Thêm thời gian phục vụ",
        "group.create": "Thành lập khối/cụm",
        "group.update": "Sửa khối/cụm",
        "group.members": "Cập nhật thành viên khối",
        "group.leader": "Phân công khối trưởng/khối phó",
        "group.handover": "Bàn giao khối trưởng",
    },
    models={
        "person.position_add": "org.position",
        "person.position_end": "org.position",
        "person.service_add": "org.serviceperiod",
        "group.leader": "org.groupleadership",
        "group.handover": "org.grouphandover",
    },
)
register_links({"org.orgunit": "unit_detail", "org.person": "person_detail", "org.emulationgroup": "group_detail"})
register_refs(
    {
        "unit": "org.orgunit",
        "parent": "org.orgunit",
        "successor": "org.orgunit",
        "leader": "org.orgunit",
        "authority": "org.orgunit",
        "person": "org.person",
        "position": "org.position",
        "group": "org.emulationgroup",
    }
)
