"""The table of the PostgreSQL cache (settings.CACHES without REDIS_URL).

The same table `manage.py createcachetable` makes, created here so `migrate` is the only
set-up step; harmless and unused when REDIS_URL is set.
"""

from django.db import migrations

CREATE = """
CREATE TABLE IF NOT EXISTS portal_cache (
    cache_key varchar(255) NOT NULL PRIMARY KEY,
    value text NOT NULL,
    expires timestamp with time zone NOT NULL
);
CREATE INDEX IF NOT EXISTS portal_cache_expires ON portal_cache (expires);
"""


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_search_miss")]

    operations = [migrations.RunSQL(CREATE, "DROP TABLE IF EXISTS portal_cache")]
