"""Routes of the import API, mounted under /api/ by ``web/urls.py``."""

from django.urls import path

from openeip.web.intake.api.views import ImportCreateView, ImportJobView

urlpatterns = [
    path("import/", ImportCreateView.as_view(), name="intake-import"),
    path("import/<uuid:pk>/", ImportJobView.as_view(), name="intake-import-job"),
]
