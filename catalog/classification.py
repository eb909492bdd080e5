"""Explaining a product's class from its capabilities (pure: no database, no request).

The source text defines an SFA-system as a lighter system that lacks *most* of the CRM
mechanisms (complaint handling and service, product-line management, the process approach,
…). So a product is judged by the majority of the CRM criteria, counting only what the
catalog knows: a criterion it has (есть), one it is known to lack (нет), and one nobody
recorded (нет данных), which is neither.

- most criteria met: the product is a CRM-system by its capabilities;
- most criteria known to be lacking: an SFA-system (or a system of another kind);
- neither (a split, or too little known): the class is not judged either way.

Callers pass in what they already loaded, so the card stays within its query budget and
the logic is testable with plain objects.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from catalog.models import ProductClass


class Verdict:
    AGREES = "agrees"  # capabilities confirm the class
    CONTRADICTS = "contradicts"  # a CRM lacking most criteria, or an SFA meeting most
    NOT_JUDGED = "not-judged"  # too little known, a split, or a class not judged by criteria


class Profile:
    CRM = "crm"  # most criteria met
    SFA = "sfa"  # most criteria known to be lacking
    UNDECIDED = "undecided"


@dataclass(frozen=True)
class ClassExplanation:
    met: list = field(default_factory=list)
    missing: list = field(default_factory=list)  # known to be lacking
    verdict: str = Verdict.NOT_JUDGED
    text: str = ""
    unknown: list = field(default_factory=list)  # criteria the catalog has no data on

    @property
    def is_warning(self):
        return self.verdict == Verdict.CONTRADICTS

    @property
    def is_confirmed(self):
        return self.verdict == Verdict.AGREES


def majority(total):
    """How many of `total` criteria are "most" of them."""
    return total // 2 + 1


def profile(met, missing, total):
    if len(met) >= majority(total):
        return Profile.CRM
    if len(missing) >= majority(total):
        return Profile.SFA
    return Profile.UNDECIDED


def _lower_first(text):
    return text[:1].lower() + text[1:]


def _names(capabilities):
    return ", ".join(_lower_first(c.name) for c in capabilities)


def _details(met=(), missing=(), unknown=()):
    """The sentences that list what was not named in the verdict itself."""
    parts = []
    if met:
        parts.append(_("Выполнены: %(names)s.") % {"names": _names(met)})
    if missing:
        parts.append(_("Нет: %(names)s.") % {"names": _names(missing)})
    if unknown:
        parts.append(_("Нет данных: %(names)s.") % {"names": _names(unknown)})
    return "".join(" " + part for part in parts)


def _crm_verdict(class_name, met, missing, unknown):
    found = profile(met, missing, len(met) + len(missing) + len(unknown))
    if found == Profile.SFA:
        text = _(
            "%(cls)s, но по данным каталога у продукта нет большинства критериев CRM: "
            "%(missing)s. По этим признакам продукт ближе к SFA-системе."
        ) % {"cls": class_name, "missing": _names(missing)}
        return Verdict.CONTRADICTS, text + _details(met=met, unknown=unknown)
    if found == Profile.CRM and not (missing or unknown):
        text = _("%(cls)s: выполнены все критерии CRM — %(met)s.")
        return Verdict.AGREES, text % {"cls": class_name, "met": _names(met)}
    if found == Profile.CRM:
        text = _("%(cls)s: выполнено большинство критериев CRM — %(met)s.")
        text %= {"cls": class_name, "met": _names(met)}
        return Verdict.AGREES, text + _details(missing=missing, unknown=unknown)
    text = _("%(cls)s: большинство критериев CRM каталогом не подтверждено.") % {"cls": class_name}
    return Verdict.NOT_JUDGED, text + _details(met, missing, unknown)


def _sfa_verdict(class_name, met, missing, unknown):
    found = profile(met, missing, len(met) + len(missing) + len(unknown))
    if found == Profile.SFA:
        text = _("%(cls)s: нет большинства критериев CRM — %(missing)s.")
        text %= {"cls": class_name, "missing": _names(missing)}
        return Verdict.AGREES, text + _details(met=met, unknown=unknown)
    if found == Profile.CRM:
        text = _(
            "%(cls)s, но выполнено большинство критериев CRM (%(met)s): по возможностям это "
            "CRM-система."
        ) % {"cls": class_name, "met": _names(met)}
        return Verdict.CONTRADICTS, text + _details(missing=missing, unknown=unknown)
    text = _("%(cls)s: по большинству критериев CRM у каталога нет данных.") % {"cls": class_name}
    return Verdict.NOT_JUDGED, text + _details(met, missing, unknown)


def _other_verdict(class_name, met, missing, unknown):
    text = _("%(cls)s: критерии CRM выполнены %(met)d из %(total)d.")
    total = len(met) + len(missing) + len(unknown)
    text %= {"cls": class_name, "met": len(met), "total": total}
    return Verdict.NOT_JUDGED, text + _details(unknown=unknown)


_VERDICTS = {
    ProductClass.Kind.CRM: _crm_verdict,
    ProductClass.Kind.SFA: _sfa_verdict,
}


def explain_class(product_class, capabilities, criteria, absent=()):
    """Say which CRM criteria a product meets, lacks and has no data on, and whether that
    fits its class.

    product_class: a ProductClass (needs .kind and .name) or None; capabilities: the
    Capability objects the product is known to have; absent: those it is known to lack;
    every other criterion is "нет данных"; criteria: every Capability whose
    is_crm_criterion is set, in display order.
    """
    criteria = [c for c in criteria if c.is_crm_criterion]
    if product_class is None or not criteria:
        return ClassExplanation()
    owned = {c.pk for c in capabilities}
    lacking = {c.pk for c in absent} - owned
    met = [c for c in criteria if c.pk in owned]
    missing = [c for c in criteria if c.pk in lacking]
    unknown = [c for c in criteria if c.pk not in owned and c.pk not in lacking]
    judge = _VERDICTS.get(product_class.kind, _other_verdict)
    verdict, text = judge(product_class.name, met, missing, unknown)
    return ClassExplanation(met, missing, verdict, text, unknown)


def explain_product(product_class, product_capabilities, criteria):
    """explain_class() from a product's ProductCapability rows (capability loaded): the card
    and the admin's form and list judge the same way. A criterion without a row is
    "нет данных"."""
    held = list(product_capabilities)
    return explain_class(
        product_class,
        [row.capability for row in held if row.is_confirmed],
        criteria,
        absent=[row.capability for row in held if row.is_absent],
    )
