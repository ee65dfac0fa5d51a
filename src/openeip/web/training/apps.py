from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "openeip.web.training"
    label = "training"
    verbose_name = _("Capacity building")

    def ready(self) -> None:
        # firms trained and people trained by gender feed the EIP indicators; eip never imports
        # this app, it is told here
        from openeip.web.eip.services.indicators import register_inputs
        from openeip.web.training.services.indicators import training_inputs

        register_inputs("training", training_inputs)
