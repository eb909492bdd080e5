"""Historical rows as editors read them: each with its field changes, old → new.

`describe()` takes the records of any tracked models (core/history.py records them) and
works in a fixed number of queries per page; the per-object history and «Журнал изменений»
both use it.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib import admin
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.text import capfirst
from simple_history.template_utils import ObjDiffDisplay

ACTIONS = {"+": "создание", "~": "изменение", "-": "удаление"}
EMPTY = "—"
# Long texts (descriptions, Markdown bodies) are cut around their first difference.
MAX_SHOWN_CHARACTERS = 120


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    record: models.Model
    model: type
    changes: list = field(default_factory=list)

    @property
    def action(self):
        return ACTIONS[self.record.history_type]

    @property
    def model_name(self):
        return capfirst(self.model._meta.verbose_name)

    @property
    def object_repr(self):
        return _object_repr(self.record, self.model)

    @property
    def history_url(self):
        return history_url(self.model, self.record)


def describe(records):
    """An Entry per historical row (any models mixed), in the given order, each with its
    changes against the same object's previous row. Queries: two per model, one per
    many-to-many field and one per model that changed values refer to."""
    records = list(records)
    by_model = {}
    for record in records:
        by_model.setdefault(type(record), []).append(record)
    previous = {}
    m2m_values = {}
    for record_model, rows in by_model.items():
        previous.update(_previous_records(record_model, rows))
        ids = [r.history_id for r in rows]
        ids += [p.history_id for p in previous.values() if type(p) is record_model]
        for m2m_field in record_model._history_m2m_fields:
            m2m_values[(record_model, m2m_field.name)] = _m2m_snapshot(record_model, m2m_field, ids)
    entries = []
    references = {}
    for record in records:
        entry = Entry(record=record, model=record.instance_type)
        before = previous.get((type(record), record.history_id))
        if record.history_type == "~" and before is not None:
            entry.changes = _raw_changes(before, record, m2m_values)
            for change in entry.changes:
                _collect_references(change, references)
        entries.append(entry)
    loaded = {model: model._default_manager.in_bulk(pks) for model, pks in references.items()}
    for entry in entries:
        entry.changes = [_display(change, loaded) for change in entry.changes]
    return entries


def _previous_records(record_model, rows):
    """{(history model, history_id): the same object's record just before it}."""
    pk = record_model.instance_type._meta.pk.attname
    earlier = record_model.objects.filter(**{pk: OuterRef(pk)}).filter(
        Q(history_date__lt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
    )
    pairs = dict(
        record_model.objects.filter(history_id__in=[r.history_id for r in rows])
        .annotate(
            previous_id=Subquery(
                earlier.order_by("-history_date", "-history_id").values("history_id")[:1]
            )
        )
        .values_list("history_id", "previous_id")
    )
    loaded = record_model.objects.in_bulk([p for p in pairs.values() if p])
    return {
        (record_model, history_id): loaded[previous_id]
        for history_id, previous_id in pairs.items()
        if previous_id
    }


def _m2m_snapshot(record_model, m2m_field, history_ids):
    """{history_id: set of related pks} of one many-to-many field."""
    snapshot_model = getattr(record_model, m2m_field.name).model
    target = m2m_field.m2m_reverse_field_name()
    values = {history_id: set() for history_id in history_ids}
    rows = snapshot_model.objects.filter(history_id__in=history_ids).values_list(
        "history_id", f"{target}_id"
    )
    for history_id, related_pk in rows:
        values[history_id].add(related_pk)
    return values


@dataclass
class _RawChange:
    field: models.Field
    old: object
    new: object


def _raw_changes(before, record, m2m_values):
    changes = []
    tracked = {f.name for f in record.tracked_fields}
    for model_field in record.instance_type._meta.concrete_fields:
        # Non-editable fields count too: «данные проверены» is set only by an admin action.
        if model_field.name not in tracked or model_field.primary_key:
            continue
        old = getattr(before, model_field.attname)
        new = getattr(record, model_field.attname)
        if old != new:
            changes.append(_RawChange(model_field, old, new))
    for m2m_field in record._history_m2m_fields:
        values = m2m_values[(type(record), m2m_field.name)]
        old, new = values.get(before.history_id, set()), values.get(record.history_id, set())
        if old != new:
            changes.append(_RawChange(m2m_field, old, new))
    return changes


def _collect_references(change, references):
    related = change.field.related_model
    if related is None:
        return
    for value in (change.old, change.new):
        pks = value if isinstance(value, set) else {value}
        references.setdefault(related, set()).update(pk for pk in pks if pk is not None)


def _display(change, loaded):
    model_field = change.field
    old, new = (_value_text(model_field, value, loaded) for value in (change.old, change.new))
    old, new = _Shortener(max_length=MAX_SHOWN_CHARACTERS).common_shorten_repr(old, new)
    return Change(label=capfirst(model_field.verbose_name), old=old, new=new)


class _Shortener(ObjDiffDisplay):
    """Cuts long texts around their first difference, saying how much was left out."""

    def shortened_str(self, prefix, num_skipped_chars, suffix):
        return f"{prefix}[…пропущено символов: {num_skipped_chars}…]{suffix}"


def _value_text(model_field, value, loaded):
    if model_field.related_model is not None:
        objects = loaded.get(model_field.related_model, {})
        if isinstance(value, set):
            names = sorted(str(objects.get(pk, f"#{pk} (удалён)")) for pk in value)
            return ", ".join(names) or EMPTY
        if value is None:
            return EMPTY
        return str(objects.get(value, f"#{value} (удалён)"))
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "да" if value else "нет"
    choices = dict(model_field.flatchoices)
    if isinstance(value, list):
        return ", ".join(str(choices.get(item, item)) for item in value)
    if choices:
        return str(choices.get(value, value))
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return str(formats.localize(value, use_l10n=True))


def _object_repr(record, model):
    """The object as it was at that record, without a query per row when the caller
    select_related() its foreign keys."""
    obj = record.history_object
    for model_field in model._meta.concrete_fields:
        if not model_field.is_relation:
            continue
        if type(record)._meta.get_field(model_field.name).is_cached(record):
            related = getattr(record, model_field.name)
            if related is not None:
                setattr(obj, model_field.name, related)
    try:
        return str(obj)
    except models.ObjectDoesNotExist:
        return f"{model._meta.verbose_name} #{obj.pk}"


def history_url(model, record):
    """The admin history page of the record's object, or of its parent for rows edited
    inline (a product's capabilities and fact sources, a poll's choices); None if neither
    has one."""
    if model in admin.site._registry:
        return _reverse_history(model, getattr(record, model._meta.pk.attname))
    for model_field in model._meta.concrete_fields:
        if model_field.many_to_one and model_field.related_model in admin.site._registry:
            parent_pk = getattr(record, model_field.attname)
            if parent_pk is not None:
                return _reverse_history(model_field.related_model, parent_pk)
    return None


def _reverse_history(model, pk):
    opts = model._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[pk])
    except NoReverseMatch:
        return None
