"""Choices of the records app (DOMAIN.md §9, P4–P12)."""

from django.db import models


class Rating(models.TextChoices):
    """Yearly task-completion rating (mức độ hoàn thành nhiệm vụ), best first."""

    HTXSNV = "htxsnv", "Hoàn thành xuất sắc nhiệm vụ"
    HTTNV = "httnv", "Hoàn thành tốt nhiệm vụ"
    HTNV = "htnv", "Hoàn thành nhiệm vụ"
    KHTNV = "khtnv", "Không hoàn thành nhiệm vụ"


RATING_RANK = {Rating.HTXSNV: 4, Rating.HTTNV: 3, Rating.HTNV: 2, Rating.KHTNV: 1}


class PartyRating(models.TextChoices):
    """Yearly rating of a party organisation (QĐ 366-QĐ/TW four levels, with the army's TSVM wording)."""

    TSVM_TIEU_BIEU = "tsvm_tieu_bieu", "Trong sạch, vững mạnh tiêu biểu (HTXSNV)"
    TSVM = "tsvm", "Trong sạch, vững mạnh (HTTNV)"
    HTNV = "htnv", "Hoàn thành nhiệm vụ"
    KHTNV = "khtnv", "Không hoàn thành nhiệm vụ"


class AchievementKind(models.TextChoices):
    INITIATIVE = "sang_kien", "Sáng kiến"
    RESEARCH = "de_tai", "Đề tài, công trình khoa học"
    COMBAT = "sang_tao_chien_dau", "Sáng tạo trong chiến đấu"


class Level(models.TextChoices):
    """The level that recognised or accepted an achievement."""

    BASE = "co_so", "Cấp cơ sở"
    ARMY = "toan_quan", "Toàn quân (cấp Bộ)"
    NATION = "toan_quoc", "Toàn quốc"


LEVEL_RANK = {Level.BASE: 1, Level.ARMY: 2, Level.NATION: 3}


class DisciplineForm(models.TextChoices):
    """Disciplinary forms for servicemen, lightest first."""

    KHIEN_TRACH = "khien_trach", "Khiển trách"
    CANH_CAO = "canh_cao", "Cảnh cáo"
    HA_BAC_LUONG = "ha_bac_luong", "Hạ bậc lương"
    GIANG_CAP_BAC = "giang_cap_bac", "Giáng cấp bậc quân hàm"
    GIANG_CHUC = "giang_chuc", "Giáng chức"
    CACH_CHUC = "cach_chuc", "Cách chức"
    TUOC_QUAN_HAM = "tuoc_quan_ham", "Tước quân hàm sĩ quan"
    TUOC_DANH_HIEU = "tuoc_danh_hieu", "Tước danh hiệu quân nhân"


class ReviewKind(models.TextChoices):
    """Proceedings that block commendation while open (ND 98/2023 Art. 4(4), DOMAIN.md P4)."""

    DISCIPLINE = "xem_xet_ky_luat", "Đang xem xét kỷ luật"
    INVESTIGATION = "dieu_tra", "Đang bị điều tra"
    INSPECTION = "thanh_tra", "Đang thanh tra, kiểm tra"
    COMPLAINT = "khieu_nai", "Đang xác minh khiếu nại, tố cáo"


class LeaveKind(models.TextChoices):
    """Absences that still count as working time for titles (P5, P7) and short courses (P9)."""

    MATERNITY = "thai_san", "Nghỉ thai sản"
    TREATMENT = "dieu_tri", "Điều trị, điều dưỡng do thương tích khi làm nhiệm vụ"
    SHORT_COURSE = "hoc_ngan_han", "Học tập, bồi dưỡng ngắn hạn (< 1 năm)"


class RecordSource(models.TextChoices):
    MANUAL = "nhap_tay", "Nhập tay"
    IMPORT = "nhap_excel", "Nhập từ Excel"
    DECISION = "quyet_dinh", "Từ quyết định khen thưởng"
    DEMO = "du_lieu_mau", "Dữ liệu mẫu"
