from django.urls import path

from saferhub.returns import views, views_channel, views_logs

app_name = "returns"

urlpatterns = [
    path("returns/", views.index, name="index"),
    path("returns/prevent/", views.prevent, name="prevent"),
    path("returns/prevent/exercises/<id:pk>/", views.exercise, name="exercise"),
    path("returns/channel-panel-attendance/", views_channel.summary, name="channel"),
    path("returns/channel-panel-attendance/summary.csv", views_channel.summary_csv, name="channel-csv"),
    path("returns/tensions/", views_logs.tensions, name="tensions"),
    path("returns/tensions/new/", views_logs.tension_new, name="tension-new"),
    path("returns/tensions/figures/", views_logs.tension_figures, name="tension-figures"),
    path("returns/tensions/<id:pk>/", views_logs.tension, name="tension"),
    path("returns/reporting-centres/", views_logs.centres, name="centres"),
    path("returns/reporting-centres/<id:pk>/", views_logs.centre, name="centre"),
    path("returns/submissions/<id:pk>/", views.submission, name="submission"),
    path("returns/submissions/<id:pk>/submit/", views.submit, name="submit"),
    path("returns/<slug:slug>/", views.dashboard, name="dashboard"),
    path("returns/<slug:slug>/export.csv", views.export, name="export"),
    path("returns/<slug:slug>/export.xlsx", views.export_xlsx, name="export-xlsx"),
    path("returns/<slug:slug>/enter/", views.enter, name="enter"),
    path("returns/<slug:slug>/upload/", views.upload, name="upload"),
]
