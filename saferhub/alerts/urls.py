from django.urls import path

from saferhub.alerts import views

app_name = "alerts"

urlpatterns = [
    path("alerts/", views.subscribe, name="subscribe"),
    path("alerts/check-your-email/", views.check_email, name="check-email"),
    path("alerts/confirm/<str:token>/", views.confirm, name="confirm"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("alerts/unsubscribe-all/<str:token>/", views.unsubscribe_all, name="unsubscribe-all"),
    path("alerts/manage/", views.manage_request, name="manage-request"),
    path("alerts/manage/<str:token>/", views.manage, name="manage"),
    path("alerts/staff/unsubscribe/<str:token>/", views.staff_unsubscribe, name="staff-unsubscribe"),
    path("dashboard/notifications/", views.staff_settings, name="staff-settings"),
]
