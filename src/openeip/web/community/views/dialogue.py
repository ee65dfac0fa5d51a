"""Community dialogue: a park's meetings (participants by group, minutes, attachments) and the
commitments made there, which become actions of the EIP plan and are followed up."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openeip.core.errors import DomainError
from openeip.web.community.forms import (
    AttachmentForm,
    CommitmentForm,
    FollowUpForm,
    MeetingForm,
    PlanForm,
)
from openeip.web.community.models import (
    Attachment,
    Commitment,
    Meeting,
    ParticipantGroup,
)
from openeip.web.community.services import dialogue as service
from openeip.web.community.views._common import handled_park
from openeip.web.eip.services.editions import all_editions


@login_required
def meetings(request: HttpRequest, slug: str) -> HttpResponse:
    park = handled_park(request, slug)
    form = MeetingForm(request.POST or None, instance=Meeting(park=park))
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.created_by = request.user
        meeting.save()
        messages.success(request, _("Meeting recorded."))
        return redirect("community:meeting", slug=slug, pk=meeting.pk)
    rows = Meeting.objects.for_user(request.user).filter(park=park).prefetch_related(
        "commitments")
    return render(request, "community/meetings.html", {"park": park, "rows": rows,
                                                       "form": form})


def _meeting(request: HttpRequest, slug: str, pk: int) -> Meeting:
    park = handled_park(request, slug)
    return get_object_or_404(Meeting.objects.for_user(request.user).select_related("park"),
                             park=park, pk=pk)


def _editions() -> list[tuple[str, str]]:
    vi = get_language() == "vi"
    return [(item.id, item.title_vi if vi else item.title_en) for item in all_editions()]


@login_required
def meeting(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    row = _meeting(request, slug, pk)
    groups = [(label, row.participants.get(code, 0)) for code, label in ParticipantGroup.choices
              if row.participants.get(code)]
    commitments = [{"row": item, "follow": FollowUpForm(prefix="c{}".format(item.pk)),
                    "follow_ups": item.follow_ups.all()}
                   for item in row.commitments.select_related("plan_action")]
    return render(request, "community/meeting.html", {
        "park": row.park, "meeting": row, "groups": groups, "commitments": commitments,
        "commitment_form": CommitmentForm(), "attachment_form": AttachmentForm(),
        "plan_form": PlanForm(editions=_editions())})


@login_required
@require_POST
def commitment_new(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    row = _meeting(request, slug, pk)
    form = CommitmentForm(request.POST, instance=Commitment(meeting=row))
    if form.is_valid():
        form.save()
        messages.success(request, _("Commitment recorded."))
    else:
        messages.error(request, _("The commitment was not saved: {errors}").format(
            errors=" ".join(str(e) for errors in form.errors.values() for e in errors)))
    return redirect("community:meeting", slug=slug, pk=pk)


@login_required
@require_POST
def attachment_new(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    row = _meeting(request, slug, pk)
    form = AttachmentForm(request.POST, request.FILES, instance=Attachment(meeting=row))
    if form.is_valid():
        form.save()
        messages.success(request, _("File attached."))
    else:
        messages.error(request, _("The file was not attached."))
    return redirect("community:meeting", slug=slug, pk=pk)


@login_required
def attachment(request: HttpRequest, slug: str, pk: int, aid: int) -> FileResponse:
    row = _meeting(request, slug, pk)
    item = get_object_or_404(Attachment.objects.for_user(request.user), meeting=row, pk=aid)
    return FileResponse(item.file.open("rb"), as_attachment=True,
                        filename=item.file.name.rsplit("/", 1)[-1])


def _commitment(request: HttpRequest, slug: str, pk: int, cid: int) -> Commitment:
    row = _meeting(request, slug, pk)
    return get_object_or_404(Commitment.objects.for_user(request.user).select_related(
        "meeting__park"), meeting=row, pk=cid)


@login_required
@require_POST
def commitment_plan(request: HttpRequest, slug: str, pk: int, cid: int) -> HttpResponse:
    item = _commitment(request, slug, pk, cid)
    form = PlanForm(request.POST, editions=_editions())
    if form.is_valid():
        try:
            service.make_plan_action(item, form.cleaned_data["edition"], request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The commitment is now an action of the EIP plan."))
    return redirect("community:meeting", slug=slug, pk=pk)


@login_required
@require_POST
def commitment_follow_up(request: HttpRequest, slug: str, pk: int, cid: int) -> HttpResponse:
    item = _commitment(request, slug, pk, cid)
    form = FollowUpForm(request.POST, prefix="c{}".format(item.pk))
    if form.is_valid():
        try:
            service.follow_up(item, form.cleaned_data["date"], form.cleaned_data["note"],
                              form.cleaned_data["status"], request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Follow-up recorded."))
    else:
        messages.error(request, _("The follow-up was not saved: give a date and a note."))
    return redirect("community:meeting", slug=slug, pk=pk)
