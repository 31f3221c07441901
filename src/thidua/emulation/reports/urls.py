"""URLs of review periods, unit reports and the central report (Vietnamese paths without diacritics)."""

from django.urls import path

from . import views

urlpatterns = [
    path("ky-bao-cao/", views.period_list, name="period_list"),
    path("ky-bao-cao/mo-ky/", views.PeriodCreateView.as_view(), name="period_create"),
    path("ky-bao-cao/mau-chi-tieu/", views.template_list, name="indicator_template_list"),
    path("ky-bao-cao/<int:pk>/", views.period_detail, name="period_detail"),
    path("ky-bao-cao/<int:pk>/gia-han/", views.PeriodExtendView.as_view(), name="period_extend"),
    path("ky-bao-cao/<int:pk>/khoa/", views.PeriodCloseView.as_view(), name="period_close"),
    path("ky-bao-cao/<int:pk>/bao-cao-trung-tam.docx", views.central_report, name="period_central_report"),
    path("ky-bao-cao/<int:pk>/don-vi/<int:unit_pk>/", views.unit_report_edit, name="unit_report_edit"),
    path("bao-cao-don-vi/", views.unit_report_list, name="unit_report_list"),
    path("bao-cao-don-vi/<int:pk>/", views.unit_report_detail, name="unit_report_detail"),
    path("bao-cao-don-vi/<int:pk>/tep-dinh-kem/", views.unit_report_attachment, name="unit_report_attachment"),
]
