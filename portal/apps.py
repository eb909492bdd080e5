from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Pages that span the apps: home, site search, robots, sitemaps, errors, the change
    journal, and the demo and bench commands."""

    name = "portal"
    verbose_name = _("Портал")

    def ready(self):
        from core import roles, versions
        from portal import checks  # noqa: F401 -- registers the admin URL check
        from portal.models import SearchIntent

        # What visitors searched for in vain: editors answer it with content.
        roles.grant(roles.EDITORS, ["portal.view_searchmiss"])
        # The search's intent cards are editors' data (words → filters).
        roles.grant(roles.EDITORS, roles.every_action("portal", ["searchintent"]))
        # Only the pages that show everything (search, home) read them.
        versions.register(SearchIntent, areas=("portal",))
