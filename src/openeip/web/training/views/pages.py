"""Training pages: the public catalogue and sessions, registration, the trainer's roster with
QR check-in and bulk attendance, certificates with public verification, a company's training
record and a park's overview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from openeip.core.errors import DomainError
from openeip.core.training import checkin_window, is_checkin_open, is_quiz_open
from openeip.web.base.ratelimit import over_limit, too_many
from openeip.web.registry.models import Company, Park
from openeip.web.training.forms import (
    CheckinForm,
    FeedbackForm,
    QuizForm,
    RegistrationForm,
    SessionForm,
)
from openeip.web.training.models import (
    Certificate,
    Course,
    Invitation,
    QuizAttempt,
    Registration,
    Session,
)
from openeip.web.training.reports.certificate import certificate_pdf, qr_svg
from openeip.web.training.services import registration as service
from openeip.web.training.services.indicators import training_inputs
from openeip.web.training.services.invitations import invite_from_gaps
from openeip.web.training.services.quiz import give_feedback, session_summary, submit_quiz
from openeip.web.training.views._common import (
    registrable_companies,
    runs,
    runs_park,
    session_or_404,
)

CHECKINS_PER_HOUR = 120


def catalogue(request: HttpRequest) -> HttpResponse:
    courses = Course.objects.filter(active=True).prefetch_related("sessions")
    now = timezone.now()
    items = [{"course": course, "next": [s for s in course.sessions.all() if s.ends_at >= now][:3]}
             for course in courses]
    runs = (Park.objects.filter(Q(managers__user=request.user)
                                | Q(trainers__user=request.user)).distinct().order_by("slug")
            if request.user.is_authenticated else Park.objects.none())
    return render(request, "training/catalogue.html", {"items": items, "runs": runs})


def course(request: HttpRequest, code: str) -> HttpResponse:
    row = get_object_or_404(Course, code=code)
    return render(request, "training/course.html", {
        "course": row, "sessions": row.sessions.select_related("park").order_by("starts_at"),
        "materials": row.materials.all()})


def session(request: HttpRequest, pk: int) -> HttpResponse:
    """Public facts for everyone; the registration form for those who may register people;
    the roster, the QR code and attendance for the session's trainers and park managers."""
    row = session_or_404(pk)
    companies = registrable_companies(request.user, row)
    staff = runs(request.user, row)
    context = {"session": row, "course": row.course, "staff": staff,
               "window": checkin_window(row.starts_at, row.ends_at),
               "over": row.ends_at < timezone.now()}
    if companies.exists() and not context["over"]:
        context["form"] = RegistrationForm(companies=companies,
                                           company_required=not runs_park(request.user,
                                                                          row.park))
    if request.user.is_authenticated:
        context["mine"] = Registration.objects.for_user(request.user).filter(
            session=row).exclude(status=Registration.Status.CANCELLED).select_related(
                "company")
    if staff:
        context["roster"] = row.registrations.exclude(
            status=Registration.Status.CANCELLED).select_related("company", "certificate")
        context["checkin_url"] = request.build_absolute_uri(
            reverse("training:checkin", args=[row.checkin_token]))
        context["invitations"] = row.invitations.select_related("company")
        context["summary"] = session_summary(row)
        context["quiz_urls"] = {
            phase: request.build_absolute_uri(reverse("training:quiz", args=[
                row.checkin_token, phase])) for phase in QuizAttempt.Phase.values}
        context["feedback_url"] = request.build_absolute_uri(
            reverse("training:feedback", args=[row.checkin_token]))
    return render(request, "training/session.html", context)


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    row = session_or_404(pk)
    companies = registrable_companies(request.user, row)
    if not companies.exists():
        raise Http404
    form = RegistrationForm(request.POST, companies=companies,
                            company_required=not runs_park(request.user, row.park))
    if form.is_valid():
        try:
            made = service.register(row, company=form.cleaned_data["company"],
                                    user=request.user, **{
                                        key: form.cleaned_data[key] for key in
                                        ("name", "email", "gender", "job_title")})
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("{name} is {status}.").format(
                name=made.name, status=made.get_status_display()))
    else:
        messages.error(request, _("Not registered: {errors}").format(errors=" ".join(
            str(e) for errors in form.errors.values() for e in errors)))
    return redirect("training:session", pk=pk)


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Registration.objects.for_user(request.user, "change"), pk=pk)
    service.cancel(row, request.user)
    messages.success(request, _("Registration cancelled."))
    return redirect("training:session", pk=row.session_id)


def _staff_session(request: HttpRequest, pk: int) -> Session:
    row = session_or_404(pk)
    if not runs(request.user, row):
        raise Http404
    return row


@login_required
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    row = _staff_session(request, pk)
    ids = [int(value) for value in request.POST.getlist("present") if value.isdigit()]
    online = [int(value) for value in request.POST.getlist("online") if value.isdigit()]
    changed = service.mark_present(row, ids, request.user, online)
    messages.success(request, _("{n} marked present.").format(n=changed))
    return redirect("training:session", pk=pk)


@login_required
@require_POST
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    row = _staff_session(request, pk)
    try:
        made = service.issue_certificates(row, request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("{n} certificates issued.").format(n=len(made)))
    return redirect("training:session", pk=pk)


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    row = _staff_session(request, pk)
    made = invite_from_gaps(row)
    messages.success(request, _("{n} firms invited.").format(n=len({i.company_id for i in made})))
    return redirect("training:session", pk=pk)


@login_required
def qr(request: HttpRequest, pk: int) -> HttpResponse:
    row = _staff_session(request, pk)
    url = request.build_absolute_uri(reverse("training:checkin", args=[row.checkin_token]))
    return HttpResponse(qr_svg(url, scale=8), content_type="image/svg+xml")


@never_cache
@require_http_methods(["GET", "POST"])
def checkin(request: HttpRequest, token: str) -> HttpResponse:
    """The page the session's QR code opens: check in with one's registered e-mail, only while
    the session's window is open."""
    row = get_object_or_404(Session.objects.select_related("course"), checkin_token=token)
    now = timezone.now()
    form = CheckinForm(request.POST or None)
    done = None
    if request.method == "POST":
        if over_limit(request, "checkin", CHECKINS_PER_HOUR):
            return too_many(request)
        if form.is_valid():
            try:
                done = service.check_in(row, form.cleaned_data["email"], now,
                                        online=form.cleaned_data["online"])
            except DomainError as error:
                form.add_error(None, str(error))
    return render(request, "training/checkin.html", {
        "session": row, "form": form, "done": done,
        "open": is_checkin_open(row.starts_at, row.ends_at, now),
        "window": checkin_window(row.starts_at, row.ends_at)})


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: who holds this certificate, for which course and when. Unknown → plain 404."""
    certificate = (Certificate.objects.select_related("registration__session__course",
                                                      "registration__session__park")
                   .filter(code=code.upper()).first())
    if certificate is None:
        raise Http404
    return render(request, "training/verify.html", {"certificate": certificate,
                                                    "registration": certificate.registration,
                                                    "session": certificate.registration.session})


def certificate_file(request: HttpRequest, code: str) -> HttpResponse:
    certificate = (Certificate.objects.select_related("registration__session__course",
                                                      "registration__session__park")
                   .filter(code=code.upper()).first())
    if certificate is None:
        raise Http404
    url = request.build_absolute_uri(reverse("training:verify", args=[certificate.code]))
    response = HttpResponse(certificate_pdf(certificate, url), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="certificate-{}.pdf"'.format(
        certificate.code)
    return response


@login_required
def company_training(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_object_or_404(Company.objects.for_user(request.user), pk=pk)
    rows = (Registration.objects.for_user(request.user).filter(company=company)
            .exclude(status=Registration.Status.CANCELLED)
            .select_related("session__course", "certificate").order_by("-session__starts_at"))
    attended = [row for row in rows if row.attended]
    by_gender = {code: len({row.email for row in attended if row.gender == code})
                 for code in Registration.Gender.values}
    invitations = Invitation.objects.for_user(request.user).filter(
        company=company, session__ends_at__gte=timezone.now()).select_related(
            "session__course")
    return render(request, "training/company.html", {
        "company": company, "rows": rows, "by_gender": [
            (label, by_gender[code]) for code, label in Registration.Gender.choices],
        "people": len({row.email for row in attended}), "invitations": invitations})


@login_required
def park_training(request: HttpRequest, slug: str) -> HttpResponse:
    park = get_object_or_404(Park, slug=slug)
    if not runs_park(request.user, park):
        raise Http404
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        row = form.save(commit=False)
        row.park = park
        row.trainer = request.user
        row.save()
        messages.success(request, _("Session planned."))
        return redirect("training:session", pk=row.pk)
    year = timezone.localdate().year
    figures = training_inputs(park, year)
    firms = Company.objects.filter(park=park).count()
    return render(request, "training/park.html", {
        "park": park, "form": form, "year": year, "figures": figures, "firms": firms,
        "sessions": Session.objects.filter(park=park).select_related("course")})




def _session_by_token(token: str) -> Session:
    return get_object_or_404(Session.objects.select_related("course"), checkin_token=token)


@never_cache
@require_http_methods(["GET", "POST"])
def quiz(request: HttpRequest, token: str, phase: str) -> HttpResponse:
    """The pre- or post-session quiz, answered with one's registered e-mail (no account)."""
    if phase not in QuizAttempt.Phase.values:
        raise Http404
    row = _session_by_token(token)
    questions = list(row.course.questions.all())
    form = QuizForm(request.POST or None, questions=questions)
    done = None
    if request.method == "POST":
        if over_limit(request, "quiz", CHECKINS_PER_HOUR):
            return too_many(request)
        if form.is_valid():
            try:
                done = submit_quiz(row, phase, form.cleaned_data["email"], form.answers())
            except DomainError as error:
                form.add_error(None, str(error))
    return render(request, "training/quiz.html", {
        "session": row, "phase": QuizAttempt.Phase(phase), "form": form, "done": done,
        "open": is_quiz_open(phase, row.starts_at, row.ends_at, timezone.now()),
        "questions": questions})


@never_cache
@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest, token: str) -> HttpResponse:
    row = _session_by_token(token)
    form = FeedbackForm(request.POST or None)
    done = None
    if request.method == "POST":
        if over_limit(request, "feedback", CHECKINS_PER_HOUR):
            return too_many(request)
        if form.is_valid():
            try:
                done = give_feedback(row, form.cleaned_data["email"],
                                     int(form.cleaned_data["rating"]),
                                     form.cleaned_data["comment"])
            except DomainError as error:
                form.add_error(None, str(error))
    return render(request, "training/feedback.html", {
        "session": row, "form": form, "done": done,
        "open": is_quiz_open("post", row.starts_at, row.ends_at, timezone.now())})
