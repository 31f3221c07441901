"""URLs of the core app: sign-in and sign-out, home, notifications, API tokens, background jobs, audit pages."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import job_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(template_name="registration/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("ma-truy-cap/", views.token_list, name="token_list"),
    path("ma-truy-cap/<int:pk>/thu-hoi/", views.token_revoke, name="token_revoke"),
    path("cong-viec/", job_views.job_list, name="job_list"),
    path("cong-viec/<int:pk>/", job_views.job_detail, name="job_detail"),
    path("cong-viec/<int:pk>/trang-thai/", job_views.job_status, name="job_status"),
    path("cong-viec/<int:pk>/huy/", job_views.job_cancel, name="job_cancel"),
    path("cong-viec/<int:pk>/chay-lai/", job_views.job_rerun, name="job_rerun"),
    path("thong-bao/", views.notification_list, name="notification_list"),
    path("thong-bao/<int:pk>/doc/", views.notification_read, name="notification_read"),
    path("thong-bao/doc-tat-ca/", views.notification_read_all, name="notification_read_all"),
    path("nhat-ky/don-vi/<int:pk>/", views.audit_unit, name="audit_unit"),
    path("nhat-ky/<str:target_type>/<str:target_id>/", views.audit_object, name="audit_object"),
]
