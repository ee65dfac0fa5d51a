from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from openeip.core.ecofair.certificates import schemes
from openeip.web.ecofair.models import BuyerRequest, Certificate, CertifiedProduct


class CertificateSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = ["id", "scheme", "number", "issuer", "scope", "valid_from", "valid_until",
                  "status"]

    def get_status(self, row: Certificate) -> str:
        """verified, expired, revoked or pending (not yet checked with the issuer)."""
        return row.status(timezone.localdate()).value


@extend_schema_serializer(component_name="EcofairProduct")
class ProductSerializer(serializers.ModelSerializer):
    seller = serializers.SerializerMethodField()
    park = serializers.CharField(source="company.park.slug", read_only=True)
    certificates = CertificateSerializer(many=True, read_only=True)

    class Meta:
        model = CertifiedProduct
        fields = ["id", "seller", "park", "name_en", "name_vi", "description",
                  "product_group", "unit", "quantity_per_year", "listed", "published",
                  "certificates"]

    def get_seller(self, product: CertifiedProduct) -> str:
        """The company's name if it published the product or the user may see it, else its
        park and sector (contact goes through a consented enquiry)."""
        from openeip.web.ecofair.services.access import seller_names

        seller_names(self.context["request"].user, [product])
        return str(product.seller_label)  # type: ignore[attr-defined]


class BuyerRequestSerializer(serializers.ModelSerializer):
    matches = serializers.SerializerMethodField()

    class Meta:
        model = BuyerRequest
        fields = ["id", "company", "title", "description", "schemes", "quantity", "unit",
                  "deadline", "status", "created_at", "matches"]
        read_only_fields = ["status", "created_at"]

    def validate_schemes(self, value: Any) -> list[str]:
        if not isinstance(value, list) or any(code not in schemes() for code in value):
            raise serializers.ValidationError("Use scheme codes of: {}.".format(
                ", ".join(schemes())))
        return list(value)

    def validate_company(self, company: Any) -> Any:
        from openeip.web.ecofair.services.access import visible_companies

        user = self.context["request"].user
        if not visible_companies(user, "change").filter(pk=company.pk).exists():
            raise serializers.ValidationError("You may not act for this company.")
        return company

    def get_matches(self, row: BuyerRequest) -> list[dict[str, Any]]:
        """Products proposed; the seller is named only once both sides consented."""
        return [{"id": m.id, "product": m.product.name, "score": m.score,
                 "seller": m.seller.name if m.revealed else None,
                 "buyer_consent": m.buyer_consent, "seller_consent": m.seller_consent}
                for m in row.matches.select_related("product", "seller")]
