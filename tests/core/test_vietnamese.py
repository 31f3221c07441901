"""Vietnamese whatever the browser (issue 9): Django's own messages, dd/mm/yyyy date fields, error pages with DEBUG
off, times in Asia/Ho_Chi_Minh and Vietnamese number formats in Excel."""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import Client
from django.urls import path, reverse

from thidua.config.urls import urlpatterns as site_urls
from thidua.core import xlsx
from thidua.core.forms import DateField
from thidua.core.models import User

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
UTC = dt.UTC
# 20:14 on 07/12 in UTC is 03:14 on 08/12 in Hanoi (UTC+7): the day differs.
LATE_UTC = dt.datetime(2026, 12, 7, 20, 14, tzinfo=UTC)
ENGLISH_TEXT = ("This field", "required", "Please", "Enter a valid", "Page not found", "Server Error", "Forbidden")


def _boom(request):
    raise RuntimeError("lỗi thử")


urlpatterns = [path("loi-thu/", _boom), *site_urls]


def assert_no_english(html: str) -> None:
    """No English word in the text a reader sees (tags and attributes such as ``required`` left out)."""
    text = re.sub(r"<[^>]*>", " ", html)
    found = [word for word in ENGLISH_TEXT if word in text]
    assert not found, f"English on the page: {found}"


# --- error pages ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_404_is_vietnamese_with_debug_off(client):
    assert settings.DEBUG is False
    response = client.get("/khong-co-trang-nay/", **ENGLISH)
    html = response.content.decode()
    assert response.status_code == 404 and "Không tìm thấy trang" in html
    assert_no_english(html)


@pytest.mark.django_db
def test_400_is_vietnamese_and_standalone(client):
    response = client.get("/", HTTP_HOST="ke-gian.example", **ENGLISH)
    html = response.content.decode()
    assert response.status_code == 400 and "Yêu cầu không hợp lệ" in html
    assert_no_english(html)


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_500_is_vietnamese_and_needs_no_context(client):
    client.raise_request_exception = False
    response = client.get("/loi-thu/", **ENGLISH)
    html = response.content.decode()
    assert response.status_code == 500 and "Đã xảy ra lỗi hệ thống" in html
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in html
    assert_no_english(html)


@pytest.mark.django_db
def test_refused_form_gets_the_vietnamese_csrf_page(tree):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "ai", "password": "x"}, **ENGLISH)
    html = response.content.decode()
    assert response.status_code == 403 and "Biểu mẫu đã hết hạn" in html
    assert_no_english(html)
    assert "CSRF verification failed" not in html


# --- Django's own messages -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_errors_are_vietnamese_for_an_english_browser(client, tree):
    User.objects.create_user("tieng_viet", password="Mat-khau-dung-123")
    wrong = client.post(reverse("login"), {"username": "tieng_viet", "password": "sai"}, **ENGLISH).content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in wrong
    empty = client.post(reverse("login"), {"username": "", "password": ""}, **ENGLISH).content.decode()
    assert "Trường này là bắt buộc." in empty
    assert_no_english(wrong + empty)


def test_project_catalogue_is_compiled_from_its_po_file(tmp_path):
    """The committed .mo says what the .po says (edit the .po, then run msgfmt: see the header of the .po)."""
    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt (gettext) is not installed")
    folder = Path(settings.LOCALE_PATHS[0]) / "vi" / "LC_MESSAGES"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(folder / "django.po")], check=True)
    assert (folder / "django.mo").read_bytes() == fresh.read_bytes()
    catalogue = gettext.GNUTranslations(fresh.open("rb"))
    assert catalogue.gettext("That page contains no results") == "Trang này không có kết quả"


# --- date fields ---------------------------------------------------------------------------------------------------


def _date_form(data=None):
    from django import forms

    class Form(forms.Form):
        on = DateField("Ngày")

    return Form(data)


@pytest.mark.parametrize("typed", ["08/12/2026", "8/12/2026", "08-12-2026", "08.12.2026", "2026-12-08"])
def test_date_fields_take_dd_mm_yyyy_and_iso(typed):
    form = _date_form({"on": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == dt.date(2026, 12, 8)


@pytest.mark.parametrize(
    ("typed", "why"),
    [("31/02/2026", "không có ngày này"), ("12/31/2026", "không có ngày này"), ("hôm qua", "ngày/tháng/năm")],
)
def test_a_wrong_date_is_refused_in_vietnamese(typed, why):
    form = _date_form({"on": typed})
    assert not form.is_valid()
    assert why in form.errors["on"][0] and "Ngày không hợp lệ" in form.errors["on"][0]


def test_date_fields_render_as_dd_mm_yyyy_text_with_the_picker():
    html = str(_date_form(None).__class__(initial={"on": dt.date(2026, 12, 8)})["on"])
    assert 'type="text"' in html and 'value="08/12/2026"' in html
    assert 'placeholder="dd/mm/yyyy"' in html and "data-date-picker" in html


@pytest.mark.django_db
def test_list_date_filters_take_dd_mm_yyyy(client, users, tree):
    from thidua.core.models import Job

    Job.objects.create(kind="thu", title="Việc hôm nay", created_by=users.officer, unit=tree.tc)
    client.force_login(users.officer)
    today = dt.date.today()
    shown = client.get(reverse("job_list"), {"tu_ngay": today.strftime("%d/%m/%Y")}).content.decode()
    assert f'value="{today:%d/%m/%Y}"' in shown and 'type="date"' not in shown and "Việc hôm nay" in shown
    later = client.get(reverse("job_list"), {"tu_ngay": (today + dt.timedelta(days=1)).strftime("%d/%m/%Y")})
    assert "Việc hôm nay" not in later.content.decode()


# --- times in Asia/Ho_Chi_Minh -------------------------------------------------------------------------------------


def test_date_filters_show_the_hanoi_day_of_a_late_utc_time():
    rendered = Template("{% load thidua %}{{ t|vn_short_date }}|{{ t|vn_datetime }}|{{ t|vn_date }}").render(
        Context({"t": LATE_UTC})
    )
    assert rendered == "08/12/2026|03:14 08/12/2026|ngày 08 tháng 12 năm 2026"


def _sheet_of(value, **extra):
    book, buffer = xlsx.open_book()
    fmt = xlsx.Formats(book)
    sheet = book.add_worksheet()
    xlsx.write_value(sheet, 0, 0, value, fmt)
    book.close()
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active


def test_excel_times_are_written_in_hanoi_time():
    cell = _sheet_of(dt.datetime(2026, 12, 7, 20, 11, tzinfo=UTC))["A1"]
    assert cell.value == dt.datetime(2026, 12, 8, 3, 11)
    assert cell.number_format == "dd/mm/yyyy hh:mm"


@pytest.mark.parametrize(
    ("value", "number_format"),
    [(1234567, "#,##0"), (99.1, "#,##0.0"), (2.675, "#,##0.000"), (12.0, "#,##0"), (Decimal("38.50"), "#,##0.0")],
)
def test_excel_numbers_are_numbers_with_grouped_formats(value, number_format):
    """Real numbers (they sum), with a grouped format: Excel draws 1.234.567 and 99,1 in a Vietnamese locale."""
    cell = _sheet_of(value)["A1"]
    assert cell.value == value and cell.number_format == number_format
