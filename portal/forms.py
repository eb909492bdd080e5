"""The site search's GET parameters, read leniently (core.params.QueryForm), and the
editors' form for search intents."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy

from catalog.filters import ProductFilter
from catalog.models import Capability
from core.params import PageParam, QueryForm, TextParam
from portal.models import SearchIntent
from selection.forms import SelectionForm


class SearchForm(QueryForm):
    q = TextParam(cut_note=gettext_lazy("Запрос слишком длинный: учтены первые %(n)d символов."))
    # An unknown kind simply searches every kind, as an old link expects.
    kind = forms.CharField(required=False)
    page = PageParam()


class SearchIntentForm(forms.ModelForm):
    """An intent's parameters must be ones its page reads, with values it accepts: a typo
    here would show visitors a card that opens an unfiltered list."""

    class Meta:
        model = SearchIntent
        fields = ["label", "phrases", "target", "query", "order", "is_published"]

    def clean(self):
        cleaned = super().clean()
        query, target = cleaned.get("query"), cleaned.get("target")
        if query is None or not target:
            return cleaned
        problems = query_problems(target, QueryDict(query))
        if problems:
            self.add_error("query", " ".join(problems))
        return cleaned


def query_problems(target, query):
    """What is wrong with `query` (a QueryDict) as the parameters of `target`'s page, in
    Russian; empty when the page reads it all."""
    if not query:
        return [gettext_lazy("Укажите хотя бы один параметр.")]
    if target == SearchIntent.Target.CATALOG:
        filterset = ProductFilter(query)
        known, form = set(filterset.filters), filterset.form
    else:
        form = SelectionForm(query, list(Capability.objects.all()))
        known = set(form.fields)
    unknown = [name for name in query if name not in known]
    problems = [
        gettext_lazy("Страница не знает параметра «%(name)s».") % {"name": name} for name in unknown
    ]
    return problems + [str(note) for note in form.notes()]
