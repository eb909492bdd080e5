"""Reading visitors' GET parameters: the one cleaner every view uses.

A parameter is free text from the address bar. Before it reaches a query it loses NUL
characters (PostgreSQL refuses them, so a crafted URL would otherwise be a 500), surrounding
white space, and everything past a length that no real value needs.
"""

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
