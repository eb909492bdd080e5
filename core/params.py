"""Reading visitors' GET parameters: one way for every page (docs/architecture.md).

A parameter is free text from the address bar. Before it reaches a query it loses NUL
characters (PostgreSQL refuses them, so a crafted URL would otherwise be a 500), surrounding
white space, and everything past a length that no real value needs (clean_text). A page
reads its parameters through a QueryForm: each bad value is dropped and explained in a
Russian note, never an error page.
"""

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

# Search boxes and slugs alike: templates read it (maxlength) through the context processor.
QUERY_MAX_LENGTH = 100
# Every slug field is shorter: a longer value cannot name anything.
SLUG_MAX_LENGTH = 200
# How many values of a repeatable parameter (capability=…&capability=…) are read at most.
MAX_REPEATED_VALUES = 20


def clean_text(value, max_length=QUERY_MAX_LENGTH):
    """One parameter value as safe text: no NUL, trimmed, at most max_length characters."""
    if not isinstance(value, str):
        return ""
    return value.replace("\x00", "").strip()[:max_length]


def clean_list(values, max_length=QUERY_MAX_LENGTH, limit=MAX_REPEATED_VALUES):
    """A repeated parameter: cleaned, empty values dropped, duplicates removed, order kept."""
    cleaned = (clean_text(value, max_length) for value in values or [])
    return list(dict.fromkeys(value for value in cleaned if value))[:limit]


def get_text(request, name, max_length=QUERY_MAX_LENGTH):
    """request.GET[name] cleaned; "" when absent."""
    return clean_text(request.GET.get(name, ""), max_length)


def was_cut(raw, max_length=QUERY_MAX_LENGTH):
    """Whether clean_text() had to shorten this value, so the page can say so."""
    return isinstance(raw, str) and len(raw.replace("\x00", "").strip()) > max_length


def shown(value, length=40):
    """A visitor's value quoted back in a note: cut short, never trusted as markup (the
    templates escape it)."""
    return Truncator(str(value or "")).chars(length)


class TextParam(forms.CharField):
    """Free text (a search box): cleaned by clean_text, an over-long value cut rather than
    refused; the form's notes say so in `cut_note` (%(n)d: the length kept)."""

    def __init__(self, *, cut_note, max_length=QUERY_MAX_LENGTH, **kwargs):
        self.cut_note, self.max_text_length = cut_note, max_length
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        self.notes = [self.cut_note % {"n": self.max_text_length}] if was_cut(value) else []
        return clean_text(super().to_python(value), self.max_text_length)


class SlugsParam(forms.Field):
    """A repeatable parameter of slugs (capability=a&capability=b): the known ones are kept
    in the order given, the unknown ones dropped and named in the form's notes.

    known(slugs) -> {slug: object} for the slugs that exist; unknown_note takes %(label)s
    and %(values)s."""

    widget = forms.SelectMultiple

    def __init__(self, *, known, unknown_note, **kwargs):
        self.known, self.unknown_note = known, unknown_note
        kwargs["required"] = False
        super().__init__(**kwargs)

    def clean(self, value):
        slugs = clean_list(value)
        found = self.known(slugs) if slugs else {}
        unknown = [slug for slug in slugs if slug not in found]
        self.notes = []
        if unknown:
            values = ", ".join(f"«{shown(slug)}»" for slug in unknown)
            self.notes = [self.unknown_note % {"label": self.label, "values": values}]
        return [found[slug] for slug in slugs if slug in found]


class PageParam(forms.IntegerField):
    """?page= of a list that pages itself: anything but a page from 1 to 999 is page 1."""

    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=1, max_value=999, **kwargs)

    def clean(self, value):
        try:
            return super().clean(value) or 1
        except forms.ValidationError:
            return 1


class QueryForm(forms.Form):
    """A page's GET parameters, read leniently: every one optional, a bad value dropped and
    explained in Russian by notes(), never an error page, so that a shared link with a typo
    still shows a page. Bind it to request.GET.

    invalid_note words a refused value (%(label)s, %(value)s, %(error)s); repeated_note, if
    set, a single-valued parameter given several times (%(label)s). Fields may add notes of
    their own (TextParam, SlugsParam)."""

    invalid_note = gettext_lazy(
        "«%(label)s»: значение «%(value)s» не подходит (%(error)s) и не учтено."
    )
    repeated_note = None

    def values(self):
        """The valid values, without the empty ones."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in ("", None, [])}

    def notes(self):
        self.is_valid()
        result = []
        for name in self.fields:
            if name in self.errors:
                result.append(
                    self.invalid_note
                    % {
                        "label": self.fields[name].label,
                        "value": shown(self.data.get(name)),
                        "error": " ".join(str(e).rstrip(".") for e in self.errors[name]),
                    }
                )
            result += getattr(self.fields[name], "notes", [])
        if self.repeated_note:
            result += [
                self.repeated_note % {"label": field.label}
                for name, field in self.fields.items()
                if not isinstance(field.widget, forms.SelectMultiple)
                and len(self.data.getlist(name)) > 1
            ]
        return result
