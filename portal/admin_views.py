"""The admin's doors: the page django-axes shows a locked-out login, and a 403 page inside
the admin."""

import math

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a login while a user name or an address is locked out
    (settings.AXES_LOCKOUT_CALLABLE): the admin's login page with the reason instead of the
    form."""
    cooloff = settings.AXES_COOLOFF_TIME
    context = {
        **admin.site.each_context(request),
        "title": _("Вход заблокирован"),
        "minutes": math.ceil(cooloff.total_seconds() / 60) if cooloff else None,
    }
    response = render(request, "admin/locked_out.html", context, status=429)
    if cooloff:
        response["Retry-After"] = str(int(cooloff.total_seconds()))
    return response


def permission_denied(request, exception=None):
    """handler403: inside the admin, an admin page that leads back to the admin's index;
    elsewhere the site's own 403 page."""
    if request.path.startswith(reverse("admin:index")):
        context = {**admin.site.each_context(request), "title": _("Доступ запрещён")}
        return render(request, "admin/403.html", context, status=403)
    return defaults.permission_denied(request, exception)
