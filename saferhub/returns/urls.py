from django.urls import path

from saferhub.returns import views

app_name = "returns"

urlpatterns = [
    path("returns/", views.index, name="index"),
    path("returns/prevent/", views.prevent, name="prevent"),
    path("returns/prevent/exercises/<id:pk>/", views.exercise, name="exercise"),
    path("returns/submissions/<id:pk>/", views.submission, name="submission"),
    path("returns/submissions/<id:pk>/submit/", views.submit, name="submit"),
    path("returns/<slug:slug>/", views.dashboard, name="dashboard"),
    path("returns/<slug:slug>/export.csv", views.export, name="export"),
    path("returns/<slug:slug>/export.xlsx", views.export_xlsx, name="export-xlsx"),
    path("returns/<slug:slug>/enter/", views.enter, name="enter"),
    path("returns/<slug:slug>/upload/", views.upload, name="upload"),
]
