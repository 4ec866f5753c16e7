"""URL configuration."""

from django.contrib import admin
from django.urls import include, path

from saferhub.api import api

urlpatterns = [
    path("", include("saferhub.core.urls")),
    path("", include("saferhub.governance.urls")),
    path("", include("saferhub.papers.urls")),
    path("", include("saferhub.groups.urls")),
    path("", include("saferhub.delivery.urls")),
    path("", include("saferhub.importer.urls")),
    path("", include("saferhub.search.urls")),
    path("", include("saferhub.asb.urls")),
    path("", include("saferhub.dhr.urls")),
    path("", include("saferhub.returns.urls")),
    path("", include("saferhub.consultations.urls")),
    path("", include("saferhub.opendata.urls")),
    path("", include("saferhub.alerts.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "saferhub.core.views.bad_request"
handler403 = "saferhub.core.views.permission_denied"
handler404 = "saferhub.core.views.page_not_found"
handler500 = "saferhub.core.views.server_error"
