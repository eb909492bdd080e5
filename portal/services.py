"""Writes of the portal app."""

from django.db import IntegrityError, transaction
from django.db.models import F

from core.search import normalise
from portal.models import SearchMiss


def record_search_miss(*, query):
    """Count one search that found nothing. The database adds concurrent misses of the same
    query up (UPDATE … count + 1); the first one inserts the row."""
    text = normalise(query)[: SearchMiss._meta.get_field("query").max_length]
    if not text:
        return
    if SearchMiss.objects.filter(query=text).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            SearchMiss.objects.create(query=text)
    except IntegrityError:  # another request inserted it meanwhile
        SearchMiss.objects.filter(query=text).update(count=F("count") + 1)
