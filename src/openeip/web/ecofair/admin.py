"""Eco-Fair in the admin: products, batches and showcases may be edited; a certificate's
verification changes only through the verdict service (audited)."""

from django.contrib import admin

from openeip.web.ecofair import models


@admin.register(models.CertifiedProduct)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("name_en", "company", "product_group", "listed", "published")
    list_filter = ("listed", "published")


@admin.register(models.Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("number", "scheme", "product", "valid_until", "verified", "revoked")
    readonly_fields = ("verified", "revoked", "verified_by", "verified_at", "note")


admin.site.register([models.Batch, models.TraceStep, models.Showcase, models.BuyerRequest])
