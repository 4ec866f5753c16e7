from django.urls import path

from saferhub.asb.views import apply, public, staff

app_name = "asb"

urlpatterns = [
    # Public: the application, statistics and learning (no sign-in)
    path("asb-case-review/apply/", apply.start, name="apply-start"),
    path("asb-case-review/apply/incidents/", apply.incidents, name="apply-incidents"),
    path("asb-case-review/apply/incidents/add/", apply.incident, name="apply-incident"),
    path("asb-case-review/apply/incidents/<int:index>/", apply.incident, name="apply-incident-edit"),
    path("asb-case-review/apply/incidents/<int:index>/remove/", apply.incident_remove, name="apply-incident-remove"),
    path("asb-case-review/apply/upload/", apply.upload, name="apply-upload"),
    path("asb-case-review/apply/check/", apply.check, name="apply-check"),
    path("asb-case-review/apply/sent/", apply.confirmation, name="apply-confirmation"),
    path("asb-case-review/apply/<slug:slug>/", apply.question, name="apply-step"),
    path("asb-case-review/statistics/", public.statistics, name="statistics"),
    path("asb-case-review/statistics.csv", public.statistics_csv, name="statistics-csv"),
    path("asb-case-review/learning/", public.learning, name="learning"),
    # Staff
    path("asb/", staff.dashboard, name="dashboard"),
    path("asb/triage/", staff.triage_queue, name="triage"),
    path("asb/cases/", staff.case_list, name="case-list"),
    path("asb/reports/", staff.reports, name="reports"),
    path("asb/letter-templates/", staff.letter_templates, name="letter-templates"),
    path("asb/letter-templates/<slug:letter>/", staff.letter_template_preview, name="letter-template"),
    path("asb/cases/new/", staff.case_new, name="case-new"),
    path("asb/cases/<int:pk>/", staff.case_detail, name="case"),
    path("asb/cases/<int:pk>/history/", staff.case_history, name="case-history"),
    path("asb/cases/<int:pk>/documents/<int:doc>/", staff.document_download, name="document"),
    path("asb/cases/<int:pk>/<slug:section>/", staff.case_post, name="case-post"),
]
