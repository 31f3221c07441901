"""URLs of movements, registrations, pacts and the emulation calendar (Vietnamese paths without diacritics)."""

from django.urls import path

from . import views

urlpatterns = [
    path("phong-trao/", views.movement_list, name="movement_list"),
    path("phong-trao/them/", views.MovementCreateView.as_view(), name="movement_create"),
    path("phong-trao/<int:pk>/", views.movement_detail, name="movement_detail"),
    path("phong-trao/<int:pk>/sua/", views.MovementEditView.as_view(), name="movement_edit"),
    path("phong-trao/<int:pk>/van-ban/them/", views.MovementDocumentAddView.as_view(), name="movement_document_add"),
    path(
        "phong-trao/<int:pk>/van-ban/<int:doc_pk>/tai-ve/",
        views.movement_document_download,
        name="movement_document_download",
    ),
    path("phong-trao/<int:pk>/phat-dong/", views.MovementLaunchView.as_view(), name="movement_launch"),
    path("phong-trao/<int:pk>/ket-thuc/", views.MovementCloseView.as_view(), name="movement_close"),
    path("dang-ky-thi-dua/", views.registration_list, name="registration_list"),
    path("dang-ky-thi-dua/them/", views.RegistrationCreateView.as_view(), name="registration_create"),
    path("dang-ky-thi-dua/<int:pk>/", views.registration_detail, name="registration_detail"),
    path("dang-ky-thi-dua/<int:pk>/sua/", views.RegistrationEditView.as_view(), name="registration_edit"),
    path("dang-ky-thi-dua/<int:pk>/gui/", views.RegistrationSubmitView.as_view(), name="registration_submit"),
    path("dang-ky-thi-dua/<int:pk>/duyet/", views.RegistrationApproveView.as_view(), name="registration_approve"),
    path("dang-ky-thi-dua/<int:pk>/tra-lai/", views.RegistrationReturnView.as_view(), name="registration_return"),
    path("don-vi/<int:pk>/dang-ky-thi-dua/", views.registration_rollup, name="registration_rollup"),
    path("giao-uoc-thi-dua/", views.pact_list, name="pact_list"),
    path("giao-uoc-thi-dua/them/", views.PactCreateView.as_view(), name="pact_create"),
    path("giao-uoc-thi-dua/<int:pk>/", views.pact_detail, name="pact_detail"),
    path("giao-uoc-thi-dua/<int:pk>/ky/", views.PactSignView.as_view(), name="pact_sign"),
    path("lich-thi-dua/", views.emulation_calendar, name="emulation_calendar"),
]
