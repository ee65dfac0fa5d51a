"""Routes of the Eco-Fair pages (namespace "ecofair")."""

from django.urls import path

from openeip.web.ecofair.views import company, market, park, public

app_name = "ecofair"
urlpatterns = [
    # public, no login
    path("parks/<slug:slug>/showcase/", public.showcase, name="showcase"),
    path("parks/<slug:slug>/showcase/gpp.csv", public.gpp_csv, name="gpp-csv"),
    path("parks/<slug:slug>/showcase/gpp.xlsx", public.gpp_xlsx, name="gpp-xlsx"),
    path("ecofair/batches/<uuid:token>/", public.batch_page, name="batch-public"),
    path("ecofair/batches/<uuid:token>/qr.svg", public.batch_qr, name="batch-qr"),
    # the park's managers
    path("parks/<slug:slug>/ecofair/", park.park_ecofair, name="park"),
    path("parks/<slug:slug>/ecofair/showcase/", park.showcase_settings,
         name="showcase-settings"),
    path("ecofair/certificates/<int:pk>/verdict/", park.certificate_verdict,
         name="certificate-verdict"),
    # a company's products
    path("companies/<int:pk>/ecofair/", company.company_ecofair, name="company"),
    path("companies/<int:pk>/ecofair/products/new/", company.product_new, name="product-new"),
    path("companies/<int:pk>/ecofair/certificates/new/", company.certificate_new,
         name="certificate-new"),
    path("companies/<int:pk>/ecofair/batches/new/", company.batch_new, name="batch-new"),
    path("companies/<int:pk>/ecofair/steps/new/", company.step_new, name="step-new"),
    path("ecofair/certificates/<int:pk>/evidence/", company.certificate_evidence,
         name="certificate-evidence"),
    # the market
    path("ecofair/", market.catalogue, name="catalogue"),
    path("ecofair/products/<int:pk>/", market.product_detail, name="product"),
    path("ecofair/products/<int:pk>/enquire/", market.enquiry_new, name="enquiry-new"),
    path("ecofair/enquiries/<int:pk>/", market.enquiry_detail, name="enquiry"),
    path("ecofair/enquiries/<int:pk>/answer/", market.enquiry_answer, name="enquiry-answer"),
    path("ecofair/requests/", market.requests_page, name="requests"),
    path("ecofair/requests/<int:pk>/", market.request_detail, name="request"),
    path("ecofair/matches/<int:pk>/consent/", market.match_consent, name="match-consent"),
]
