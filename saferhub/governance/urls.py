from django.urls import path

from saferhub.governance import views

app_name = "governance"

urlpatterns = [
    path("committees/", views.committee_list, name="committee-list"),
    path("committees/<slug:slug>/", views.committee_detail, name="committee-detail"),
    path("committees/<slug:slug>/meetings/", views.committee_meetings, name="committee-meetings"),
    path("committees/<slug:slug>/meetings/new/", views.meeting_schedule, name="meeting-schedule"),
    path("meetings/<id:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<id:pk>/record/", views.meeting_record, name="meeting-record"),
    path("meetings/<id:pk>/record/<str:section>/", views.meeting_record_post, name="meeting-record-post"),
    path("people/<id:pk>/", views.person_detail, name="person-detail"),
]
