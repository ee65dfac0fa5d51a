from django.urls import path

from openeip.web.community.views import company, dialogue, handlers, public

app_name = "community"
urlpatterns = [
    # public, no account
    path("grievance/", public.grievance_form, name="grievance"),
    path("grievance/filed/", public.grievance_filed, name="grievance-filed"),
    path("grievance/follow/", public.follow, name="grievance-follow"),
    path("grievance/statistics/", public.statistics, name="grievance-statistics"),
    # the park's handlers
    path("parks/<slug:slug>/grievances/", handlers.park_grievances, name="park-grievances"),
    path("parks/<slug:slug>/grievances/new/", handlers.grievance_new, name="grievance-new"),
    path("parks/<slug:slug>/grievances/trends/", handlers.grievance_trends,
         name="grievance-trends"),
    path("parks/<slug:slug>/grievances/plan/", handlers.grievance_plan, name="grievance-plan"),
    path("parks/<slug:slug>/grievances/map.geojson", handlers.grievance_map,
         name="grievance-map"),
    path("parks/<slug:slug>/grievances/settings/", handlers.grievance_settings,
         name="grievance-settings"),
    path("parks/<slug:slug>/grievances/<int:pk>/", handlers.grievance_detail,
         name="grievance-detail"),
    path("parks/<slug:slug>/grievances/<int:pk>/stage/", handlers.grievance_stage,
         name="grievance-stage"),
    # the company concerned
    path("companies/<int:pk>/grievances/", company.company_grievances,
         name="company-grievances"),
    path("companies/<int:pk>/grievances/<int:gid>/", company.company_grievance,
         name="company-grievance"),
    # community dialogue
    path("parks/<slug:slug>/dialogue/", dialogue.meetings, name="meetings"),
    path("parks/<slug:slug>/dialogue/<int:pk>/", dialogue.meeting, name="meeting"),
    path("parks/<slug:slug>/dialogue/<int:pk>/commitments/", dialogue.commitment_new,
         name="commitment-new"),
    path("parks/<slug:slug>/dialogue/<int:pk>/attachments/", dialogue.attachment_new,
         name="attachment-new"),
    path("parks/<slug:slug>/dialogue/<int:pk>/attachments/<int:aid>/", dialogue.attachment,
         name="attachment"),
    path("parks/<slug:slug>/dialogue/<int:pk>/commitments/<int:cid>/plan/",
         dialogue.commitment_plan, name="commitment-plan"),
    path("parks/<slug:slug>/dialogue/<int:pk>/commitments/<int:cid>/follow-up/",
         dialogue.commitment_follow_up, name="commitment-follow-up"),
]
