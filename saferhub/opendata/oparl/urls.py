from django.urls import path

from saferhub.opendata.oparl import views

urlpatterns = [
    path("system", views.system, name="oparl-system"),
    path("body", views.body_list, name="oparl-body-list"),
    path("body/<id:pk>", views.body, name="oparl-body"),
    path("body/<id:pk>/<str:kind>", views.body_list_of, name="oparl-body-list-of"),
    path("organization/<str:object_id>/meeting", views.organization_meetings, name="oparl-organization-meetings"),
    path("organization/<str:object_id>", views.organization, name="oparl-organization"),
    path("person/<id:pk>", views.person, name="oparl-person"),
    path("membership/<id:pk>", views.membership, name="oparl-membership"),
    path("membership/g<id:pk>", views.group_membership, name="oparl-group-membership"),
    path("meeting/<id:pk>", views.meeting, name="oparl-meeting"),
    path("agendaitem/<id:pk>", views.agenda_item, name="oparl-agendaitem"),
    path("paper/<id:pk>", views.paper, name="oparl-paper"),
    path("consultation/<id:pk>", views.consultation, name="oparl-consultation"),
    path("file/<id:pk>", views.file, name="oparl-file"),
    path("location/<str:key>", views.location, name="oparl-location"),
    path("legislativeterm/<str:label>", views.legislative_term, name="oparl-legislativeterm"),
]
