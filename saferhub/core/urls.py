from django.urls import path

from saferhub.core import views
from saferhub.core.signin import views as signin_views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("brand.css", views.brand_css, name="brand-css"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.logout_view, name="logout"),
    path("accounts/second-factor/", signin_views.verify, name="second-factor"),
    path("accounts/second-factor/set-up/", signin_views.setup, name="second-factor-setup"),
    path("accounts/recovery-codes/", signin_views.recovery_codes, name="recovery-codes"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
