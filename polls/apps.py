from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Runs the polls: adds and changes polls and choices, closes them, reads and exports votes;
# never deletes votes (core/roles.py).
POLL_MODERATORS = "Модераторы опросов"
# The content area of polls, their choices and votes (core/versions.py).
POLLS_AREA = "polls"


class PollsConfig(AppConfig):
    name = "polls"
    verbose_name = _("Опросы")

    def ready(self):
        from core import page_cache, roles, versions
        from polls.models import Choice, Poll, Vote
        from polls.selectors import CURRENT_POLL_AREA

        # Editors read polls and their results; running them is the moderators' job.
        roles.grant(roles.EDITORS, ["polls.view_poll", "polls.view_choice", "polls.view_vote"])
        roles.grant(
            POLL_MODERATORS,
            [
                "polls.add_poll",
                "polls.change_poll",
                "polls.view_poll",
                "polls.add_choice",
                "polls.change_choice",
                "polls.view_choice",
                # Also the right to export votes (PollAdmin.has_export_permission).
                "polls.view_vote",
            ],
        )
        versions.register(Poll, areas=(POLLS_AREA, CURRENT_POLL_AREA))
        versions.register(Choice, areas=(POLLS_AREA, CURRENT_POLL_AREA))
        # A new vote changes no shared page: results show in the voter's own poll block and
        # on the poll's page, which are never cached. A deleted one changes the archive.
        versions.register(Vote, areas=(POLLS_AREA,), creating_is_change=False)
        # The aside of every page shows the current poll (templates/includes/_aside.html).
        page_cache.shown_on_every_page(CURRENT_POLL_AREA)
        page_cache.register_schedule(Poll.objects.next_change)
