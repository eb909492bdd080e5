"""Reading the selection wizard's answers from the query string (/selection/?…).

Every answer is optional and a bad one is dropped with a Russian note, never an error page:
a shared link with a typo still shows a result.
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy

from catalog.models import Capability, Deployment, SelectionTask
from core.params import QueryForm, SlugsParam
from selection.scoring import Need, Requirements

USERS_LIMIT = 100_000
BUDGET_LIMIT = 10_000_000
CAPABILITY_PARAMS = ("must", "nice", "integrations")
ANSWER_PARAMS = (
    "task",
    "users",
    "deployment",
    "budget",
    *CAPABILITY_PARAMS,
    "availability",
    "registry",
    "data",
)
UNKNOWN_NOTE = gettext_lazy("Нет в каталоге и не учтено: %(values)s.")
# Tasks whose presets make the CRM criteria must-haves: they need a CRM-system.
CRM_TASKS = (SelectionTask.SERVICE, SelectionTask.LIFECYCLE)


class SelectionForm(QueryForm):
    """The answers; the capability parameters know the catalog's capabilities (given)."""

    def __init__(self, data, capabilities):
        super().__init__(data)
        by_slug = {capability.slug: capability for capability in capabilities}
        for name in CAPABILITY_PARAMS:
            self.fields[name].known = lambda slugs: {s: by_slug[s] for s in slugs if s in by_slug}

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


@dataclass
class Answers:
    requirements: Requirements
    notes: list
    must_slugs: set
    nice_slugs: set
    answered: bool  # any question answered: the page shows a result
    params: dict  # the valid answers as {param: [values]}: the canonical, shareable query


def _need(capability):
    return Need(capability.pk, capability.slug, capability.name, capability.is_crm_criterion)


def read_answers(query, capabilities):
    """The answers in `query` (a QueryDict) against the catalog's capabilities (in display
    order), as Requirements plus notes about everything that was dropped."""
    form = SelectionForm(query, capabilities)
    values = form.values()
    chosen = {name: [c.slug for c in values.get(name, [])] for name in CAPABILITY_PARAMS}
    by_slug = {capability.slug: capability for capability in capabilities}
    task = values.get("task", "")
    if task and not any(chosen.values()):
        chosen = _presets(task, capabilities)
    must = chosen["must"]
    nice = [slug for slug in chosen["nice"] + chosen["integrations"] if slug not in must]
    requirements = Requirements(
        task=task,
        users=values.get("users"),
        deployment=values.get("deployment", ""),
        budget=values.get("budget"),
        must=tuple(_need(by_slug[slug]) for slug in must),
        nice=tuple(_need(by_slug[slug]) for slug in dict.fromkeys(nice)),
        only_available=values.get("availability") != "any",
        registry=values.get("registry") == "yes",
        data_in_russia=values.get("data") == "russia",
    )
    params = {name: [str(value)] for name, value in values.items() if name not in CAPABILITY_PARAMS}
    params.update({name: slugs for name, slugs in chosen.items() if slugs})
    return Answers(
        requirements=requirements,
        notes=form.notes(),
        must_slugs=set(must),
        nice_slugs=set(nice),
        answered=any(name in query for name in ANSWER_PARAMS),
        params=params,
    )


def _presets(task, capabilities):
    """The capabilities a task pre-ticks (Capability.task_presets): desired, except the CRM
    criteria of tasks that need a CRM-system, which become must-haves."""
    chosen = {"must": [], "nice": [], "integrations": []}
    for capability in capabilities:
        if task not in capability.task_presets:
            continue
        if capability.is_crm_criterion and task in CRM_TASKS:
            chosen["must"].append(capability.slug)
        elif capability.group == Capability.Group.INTEGRATION:
            chosen["integrations"].append(capability.slug)
        else:
            chosen["nice"].append(capability.slug)
    return chosen


@dataclass(frozen=True)
class CapabilityQuestion:
    """One capability row of the questionnaire: ticked as must-have, as desired, or not."""

    capability: object
    must: bool
    nice: bool
    nice_param: str  # "nice", or "integrations" for the integration capabilities

    @property
    def presets(self):
        return " ".join(self.capability.task_presets)


def capability_questions(capabilities, answers):
    """(groups, integrations): the capability rows grouped as in the catalog, and the
    integration capabilities, which the questionnaire asks about separately."""
    groups, integrations = {}, []
    for capability in capabilities:
        is_integration = capability.group == Capability.Group.INTEGRATION
        row = CapabilityQuestion(
            capability,
            must=capability.slug in answers.must_slugs,
            nice=capability.slug in answers.nice_slugs,
            nice_param="integrations" if is_integration else "nice",
        )
        if is_integration:
            integrations.append(row)
        else:
            groups.setdefault(capability.get_group_display(), []).append(row)
    return list(groups.items()), integrations
