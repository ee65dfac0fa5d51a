"""``openeip grievances …``: the grievance mechanism's scheduled and public parts
(docs/community.md).

* ``escalate`` — move every open grievance whose deadline has passed one level up (run daily,
  e.g. from cron); prints one line per escalation;
* ``stats`` — a park's public statistics of a year (small counts hidden), tab-separated.
"""

from __future__ import annotations

from typing import Annotated

import typer

from openeip.cli._app import app, checked_language, setup_django
from openeip.core.i18n import gettext as _
from openeip.core.i18n import language

grievances_app = typer.Typer(
    help=_("Grievances of the parks: escalation of missed deadlines, public statistics."),
    no_args_is_help=True,
)
app.add_typer(grievances_app, name="grievances")

Lang = Annotated[str, typer.Option(
    "--lang", envvar="OPENEIP_LANG", callback=checked_language,
    help=_("Language of the messages: vi or en."))]


@grievances_app.command("escalate")
def escalate(lang: Lang = "vi") -> None:
    """Escalate every open grievance whose deadline has passed, one level up."""
    setup_django()
    from django.utils import translation

    from openeip.web.community.models import Level
    from openeip.web.community.services.escalation import escalate_overdue

    with language(lang), translation.override(lang):
        made = escalate_overdue()
        for row in made:
            typer.echo(_("grievance #{id}: {before} → {after}").format(
                id=row.grievance_id, before=Level(row.from_level).label,
                after=Level(row.to_level).label))
        typer.echo(_("{count} escalated").format(count=len(made)))


@grievances_app.command("stats")
def stats(park: Annotated[str, typer.Option("--park", help=_(
              "The park's identifier, as `openeip parks` lists it."))],
          year: Annotated[int, typer.Option("--year", help=_("The year the cases were "
                                                              "received."))],
          lang: Lang = "vi") -> None:
    """The park's public statistics of a year: breakdown, key, count ('–' = not shown)."""
    setup_django()
    from django.utils import translation

    from openeip.web.community.services.statistics import public_statistics
    from openeip.web.registry.models import Park

    row = Park.objects.filter(slug=park).first()
    if row is None:
        typer.echo(_("No park '{slug}'; `openeip parks` lists them.").format(slug=park),
                   err=True)
        raise typer.Exit(1)
    with language(lang), translation.override(lang):
        typer.echo("\t".join((_("breakdown"), _("key"), _("count"))))
        for name, counts in public_statistics(row, year).items():
            for key, value in counts.cells.items():
                typer.echo("\t".join((name, key, "–" if value is None else str(value))))
            typer.echo("\t".join((name, "total", "–" if counts.total is None
                                  else str(counts.total))))
