"""What the EIP assessment stores: imported editions, evidence, assessments (history), plan.

Evidence, assessments and plan actions belong to a park: only its managers and the platform
admin see or change them (each declares ``access = Owner(park="park")``; ``base/access.py``
decides). A plan action's status moves through the shared audited workflow. Editions are
catalogues, public to every signed-in user; only staff import them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openeip.web.base.access import Owner, RestrictedQuerySet
from openeip.web.base.workflow import Workflow
from openeip.web.registry.models import Park


class ImportedEdition(models.Model):
    """An edition an admin uploaded (YAML or XLSX). Never overwrites a shipped edition; a
    different content under an id already imported is refused (a change is a new id)."""

    edition_id = models.CharField(_("edition"), max_length=80, unique=True)
    content = models.TextField(_("content (YAML)"))
    filename = models.CharField(_("file"), max_length=200, blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("imported by"))
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        ordering = ["edition_id"]
        verbose_name = _("imported EIP edition")
        verbose_name_plural = _("imported EIP editions")

    def __str__(self) -> str:
        return self.edition_id


class Evidence(models.Model):
    """One statement about one criterion of one edition for a park, at a date.

    With ``target_year`` set it is the value the park intends to reach by that year (the
    assessment's "intended" column), not a current value.
    """

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="eip_evidence",
                             verbose_name=_("park"))
    edition_id = models.CharField(_("edition"), max_length=80)
    criterion_id = models.CharField(_("criterion"), max_length=80)
    value_bool = models.BooleanField(_("met (yes/no)"), null=True, blank=True)
    value_number = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True,
                                       blank=True)
    note = models.TextField(_("note"), blank=True)
    file = models.FileField(_("file"), upload_to="eip/evidence/%Y/", null=True, blank=True)
    as_of = models.DateField(_("as of"))
    target_year = models.PositiveSmallIntegerField(
        _("target year"), null=True, blank=True,
        help_text=_("Set it when the value is what the park intends to reach by that year."))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("entered by"))
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)

    access = Owner(park="park")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["park", "edition_id", "criterion_id", "-as_of", "-entered_at", "-id"]
        indexes = [models.Index(fields=["park", "edition_id", "criterion_id"])]
        verbose_name = _("EIP evidence")
        verbose_name_plural = _("EIP evidence")

    def __str__(self) -> str:
        return "{} {} {}".format(self.edition_id, self.criterion_id, self.as_of)


class ParkAssessment(models.Model):
    """One saved assessment: the result and the indicator values it used (the history)."""

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="eip_assessments",
                             verbose_name=_("park"))
    edition_id = models.CharField(_("edition"), max_length=80)
    as_of = models.DateField(_("as of"))
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    result = models.JSONField(_("result"), default=dict)
    indicator_values = models.JSONField(_("indicator values"), default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    access = Owner(park="park")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["park", "edition_id", "-as_of", "-created_at", "-id"]
        verbose_name = _("EIP assessment")
        verbose_name_plural = _("EIP assessments")

    def __str__(self) -> str:
        return "{} {} {}".format(self.park.slug, self.edition_id, self.as_of)


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


#: The moves of a plan action: a done action may be reopened, a dropped one planned again.
ACTION_TRANSITIONS: dict[str, tuple[str, ...]] = {
    ActionStatus.PLANNED: (ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.DROPPED),
    ActionStatus.IN_PROGRESS: (ActionStatus.DONE, ActionStatus.DROPPED, ActionStatus.PLANNED),
    ActionStatus.DONE: (ActionStatus.IN_PROGRESS,),
    ActionStatus.DROPPED: (ActionStatus.PLANNED,),
}


def describe_action(action: PlanAction) -> str:
    """How the audit trail names a plan action: park, edition and the action's reference."""
    return "{} {} {}:{} {}".format(action.park.slug, action.edition_id, action.source,
                                   action.ref, action.title_en)


ACTION_WORKFLOW = Workflow(
    statuses=ActionStatus, transitions=ACTION_TRANSITIONS, object_type="eip_plan_action",
    describe=describe_action, related=("park",),
    cannot_move=_("A plan action that is {current} cannot become {target}; from {current} it "
                  "may become: {allowed}."))


class PlanAction(models.Model):
    """One action of a park's EIP plan: from the action library, an RECP option, a symbiosis
    opportunity or a commitment made in a community dialogue; ``score`` and ``parts`` are
    core.eip.plan's prioritisation, shown as they are."""

    class Source(models.TextChoices):
        LIBRARY = "library", _("action library")
        RECP = "recp", _("RECP option")
        SYMBIOSIS = "symbiosis", _("symbiosis opportunity")
        COMMUNITY = "community", _("community dialogue commitment")

    Status = ActionStatus

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="eip_actions",
                             verbose_name=_("park"))
    edition_id = models.CharField(_("edition"), max_length=80)
    criterion_ids = models.JSONField(_("criteria"), default=list)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    ref = models.CharField(_("reference"), max_length=80,
                           help_text=_("Library code, RECP option id or opportunity id."))
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=300, blank=True)
    owner = models.CharField(_("owner"), max_length=100, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.PLANNED)
    cost_class = models.CharField(_("cost class"), max_length=20, blank=True)
    months = models.PositiveSmallIntegerField(_("months"), null=True, blank=True)
    score = models.DecimalField(_("priority score"), max_digits=12, decimal_places=4, default=0)
    parts = models.JSONField(_("score parts"), default=dict)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    access = Owner(park="park")
    workflow = ACTION_WORKFLOW
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["park", "edition_id", "-score", "id"]
        constraints = [models.UniqueConstraint(fields=["park", "edition_id", "source", "ref"],
                                               name="eip_action_once_per_plan")]
        verbose_name = _("EIP plan action")
        verbose_name_plural = _("EIP plan actions")

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        from django.utils.translation import get_language

        return (self.title_vi if get_language() == "vi" else self.title_en) or self.title_en


class ParkProfile(models.Model):
    """What the assessment needs to know about a park beyond the registry: whether it is being
    built as a new EIP (Decree 35 Art. 38 then applies, with its 8-year commitment) and when it
    was established (the start of those 8 years)."""

    park = models.OneToOneField(Park, on_delete=models.CASCADE, related_name="eip_profile",
                                verbose_name=_("park"))
    new_eip = models.BooleanField(
        _("new eco-industrial park"), default=False,
        help_text=_("Built as an eco-industrial park from the start (Decree 35/2022 Art. 38)."))
    established = models.DateField(_("established"), null=True, blank=True,
                                   help_text=_("Date of the investment decision or licence."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    access = Owner(park="park")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("EIP profile of a park")
        verbose_name_plural = _("EIP profiles of parks")

    def __str__(self) -> str:
        return str(self.park)
