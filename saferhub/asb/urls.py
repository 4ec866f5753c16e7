from django.urls import path

from saferhub.asb.views import apply, case, case_steps, letter_templates, public, staff

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
    path("asb/letter-templates/", letter_templates.letter_templates, name="letter-templates"),
    path("asb/letter-templates/<slug:letter>/", letter_templates.letter_template_preview, name="letter-template"),
    path("asb/cases/new/", staff.case_new, name="case-new"),
    path("asb/cases/<id:pk>/", case.case_detail, name="case"),
    path("asb/cases/<id:pk>/history/", case.case_history, name="case-history"),
    path("asb/cases/<id:pk>/documents/<id:doc>/", case.document_download, name="document"),
    path("asb/cases/<id:pk>/<slug:section>/", case_steps.case_post, name="case-post"),
]
