from django.urls import path

from saferhub.governance import views, views_councillors, views_register

app_name = "governance"

urlpatterns = [
    path("committees/", views.committee_list, name="committee-list"),
    path("committees/<slug:slug>/", views.committee_detail, name="committee-detail"),
    path("committees/<slug:slug>/meetings/", views.committee_meetings, name="committee-meetings"),
    path("committees/<slug:slug>/meetings/new/", views.meeting_schedule, name="meeting-schedule"),
    path("meetings/<id:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<id:pk>/record/", views.meeting_record, name="meeting-record"),
    path("meetings/<id:pk>/record/<str:section>/", views.meeting_record_post, name="meeting-record-post"),
    path("people/<id:pk>/", views_councillors.person_detail, name="person-detail"),
    path("councillors/", views_councillors.councillor_list, name="councillor-list"),
    path("committees/<slug:slug>/attendance/", views_councillors.committee_attendance, name="committee-attendance"),
    path("meetings/<id:pk>/attendance/", views_councillors.attendance_grid, name="attendance-grid"),
    path("monitoring-officer/tasks/", views_councillors.monitoring_tasks, name="monitoring-tasks"),
    path("monitoring-officer/tasks/<id:pk>/close/", views_councillors.monitoring_task_close, name="monitoring-task-close"),
    path("monitoring-officer/registers/", views_register.register_index, name="register-index"),
    path("councillors/<id:pk>/register/", views_register.register_detail, name="register-detail"),
    path("councillors/<id:pk>/register/review/", views_register.register_review, name="register-review"),
    path("councillors/<id:pk>/register/change/", views_register.register_change, name="register-change"),
    path("councillors/<id:pk>/register/dispensation/", views_register.register_dispensation,
         name="register-dispensation"),
]
