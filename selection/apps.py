from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelectionConfig(AppConfig):
    """Подбор CRM (/selection/): ranks the catalog's products for a visitor's needs. No
    models of its own: it reads the catalog's, through the catalog's ProductFilter."""

    name = "selection"
    verbose_name = _("Подбор CRM")
