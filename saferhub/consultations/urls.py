from django.urls import path

from saferhub.consultations.views import public, staff

app_name = "consultations"

urlpatterns = [
    path("consultations/", public.index, name="index"),
    path("consultations/<slug:slug>/", public.start, name="start"),
    path("consultations/<slug:slug>/questions/<slug:key>/", public.question, name="question"),
    path("consultations/<slug:slug>/check/", public.check, name="check"),
    path("consultations/<slug:slug>/complete/", public.complete, name="complete"),
    path("consultations/<slug:slug>/discard/", public.discard, name="discard"),
    path("consultations/<slug:slug>/results/", public.results, name="results"),
    path("consultations/<slug:slug>/results.pdf", public.results_pdf, name="results-pdf"),
    path("surveys/", staff.index, name="staff-index"),
    path("surveys/new/", staff.create, name="create"),
    path("surveys/<slug:slug>/", staff.detail, name="detail"),
    path("surveys/<slug:slug>/dates/", staff.schedule, name="schedule"),
    path("surveys/<slug:slug>/open/", staff.open_survey, name="open"),
    path("surveys/<slug:slug>/sections/add/", staff.add_section, name="add-section"),
    path("surveys/<slug:slug>/questions/add/", staff.add_question, name="add-question"),
    path("surveys/<slug:slug>/paper/", staff.paper, name="paper"),
    path("surveys/<slug:slug>/results/", staff.results, name="staff-results"),
    path("surveys/<slug:slug>/results.pdf", staff.results_pdf, name="staff-results-pdf"),
    path("surveys/<slug:slug>/publish/", staff.publish, name="publish"),
    path("surveys/<slug:slug>/questions/<slug:key>/coding/", staff.coding, name="coding"),
]
