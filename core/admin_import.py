"""Import and export of admin lists as CSV or XLSX, for editors (docs/editors.md).

django-import-export does the work; this mixin sets the portal's rules: only CSV and XLSX,
files up to MAX_IMPORT_BYTES, CSV in UTF-8 or Windows-1251 (what Russian Excel saves) with
commas or semicolons, a preview that names every row created, updated, unchanged or
invalid, and a file with any bad row changes nothing. The resources (what the columns
are) live in the apps, e.g. catalog/admin/resources.py.
"""

import csv
import datetime
import io

import tablib
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from import_export import resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ImportForm
from import_export.results import RowResult

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_SIZE_TEXT = "5 МБ"


class ImportFileError(ValueError):
    """A file the import cannot read; the message is for the editor."""


class ImportCSV(base_formats.CSV):
    """CSV read as bytes and decoded here: UTF-8 (with or without BOM) or, failing that,
    Windows-1251, which Excel on a Russian Windows saves; the delimiter is a comma or the
    semicolon that the same Excel uses."""

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        if b"\x00" in in_stream:
            raise ImportFileError("Это не текстовый CSV-файл: сохраните таблицу как CSV или XLSX.")
        try:
            text = in_stream.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = in_stream.decode("cp1251")
            except UnicodeDecodeError:
                raise ImportFileError(
                    "Не удалось прочитать кодировку файла: сохраните CSV в UTF-8."
                ) from None
        header = text.split("\n", 1)[0]
        delimiter = ";" if header.count(";") > header.count(",") else ","
        try:
            return tablib.Dataset().load(io.StringIO(text), format="csv", delimiter=delimiter)
        except csv.Error as exc:
            raise ImportFileError(f"Файл не читается как CSV: {exc}") from None


FORMAT_EXTENSIONS = {"csv": ".csv", "xlsx": ".xlsx"}


class PortalImportForm(ImportForm):
    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        name = upload.name.lower()
        if not name.endswith(tuple(FORMAT_EXTENSIONS.values())):
            raise forms.ValidationError(
                "Загрузите таблицу в формате CSV или XLSX (файл с расширением .csv или .xlsx)."
            )
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                f"Файл больше {MAX_IMPORT_SIZE_TEXT}: разделите его на несколько файлов."
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        upload, chosen = cleaned.get("import_file"), cleaned.get("format")
        if upload and chosen not in (None, ""):
            title = self.fields["format"].choices
            title = dict(title).get(chosen, "")
            if not upload.name.lower().endswith(FORMAT_EXTENSIONS.get(str(title).lower(), "")):
                self.add_error("format", "Формат не совпадает с расширением файла.")
        return cleaned


class ImportExportAdminMixin(ImportExportMixin):
    """Put first in a ModelAdmin's bases (before HistoryAdminMixin, whose ModelAdmin would
    otherwise hide this mixin's URLs), with `resource_classes = [...]`: «Импорт» and
    «Экспорт» buttons on the list. Import needs the rights to add and change the model, export the
    right to view it."""

    import_form_class = PortalImportForm
    import_template_name = "admin/portal/import.html"
    to_encoding = "utf-8-sig"  # a BOM, so that Excel reads the Cyrillic of an export

    def get_import_formats(self):
        return [ImportCSV, base_formats.XLSX]

    def get_export_formats(self):
        return [base_formats.CSV, base_formats.XLSX]

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def add_data_read_fail_error_to_form(self, form, exc):
        if isinstance(exc, ImportFileError):
            form.add_error("import_file", str(exc))
        else:
            form.add_error(
                "import_file",
                "Файл не читается в выбранном формате: проверьте, что это таблица CSV или "
                "XLSX, сохранённая Excel или другой программой.",
            )

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # Rows went bad between the preview and the confirmation (someone edited the
            # catalog meanwhile): the import was rolled back as a whole.
            messages.error(
                request,
                "Импорт отменён, ничего не изменено: в файле появились строки с ошибками. "
                "Загрузите файл ещё раз, чтобы увидеть их.",
            )
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        totals = result.totals
        messages.success(
            request,
            f"Импорт завершён. Создано: {totals[RowResult.IMPORT_TYPE_NEW]}, "
            f"обновлено: {totals[RowResult.IMPORT_TYPE_UPDATE]}, "
            f"без изменений: {totals[RowResult.IMPORT_TYPE_SKIP]}.",
        )

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        context["max_import_size"] = MAX_IMPORT_SIZE_TEXT
        return context


class DateWidget(widgets.DateWidget):
    """A date; XLSX cells hold dates as datetimes at midnight."""

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        return value.date() if isinstance(value, datetime.datetime) else value


class SlugWidget(widgets.ForeignKeyWidget):
    """A foreign key written as the related row's slug; an unknown slug is the row's error."""

    def __init__(self, model, unknown):
        super().__init__(model, field="slug")
        self.unknown = unknown

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(self.unknown % {"slug": value}) from None


class ExportDiff(resources.Diff):
    """The preview's old and new values as the export writes them, computed columns
    (a product's capabilities, tags) included."""

    @classmethod
    def _read_field_values(cls, resource, instance):
        return [resource.export_field(f, instance) for f in resource.get_import_fields()]


class PortalResource(resources.ModelResource):
    """What every editors' import shares: rows found by their natural key (slug), each key
    once per file, the whole file rolled back if any row is invalid, history records that
    name the file (the editor comes from the request, core/history.py)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._seen_keys = {}

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        # A text column left empty is "", as in the admin form (XLSX reads an empty cell
        # as None, which a NOT NULL text column refuses).
        if isinstance(f, models.TextField):
            return widgets.CharWidget
        if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField):
            return DateWidget
        return super().widget_from_django_field(f, default)

    def get_diff_class(self):
        return ExportDiff

    def import_data(self, dataset, **kwargs):
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    def before_import(self, dataset, **kwargs):
        missing = [
            self.fields[name].column_name
            for name in self.get_import_id_fields()
            if self.fields[name].column_name not in (dataset.headers or [])
        ]
        if missing:
            raise ImportFileError(
                "В первой строке файла нет столбца "
                + ", ".join(f"«{m}»" for m in missing)
                + ": первая строка — названия столбцов, как в выгрузке."
            )

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        names = self.get_import_id_fields()
        key = ", ".join(str(row.get(self.fields[n].column_name) or "") for n in names)
        if key in self._seen_keys:
            errors.setdefault(names[0], []).append(
                ValidationError(
                    f"«{key}» уже есть в строке {self._seen_keys[key]} этого файла: "
                    "у каждой записи одна строка."
                )
            )
        else:
            self._seen_keys[key] = kwargs.get("row_number")
        for column, problems in self.import_extra_columns(instance, row).items():
            errors.setdefault(column, []).extend(problems)
        if errors:
            raise ValidationError(errors)

    def import_extra_columns(self, instance, row):
        """Read the columns that are not model fields (a subclass's own) onto `instance`;
        return their errors as {column: [messages]}, reported with the row's other errors."""
        return {}

    def before_save_instance(self, instance, row, **kwargs):
        instance._change_reason = self.change_reason(kwargs)

    def change_reason(self, kwargs):
        name = kwargs.get("file_name")
        return f"Импорт из файла «{name}»" if name else "Импорт из файла"
