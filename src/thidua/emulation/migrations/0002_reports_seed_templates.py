"""Seed the indicator templates per work area (báo cáo sơ kết, tổng kết) with typed indicators.

The indicators are the figures the blocks' reports actually carry (Khối 2 – Cụm thi đua cơ quan Tổng cục CNQP 2020,
Khối thi đua số 1/TCCT 2018): inspections and complaints settled, issues and articles published, propaganda sessions
and listeners, the healthy-troops rate. Re-running is harmless: templates are matched by name, indicators by code.
"""

from django.db import migrations

C, P, T, Y = "so_luong", "ty_le", "van_ban", "co_khong"

TEMPLATES = [
    (
        "Kết quả công tác thi đua, khen thưởng",
        "tdkt",
        "Số liệu phong trào thi đua và khen thưởng của đơn vị trong kỳ.",
        [
            ("dang_ky_thi_dua", "Đơn vị tổ chức đăng ký thi đua đầu năm", Y, "", True),
            ("so_phong_trao", "Số phong trào, đợt thi đua đã phát động", C, "phong trào", True),
            ("so_tap_the_khen", "Số tập thể được khen thưởng", C, "tập thể", False),
            ("so_ca_nhan_khen", "Số cá nhân được khen thưởng", C, "cá nhân", False),
            ("so_ca_nhan_dien_hinh", "Số điển hình tiên tiến được biểu dương", C, "người", False),
            ("ty_le_dvtt", "Tỷ lệ tập thể đạt danh hiệu Đơn vị tiên tiến", P, "%", False),
            ("mo_hinh_hay", "Mô hình hay, cách làm hiệu quả", T, "", False),
        ],
    ),
    (
        "Kết quả công tác thanh tra",
        "thanh_tra",
        "Các cuộc thanh tra, kiểm tra và việc giải quyết khiếu nại, tố cáo trong kỳ.",
        [
            ("so_cuoc_thanh_kiem_tra", "Số cuộc thanh tra, kiểm tra", C, "cuộc", True),
            ("so_dv_thanh_tra_chuyen_de", "Số đơn vị được thanh tra chuyên đề", C, "đơn vị", False),
            ("so_don_thu_da_giai_quyet", "Số đơn thư đã giải quyết", C, "đơn", True),
            ("ty_le_don_thu_giai_quyet", "Tỷ lệ đơn thư thuộc thẩm quyền đã giải quyết", P, "%", False),
            ("kien_nghi", "Kiến nghị sau thanh tra, kiểm tra", T, "", False),
        ],
    ),
    (
        "Kết quả công tác tạp chí, báo chí",
        "tap_chi",
        "Xuất bản tạp chí in, báo điện tử và tuyên truyền trong kỳ.",
        [
            ("so_ky_xuat_ban", "Số kỳ tạp chí xuất bản", C, "kỳ", True),
            ("ty_le_so_thuong_ky", "Tỷ lệ số thường kỳ hoàn thành đúng kế hoạch", P, "%", True),
            ("so_tin_bai_anh_in", "Số tin, bài, ảnh đăng trên tạp chí in", C, "tin, bài, ảnh", True),
            ("so_tin_bai_dien_tu", "Số tin, bài đăng trên báo điện tử", C, "tin, bài", False),
            ("so_chuyen_de", "Số số chuyên đề, đặc san", C, "số", False),
        ],
    ),
    (
        "Kết quả thực hiện Quy chế dân chủ ở cơ sở",
        "dan_chu_co_so",
        "Thực hiện Quy chế dân chủ ở cơ sở trong Quân đội.",
        [
            ("hoi_nghi_quan_nhan", "Số hội nghị quân nhân đã tổ chức", C, "hội nghị", True),
            ("y_kien_dong_gop", "Số ý kiến đóng góp được tiếp thu", C, "ý kiến", False),
            ("co_quy_che_dcc", "Có quy chế dân chủ cơ sở được ban hành, bổ sung", Y, "", True),
            ("ty_le_y_kien_giai_quyet", "Tỷ lệ kiến nghị đã được giải quyết", P, "%", False),
            ("danh_gia_dcc", "Đánh giá chung", T, "", False),
        ],
    ),
    (
        "Kết quả công tác BVSK – DS, GĐ, TE – VSTBPN",
        "bvsk_ds_gd_te",
        "Bảo vệ sức khoẻ, dân số, gia đình, trẻ em và vì sự tiến bộ của phụ nữ.",
        [
            ("so_cuoc_tuyen_truyen", "Số cuộc tuyên truyền", C, "cuộc", True),
            ("luot_nguoi_nghe", "Số lượt người nghe", C, "lượt người", True),
            ("ty_le_quan_so_khoe", "Tỷ lệ quân số khoẻ", P, "%", True),
            ("so_nguoi_kham_suc_khoe", "Số người được khám sức khoẻ định kỳ", C, "người", False),
            ("sinh_con_thu_ba", "Có trường hợp sinh con thứ ba trở lên", Y, "", False),
        ],
    ),
    (
        "Kết quả công tác đảng, công tác chính trị",
        "ctd_ctct",
        "Giáo dục chính trị, xây dựng tổ chức đảng và quần chúng.",
        [
            ("so_lop_hoc_tap_nghi_quyet", "Số lớp học tập, quán triệt nghị quyết", C, "lớp", True),
            ("so_dang_vien_moi", "Số đảng viên mới được kết nạp", C, "đảng viên", False),
            ("ty_le_dv_hoan_thanh_tot", "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên", P, "%", True),
            ("to_chuc_dang_tsvm", "Tổ chức đảng đạt trong sạch vững mạnh", Y, "", True),
            ("ket_qua_noi_bat", "Kết quả nổi bật", T, "", False),
        ],
    ),
    (
        "Kết quả công tác tài chính",
        "tai_chinh",
        "Bảo đảm, quản lý và quyết toán ngân sách trong kỳ.",
        [
            ("ty_le_giai_ngan", "Tỷ lệ giải ngân kế hoạch ngân sách", P, "%", True),
            ("so_cuoc_kiem_tra_tai_chinh", "Số cuộc kiểm tra tài chính", C, "cuộc", False),
            ("quyet_toan_dung_han", "Quyết toán ngân sách đúng thời hạn", Y, "", True),
            ("ghi_chu_tai_chinh", "Tồn tại, hạn chế", T, "", False),
        ],
    ),
    (
        "Kết quả công tác quản lý dự án",
        "du_an",
        "Quản lý các dự án đầu tư xây dựng trong kỳ.",
        [
            ("so_du_an_quan_ly", "Số dự án đang quản lý", C, "dự án", True),
            ("so_du_an_hoan_thanh", "Số dự án hoàn thành, bàn giao", C, "dự án", True),
            ("ty_le_giai_ngan_von", "Tỷ lệ giải ngân vốn đầu tư", P, "%", True),
            ("dam_bao_an_toan", "Bảo đảm an toàn tuyệt đối trong thi công", Y, "", False),
        ],
    ),
]


def seed(apps, schema_editor):
    """Create the templates and their indicators (idempotent)."""
    template_model = apps.get_model("emulation", "IndicatorTemplate")
    indicator_model = apps.get_model("emulation", "Indicator")
    for name, area, description, indicators in TEMPLATES:
        template, _ = template_model.objects.get_or_create(
            name=name, defaults={"work_area": area, "description": description}
        )
        for order, (code, label, kind, unit_label, required) in enumerate(indicators, start=1):
            indicator_model.objects.get_or_create(
                template=template,
                code=code,
                defaults={"label": label, "kind": kind, "unit_label": unit_label, "order": order, "required": required},
            )


def unseed(apps, schema_editor):
    """Remove the seeded templates that no period uses."""
    template_model = apps.get_model("emulation", "IndicatorTemplate")
    template_model.objects.filter(name__in=[t[0] for t in TEMPLATES], periods__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("emulation", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
