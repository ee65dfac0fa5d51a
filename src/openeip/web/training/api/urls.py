"""Training routes of the REST API, mounted under /api/training/ (names: api:training-…)."""

from rest_framework.routers import SimpleRouter

from openeip.web.training.api import views

router = SimpleRouter()
router.register("training/courses", views.CourseViewSet, basename="training-course")
router.register("training/sessions", views.SessionViewSet, basename="training-session")
router.register("training/registrations", views.RegistrationViewSet,
                basename="training-registration")

urlpatterns = router.urls
