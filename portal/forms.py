"""The site search's GET parameters, read leniently (core.params.QueryForm)."""

from django import forms
from django.utils.translation import gettext_lazy

from core.params import PageParam, QueryForm, TextParam


class SearchForm(QueryForm):
    q = TextParam(cut_note=gettext_lazy("Запрос слишком длинный: учтены первые %(n)d символов."))
    # An unknown kind simply searches every kind, as an old link expects.
    kind = forms.CharField(required=False)
    page = PageParam()
