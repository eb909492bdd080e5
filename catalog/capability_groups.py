"""Grouping capabilities under their group headings, as every catalog page shows them."""


def group_by_capability(items, capability_of=lambda item: item):
    """[(group label, [items])] in the order the items come (callers read them in
    capability display order, so groups and items are already sorted)."""
    groups = {}
    for item in items:
        groups.setdefault(capability_of(item).get_group_display(), []).append(item)
    return list(groups.items())
