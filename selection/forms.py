"""Reading the selection wizard's answers from the query string (/selection/?…).

Every answer is optional and a bad one is dropped with a Russian note, never an error page:
a shared link with a typo still shows a result.
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy

from catalog.models import Deployment, SelectionTask
from core.params import QueryForm, SlugsParam
from selection.scoring import Need, Requirements

USERS_LIMIT = 100_000
BUDGET_LIMIT = 10_000_000
CAPABILITY_PARAMS = ("must", "nice", "integrations")  # "integrations": older links' wishes
LEVELS = ("must", "nice")
# The one-control-per-capability form sends c-<slug>=must|nice; the view turns that into
# the canonical must=/nice= lists (selection/views.py).
CONTROL_PREFIX = "c-"
ANSWER_PARAMS = (
    "task",
    "users",
    "deployment",
    "budget",
    "free",
    *CAPABILITY_PARAMS,
    "availability",
    "registry",
    "data",
)
UNKNOWN_NOTE = gettext_lazy("Нет в каталоге и не учтено: %(values)s.")


class SelectionForm(QueryForm):
    """The answers; the capability parameters know the catalog's capabilities, and each need
    several capabilities meet (Capability.need, e.g. telephony) is a parameter of its own."""

    def __init__(self, data, capabilities):
        super().__init__(data)
        by_slug = {capability.slug: capability for capability in capabilities}
        for name in CAPABILITY_PARAMS:
            self.fields[name].known = lambda slugs: {s: by_slug[s] for s in slugs if s in by_slug}
        for need, label in needs_of(capabilities).items():
            self.fields[need] = forms.ChoiceField(
                label=label, required=False, choices=[("", ""), *((v, v) for v in LEVELS)]
            )

    task = forms.ChoiceField(
        label=gettext_lazy("Задача"), required=False, choices=[("", ""), *SelectionTask.choices]
    )
    users = forms.IntegerField(
        label=gettext_lazy("Число пользователей"),
        required=False,
        min_value=1,
        max_value=USERS_LIMIT,
    )
    deployment = forms.ChoiceField(
        label=gettext_lazy("Развёртывание"),
        required=False,
        choices=[("", ""), (Deployment.CLOUD, ""), (Deployment.ON_PREMISE, "")],
    )
    budget = forms.IntegerField(
        label=gettext_lazy("Бюджет, ₽ за пользователя в месяц"),
        required=False,
        min_value=0,
        max_value=BUDGET_LIMIT,
    )
    free = forms.ChoiceField(
        label=gettext_lazy("Бесплатный тариф"), required=False, choices=[("", ""), ("1", "")]
    )
    availability = forms.ChoiceField(
        label=gettext_lazy("Доступность в России"),
        required=False,
        choices=[("", ""), ("available", ""), ("any", "")],
    )
    registry = forms.ChoiceField(
        label=gettext_lazy("Реестр российского ПО"), required=False, choices=[("", ""), ("yes", "")]
    )
    data = forms.ChoiceField(
        label=gettext_lazy("Хранение данных"), required=False, choices=[("", ""), ("russia", "")]
    )
    must = SlugsParam(known=None, unknown_note=UNKNOWN_NOTE)
    nice = SlugsParam(known=None, unknown_note=UNKNOWN_NOTE)
    integrations = SlugsParam(known=None, unknown_note=UNKNOWN_NOTE)


def needs_of(capabilities):
    """{need key: its question} of the needs several capabilities meet, in display order."""
    needs = {}
    for capability in capabilities:
        if capability.need:
            needs.setdefault(capability.need, capability.need_label or capability.need)
    return needs


@dataclass
class Answers:
    requirements: Requirements
    notes: list
    levels: dict  # {capability slug or need key: "must" | "nice"}: what the form shows ticked
    answered: bool  # any question answered: the page shows a result
    params: dict  # the valid answers as {param: [values]}: the canonical, shareable query


def _capability_need(capability):
    return Need(capability.slug, capability.name, (capability.pk,), capability.is_crm_criterion)


def _group_need(key, label, capabilities):
    pks = tuple(c.pk for c in capabilities if c.need == key)
    return Need(key, label, pks, is_group=True)


def from_controls(query):
    """The must=/nice= lists of a questionnaire sent with one control per capability
    (c-<slug>=must|nice), merged with any lists already in the query; None when the query
    holds no such control (nothing to rewrite)."""
    controls = [name for name in query if name.startswith(CONTROL_PREFIX)]
    if not controls:
        return None
    canonical = query.copy()
    for name in controls:
        level = canonical.pop(name)[-1]
        if level in LEVELS:
            canonical.appendlist(level, name.removeprefix(CONTROL_PREFIX))
    for name in list(canonical):
        if not any(canonical.getlist(name)):
            canonical.pop(name)
    return canonical


def read_answers(query, capabilities):
    """The answers in `query` (a QueryDict) against the catalog's capabilities (in display
    order), as Requirements plus notes about everything that was dropped."""
    form = SelectionForm(query, capabilities)
    values = form.values()
    needs = needs_of(capabilities)
    chosen = {name: [c.slug for c in values.get(name, [])] for name in CAPABILITY_PARAMS}
    grouped = {level: [key for key in needs if values.get(key) == level] for level in LEVELS}
    by_slug = {capability.slug: capability for capability in capabilities}
    task = values.get("task", "")
    presets_only = task and not any(chosen.values()) and not any(grouped.values())
    if presets_only:
        chosen = {"must": [], "nice": _presets(task, capabilities), "integrations": []}
    must = chosen["must"]
    nice = [
        slug for slug in dict.fromkeys(chosen["nice"] + chosen["integrations"]) if slug not in must
    ]
    group_needs = {
        level: tuple(_group_need(key, needs[key], capabilities) for key in grouped[level])
        for level in LEVELS
    }
    task_needs = ()
    if task and not presets_only:
        task_needs = tuple(_capability_need(by_slug[slug]) for slug in _presets(task, capabilities))
    requirements = Requirements(
        task=task,
        task_needs=task_needs,
        users=values.get("users"),
        deployment=values.get("deployment", ""),
        budget=values.get("budget"),
        must=(*(_capability_need(by_slug[slug]) for slug in must), *group_needs["must"]),
        nice=(*(_capability_need(by_slug[slug]) for slug in nice), *group_needs["nice"]),
        free_plan=values.get("free") == "1",
        only_available=values.get("availability") != "any",
        registry=values.get("registry") == "yes",
        data_in_russia=values.get("data") == "russia",
    )
    params = {
        name: [str(value)]
        for name, value in values.items()
        if name not in CAPABILITY_PARAMS and name not in needs
    }
    params.update({"must": must, "nice": nice})
    params.update({key: [level] for level in LEVELS for key in grouped[level]})
    params = {name: value for name, value in params.items() if value}
    levels = {slug: "must" for slug in must} | {slug: "nice" for slug in nice}
    levels |= {key: level for level in LEVELS for key in grouped[level]}
    return Answers(
        requirements=requirements,
        notes=form.notes(),
        levels=levels,
        answered=any(name in query for name in (*ANSWER_PARAMS, *needs)),
        params=params,
    )


def _presets(task, capabilities):
    """The capabilities a task pre-ticks as wishes (Capability.task_presets): a task says
    what usually matters, never what a product must have."""
    return [capability.slug for capability in capabilities if task in capability.task_presets]


@dataclass(frozen=True)
class Question:
    """One row of the questionnaire: a capability, or a need several capabilities meet,
    with its one control (не важно / желательно / обязательно)."""

    key: str  # the capability's slug or the need's key
    label: str
    level: str  # "", "nice" or "must"
    param: str  # the control's name: c-<slug>, or the need's key
    capability: object = None
    presets: str = ""

    @property
    def is_nice(self):
        return self.level == "nice"

    @property
    def is_must(self):
        return self.level == "must"


def questions(capabilities, answers):
    """[(group label, [Question], open)]: the capabilities grouped as on the site, the needs
    several capabilities meet first in their own group; a group opens when it holds an
    answer."""
    groups = {}
    needs = needs_of(capabilities)
    if needs:
        label = str(gettext_lazy("Общие потребности"))
        groups[label] = [
            Question(key, needs[key], answers.levels.get(key, ""), key) for key in needs
        ]
    for capability in capabilities:
        groups.setdefault(capability.get_group_display(), []).append(
            Question(
                capability.slug,
                capability.name,
                answers.levels.get(capability.slug, ""),
                CONTROL_PREFIX + capability.slug,
                capability,
                " ".join(capability.task_presets),
            )
        )
    return [(label, rows, any(row.level for row in rows)) for label, rows in groups.items()]
