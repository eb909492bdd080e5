"""When too few products meet the requirements: what to relax (pure: no ORM, no request).

The wizard offers to relax whenever fewer than three products surely meet the hard
requirements, or the best of them fits weakly. For each hard requirement, and each pair,
selection/selectors.py counts the products that would then surely meet the rest;
`suggestions` keeps the ones that bring back more than there are now, fewest dropped first,
and `relaxed_answers` is the visitor's answers without them, for a one-click link. A dropped
must-have stays as a wish, so it still ranks.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

FEW_MATCHES = 3
WEAK_FIT = 50  # percent
MAX_SUGGESTIONS = 3


MUST_PREFIX = "must:"


@dataclass(frozen=True)
class Constraint:
    """A hard requirement that can remove products."""

    key: str  # "must:<slug or need>", "deployment", "free", "availability", "registry", "data"
    label: str


@dataclass(frozen=True)
class Suggestion:
    constraints: tuple  # Constraint
    count: int  # products that would surely meet the rest
    params: dict  # the visitor's answers without them

    @property
    def labels(self):
        return [constraint.label for constraint in self.constraints]

    @property
    def drops_must(self):
        """Whether a must-have capability is relaxed (it stays a wish: see relaxed_params)."""
        return any(constraint.key.startswith(MUST_PREFIX) for constraint in self.constraints)


def hard_constraints(requirements):
    constraints = [
        Constraint(f"{MUST_PREFIX}{need.slug}", _("обязательно «%(name)s»") % {"name": need.name})
        for need in requirements.must
    ]
    if requirements.deployment:
        constraints.append(Constraint("deployment", _("только выбранный способ развёртывания")))
    if requirements.free_plan:
        constraints.append(Constraint("free", _("только с бесплатным тарифом")))
    if requirements.only_available:
        constraints.append(
            Constraint("availability", _("только продукты, которые продаются в России"))
        )
    if requirements.registry:
        constraints.append(Constraint("registry", _("только продукты из реестра российского ПО")))
    if requirements.data_in_russia:
        constraints.append(Constraint("data", _("данные хранятся в России")))
    return constraints


def needs_relaxing(matches, best_fit):
    """Too few sure matches, or a weak best one."""
    return matches < FEW_MATCHES or (best_fit is not None and best_fit < WEAK_FIT)


def suggestions(counts, matches, answers):
    """The relaxations worth a click: counts is [(constraints, products)], matches how many
    products surely meet everything now, answers the visitor's {param: [values]}."""
    useful = [(subset, count) for subset, count in counts if count > matches]
    useful.sort(key=lambda pair: (len(pair[0]), -pair[1]))
    single = {subset[0].key for subset, _count in useful if len(subset) == 1}
    kept = []
    for subset, count in useful:
        # A pair is worth offering only when neither of its halves already helps alone.
        if len(subset) > 1 and any(c.key in single for c in subset):
            continue
        kept.append(Suggestion(subset, count, relaxed_answers(answers, subset)))
    return kept[:MAX_SUGGESTIONS]


def relaxed_answers(answers, constraints):
    """The visitor's answers ({param: [values]}) without `constraints`: a must-have becomes
    a wish, "only available in Russia" becomes "any", any other is dropped."""
    answers = {name: list(values) for name, values in answers.items()}
    for constraint in constraints:
        kind, _sep, key = constraint.key.partition(":")
        if kind == "must":
            if key in answers.get("must", []):
                answers["must"].remove(key)
                answers.setdefault("nice", []).append(key)
            elif answers.get(key) == ["must"]:  # a need several capabilities meet
                answers[key] = ["nice"]
        elif kind == "availability":
            answers["availability"] = ["any"]
        else:
            answers.pop({"free": "free"}.get(kind, kind), None)
    return {name: values for name, values in answers.items() if values}
