"""Content history: who changed what, old → new, for every content model (docs/editors.md).

django-simple-history keeps a historical row per save or delete (`Model.history`);
`History` is its field with the portal's defaults, and `describe()` turns historical rows
of any models into what editors read: each row with its field changes, old → new, in a
fixed number of queries per page (the per-object history and «Журнал изменений» both use it).

Not tracked: tags (django-taggit keeps them in a generic relation that simple-history
cannot follow), the reverse side of a symmetrical many-to-many (adding B to A's related
terms is recorded on A only), the search columns, `updated_at`, and writes that send no
signals (QuerySet.update(), bulk_create(): generate_catalog, load_demo's fixtures). A row
without history gets a baseline record of its stored state just before its first tracked
change (`keep_baselines`). Admin actions that change many rows at once use `bulk_update()`
below, which does record.
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib import admin
from django.db import models, transaction
from django.db.models import OuterRef, Q, Subquery
from django.db.models.signals import pre_save
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.text import capfirst, format_lazy
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record
from simple_history.template_utils import ObjDiffDisplay

from portal import content_version

# Derived or bookkeeping columns: a change there is never an editor's change.
NEVER_TRACKED = ("search_vector", "search_aliases", "updated_at")

ACTIONS = {"+": "создание", "~": "изменение", "-": "удаление"}
# The reason of the record that keeps an object as it was before its first tracked change
# (rows from fixtures and generate_catalog have no history): the first edit then shows its
# old values too, and that state can be restored.
BASELINE_REASON = "Так было до начала истории"
EMPTY = "—"
# Long texts (descriptions, Markdown bodies) are cut around their first difference.
MAX_SHOWN_CHARACTERS = 120


class History(HistoricalRecords):
    """HistoricalRecords with the portal's defaults: Russian names, derived columns left out,
    and one record per admin save even when the save also changes many-to-many fields."""

    def __init__(self, **kwargs):
        kwargs.setdefault("excluded_fields", list(NEVER_TRACKED))
        super().__init__(**kwargs)

    def finalize(self, sender, **kwargs):
        if sender is self.cls:
            names = {f.name for f in sender._meta.local_fields}
            self.excluded_fields = [name for name in self.excluded_fields if name in names]
            pre_save.connect(_keep_baseline, sender=sender, weak=False)
        super().finalize(sender, **kwargs)

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        options["verbose_name"] = format_lazy("история: {}", model._meta.verbose_name)
        options["verbose_name_plural"] = format_lazy("история: {}", model._meta.verbose_name_plural)
        return options

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        # The admin saves the row (one record) and then its many-to-many fields: those
        # complete the record made by the same request instead of adding another one.
        record = _records_of_request().get((instance._meta.label, instance.pk))
        if record is not None and action in ("post_add", "post_remove", "post_clear"):
            for m2m_field in record._history_m2m_fields:
                self.m2m_models[m2m_field].objects.filter(history=record).delete()
            self.create_historical_record_m2ms(record, instance)
            return
        super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)


def _records_of_request():
    request = getattr(HistoricalRecords.context, "request", None)
    if request is None:
        return {}
    if not hasattr(request, "_history_records"):
        request._history_records = {}
    return request._history_records


def _remember_record(sender, instance, history_instance, **kwargs):
    request = getattr(HistoricalRecords.context, "request", None)
    if request is not None:
        _records_of_request()[(instance._meta.label, instance.pk)] = history_instance


def _keep_baseline(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk is not None and not instance._state.adding:
        keep_baselines(sender, [instance.pk])


def keep_baselines(model, pks):
    """A record of the rows as the database has them now, for those of `pks` that have no
    history yet (one query when all have)."""
    records = history_model(model).objects
    pk_name = model._meta.pk.attname
    missing = set(pks) - set(
        records.filter(**{f"{pk_name}__in": pks}).values_list(pk_name, flat=True)
    )
    if not missing:
        return
    rows = list(model._default_manager.filter(pk__in=missing))
    for row in rows:
        row._history_user = None  # not the editor who is about to change it
    created = model.history.bulk_history_create(
        rows, update=True, default_change_reason=BASELINE_REASON
    )
    _copy_m2m(created, rows)


def _copy_m2m(records, objects):
    """Many-to-many values for records made in bulk (which stores none): the current ones,
    or the next diff would show them all as added."""
    if not records or not records[0]._history_m2m_fields:
        return
    recorder = HistoricalRecords()
    by_pk = {obj.pk: obj for obj in objects}
    for record in records:
        recorder.create_historical_record_m2ms(record, by_pk[record.id])


def connect_signals():
    post_create_historical_record.connect(
        _remember_record, dispatch_uid="portal.history.remember_record"
    )


def bulk_update(objects, fields, *, user, reason):
    """Save `fields` of many rows in one statement, with a history record per row (as
    simple-history's bulk_update_with_history, which stores no many-to-many values).

    For admin actions over hundreds of rows: a save() per row would also rebuild each
    row's search columns. No signals are sent, so pages are refreshed here
    (portal/content_version.py)."""
    objects = list(objects)
    if not objects:
        return 0
    model = type(objects[0])
    keep_baselines(model, [obj.pk for obj in objects])
    with transaction.atomic():
        count = model._default_manager.bulk_update(objects, fields)
        for obj in objects:
            obj._history_user = user
        created = model.history.bulk_history_create(
            objects, update=True, default_change_reason=reason
        )
        _copy_m2m(created, objects)
    content_version.bump()
    return count


def tracked_models():
    """Every model with a history, in app and model order."""
    return [m for m in apps.get_models() if hasattr(m._meta, "simple_history_manager_attribute")]


def history_model(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


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
