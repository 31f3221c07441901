"""URLs of the users slice (under /tai-khoan/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("doi-mat-khau/", views.OwnPasswordChangeView.as_view(), name="password_change"),
    path("nguoi-dung/", views.user_list, name="user_list"),
    path("nguoi-dung/them/", views.user_create, name="user_create"),
    path("nguoi-dung/nhap/", views.user_import, name="user_import"),
    path("nguoi-dung/nhap/tep-mau/", views.user_import_template, name="user_import_template"),
    path("nguoi-dung/nhap/mat-khau/", views.user_import_passwords, name="user_import_passwords"),
    path("nguoi-dung/<int:pk>/", views.user_detail, name="user_detail"),
    path("nguoi-dung/<int:pk>/sua/", views.UserEditView.as_view(), name="user_edit"),
    path("nguoi-dung/<int:pk>/khoa/", views.user_deactivate, name="user_deactivate"),
    path("nguoi-dung/<int:pk>/mo-khoa/", views.user_reactivate, name="user_reactivate"),
    path("nguoi-dung/<int:pk>/dat-lai-mat-khau/", views.user_password_reset, name="user_password_reset"),
    path("nguoi-dung/<int:pk>/phan-quyen/", views.RoleAssignView.as_view(), name="role_assign"),
    path("nguoi-dung/<int:pk>/phan-quyen/<int:assignment_pk>/ket-thuc/", views.RoleEndView.as_view(), name="role_end"),
]
