from django.urls import path

from saferhub.importer import views

app_name = "importer"

urlpatterns = [
    path("import/", views.upload, name="upload"),
    path("import/<int:pk>/", views.review, name="review"),
    path("import/<int:pk>/flags/", views.resolve, name="resolve"),
    path("import/<int:pk>/commit/", views.commit, name="commit"),
    path("import/<int:pk>/discard/", views.discard, name="discard"),
    # Source documents are under /sources/: /documents/ belongs to the papers app.
    path("sources/<int:pk>/", views.document, name="document"),
]
