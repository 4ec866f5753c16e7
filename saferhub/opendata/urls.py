from django.urls import include, path

from saferhub.opendata import feeds, views

app_name = "opendata"

urlpatterns = [
    path("meetings/", views.meeting_calendar, name="calendar"),
    path("meetings/<id:pk>.ics", views.meeting_ics, name="meeting-ics"),
    path("committees/<slug:slug>/meetings.ics", views.committee_ics, name="committee-ics"),
    path("committees/<slug:slug>/decisions/", views.decisions, name="decisions"),
    path("open-data/", views.open_data, name="open-data"),
    path("feeds/documents.rss", feeds.DocumentsFeed(), name="documents-rss"),
    path("feeds/documents.atom", feeds.DocumentsAtom(), name="documents-atom"),
    path("feeds/decisions.rss", feeds.DecisionsFeed(), name="decisions-rss"),
    path("feeds/decisions.atom", feeds.DecisionsAtom(), name="decisions-atom"),
    path("committees/<slug:slug>/documents.rss", feeds.DocumentsFeed(), name="committee-documents-rss"),
    path("committees/<slug:slug>/documents.atom", feeds.DocumentsAtom(), name="committee-documents-atom"),
    path("committees/<slug:slug>/decisions.rss", feeds.DecisionsFeed(), name="committee-decisions-rss"),
    path("committees/<slug:slug>/decisions.atom", feeds.DecisionsAtom(), name="committee-decisions-atom"),
    path("oparl/v1/", include("saferhub.opendata.oparl.urls")),
]
