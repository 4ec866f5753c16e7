from django.urls import path

from saferhub.groups.views import amendments, pages, secretariat

app_name = "groups"

urlpatterns = [
    path("groups/", pages.register, name="register"),
    path("groups/my-actions/", pages.my_actions, name="my-actions"),
    path("groups/meetings/<int:pk>/", pages.meeting, name="meeting"),
    path("groups/meetings/<int:pk>/attendance/", secretariat.record_attendance, name="record-attendance"),
    path("groups/meetings/<int:pk>/tasks/<int:task_pk>/done/", secretariat.complete_task, name="complete-task"),
    path("groups/meetings/<int:pk>/carry-forward/", secretariat.carry_forward, name="carry-forward"),
    path("groups/<slug:slug>/", pages.body_detail, name="body"),
    path("groups/<slug:slug>/terms-of-reference/", pages.tor_on_date, name="tor-on-date"),
    path("groups/<slug:slug>/terms-of-reference/reviewed/", secretariat.review_no_change, name="review-no-change"),
    path("groups/<slug:slug>/terms-of-reference/<str:version>/", pages.tor_version, name="tor-version"),
    path("groups/<slug:slug>/tor-amendments/", amendments.amendment_list, name="amendments"),
    path("groups/<slug:slug>/tor-amendments/new/", amendments.propose, name="propose-amendment"),
    path("groups/<slug:slug>/tor-amendments/<id:pk>/", amendments.amendment, name="amendment"),
    path("groups/<slug:slug>/tor-amendments/<id:pk>/agree/", amendments.agree, name="agree-amendment"),
    path("groups/<slug:slug>/tor-amendments/<id:pk>/withdraw/", amendments.withdraw, name="withdraw-amendment"),
    path("groups/<slug:slug>/actions/", pages.action_log, name="action-log"),
    path("groups/<slug:slug>/actions/new/", secretariat.add_action, name="add-action"),
    path("groups/<slug:slug>/actions/<int:number>/update/", secretariat.update_action, name="update-action"),
    path("groups/<slug:slug>/roster/", pages.roster, name="roster"),
    path("groups/<slug:slug>/meetings/new/", secretariat.schedule, name="schedule"),
    path("groups/<slug:slug>/chair/elect/", secretariat.elect, name="elect"),
    path("groups/<slug:slug>/reports/<int:year>/q<int:quarter>/", pages.report, name="report"),
    path("groups/<slug:slug>/reports/<int:year>/q<int:quarter>.<str:fmt>", pages.report_document, name="report-document"),
    path("groups/<slug:slug>/reports/<int:year>/q<int:quarter>/write/", secretariat.write_report, name="write-report"),
]
