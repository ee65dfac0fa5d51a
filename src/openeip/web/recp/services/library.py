"""Options as people read them: from the shipped library, or a consultant's own."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.core.recp import CATEGORIES, OptionTemplate, option_library
from openeip.web.base.labels import current_language
from openeip.web.recp.models import AssessmentOption

__all__ = ["check_option_text", "option_category", "option_description", "option_title",
           "template_of", "template_json"]


def template_of(option: AssessmentOption) -> OptionTemplate | None:
    return option_library().get(option.template_code) if option.template_code else None


def _text(option: AssessmentOption, own: tuple[str, str], shipped: Any) -> str:
    """The option's own text in the current language (either language if only one is given),
    else the library's."""
    english, vietnamese = own
    language = current_language()
    mine = (vietnamese or english) if language == "vi" else (english or vietnamese)
    if mine:
        return mine
    return shipped.text(language) if shipped is not None else ""


def option_title(option: AssessmentOption) -> str:
    template = template_of(option)
    return _text(option, (option.title_en, option.title_vi),
                 template.title if template else None)


def option_description(option: AssessmentOption) -> str:
    template = template_of(option)
    if option.description:
        return option.description
    return template.description.text(current_language()) if template else ""


def option_category(option: AssessmentOption) -> str:
    """The category code: the option's own, else the library's."""
    template = template_of(option)
    return option.category or (template.category if template else "")


def check_option_text(option: AssessmentOption) -> None:
    """A library option must exist; an own option needs a title and a known category."""
    if option.template_code and option.template_code not in option_library():
        raise DomainError(_("'{code}' is not an option of the RECP library; use a code listed by "
                            "/api/recp/library/, or leave it empty for an option of your own.")
                          .format(code=option.template_code), "template_code")
    if not option.template_code and not (option.title_en.strip() or option.title_vi.strip()):
        raise DomainError(_("An option of your own needs a title in English or Vietnamese."),
                          "title_en")
    if option.category and option.category not in CATEGORIES:
        raise DomainError(_("'{value}' is not an option category; use one of: {codes}.").format(
            value=option.category, codes=", ".join(CATEGORIES)), "category")
    if not option.template_code and not option.category:
        raise DomainError(_("An option of your own needs its category, one of: {codes}.").format(
            codes=", ".join(CATEGORIES)), "category")


def template_json(template: OptionTemplate) -> dict[str, Any]:
    """A library option as the API lists it, in both languages."""
    effect = template.effect
    return {
        "code": template.code, "category": template.category,
        "title_en": template.title.en, "title_vi": template.title.vi,
        "description_en": template.description.en, "description_vi": template.description.vi,
        "causes": list(template.causes), "sectors": list(template.sectors),
        "resource": template.resource, "cost_class": template.cost_class,
        "typical_effect": None if effect is None else {
            "low_pct": float(effect.low_pct), "high_pct": float(effect.high_pct),
            "source": effect.source, "verification": effect.verification},
        "source": template.source,
    }
