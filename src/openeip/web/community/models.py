"""Grievances, their escalations and the companies' answers; community dialogue meetings,
their commitments and follow-up.

A grievance belongs to a park: its managers (the handlers) and the platform admin see it. The
complainant's identity lives apart (:class:`Complainant`) and is shown to the handlers only; a
company named in a case sees what a handler shares (the summary for the company) and answers.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from openeip.core.community import LEVELS, rules
from openeip.web.base.access import Owner, RestrictedQuerySet
from openeip.web.base.workflow import Workflow
from openeip.web.community.access import GrievanceQuerySet
from openeip.web.registry.models import Company, Park

#: Crockford's base-32 alphabet: no I, L, O, U (nothing to misread on a phone call)
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 80 bits: cannot be guessed


def new_tracking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What a person typed (lower case, dashes, spaces, O for 0) as a stored code."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    return cleaned.replace("O", "0").replace("I", "1").replace("L", "1")


class Kind(models.TextChoices):
    COMMUNITY = "community", _("community (neighbours, residents)")
    WORKER = "worker", _("worker (employees of a firm)")


class Category(models.TextChoices):
    ODOUR = "odour", _("odour")
    WASTEWATER = "wastewater", _("wastewater")
    NOISE = "noise", _("noise")
    TRAFFIC = "traffic", _("traffic")
    DUST = "dust", _("dust")
    LABOUR = "labour", _("labour")
    SAFETY = "safety", _("safety")
    OTHER = "other", _("other")


class Severity(models.TextChoices):
    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")


class Stage(models.TextChoices):
    RECEIVED = "received", _("received")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    INVESTIGATING = "investigating", _("under investigation")
    RESOLVED = "resolved", _("resolved, awaiting the complainant")
    APPEALED = "appealed", _("appealed")
    CLOSED = "closed", _("closed")


class Level(models.IntegerChoices):
    OFFICER = 0, _("park handling officer")
    PARK_BOARD = 1, _("park management board")
    PROVINCE = 2, _("provincial authority")


assert len(Level.values) == len(LEVELS)


class Channel(models.TextChoices):
    WEB = "web", _("web form")
    HOTLINE = "hotline", _("hotline")
    PAPER = "paper", _("paper form")
    QR_FORM = "qr_form", _("QR form")
    IN_PERSON = "in_person", _("in person")


class GrievanceSettings(models.Model):
    """A park's own time limits (days); without one the data file's apply."""

    park = models.OneToOneField(Park, on_delete=models.CASCADE, related_name="grievance_settings",
                                verbose_name=_("park"))
    acknowledge_days = models.PositiveSmallIntegerField(_("days to acknowledge"),
                                                        validators=[MinValueValidator(1)])
    resolve_days = models.PositiveSmallIntegerField(
        _("days to resolve"), validators=[MinValueValidator(1),
                                          MaxValueValidator(rules()["max_resolve_days"].value)])
    confirm_days = models.PositiveSmallIntegerField(_("days for the complainant to confirm"),
                                                    validators=[MinValueValidator(1)])
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    access = Owner(park="park")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("grievance settings of a park")
        verbose_name_plural = _("grievance settings of parks")

    def __str__(self) -> str:
        return str(self.park)


#: received → acknowledged → investigating → resolved → closed (the complainant confirms, or a
#: handler closes it) or appealed (one level up, its clock restarts) → investigating → …
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Stage.RECEIVED: (Stage.ACKNOWLEDGED,),
    Stage.ACKNOWLEDGED: (Stage.INVESTIGATING,),
    Stage.INVESTIGATING: (Stage.RESOLVED,),
    Stage.RESOLVED: (Stage.CLOSED, Stage.APPEALED),
    Stage.APPEALED: (Stage.INVESTIGATING,),
    Stage.CLOSED: (),
}


def describe(grievance: Grievance) -> str:
    """How the audit trail names a case: never its tracking code (the complainant's key)."""
    return "grievance #{} ({})".format(grievance.pk, grievance.park.slug)


def check_move(grievance: Grievance, stage: str) -> None:
    from openeip.core.errors import DomainError

    if stage == Stage.RESOLVED and not grievance.resolution.strip():
        raise DomainError(str(_("Say how the grievance was resolved before marking it "
                                "resolved.")), "resolution")


class Grievance(models.Model):
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="grievances",
                             verbose_name=_("park"))
    code = models.CharField(_("tracking code"), max_length=CODE_LENGTH, unique=True,
                            default=new_tracking_code, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices,
                            default=Kind.COMMUNITY)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices,
                                default=Severity.MEDIUM)
    description = models.TextField(_("what happened"), max_length=5000)
    company = models.ForeignKey(Company, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="grievances", verbose_name=_("company concerned"))
    company_named = models.CharField(_("company named by the complainant"), max_length=200,
                                     blank=True)
    location = models.CharField(_("where"), max_length=300, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True,
                                 validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(_("longitude"), null=True, blank=True,
                                  validators=[MinValueValidator(-180), MaxValueValidator(180)])
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices,
                               default=Channel.WEB)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices,
                             default=Stage.RECEIVED)
    level = models.PositiveSmallIntegerField(_("handled by"), choices=Level.choices,
                                             default=Level.OFFICER)
    received_at = models.DateTimeField(_("received"))
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    clock_started_at = models.DateTimeField(
        _("clock restarted"), null=True, blank=True,
        help_text=_("The last escalation or appeal: the time to resolve counts from here."))
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    #: whether the last resolution came before its deadline (None until resolved)
    resolved_in_time = models.BooleanField(_("resolved in time"), null=True, blank=True)
    confirmed_by_complainant = models.BooleanField(_("confirmed by the complainant"),
                                                   default=False)
    resolution = models.TextField(_("resolution"), blank=True)
    summary_for_company = models.TextField(
        _("summary for the company"), blank=True,
        help_text=_("What the company concerned is shown: write it without anything that "
                    "identifies the complainant."))
    shared_at = models.DateTimeField(_("shared with the company"), null=True, blank=True)
    retaliation = models.BooleanField(
        _("retaliation feared or reported"), default=False,
        help_text=_("The complainant fears or reports reprisal: handle with extra care."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("entered by"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    access = Owner(park="park")
    workflow = Workflow(
        statuses=Stage, transitions=TRANSITIONS, field="stage", object_type="grievance",
        describe=lambda grievance: describe(grievance), related=("park",),
        check=lambda grievance, stage: check_move(grievance, stage),
        not_a_status=_("'{status}' is not a grievance stage; use one of: {codes}."),
        cannot_move=_("A grievance that is {current} cannot become {target}; from {current} "
                      "it may become: {allowed}."))
    objects = GrievanceQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["park", "stage"]),
                   models.Index(fields=["stage", "due_at"])]
        verbose_name = _("grievance")
        verbose_name_plural = _("grievances")

    def __str__(self) -> str:
        return "#{} {}".format(self.pk, self.get_category_display())

    @property
    def is_open(self) -> bool:
        return self.stage != Stage.CLOSED


class Complainant(models.Model):
    """Who complained: shown to the park's handlers only, never to the company concerned."""

    grievance = models.OneToOneField(Grievance, on_delete=models.CASCADE,
                                     related_name="complainant", verbose_name=_("grievance"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)

    access = Owner(park="grievance__park")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("complainant")
        verbose_name_plural = _("complainants")

    def __str__(self) -> str:
        return self.name or "—"


class Escalation(models.Model):
    class Reason(models.TextChoices):
        DEADLINE = "deadline", _("deadline missed")
        APPEAL = "appeal", _("appeal by the complainant")

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE,
                                  related_name="escalations", verbose_name=_("grievance"))
    from_level = models.PositiveSmallIntegerField(_("from"), choices=Level.choices)
    to_level = models.PositiveSmallIntegerField(_("to"), choices=Level.choices)
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    missed_due_at = models.DateTimeField(_("deadline missed"), null=True, blank=True)
    at = models.DateTimeField(_("when"))

    access = Owner(park="grievance__park")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["grievance", "at", "id"]
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")

    def __str__(self) -> str:
        return "#{} {}→{}".format(self.grievance_id, self.from_level, self.to_level)


class CompanyAnswer(models.Model):
    """What the company concerned says about a case shared with it."""

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="answers",
                                  verbose_name=_("grievance"))
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("company"))
    text = models.TextField(_("answer"), max_length=5000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("when"), auto_now_add=True)

    access = Owner(park="grievance__park")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["grievance", "at", "id"]
        verbose_name = _("company answer")
        verbose_name_plural = _("company answers")

    def __str__(self) -> str:
        return "#{} {}".format(self.grievance_id, self.at)


# --- community dialogue ---


class ParticipantGroup(models.TextChoices):
    RESIDENTS = "residents", _("residents and neighbours")
    WORKERS = "workers", _("workers")
    FIRMS = "firms", _("firms of the park")
    PARK = "park", _("park management")
    AUTHORITIES = "authorities", _("local and provincial authorities")
    CIVIL_SOCIETY = "civil_society", _("mass organisations and NGOs")


class Meeting(models.Model):
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="dialogue_meetings",
                             verbose_name=_("park"))
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300)
    place = models.CharField(_("place"), max_length=300, blank=True)
    #: {group code: number of people}
    participants = models.JSONField(_("participants by group"), default=dict)
    women = models.PositiveIntegerField(_("of whom women"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("entered by"))
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    access = Owner(park="park")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["park", "-date", "-id"]
        verbose_name = _("dialogue meeting")
        verbose_name_plural = _("dialogue meetings")

    def __str__(self) -> str:
        return "{} {}".format(self.date, self.title)

    @property
    def participant_total(self) -> int:
        return sum(int(value) for value in self.participants.values())


class Attachment(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments",
                                verbose_name=_("meeting"))
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="community/meetings/%Y/")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    access = Owner(park="meeting__park")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("meeting attachment")
        verbose_name_plural = _("meeting attachments")

    def __str__(self) -> str:
        return self.title


class Commitment(models.Model):
    """Something promised in a meeting; it becomes an action of the park's EIP plan."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.OPEN: (Status.IN_PROGRESS, Status.DONE, Status.DROPPED),
        Status.IN_PROGRESS: (Status.DONE, Status.DROPPED, Status.OPEN),
        Status.DONE: (Status.IN_PROGRESS,),
        Status.DROPPED: (Status.OPEN,),
    }

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="commitments",
                                verbose_name=_("meeting"))
    text_vi = models.CharField(_("commitment (Vietnamese)"), max_length=300)
    text_en = models.CharField(_("commitment (English)"), max_length=300, blank=True)
    owner = models.CharField(_("who committed"), max_length=100)
    due = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.OPEN)
    #: the EIP plan action it became (eip.PlanAction; eip never imports this app)
    plan_action = models.OneToOneField("eip.PlanAction", on_delete=models.SET_NULL, null=True,
                                       blank=True, related_name="commitment",
                                       verbose_name=_("EIP plan action"))

    access = Owner(park="meeting__park")
    workflow = Workflow(
        statuses=Status, transitions=TRANSITIONS, object_type="commitment",
        describe=lambda row: "commitment #{} ({})".format(row.pk, row.meeting.park.slug),
        related=("meeting__park",),
        cannot_move=_("A commitment that is {current} cannot become {target}; from {current} "
                      "it may become: {allowed}."))
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "due", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return (self.text_en if get_language() == "en" and self.text_en else self.text_vi)


class FollowUp(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE,
                                   related_name="follow_ups", verbose_name=_("commitment"))
    date = models.DateField(_("date"))
    note = models.TextField(_("what was done"), max_length=3000)
    status = models.CharField(_("status after"), max_length=12,
                              choices=Commitment.Status.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name=_("by"))

    access = Owner(park="commitment__meeting__park")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["commitment", "date", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return "{} {}".format(self.date, self.status)
