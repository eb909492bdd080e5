"""The navigation trail above a page's heading, built by views, drawn by one include."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str | None = None  # None: the current page


def breadcrumbs(*trail):
    """Главная, then each (label, url) of `trail`; the last item is the current page."""
    crumbs = [Crumb(_("Главная"), reverse("home"))]
    crumbs += [Crumb(str(label), url) for label, url in trail]
    last = crumbs[-1]
    crumbs[-1] = Crumb(last.label)
    return crumbs
