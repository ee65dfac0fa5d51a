from django.urls import path

from openeip.web.registry import views
from openeip.web.registry.views import maps, portfolio, series_values

app_name = "registry"
urlpatterns = [
    path("parks/", views.park_list, name="parks"),
    path("parks/<slug:slug>/", views.park_dashboard, name="park"),
    path("parks/<slug:slug>/map.geojson", maps.park_map, name="park-map"),
    path("companies/", views.company_list, name="companies"),
    path("companies/<int:pk>/", views.company_detail, name="company"),
    path("companies/<int:pk>/audit/", views.company_audit, name="company-audit"),
    path("factor-values/", series_values.series_value_list, name="series-values"),
    path("factor-values/<int:pk>/", series_values.series_value_detail, name="series-value"),
    path("clients/", portfolio.portfolio_page, name="portfolio"),
    path("clients/switch/", portfolio.client_switch, name="client-switch"),
]
