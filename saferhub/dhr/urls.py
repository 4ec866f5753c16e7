from django.urls import path

from saferhub.dhr import views

app_name = "dhr"

urlpatterns = [
    # Public: the published learning only
    path("domestic-homicide-reviews/learning/", views.learning, name="learning"),
    # Staff (the partnership's review team)
    path("dhr/", views.case_list, name="case-list"),
    path("dhr/new/", views.case_new, name="case-new"),
    path("dhr/<id:pk>/", views.case_detail, name="case"),
    path("dhr/<id:pk>/<slug:section>/", views.case_post, name="case-post"),
]
