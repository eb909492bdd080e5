"""The visitor's answers as a short summary above the result (pure: no ORM, no request)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalog.models import Deployment, SelectionTask


def _names(needs):
    return ", ".join(need.name for need in needs)


def describe(requirements):
    """[text] of every answer given, in the order the questions ask them."""
    parts = []
    if requirements.task:
        parts.append(str(SelectionTask(requirements.task).label))
    if requirements.users:
        parts.append(
            ngettext("%(n)d пользователь", "%(n)d пользователей", requirements.users)
            % {"n": requirements.users}
        )
    if requirements.budget is not None:
        parts.append(
            _("бюджет до %(budget)s ₽ за пользователя в месяц") % {"budget": requirements.budget}
        )
    if requirements.deployment:
        parts.append(str(Deployment(requirements.deployment).label))
    if requirements.free_plan:
        parts.append(_("бесплатный тариф"))
    if requirements.must:
        parts.append(_("обязательно: %(names)s") % {"names": _names(requirements.must)})
    if requirements.nice:
        parts.append(_("желательно: %(names)s") % {"names": _names(requirements.nice)})
    parts.append(
        _("только продаются в России")
        if requirements.only_available
        else _("включая ушедшие из России")
    )
    if requirements.registry:
        parts.append(_("в реестре российского ПО"))
    if requirements.data_in_russia:
        parts.append(_("данные в России"))
    return parts
