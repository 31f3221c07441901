"""URLs of the records app (Vietnamese paths without diacritics)."""

from django.urls import path

from . import views

urlpatterns = [
    path("can-bo/<int:pk>/thanh-tich/", views.person_records, name="person_records"),
    path("can-bo/<int:pk>/thanh-tich/danh-gia/", views.PersonRatingView.as_view(), name="person_rating_set"),
    path("can-bo/<int:pk>/thanh-tich/khen-thuong/", views.PersonAwardAddView.as_view(), name="person_award_add"),
    path("can-bo/<int:pk>/thanh-tich/sang-kien/", views.AchievementAddView.as_view(), name="achievement_add"),
    path("can-bo/<int:pk>/thanh-tich/ky-luat/", views.DisciplineAddView.as_view(), name="discipline_add"),
    path("can-bo/<int:pk>/thanh-tich/xem-xet/", views.ReviewAddView.as_view(), name="review_add"),
    path(
        "can-bo/<int:pk>/thanh-tich/xem-xet/<int:review_pk>/ket-thuc/",
        views.ReviewCloseView.as_view(),
        name="review_close",
    ),
    path("can-bo/<int:pk>/thanh-tich/nghi/", views.LeaveAddView.as_view(), name="leave_add"),
    path(
        "can-bo/<int:pk>/thanh-tich/<str:kind>/<int:record_pk>/sua/",
        views.PersonRecordEditView.as_view(),
        name="person_record_edit",
    ),
    path(
        "can-bo/<int:pk>/thanh-tich/<str:kind>/<int:record_pk>/xoa/",
        views.PersonRecordRemoveView.as_view(),
        name="person_record_remove",
    ),
    path("don-vi/<int:pk>/thanh-tich/", views.unit_records, name="unit_records"),
    path("don-vi/<int:pk>/thanh-tich/danh-gia/", views.UnitRatingView.as_view(), name="unit_rating_set"),
    path("don-vi/<int:pk>/thanh-tich/khen-thuong/", views.UnitAwardAddView.as_view(), name="unit_award_add"),
    path(
        "don-vi/<int:pk>/thanh-tich/<str:kind>/<int:record_pk>/sua/",
        views.UnitRecordEditView.as_view(),
        name="unit_record_edit",
    ),
    path(
        "don-vi/<int:pk>/thanh-tich/<str:kind>/<int:record_pk>/xoa/",
        views.UnitRecordRemoveView.as_view(),
        name="unit_record_remove",
    ),
    path("khen-thuong-da-nhan/", views.award_record_list, name="award_record_list"),
    path("nhap-thanh-tich/", views.records_import, name="records_import"),
    path("nhap-thanh-tich/tep-mau/", views.records_import_template, name="records_import_template"),
]
