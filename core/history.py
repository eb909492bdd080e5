"""Content history: who changed what, old → new, for every content model (docs/editors.md).

django-simple-history keeps a historical row per save or delete (`Model.history`);
`History` is its field with the portal's defaults; this module records, and
`core/history_entries.py` turns the records into what editors read (old → new).

Not tracked: tags (django-taggit keeps them in a generic relation that simple-history
cannot follow), the reverse side of a symmetrical many-to-many (adding B to A's related
terms is recorded on A only), the search columns, `updated_at`, and writes that send no
signals (QuerySet.update(), bulk_create(): generate_catalog, load_demo's fixtures). A row
without history gets a baseline record of its stored state just before its first tracked
change (`keep_baselines`). Admin actions that change many rows at once use `bulk_update()`
below, which does record.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import pre_save
from django.utils.text import format_lazy
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record

from core import versions

# Derived or bookkeeping columns: a change there is never an editor's change.
NEVER_TRACKED = ("search_vector", "search_aliases", "updated_at")

# The reason of the record that keeps an object as it was before its first tracked change
# (rows from fixtures and generate_catalog have no history): the first edit then shows its
# old values too, and that state can be restored.
BASELINE_REASON = "Так было до начала истории"


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
        _remember_record, dispatch_uid="core.history.remember_record"
    )


def bulk_update(objects, fields, *, user, reason):
    """Save `fields` of many rows in one statement, with a history record per row (as
    simple-history's bulk_update_with_history, which stores no many-to-many values).

    For admin actions over hundreds of rows: a save() per row would also rebuild each
    row's search columns. No signals are sent, so pages are refreshed here
    (core/versions.py)."""
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
    versions.changed(model)
    return count


def tracked_models():
    """Every model with a history, in app and model order."""
    return [m for m in apps.get_models() if hasattr(m._meta, "simple_history_manager_attribute")]


def history_model(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model
