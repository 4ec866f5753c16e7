from django.urls import path

from saferhub.papers.views import documents, public, sources, staff, supplementary

app_name = "papers"

urlpatterns = [
    path("meetings/<id:pk>/papers/", staff.meeting_papers, name="meeting-papers"),
    path("meetings/<id:pk>/supplementary-packs/", supplementary.supplementary_pack,
         name="supplementary-pack"),
    path("meetings/<id:pk>/papers/items/<id:item_pk>/report/", staff.report_edit, name="report-edit"),
    path("meetings/<id:pk>/papers/items/<id:item_pk>/report/from-another-service/", sources.report_from_source,
         name="report-from-source"),
    path("meetings/<id:pk>/papers/items/<id:item_pk>/exempt/", documents.exempt_report, name="exempt-report"),
    path("meetings/<id:pk>/papers/questions/<id:question_pk>/", staff.answer_question, name="answer-question"),
    path("meetings/<id:pk>/papers/chair-report/", staff.chair_report, name="chair-report"),
    path("meetings/<id:pk>/papers/<str:section>/", staff.meeting_papers_post, name="meeting-papers-post"),
    path("files/<id:pk>/", staff.document_download, name="document-download"),
    path("meetings/<id:pk>/agenda/", documents.agenda_document, name="agenda"),
    path("meetings/<id:pk>/agenda.<str:fmt>", documents.agenda_document, name="agenda-file"),
    path("meetings/<id:pk>/minutes/", documents.minutes_document, name="minutes"),
    path("meetings/<id:pk>/minutes.<str:fmt>", documents.minutes_document, name="minutes-file"),
    path("committees/<slug:slug>/work-programme/", public.work_programme, name="work-programme"),
    path("committees/<slug:slug>/recommendations/", public.recommendations, name="recommendations"),
    path("committees/<slug:slug>/recommendations/<id:pk>/respond/", public.recommendation_respond,
         name="recommendation-respond"),
]
