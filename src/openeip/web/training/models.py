"""Capacity building: trainers, the bilingual course catalogue and its materials, sessions
with capacity and a waiting list, registrations with attendance, certificates and invitations
sent from the firms' gaps."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from openeip.web.base.access import Owner, RestrictedQuerySet
from openeip.web.registry.models import Company, Park
from openeip.web.training.access import (
    certificate_rule,
    invitation_rule,
    registration_rule,
    session_rule,
    trainer_rule,
)


def _token() -> str:
    return secrets.token_urlsafe(18)


def _certificate_code() -> str:
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(12))


class Topic(models.TextChoices):
    RECP = "recp", _("resource efficiency and cleaner production")
    SYMBIOSIS = "symbiosis", _("industrial symbiosis")
    ENERGY = "energy", _("energy management")
    EIP_CRITERIA = "eip_criteria", _("EIP criteria")
    GRIEVANCE = "grievance", _("grievance handling and community dialogue")
    SAFETY = "safety", _("occupational safety and health")
    OTHER = "other", _("other")


class Trainer(models.Model):
    """A person who runs a park's training sessions (the trainer persona)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="trainer_of", verbose_name=_("user"))
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="trainers",
                             verbose_name=_("park"))

    access = Owner(park="park", rule=trainer_rule)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "park"], name="trainer_once")]
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")

    def __str__(self) -> str:
        return "{} @ {}".format(self.user, self.park)


class Course(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    summary_vi = models.TextField(_("summary (Vietnamese)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1,
                                validators=[MinValueValidator(0)])
    active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["topic", "code"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.title_en if get_language() == "en" else self.title_vi

    @property
    def summary(self) -> str:
        return self.summary_en if get_language() == "en" else self.summary_vi


class Material(models.Model):
    """The course's library: a file or a link."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="materials",
                               verbose_name=_("course"))
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to="training/materials/", blank=True)

    class Meta:
        ordering = ["course", "title"]
        verbose_name = _("course material")
        verbose_name_plural = _("course materials")

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid (in person and online)")

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions",
                               verbose_name=_("course"))
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="training_sessions",
                             verbose_name=_("park"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices,
                            default=Mode.IN_PERSON)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("seats"), validators=[MinValueValidator(1)])
    trainer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+", verbose_name=_("trainer"))
    checkin_token = models.CharField(max_length=40, unique=True, default=_token,
                                     editable=False)

    #: for_user = the sessions the user runs (public facts come from the plain manager)
    access = Owner(park="park", rule=session_rule)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "id"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self) -> str:
        return "{} {}".format(self.course.code, self.starts_at.date())

    @property
    def confirmed(self) -> int:
        return self.registrations.filter(status=Registration.Status.REGISTERED).count()

    @property
    def seats_left(self) -> int:
        return max(0, self.capacity - self.confirmed)


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        WAITLISTED = "waitlisted", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    class Gender(models.TextChoices):
        FEMALE = "female", _("woman")
        MALE = "male", _("man")
        OTHER = "other", _("another gender")
        UNSTATED = "unstated", _("not stated")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations",
                                verbose_name=_("session"))
    company = models.ForeignKey(Company, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="training_registrations",
                                verbose_name=_("company"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices,
                              default=Gender.UNSTATED)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                      null=True, related_name="+",
                                      verbose_name=_("registered by"))
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    attended = models.BooleanField(_("attended"), default=False)
    attended_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    attended_online = models.BooleanField(_("attended online"), default=False)
    checkin_method = models.CharField(_("check-in"), max_length=10, blank=True,
                                      choices=[("qr", _("QR code")),
                                               ("bulk", _("marked by the trainer"))])

    access = Owner(company="company", rule=registration_rule)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["session", "created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "email"],
                                               name="registration_once_per_session")]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return "{} · {}".format(self.name, self.session)


class Certificate(models.Model):
    registration = models.OneToOneField(Registration, on_delete=models.CASCADE,
                                        related_name="certificate",
                                        verbose_name=_("registration"))
    code = models.CharField(_("verification code"), max_length=16, unique=True,
                            default=_certificate_code, editable=False)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, related_name="+", verbose_name=_("issued by"))

    access = Owner(company="registration__company", rule=certificate_rule)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "id"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code


class Invitation(models.Model):
    """A firm invited to a session because of a gap in its records."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="invitations",
                                verbose_name=_("session"))
    company = models.ForeignKey(Company, on_delete=models.CASCADE,
                                related_name="training_invitations", verbose_name=_("company"))
    gap = models.CharField(_("gap"), max_length=40)
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)

    access = Owner(company="company", rule=invitation_rule)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["session", "company", "gap"]
        constraints = [models.UniqueConstraint(fields=["session", "company", "gap"],
                                               name="invitation_once")]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return "{} → {}".format(self.company, self.session)


class Question(models.Model):
    """A question of the course's pre/post quiz, in both languages; ``choices`` is a list of
    {"vi": …, "en": …} and ``correct`` the index of the right one."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="questions",
                               verbose_name=_("course"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text_vi = models.CharField(_("question (Vietnamese)"), max_length=500)
    text_en = models.CharField(_("question (English)"), max_length=500)
    choices = models.JSONField(_("choices"), default=list)
    correct = models.PositiveSmallIntegerField(_("right choice (from 0)"))

    class Meta:
        ordering = ["course", "order", "id"]
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return self.text_en if get_language() == "en" else self.text_vi

    def choice_labels(self) -> list[str]:
        key = "en" if get_language() == "en" else "vi"
        return [str(choice.get(key) or choice.get("vi") or "") for choice in self.choices]


class QuizAttempt(models.Model):
    class Phase(models.TextChoices):
        PRE = "pre", _("before the session")
        POST = "post", _("after the session")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="quiz_attempts",
                                     verbose_name=_("registration"))
    phase = models.CharField(_("quiz"), max_length=4, choices=Phase.choices)
    answers = models.JSONField(_("answers"), default=list)
    correct = models.PositiveSmallIntegerField(_("right answers"))
    total = models.PositiveSmallIntegerField(_("questions"))
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    access = Owner(company="registration__company", rule=certificate_rule)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["registration", "phase"],
                                               name="quiz_once_per_phase")]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")

    def __str__(self) -> str:
        return "{} {} {}/{}".format(self.registration, self.phase, self.correct, self.total)


class Feedback(models.Model):
    registration = models.OneToOneField(Registration, on_delete=models.CASCADE,
                                        related_name="feedback",
                                        verbose_name=_("registration"))
    rating = models.PositiveSmallIntegerField(
        _("overall rating (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), max_length=3000, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    access = Owner(company="registration__company", rule=certificate_rule)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return "{} {}".format(self.registration, self.rating)
