from axes import apps as axes_apps
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The helpers every app uses (docs/architecture.md); it imports no other project app."""

    name = "core"
    verbose_name = _("Служебное")

    def ready(self):
        from core import (
            checks,  # noqa: F401 -- registers the deployment checks
            history,
        )

        history.connect_signals()


class LoginProtectionConfig(axes_apps.AppConfig):
    """django-axes (failed logins and lockouts) under a Russian name in the admin; named in
    INSTALLED_APPS, never the core app's own config (default = False)."""

    default = False
    verbose_name = _("Защита входа")
