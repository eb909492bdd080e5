from django.db import models


class RateCounter(models.Model):
    """Requests of one client in one time window (core/rate_limit.py).

    Kept in PostgreSQL rather than the cache: one atomic upsert counts correctly however
    many workers and hosts serve, with or without Redis.
    """

    key = models.CharField(max_length=120)
    window_start = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="core_ratecounter_once")
        ]
        indexes = [models.Index(fields=["window_start"], name="core_ratecounter_window_idx")]

    def __str__(self):
        return f"{self.key} @ {self.window_start:%Y-%m-%d %H:%M}: {self.hits}"
