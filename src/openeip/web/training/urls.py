from django.urls import path

from openeip.web.training.views import pages

app_name = "training"
urlpatterns = [
    path("training/", pages.catalogue, name="catalogue"),
    path("training/courses/<slug:code>/", pages.course, name="course"),
    path("training/sessions/<int:pk>/", pages.session, name="session"),
    path("training/sessions/<int:pk>/register/", pages.register, name="register"),
    path("training/sessions/<int:pk>/attendance/", pages.attendance, name="attendance"),
    path("training/sessions/<int:pk>/certificates/", pages.issue, name="issue"),
    path("training/sessions/<int:pk>/invite/", pages.invite, name="invite"),
    path("training/sessions/<int:pk>/qr.svg", pages.qr, name="qr"),
    path("training/registrations/<int:pk>/cancel/", pages.cancel, name="cancel"),
    path("training/checkin/<str:token>/", pages.checkin, name="checkin"),
    path("training/checkin/<str:token>/quiz/<str:phase>/", pages.quiz, name="quiz"),
    path("training/checkin/<str:token>/feedback/", pages.feedback, name="feedback"),
    path("certificates/<str:code>/", pages.verify, name="verify"),
    path("certificates/<str:code>/certificate.pdf", pages.certificate_file,
         name="certificate-pdf"),
    path("companies/<int:pk>/training/", pages.company_training, name="company"),
    path("parks/<slug:slug>/training/", pages.park_training, name="park"),
]
