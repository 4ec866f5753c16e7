from django.urls import path

from saferhub.delivery import views

app_name = "delivery"

urlpatterns = [
    path("plan/", views.plan_list, name="plans"),
    path("plan/<slug:slug>/", views.plan_detail, name="plan"),
    path("plan/<slug:slug>/values/upload/", views.upload_values, name="upload-values"),
    path("plan/<slug:slug>/versions/", views.versions, name="versions"),
    path("plan/<slug:slug>/versions/new/", views.start_version, name="start-version"),
    path("plan/<slug:slug>/versions/<id:pk>/", views.version_detail, name="version"),
    path("plan/<slug:slug>/versions/<id:pk>/actions/add/", views.add_row, name="add-row"),
    path("plan/<slug:slug>/versions/<id:pk>/actions/<id:row>/reword/", views.reword_row, name="reword-row"),
    path("plan/<slug:slug>/versions/<id:pk>/actions/<id:row>/remove/", views.remove_row, name="remove-row"),
    path("plan/<slug:slug>/measures/<id:pk>/", views.measure_detail, name="measure"),
    path("plan/<slug:slug>/measures/<id:pk>/values/add/", views.add_value, name="add-value"),
    path("plan/<slug:slug>/measures/<id:pk>/target/", views.measure_target, name="measure-target"),
    path("plan/<slug:slug>/actions/<id:pk>/", views.action_detail, name="action"),
    path("plan/<slug:slug>/actions/<id:pk>/update/", views.update_action, name="update-action"),
    path("plan/<slug:slug>/rounds/", views.rounds, name="rounds"),
    path("plan/<slug:slug>/rounds/<id:pk>/", views.round_detail, name="round"),
    path("plan/<slug:slug>/report/", views.report, name="report"),
    path("plan/<slug:slug>/report/<str:key>.<str:fmt>", views.report_document, name="report-document"),
    path("plan/<slug:slug>/my-actions/", views.my_round, name="my-round"),
    path("plan/<slug:slug>/duties/", views.duties, name="duties"),
    path("plan/<slug:slug>/funding/", views.funding, name="funding"),
    path("plan/<slug:slug>/rag/", views.rag_definitions, name="rag-definitions"),
    path("plan/<slug:slug>/duties/<id:pk>/", views.duty_detail, name="duty"),
]
