"""Pure catalog logic: explaining a product's class from its capabilities.

No database access here: callers pass in what they already loaded, so the card stays
within its query budget and the logic is testable with plain objects.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# The source text defines CRM against SFA: an SFA system lacks the CRM criteria.
CRM_CLASS_SLUG = "crm"
SFA_CLASS_SLUG = "sfa"


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

    @property
    def is_warning(self):
        return self.verdict == Verdict.CONTRADICTS


def _lower_first(text):
    return text[:1].lower() + text[1:]


def _names(capabilities):
    return ", ".join(_lower_first(c.name) for c in capabilities)


def explain_class(product_class, capabilities, criteria):
    """Say which CRM criteria a product meets and lacks and whether that fits its class.

    product_class: a ProductClass (needs .slug and .name) or None;
    capabilities: the product's Capability objects; criteria: every Capability whose
    is_crm_criterion is set, in display order.
    """
    criteria = [c for c in criteria if c.is_crm_criterion]
    if product_class is None or not criteria:
        return ClassExplanation()
    owned = {c.pk for c in capabilities}
    met = [c for c in criteria if c.pk in owned]
    missing = [c for c in criteria if c.pk not in owned]
    class_name = product_class.name

    if product_class.slug == CRM_CLASS_SLUG:
        if missing:
            text = _(
                "%(cls)s, но по данным каталога не хватает критериев CRM: %(missing)s. "
                "По этим признакам продукт ближе к SFA-системе."
            ) % {"cls": class_name, "missing": _names(missing)}
            return ClassExplanation(met, missing, Verdict.CONTRADICTS, text)
        text = _("%(cls)s: выполнены все критерии CRM — %(met)s.") % {
            "cls": class_name,
            "met": _names(met),
        }
        return ClassExplanation(met, missing, Verdict.AGREES, text)

    if product_class.slug == SFA_CLASS_SLUG:
        if missing:
            text = _("%(cls)s: нет критериев CRM — %(missing)s.") % {
                "cls": class_name,
                "missing": _names(missing),
            }
            return ClassExplanation(met, missing, Verdict.AGREES, text)
        text = _(
            "%(cls)s, но выполнены все критерии CRM (%(met)s): по возможностям это CRM-система."
        ) % {"cls": class_name, "met": _names(met)}
        return ClassExplanation(met, missing, Verdict.CONTRADICTS, text)

    text = _("%(cls)s: критерии CRM выполнены %(met)d из %(total)d.") % {
        "cls": class_name,
        "met": len(met),
        "total": len(criteria),
    }
    return ClassExplanation(met, missing, Verdict.NOT_JUDGED, text)
