"""Vietnamese names of the users slice's audit events and of the fields their data holds."""

EVENTS = {
    "accounts.user.create": "Tạo tài khoản",
    "accounts.user.update": "Sửa thông tin tài khoản",
    "accounts.user.deactivate": "Khoá tài khoản",
    "accounts.user.reactivate": "Mở khoá tài khoản",
    "accounts.user.password_reset": "Đặt lại mật khẩu (mật khẩu tạm thời)",
    "accounts.user.password_change": "Tự đổi mật khẩu",
    "accounts.role.assign": "Phân quyền",
    "accounts.role.end": "Kết thúc vai trò",
}

FIELDS = {
    "username": "Tên đăng nhập",
    "email": "Thư điện tử",
    "is_active": "Đang hoạt động",
    "must_change_password": "Phải đổi mật khẩu",
    "generated": "Mật khẩu do hệ thống tạo",
    "role": "Vai trò",
    "user_id": "Người dùng",
    "include_descendants": "Kể cả đơn vị trực thuộc",
    "assignment_id": "Mã phân quyền",
}
