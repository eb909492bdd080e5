"""The cells of an import file that hold several values, one per line (catalog/admin/resources.py).

A line's parts are separated by "|": `slug | status | note` for a capability,
`fact | URL | checked on (YYYY-MM-DD) | note` for a fact's source. Parsers return what the
resource compares with the product's current rows, or raise ValidationError with one Russian
message per bad line.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from taggit.utils import parse_tags

from catalog.models import Capability, FactSource, ProductCapability

LINE_SEPARATOR = "\n"
PART_SEPARATOR = "|"
FACT_SOURCE_LINE = re.compile(
    r"^([\w-]+)\s*\|\s*(\S+)\s*\|\s*(\d{4}-\d{2}-\d{2})\s*(?:\|\s*(.*))?$"
)


def format_line(*parts):
    while parts and parts[-1] == "":
        parts = parts[:-1]
    return f" {PART_SEPARATOR} ".join(parts)


def cell_lines(value):
    text = "" if value is None else str(value)
    return [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]


def split_parts(line, count):
    parts = [part.strip() for part in line.split(PART_SEPARATOR, count - 1)]
    return parts + [""] * (count - len(parts))


def parse_tags_cell(value):
    return set(parse_tags("" if value is None else str(value)))


def parse_capabilities(value):
    """{slug: {"capability", "status", "note"}} from the cell; unknown slugs, bad statuses
    and repeated capabilities are the row's errors."""
    lines = cell_lines(value)
    slugs = {split_parts(line, 3)[0] for line in lines}
    known = {c.slug: c for c in Capability.objects.filter(slug__in=slugs)}
    statuses = ProductCapability.Status.values
    parsed, problems = {}, []
    for line in lines:
        slug, status, note = split_parts(line, 3)
        status = status or ProductCapability.Status.CONFIRMED
        if slug not in known:
            problems.append(f"Нет возможности с адресом «{slug}».")
        elif slug in parsed:
            problems.append(f"Возможность «{slug}» указана дважды.")
        elif status not in statuses:
            problems.append(
                f"У возможности «{slug}» статус «{status}»: допустимы confirmed (есть) и "
                "unknown (нет данных)."
            )
        elif len(note) > ProductCapability._meta.get_field("note").max_length:
            problems.append(f"Примечание к возможности «{slug}» длиннее 300 символов.")
        else:
            parsed[slug] = {"capability": known[slug], "status": status, "note": note}
    if problems:
        raise ValidationError(problems)
    return {slug: (v["status"], v["note"], v["capability"]) for slug, v in parsed.items()}


def parse_fact_sources(value):
    """{fact: (url, checked_on, note)} from the cell. A line is matched as a whole, since a
    URL may contain "|" itself (but never a space)."""
    facts = FactSource.Fact.values
    parsed, problems = {}, []
    for line in cell_lines(value):
        match = FACT_SOURCE_LINE.match(line)
        if match is None:
            problems.append(
                f"Строка источника «{line}» не в виде «факт | адрес | ГГГГ-ММ-ДД | примечание»."
            )
            continue
        fact, url, checked_on, note = match.groups()
        try:
            checked = datetime.date.fromisoformat(checked_on)
        except ValueError:
            checked = None
        if fact not in facts:
            problems.append(f"Неизвестный факт «{fact}»: допустимы {', '.join(facts)}.")
        elif fact in parsed:
            problems.append(f"У факта «{fact}» два источника.")
        elif not url.startswith(("http://", "https://")):
            problems.append(f"У факта «{fact}» адрес источника должен начинаться с https://.")
        elif checked is None:
            problems.append(f"У факта «{fact}» нет такой даты проверки: «{checked_on}».")
        else:
            parsed[fact] = (url, checked, (note or "").strip())
    if problems:
        raise ValidationError(problems)
    return parsed
