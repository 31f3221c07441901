"""Excel import of past records: template headers, happy path, all-or-nothing with a row-by-row report, bad files."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from thidua.records import importer
from thidua.records.models import Achievement, AwardRecord, PersonRating
from thidua.records.template import COLUMNS, HEADER_ROW, SHEET

HEADERS = [c.header for c in COLUMNS]


def xlsx(rows: list[list], headers: list[str] | None = None, title_rows: int = 2) -> bytes:
    """A workbook like the real lists: a title, a blank line, the header row, then the data rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(["DANH SÁCH THÀNH TÍCH"])
    for _ in range(title_rows - 1):
        ws.append([])
    ws.append(headers or HEADERS)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def row(**values) -> list:
    keys = [c.key for c in COLUMNS]
    return [values.get(k) for k in keys]


@pytest.fixture
def world(people, awards, users):
    return people, awards, users


def test_template_headers_follow_the_real_lists(awards, users, client):
    client.force_login(users.officer)
    response = client.get(reverse("records_import_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb[SHEET]
    headers = [cell.value for cell in ws[HEADER_ROW]]
    assert headers[:8] == ["STT", "Họ và tên", "Ngày sinh", "Cấp bậc", "Chức vụ", "Đơn vị", "Số CCCD", "Năm"]
    for needed in (
        "Mức độ hoàn thành nhiệm vụ",
        "Số quyết định",
        "Ngày quyết định",
        "Sáng kiến/đề tài",
        "Cấp công nhận",
    ):
        assert needed in headers
    names = [c.value for c in wb["DANHMUC"]["A"]]
    assert "Chiến sĩ thi đua cơ sở" in names


def test_happy_path(world):
    people, awards, users = world
    data = xlsx(
        [
            row(
                stt=1,
                full_name="Nguyễn Việt Hùng",
                cccd="001065000123",
                year=2023,
                rating="Hoàn thành xuất sắc nhiệm vụ",
                award="Chiến sĩ thi đua cơ sở",
                decision_ref="QĐ 12/QĐ-TC",
                decided_on="15/01/2024",
                achievement="Gá kẹp nhanh",
                level="Cơ sở",
            ),
            # Matched without CCCD: name (other tone placement: Hoà/Hòa) + birth date + unit short name.
            row(
                stt=2,
                full_name="TRẦN THỊ HÒA",
                date_of_birth=dt.date(1988, 3, 2),
                unit="Z111",
                year=2024,
                rating="HTTNV",
                award="CSTT",
            ),
            row(
                stt=3,
                full_name="Trần Thị Hoà",
                date_of_birth="02/03/1988",
                unit="Nhà máy Z111",
                year=2023,
                achievement="Đề tài vật liệu mới",
                achievement_kind="Đề tài, công trình khoa học",
                level="toàn quân",
            ),
            # A CCCD typed into a number cell loses its leading zeros.
            row(stt=4, full_name="Nguyễn Việt Hùng", cccd=1065000123, year=2024, rating="httnv"),
        ]
    )
    report = importer.import_records(actor=users.officer, name="thanh-tich.xlsx", data=data)
    assert report.ok, report.errors
    assert (report.rows, report.ratings, report.awards, report.achievements) == (4, 3, 2, 2)
    record = AwardRecord.objects.get(person=people.hung)
    assert (record.year, record.decision_ref, record.decided_on, record.source) == (
        2023,
        "QĐ 12/QĐ-TC",
        dt.date(2024, 1, 15),
        "nhap_excel",
    )
    assert Achievement.objects.get(person=people.worker).level == "toan_quan"
    assert PersonRating.objects.filter(person=people.hung).count() == 2


def test_all_or_nothing_with_report(world, client):
    people, awards, users = world
    rows = [
        row(full_name="Nguyễn Việt Hùng", cccd="001065000123", year=2024, rating="HTXSNV", award="CSTĐCS"),  # line 4
        row(full_name="Nguyễn Việt Hùng", cccd="001065000123", year=2023, rating="httnv"),  # line 5: fine
        row(full_name="Trần Thị Hoà", date_of_birth="31/02/1980", unit="Z111", year=2024, rating="httnv"),  # 6
        row(full_name="Lê Văn Không", date_of_birth="01/01/1980", unit="Z111", year=2024, rating="httnv"),  # 7
        row(full_name="Nguyễn Việt Hùng", cccd="001065000123", year=2024, award="Chiến sĩ tiên tiến"),  # 8
        row(full_name="Ngô Quang Phúc", date_of_birth="01/01/1968", unit="TCCT", year=2024, rating="httnv"),  # 9
        row(full_name="Nguyễn Việt Hùng", cccd="001065000123", year=2022, achievement="Sáng kiến X"),  # 10
        row(full_name="Nguyễn Việt Hùng", cccd="001065000123", year=2022, award="Huân chương Mặt Trăng"),  # 11
    ]
    client.force_login(users.officer)
    upload = io.BytesIO(xlsx(rows))
    upload.name = "thanh-tich.xlsx"
    response = client.post(reverse("records_import"), {"file": upload})
    assert response.status_code == 200
    errors = response.context["report"].errors
    text = "\n".join(errors)
    assert "Dòng 6, cột «Ngày sinh»: Ngày không hợp lệ: 31/02/1980" in text
    # Parse errors stop the file before any lookup: fix them and the lookups are reported next.
    assert not PersonRating.objects.exists() and not AwardRecord.objects.exists()
    rows[2] = row(full_name="Trần Thị Hoà", date_of_birth="02/03/1988", unit="Z111", year=2024, rating="httnv")
    report = importer.import_records(actor=users.officer, name="a.xlsx", data=xlsx(rows))
    text = "\n".join(report.errors)
    assert "Dòng 7: không tìm thấy cán bộ «Lê Văn Không»" in text
    assert "Dòng 8, cột «Danh hiệu thi đua/Hình thức khen thưởng»: trùng danh hiệu cùng nhóm trong năm 2024" in text
    assert "Dòng 9: không tìm thấy cán bộ «Ngô Quang Phúc»" in text  # out of the officer's scope
    assert "Dòng 10, cột «Cấp công nhận»: sáng kiến/đề tài «Sáng kiến X» chưa có cấp công nhận" in text
    assert "Dòng 11, cột «Danh hiệu thi đua/Hình thức khen thưởng»: Không có danh hiệu" in text
    assert not any(e.startswith(("Dòng 4", "Dòng 5", "Dòng 6")) for e in report.errors)
    assert not PersonRating.objects.exists() and not AwardRecord.objects.exists() and not Achievement.objects.exists()
    assert (report.ratings, report.awards) == (0, 0)


def test_header_variants_are_accepted(world):
    people, _, users = world
    headers = ["TT", "Họ và tên\n", "Số CCCD (nếu có)", "Năm ", "Danh hiệu thi đua / Hình thức khen thưởng"]
    data = xlsx([[1, "Nguyễn Việt Hùng", "001065000123", 2021, "Chiến sĩ tiên tiến"]], headers=headers, title_rows=1)
    report = importer.import_records(actor=users.officer, name="DS.XLSX", data=data)
    assert report.ok, report.errors
    assert AwardRecord.objects.get().award.code == "CSTT"


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("ds.xls", b"PK\x03\x04rest", "Chỉ nhận tệp Excel .xlsx"),
        ("ds.xlsx", b"<html>not excel</html>", "không phải là tệp Excel"),
        ("ds.xlsx", b"PK\x03\x04garbage", "không phải là tệp Excel"),
        ("ds.xlsx", b"PK\x03\x04" + b"0" * (importer.MAX_BYTES + 1), "Tệp quá lớn"),
    ],
)
def test_bad_files_refused(world, name, data, message):
    _, _, users = world
    with pytest.raises(importer.ImportRefused) as info:
        importer.import_records(actor=users.officer, name=name, data=data)
    assert message in str(info.value)


def test_zip_without_workbook_and_missing_header(world):
    _, _, users = world
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "x")
    with pytest.raises(importer.ImportRefused):
        importer.import_records(actor=users.officer, name="a.xlsx", data=buffer.getvalue())
    data = xlsx([["a", "b"]], headers=["Cột 1", "Cột 2"])
    with pytest.raises(importer.ImportRefused, match="dòng tiêu đề"):
        importer.import_records(actor=users.officer, name="a.xlsx", data=data)


def test_import_page_refuses_non_xlsx_upload(world, client):
    _, _, users = world
    client.force_login(users.officer)
    upload = io.BytesIO(b"MZ\x90\x00 binary")
    upload.name = "virus.exe"
    response = client.post(reverse("records_import"), {"file": upload})
    assert response.status_code == 200
    assert "Chỉ nhận tệp Excel .xlsx" in response.content.decode()


def test_import_page_needs_change_scope(world, client):
    _, _, users = world
    client.force_login(users.viewer)
    assert client.get(reverse("records_import")).status_code == 404
    assert client.get(reverse("records_import_template")).status_code == 404


# --- the import as a background job ----------------------------------------------------------------------------------


def _upload(rows):
    upload = io.BytesIO(xlsx(rows))
    upload.name = "thanh-tich.xlsx"
    return upload


def _ratings(n: int) -> list[list]:
    return [row(full_name="Nguyễn Việt Hùng", cccd="001065000123", year=2024 - i, rating="httnv") for i in range(n)]


def test_with_workers_the_page_follows_the_job_and_shows_its_report(world, client, settings):
    """Queued for a worker: the upload opens the job's page; "Xem kết quả" comes back to the report."""
    from thidua.core.jobs import job_run
    from thidua.core.models import Job

    settings.THIDUA_JOBS_INLINE = False
    _, _, users = world
    client.force_login(users.officer)
    response = client.post(reverse("records_import"), {"file": _upload(_ratings(3))})
    job = Job.objects.get(kind=importer.IMPORT_JOB)
    assert response["Location"] == reverse("job_detail", args=[job.pk]) and not PersonRating.objects.exists()
    job = job_run(job)
    assert job.status == "done" and not importer.upload_path(job.pk).exists()  # saved: the upload is deleted
    page = client.get(job.result["url"])
    assert page.context["report"].ratings == 3 and PersonRating.objects.count() == 3
    client.force_login(users.outsider)  # someone else's import job is not confirmed to exist
    assert client.get(job.result["url"]).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_import_saves_nothing_and_the_rerun_saves_all(people, users, settings):
    """A worker SIGKILLed inside the import's transaction leaves no row; the next worker fails the job with the
    Vietnamese reason; "Chạy lại" reads the kept upload again and saves every row."""
    from tests.core.worker_process import kill, start_worker, stop, wait_for
    from thidua.core import services as core_services
    from thidua.core.models import Job

    settings.THIDUA_JOBS_INLINE = False
    settings.MEDIA_ROOT = settings.DATA_DIR / "media"  # where the worker process keeps uploads too
    first = start_worker(THIDUA_JOB_TEST_DELAY="0.5")
    try:
        job = importer.import_start(actor=users.officer, name="thanh-tich.xlsx", data=xlsx(_ratings(40)))
        wait_for(lambda: Job.objects.get(pk=job.pk).total == 40, 30, "the import to start its rows", first)
        time.sleep(1.2)  # a few checkpoints into the transaction (0.5 s each, every 10 rows)
        kill(first)
    finally:
        stop(first)
    assert Job.objects.get(pk=job.pk).status == "running" and not PersonRating.objects.exists()
    second = start_worker()
    try:
        wait_for(lambda: Job.objects.get(pk=job.pk).status == "failed", 20, "the reaper", second)
        assert "Tiến trình xử lý đã dừng đột ngột" in Job.objects.get(pk=job.pk).log
        assert not PersonRating.objects.exists()
        again = core_services.job_rerun(actor=users.officer, job=Job.objects.get(pk=job.pk))
        wait_for(lambda: Job.objects.get(pk=again.pk).status == "done", 30, "the re-run", second)
    finally:
        stop(second)
    assert Job.objects.get(pk=again.pk).result["report"]["ratings"] == 40 and PersonRating.objects.count() == 40


# --- every error of a row, duplicates, control characters, where the import lives and what it links to ------------

HUNG = {"full_name": "Nguyễn Việt Hùng", "cccd": "001065000123"}


def test_every_error_of_a_row_is_reported_and_lookups_of_other_rows_too(world):
    _, _, users = world
    rows = [
        # line 4: three bad cells and a level without an achievement
        row(
            full_name="Trần Thị Hoà", date_of_birth="31/02/1980", unit="Z111", year="20x4", rating="Giỏi", level="co so"
        ),
        row(full_name="Lê Văn Không", date_of_birth="01/01/1980", unit="Z111", year=2024, rating="httnv"),  # line 5
        row(**HUNG, year=2023, rating="HTXSNV", award="Không có", achievement="Sáng kiến X"),  # line 6: award and level
    ]
    report = importer.import_records(actor=users.officer, name="a.xlsx", data=xlsx(rows))
    line4 = [e for e in report.errors if e.startswith("Dòng 4")]
    assert any(e.startswith("Dòng 4, cột «Ngày sinh»: Ngày không hợp lệ: 31/02/1980") for e in line4)
    assert "Dòng 4, cột «Năm»: Năm không hợp lệ: 20x4" in line4
    assert "Dòng 4, cột «Mức độ hoàn thành nhiệm vụ»: Giá trị không hợp lệ: Giỏi" in line4
    assert "Dòng 4, cột «Sáng kiến/đề tài»: có Cấp công nhận nhưng chưa có tên sáng kiến/đề tài" in line4
    assert any(e.startswith("Dòng 5: không tìm thấy cán bộ «Lê Văn Không»") for e in report.errors)
    line6 = [e for e in report.errors if e.startswith("Dòng 6")]
    assert len(line6) == 2
    assert "Không có danh hiệu, hình thức «Không có»" in line6[0]
    assert "«Sáng kiến X» chưa có cấp công nhận" in line6[1]
    assert [int(e.split()[1].rstrip(",:")) for e in report.errors] == sorted(
        int(e.split()[1].rstrip(",:")) for e in report.errors
    )
    assert not PersonRating.objects.exists() and (report.ratings, report.awards) == (0, 0)


def test_duplicate_rows_of_a_file_are_refused_naming_both_rows(world):
    people, _, users = world
    rows = [
        row(**HUNG, year=2024, rating="httnv"),  # line 4
        row(**HUNG, year=2023, rating="httnv"),  # line 5
        row(full_name="Nguyễn Viet Hung", cccd="001065000123", year=2024, rating="htxsnv"),  # line 6: same as 4
        row(**HUNG, year=2024, award="Chiến sĩ tiên tiến"),  # line 7
        row(**HUNG, year=2024, award="CSTT"),  # line 8: the same award again
        row(**HUNG, year=2022, achievement="Gá kẹp", level="co so"),  # line 9
        row(**HUNG, year=2022, achievement="GÁ KẸP", level="toan quan"),  # line 10: the same initiative
    ]
    report = importer.import_records(actor=users.officer, name="a.xlsx", data=xlsx(rows))
    text = "\n".join(report.errors)
    assert (
        "Dòng 6, cột «Mức độ hoàn thành nhiệm vụ»: trùng với dòng 4 (cùng cán bộ, năm 2024, mức độ hoàn thành "
        "nhiệm vụ); mỗi việc chỉ ghi một dòng" in text
    )
    assert "Dòng 8, cột «Danh hiệu thi đua/Hình thức khen thưởng»: trùng với dòng 7" in text
    assert "Dòng 10, cột «Sáng kiến/đề tài»: trùng với dòng 9" in text
    assert len(report.errors) == 3
    assert not PersonRating.objects.exists() and not AwardRecord.objects.exists()


def test_five_thousand_copies_of_one_row_save_nothing(world):
    _, _, users = world
    rows = [row(**HUNG, year=2024, rating="httnv")] * 200
    report = importer.import_records(actor=users.officer, name="a.xlsx", data=xlsx(rows))
    assert len(report.errors) == 199 and report.errors[0].startswith("Dòng 5, cột «Mức độ hoàn thành nhiệm vụ»")
    assert "trùng với dòng 4" in report.errors[-1] and not PersonRating.objects.exists()


def test_control_characters_are_refused_with_row_and_column(world):
    """Excel stores a control character in a cell as ``_xHHHH_``, which the reader turns back into the character."""
    _, _, users = world
    rows = [
        row(full_name="Nguyễn Việt_x0000_ Hùng", cccd="001065000123", year=2024, rating="httnv"),  # line 4
        row(**HUNG, year=2023, rating="httnv", decision_ref="QĐ_x0007_ 12\x7f", award="Không có"),  # line 5
        row(**HUNG, year=2022, achievement="Gá kẹp\nnhanh\tgọn", level="co so"),  # line 6: allowed here
        row(**HUNG, year=2021, rating="httnv\n"),  # line 7: not in a single-line column
    ]
    report = importer.import_records(actor=users.officer, name="a.xlsx", data=xlsx(rows))
    assert report.errors == [
        "Dòng 4, cột «Họ và tên»: có ký tự điều khiển không được phép (U+0000); hãy gõ lại ô này",
        "Dòng 5, cột «Số quyết định»: có ký tự điều khiển không được phép (U+0007, U+007F); hãy gõ lại ô này",
        # the row's other cells are still looked up, so this error does not wait for the next upload
        "Dòng 5, cột «Danh hiệu thi đua/Hình thức khen thưởng»: Không có danh hiệu, hình thức «Không có» trong "
        "danh mục khen thưởng",
        "Dòng 7, cột «Mức độ hoàn thành nhiệm vụ»: có ký tự điều khiển không được phép (U+000A); hãy gõ lại ô này",
    ]
    assert not PersonRating.objects.exists() and not Achievement.objects.exists()
    assert importer.import_control_characters("a\tb\nc", multiline=True) == []
    assert importer.import_control_characters("a\x1fb\x1f", multiline=True) == ["U+001F"]
    assert importer.import_control_characters(2024) == []


def test_import_from_the_unit_page_links_to_what_was_imported(world, client):
    people, _, users = world
    tree_unit = people.worker.unit
    client.force_login(users.officer)
    url = f"{reverse('records_import')}?don_vi={tree_unit.pk}"
    page = client.get(url)
    assert page.status_code == 200 and reverse("unit_records", args=[tree_unit.pk]) in page.content.decode()
    rows = [
        row(**HUNG, year=2023, rating="httnv", award="Chiến sĩ tiên tiến"),
        row(full_name="Trần Thị Hoà", date_of_birth="02/03/1988", unit="Z111", year=2024, rating="htxsnv"),
    ]
    response = client.post(url, {"file": _upload(rows)})
    assert response.status_code == 200
    report = response.context["report"]
    assert report.ok and report.years == [2023, 2024]
    assert report.people == [[people.hung.pk, "Nguyễn Việt Hùng"], [people.worker.pk, "Trần Thị Hoà"]]
    body = response.content.decode()
    assert "Đã nhập 2 dòng: 2 đánh giá, 1 danh hiệu/khen thưởng, 0 sáng kiến, đề tài (năm 2023, 2024)." in body
    assert reverse("person_records", args=[people.hung.pk]) in body
    assert reverse("person_records", args=[people.worker.pk]) in body
    assert f"{reverse('award_record_list')}?tu_nam=2023&amp;den_nam=2024&amp;source=nhap_excel" in body
    assert f'href="{reverse("unit_records", args=[tree_unit.pk])}"' in body
    assert reverse("job_detail", args=[response.context["job"].pk]) in body
    # A unit out of scope (or not a number) is a 404.
    client.force_login(users.outsider)
    assert client.get(url).status_code == 404
    assert client.get(f"{reverse('records_import')}?don_vi=abc").status_code == 404
