from axes import apps as axes_apps
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Портал")

    def ready(self):
        from portal import (
            checks,  # noqa: F401 -- registers the deployment checks
            content_version,
            history,
        )

        content_version.connect_signals()
        history.connect_signals()


class LoginProtectionConfig(axes_apps.AppConfig):
    """django-axes (failed logins and lockouts) under a Russian name in the admin; named in
    INSTALLED_APPS, never the portal app's own config (default = False)."""

    default = False
    verbose_name = _("Защита входа")
