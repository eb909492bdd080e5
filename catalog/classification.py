"""Explaining a product's class from its capabilities (pure: no database, no request).

The source text defines a CRM-system against an SFA-system: an SFA-system lacks the CRM
criteria (complaint handling, service, product-line management, the process approach).
Callers pass in what they already loaded, so the card stays within its query budget and
the logic is testable with plain objects.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from catalog.models import ProductClass


class Verdict:
    AGREES = "agrees"  # capabilities confirm the class
    CONTRADICTS = "contradicts"  # a CRM lacking criteria, or an SFA meeting them all
    NOT_JUDGED = "not-judged"  # other classes: criteria shown for information only


@dataclass(frozen=True)
class ClassExplanation:
    met: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    verdict: str = Verdict.NOT_JUDGED
    text: str = ""
    unknown: list = field(default_factory=list)  # criteria the catalog has no data on

    @property
    def is_warning(self):
        return self.verdict == Verdict.CONTRADICTS

    @property
    def is_confirmed(self):
        return self.verdict == Verdict.AGREES


def _lower_first(text):
    return text[:1].lower() + text[1:]


def _names(capabilities):
    return ", ".join(_lower_first(c.name) for c in capabilities)


def _unknown_sentence(unknown):
    if not unknown:
        return ""
    return " " + _("Нет данных: %(unknown)s.") % {"unknown": _names(unknown)}


def _crm_verdict(class_name, met, missing, unknown):
    if missing:
        text = _(
            "%(cls)s, но по данным каталога не хватает критериев CRM: %(missing)s. "
            "По этим признакам продукт ближе к SFA-системе."
        )
        return Verdict.CONTRADICTS, text % {"cls": class_name, "missing": _names(missing)}
    if unknown:
        text = _("%(cls)s: подтверждены не все критерии CRM.") % {"cls": class_name}
        if met:
            text += " " + _("Выполнены: %(met)s.") % {"met": _names(met)}
        return Verdict.NOT_JUDGED, text + _unknown_sentence(unknown)
    text = _("%(cls)s: выполнены все критерии CRM — %(met)s.")
    return Verdict.AGREES, text % {"cls": class_name, "met": _names(met)}


def _sfa_verdict(class_name, met, missing, unknown):
    if missing:
        text = _("%(cls)s: нет критериев CRM — %(missing)s.")
        text %= {"cls": class_name, "missing": _names(missing)}
        return Verdict.AGREES, text + _unknown_sentence(unknown)
    if unknown:
        text = _("%(cls)s: о части критериев CRM нет данных.") % {"cls": class_name}
        return Verdict.NOT_JUDGED, text + _unknown_sentence(unknown)
    text = _("%(cls)s, но выполнены все критерии CRM (%(met)s): по возможностям это CRM-система.")
    return Verdict.CONTRADICTS, text % {"cls": class_name, "met": _names(met)}


def _other_verdict(class_name, met, missing, unknown):
    text = _("%(cls)s: критерии CRM выполнены %(met)d из %(total)d.")
    total = len(met) + len(missing) + len(unknown)
    text %= {"cls": class_name, "met": len(met), "total": total}
    return Verdict.NOT_JUDGED, text + _unknown_sentence(unknown)


_VERDICTS = {
    ProductClass.Kind.CRM: _crm_verdict,
    ProductClass.Kind.SFA: _sfa_verdict,
}


def explain_class(product_class, capabilities, criteria, unknown=()):
    """Say which CRM criteria a product meets and lacks and whether that fits its class.

    product_class: a ProductClass (needs .kind and .name) or None;
    capabilities: the Capability objects the product is known to have; unknown: those the
    catalog has no data on ("нет данных": neither met nor missing); criteria: every
    Capability whose is_crm_criterion is set, in display order.
    """
    criteria = [c for c in criteria if c.is_crm_criterion]
    if product_class is None or not criteria:
        return ClassExplanation()
    owned = {c.pk for c in capabilities}
    unsure = {c.pk for c in unknown} - owned
    met = [c for c in criteria if c.pk in owned]
    not_known = [c for c in criteria if c.pk in unsure]
    missing = [c for c in criteria if c.pk not in owned and c.pk not in unsure]
    judge = _VERDICTS.get(product_class.kind, _other_verdict)
    verdict, text = judge(product_class.name, met, missing, not_known)
    return ClassExplanation(met, missing, verdict, text, not_known)


def explain_product(product_class, product_capabilities, criteria):
    """explain_class() from a product's ProductCapability rows (capability loaded): the card
    and the admin's form and list judge the same way."""
    held = list(product_capabilities)
    return explain_class(
        product_class,
        [row.capability for row in held if row.is_confirmed],
        criteria,
        unknown=[row.capability for row in held if not row.is_confirmed],
    )
