from django.urls import path

from saferhub.importer import views

app_name = "importer"

urlpatterns = [
    path("import/", views.upload, name="upload"),
    path("import/<id:pk>/", views.review, name="review"),
    path("import/<id:pk>/progress/", views.progress, name="progress"),
    path("import/<id:pk>/flags/", views.resolve, name="resolve"),
    path("import/<id:pk>/commit/", views.commit, name="commit"),
    path("import/<id:pk>/discard/", views.discard, name="discard"),
    # Source documents are under /sources/: /documents/ belongs to the papers app.
    path("sources/<id:pk>/", views.document, name="document"),
]
