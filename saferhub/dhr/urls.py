from django.urls import path

from saferhub.dhr import views, views_extra, views_report

app_name = "dhr"

urlpatterns = [
    # Public: the published learning only
    path("domestic-homicide-reviews/learning/", views.learning, name="learning"),
    path("domestic-homicide-reviews/themes/", views_extra.themes, name="themes"),
    path("domestic-homicide-reviews/sub-panel-report/", views_extra.sub_panel_report, name="sub-panel-report"),
    path("domestic-homicide-reviews/sub-panel-report.docx", views_extra.sub_panel_report, {"fmt": "docx"},
         name="sub-panel-report-docx"),
    path("domestic-homicide-reviews/sub-panel-report.pdf", views_extra.sub_panel_report, {"fmt": "pdf"},
         name="sub-panel-report-pdf"),
    # People appointed to one review, and agency contacts
    path("dhr/my-reviews/", views_extra.my_reviews, name="my-reviews"),
    path("dhr/reviews/<id:pk>/", views_extra.review, name="review"),
    path("dhr/requests/<id:pk>/", views_extra.agency_request, name="request"),
    # Staff (the partnership's review team)
    path("dhr/chairs/", views_extra.chairs, name="chairs"),
    path("dhr/actions/", views_extra.repository, name="repository"),
    path("dhr/actions/<id:pk>/", views_extra.repository_update, name="repository-update"),
    path("dhr/documents/<id:pk>/", views_report.document, name="document"),
    path("dhr/qa-letters/<id:pk>/", views_report.letter, name="qa-letter"),
    path("dhr/<id:pk>/report/", views_report.report, name="report"),
    path("dhr/<id:pk>/report/<slug:section>/", views_report.report_post, name="report-post"),
    path("dhr/", views.case_list, name="case-list"),
    path("dhr/new/", views.case_new, name="case-new"),
    path("dhr/<id:pk>/", views.case_detail, name="case"),
    path("dhr/<id:pk>/<slug:section>/", views.case_post, name="case-post"),
]
