from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.params import QUERY_MAX_LENGTH

# The header's sections: (URL namespace, URL name of the section's entry page, label).
NAV_SECTIONS = [
    ("selection", "selection:wizard", _("Подбор")),
    ("catalog", "catalog:product-list", _("Каталог")),
    ("glossary", "glossary:term-list", _("Глоссарий")),
    ("materials", "materials:article-list", _("Материалы")),
]


def portal(request):
    match = getattr(request, "resolver_match", None)
    current = match.namespace if match else ""
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "SOCIAL_LINKS": settings.SOCIAL_LINKS,
        "QUERY_MAX_LENGTH": QUERY_MAX_LENGTH,
        "is_home": request.path == "/",  # the home page's title is the portal's name alone
        "nav_items": [
            (label, reverse(url_name), namespace == current)
            for namespace, url_name, label in NAV_SECTIONS
        ],
    }
