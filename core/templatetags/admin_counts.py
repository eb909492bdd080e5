"""Counts of things in the admin in the right Russian form: "5 продуктов", not "5 продукты".

Django's changelist template picks between verbose_name and verbose_name_plural only;
model_ngettext asks the translation catalog, which has Russian's three forms
(locale/ru/LC_MESSAGES/django.po).
"""

from django import template
from django.contrib.admin.utils import model_ngettext

register = template.Library()


@register.filter
def count_of(count, opts):
    """{{ cl.result_count|count_of:cl.opts }} -> "5 продуктов"."""
    return f"{count} {model_ngettext(opts, count)}"
