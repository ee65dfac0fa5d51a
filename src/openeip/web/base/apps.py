from django.apps import AppConfig


class BaseConfig(AppConfig):
    """No models: registered so that its template tags and templates are found."""

    name = "openeip.web.base"
    label = "base"
    verbose_name = "OpenEIP base"
