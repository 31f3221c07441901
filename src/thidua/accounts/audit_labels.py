"""Vietnamese names of the accounts app's audit events (accounts, roles, second factor) and the account page."""

from thidua.core.audit import register_events, register_fields, register_links

register_events(
    {
        "accounts.user.create": "Tạo tài khoản",
        "accounts.user.update": "Sửa thông tin tài khoản",
        "accounts.user.deactivate": "Khoá tài khoản",
        "accounts.user.reactivate": "Mở khoá tài khoản",
        "accounts.user.password_reset": "Đặt lại mật khẩu (mật khẩu tạm thời)",
        "accounts.user.password_change": "Tự đổi mật khẩu",
        "accounts.role.assign": "Phân quyền",
        "accounts.role.end": "Kết thúc vai trò",
        "accounts.second_factor.enroll": "Bật xác thực hai lớp",
        "accounts.second_factor.recovery_code_use": "Đăng nhập bằng mã khôi phục",
        "accounts.second_factor.recovery_codes_regenerate": "Tạo lại mã khôi phục",
        "accounts.second_factor.disable": "Tắt xác thực hai lớp",
        "accounts.second_factor.reset": "Đặt lại xác thực hai lớp",
    },
    models={"accounts.role.assign": "core.roleassignment", "accounts.role.end": "core.roleassignment"},
)
register_fields(
    {
        "must_change_password": "Phải đổi mật khẩu",
        "accounts.user.update:is_staff": "Được vào trang Quản trị hệ thống",
        "accounts.user.create:is_staff": "Được vào trang Quản trị hệ thống",
        "generated": "Mật khẩu do hệ thống tạo",
        "assignment_id": "Mã phân quyền",
    }
)
register_links({"core.user": "user_detail"})
