from django.urls import path

from saferhub.papers.views import documents, public, staff

app_name = "papers"

urlpatterns = [
    path("meetings/<int:pk>/papers/", staff.meeting_papers, name="meeting-papers"),
    path("meetings/<int:pk>/papers/items/<int:item_pk>/report/", staff.report_edit, name="report-edit"),
    path("meetings/<int:pk>/papers/questions/<int:question_pk>/", staff.answer_question, name="answer-question"),
    path("meetings/<int:pk>/papers/chair-report/", staff.chair_report, name="chair-report"),
    path("meetings/<int:pk>/papers/<str:section>/", staff.meeting_papers_post, name="meeting-papers-post"),
    path("files/<int:pk>/", staff.document_download, name="document-download"),
    path("meetings/<int:pk>/agenda/", documents.agenda_document, name="agenda"),
    path("meetings/<int:pk>/agenda.<str:fmt>", documents.agenda_document, name="agenda-file"),
    path("meetings/<int:pk>/minutes/", documents.minutes_document, name="minutes"),
    path("meetings/<int:pk>/minutes.<str:fmt>", documents.minutes_document, name="minutes-file"),
    path("committees/<slug:slug>/work-programme/", public.work_programme, name="work-programme"),
    path("committees/<slug:slug>/recommendations/", public.recommendations, name="recommendations"),
    path("committees/<slug:slug>/recommendations/<int:pk>/respond/", public.recommendation_respond,
         name="recommendation-respond"),
]
