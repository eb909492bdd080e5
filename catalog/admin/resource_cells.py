"""The cells of an import file that hold several values, one per line (catalog/admin/resources.py).

A line's parts are separated by "|": `slug | status | note` for a capability (and, when
it says where the mark comes from, `| basis | URL | checked on` after the note),
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


def format_capability(row):
    """A capability cell's line: `slug | status | note`, and when it says where the mark
    comes from, `| basis | URL | checked on` after the note."""
    parts = [row.capability.slug, row.status, row.note]
    if row.basis or row.source_url or row.checked_on:
        checked = row.checked_on.isoformat() if row.checked_on else ""
        return f" {PART_SEPARATOR} ".join([*parts, row.basis, row.source_url, checked])
    return format_line(*parts)


def _capability_line(line):
    """(slug, status, note, basis, url, checked_on text): six parts or more is the long
    form (the note may hold "|"), fewer the short one (its note keeps any "|")."""
    parts = [part.strip() for part in line.split(PART_SEPARATOR)]
    if len(parts) >= 6:
        return (parts[0], parts[1], " | ".join(parts[2:-3]), *parts[-3:])
    slug, status, note = split_parts(line, 3)
    return slug, status, note, "", "", ""


def _capability_problem(slug, status, note, basis, url, checked_on):
    if status not in ProductCapability.Status.values:
        return (
            f"У возможности «{slug}» статус «{status}»: допустимы confirmed (есть), absent (нет) "
            "и unknown (нет данных)."
        )
    if len(note) > ProductCapability._meta.get_field("note").max_length:
        return f"Примечание к возможности «{slug}» длиннее 300 символов."
    if basis and basis not in ProductCapability.Basis.values:
        allowed = ", ".join(ProductCapability.Basis.values)
        return f"У возможности «{slug}» основание «{basis}»: допустимы {allowed}."
    if url and not url.startswith(("http://", "https://")):
        return f"У возможности «{slug}» адрес источника должен начинаться с https://."
    if status == ProductCapability.Status.UNKNOWN and (basis or url or checked_on):
        return f"У возможности «{slug}» со статусом unknown (нет данных) не бывает источника."
    if checked_on and not url:
        return f"У возможности «{slug}» дата сверки без адреса источника."
    return None


def parse_capabilities(value):
    """{slug: (status, note, basis, url, checked_on, capability)} from the cell; unknown
    slugs, bad statuses, sources or dates and repeated capabilities are the row's errors."""
    lines = [_capability_line(line) for line in cell_lines(value)]
    known = {c.slug: c for c in Capability.objects.filter(slug__in={line[0] for line in lines})}
    parsed, problems = {}, []
    for slug, status, note, basis, url, checked_text in lines:
        status = status or ProductCapability.Status.CONFIRMED
        try:
            checked_on = datetime.date.fromisoformat(checked_text) if checked_text else None
        except ValueError:
            problems.append(f"У возможности «{slug}» нет такой даты сверки: «{checked_text}».")
            continue
        if slug not in known:
            problems.append(f"Нет возможности с адресом «{slug}».")
        elif slug in parsed:
            problems.append(f"Возможность «{slug}» указана дважды.")
        elif problem := _capability_problem(slug, status, note, basis, url, checked_on):
            problems.append(problem)
        else:
            parsed[slug] = (status, note, basis, url, checked_on, known[slug])
    if problems:
        raise ValidationError(problems)
    return parsed


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
