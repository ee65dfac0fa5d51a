"""RECP routes of the REST API, mounted under /api/recp/ (names: api:recp-…)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from openeip.web.recp.api import views

router = SimpleRouter()
router.register("recp/assessments", views.AssessmentViewSet, basename="recp-assessment")
router.register("recp/options", views.OptionViewSet, basename="recp-option")
router.register("recp/library", views.LibraryViewSet, basename="recp-library")
router.register("recp/prices", views.CompanyPriceViewSet, basename="recp-price")

urlpatterns = [
    path("recp/companies/<int:pk>/summary/", views.CompanyRecpView.as_view(),
         name="recp-company-summary"),
    *router.urls,
]
