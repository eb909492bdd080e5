"""When the wizard finds nothing: which hard requirement to relax (pure: no ORM, no request).

The view counts, for each must-have or market constraint, the products that every other
constraint lets through; `best_relaxation` picks the one that brings back the most, and
`relaxed_answers` is the visitor's answers without it, for a one-click link.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Constraint:
    """A hard requirement that can remove products: a must-have or a market constraint."""

    key: str  # "must:<slug>", "availability", "registry" or "data"
    label: str


def hard_constraints(requirements):
    constraints = [
        Constraint(
            f"must:{need.slug}", _("обязательная возможность «%(name)s»") % {"name": need.name}
        )
        for need in requirements.must
    ]
    if requirements.only_available:
        constraints.append(
            Constraint("availability", _("только продукты, которые продаются в России"))
        )
    if requirements.registry:
        constraints.append(Constraint("registry", _("только продукты из реестра российского ПО")))
    if requirements.data_in_russia:
        constraints.append(Constraint("data", _("данные хранятся в России")))
    return constraints


def best_relaxation(counts):
    """The constraint whose removal brings back the most products, with that number:
    counts is [(Constraint, products matching every other constraint)]."""
    best = max(counts, key=lambda pair: pair[1], default=None)
    return best if best and best[1] > 0 else None


def relaxed_answers(answers, constraint):
    """The visitor's answers ({param: [values]}) without one constraint: a must-have becomes
    a nice-to-have (the wish is kept), "only available in Russia" becomes "any"."""
    answers = {name: list(values) for name, values in answers.items()}
    if constraint.key.startswith("must:"):
        slug = constraint.key.removeprefix("must:")
        answers["must"] = [value for value in answers.get("must", []) if value != slug]
        answers.setdefault("nice", []).append(slug)
    elif constraint.key == "availability":
        answers["availability"] = ["any"]
    else:
        answers.pop(constraint.key, None)
    return {name: values for name, values in answers.items() if values}
