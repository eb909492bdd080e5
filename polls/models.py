from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.history import History

PORTAL_PLACEHOLDER = "{portal}"
COMMENT_MAX_LENGTH = 500

# A "next step" link is a path on this site ("/catalog/") or a full http(s) URL.
link_validator = RegexValidator(
    r"^(/(?!/)|https?://)",
    _("Укажите путь на сайте (начинается с «/») или адрес http(s)://."),
)


class PollQuerySet(models.QuerySet):
    def published(self):
        """Polls shown on the site at all: editors hide a poll by clearing is_published."""
        return self.filter(is_published=True)

    def open(self, now=None):
        now = now or timezone.now()
        return self.published().filter(
            Q(closes_at__isnull=True) | Q(closes_at__gt=now), opens_at__lte=now
        )

    def closed(self, now=None):
        return self.published().filter(closes_at__lte=now or timezone.now())

    def overlapping(self, opens_at, closes_at=None, now=None):
        """Published polls open at some moment of [opens_at, closes_at) from now on
        (closes_at None: no end). Past periods do not count: they are history."""
        start = max(opens_at, now or timezone.now())
        if closes_at is not None and closes_at <= start:
            return self.none()
        overlapping = self.published().filter(Q(closes_at__isnull=True) | Q(closes_at__gt=start))
        if closes_at is not None:
            overlapping = overlapping.filter(opens_at__lt=closes_at)
        return overlapping

    def next_change(self):
        """When a poll next opens or closes by itself (cached pages expire then)."""
        now = timezone.now()
        upcoming = self.published().aggregate(
            opens=Min("opens_at", filter=Q(opens_at__gt=now)),
            closes=Min("closes_at", filter=Q(closes_at__gt=now)),
        )
        return min(filter(None, upcoming.values()), default=None)


class Poll(models.Model):
    class ResultsPolicy(models.TextChoices):
        AFTER_VOTE = "after_vote", _("после голосования")
        ALWAYS = "always", _("всегда")
        AFTER_CLOSE = "after_close", _("только после закрытия опроса")

    question = models.CharField(
        _("вопрос"),
        max_length=300,
        help_text=_("«{portal}» заменяется названием портала из настроек."),
    )
    slug = models.SlugField(_("адрес"), max_length=100, unique=True)
    description = models.TextField(_("пояснение"), blank=True)
    opens_at = models.DateTimeField(_("открывается"), default=timezone.now)
    closes_at = models.DateTimeField(
        _("закрывается"), null=True, blank=True, help_text=_("Пусто — опрос без срока.")
    )
    is_published = models.BooleanField(
        _("показывать на сайте"),
        default=True,
        help_text=_("Снимите флажок, чтобы скрыть опрос со всех страниц."),
    )
    results_policy = models.CharField(
        _("показывать результаты"),
        max_length=20,
        choices=ResultsPolicy.choices,
        default=ResultsPolicy.AFTER_VOTE,
    )
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)

    objects = PollQuerySet.as_manager()
    history = History()

    class Meta:
        verbose_name = _("опрос")
        verbose_name_plural = _("опросы")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(closes_at__gte=models.F("opens_at")),
                name="polls_poll_closes_after_opens",
                violation_error_message=_("Опрос не может закрыться раньше, чем откроется."),
            )
        ]
        indexes = [
            models.Index(fields=["is_published", "opens_at"], name="polls_poll_pub_opens_idx")
        ]

    def __str__(self):
        return self.display_question

    def get_absolute_url(self):
        return reverse("polls:poll-detail", kwargs={"slug": self.slug})

    @property
    def display_question(self):
        # replace(), not format(): editors may type other braces in the question.
        return self.question.replace(PORTAL_PLACEHOLDER, settings.PORTAL_NAME)

    def has_started(self, now=None):
        return self.opens_at <= (now or timezone.now())

    def is_closed(self, now=None):
        return self.closes_at is not None and self.closes_at <= (now or timezone.now())

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.is_published and self.has_started(now) and not self.is_closed(now)


class Choice(models.Model):
    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="choices", verbose_name=_("опрос")
    )
    text = models.CharField(_("вариант ответа"), max_length=200)
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)
    link_url = models.CharField(
        _("ссылка «следующий шаг»"),
        max_length=300,
        blank=True,
        validators=[link_validator],
        help_text=_("Раздел портала, который помогает решить эту задачу, например /catalog/."),
    )
    link_label = models.CharField(_("текст ссылки"), max_length=100, blank=True)
    allows_comment = models.BooleanField(
        _("с комментарием"),
        default=False,
        help_text=_("Для варианта «другое»: посетитель обязан пояснить свой ответ."),
    )

    history = History()

    class Meta:
        verbose_name = _("вариант ответа")
        verbose_name_plural = _("варианты ответа")
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["poll", "order"], name="polls_choice_poll_order_idx")]

    def __str__(self):
        return self.text

    @property
    def next_step_label(self):
        return self.link_label or _("Перейти к следующему шагу")


class Vote(models.Model):
    # PROTECT: votes are the poll's results, so neither a poll nor a choice that has votes
    # can be deleted (the admin's delete page lists the votes in the way); a poll is ended
    # by closing it. Only a superuser deletes votes (polls/admin.py).
    poll = models.ForeignKey(
        Poll, on_delete=models.PROTECT, related_name="votes", verbose_name=_("опрос")
    )
    choice = models.ForeignKey(
        Choice, on_delete=models.PROTECT, related_name="votes", verbose_name=_("вариант")
    )
    # HMAC-SHA256 of the voter key (cookie token or "user:<id>"): the key itself is never stored.
    voter_hash = models.CharField(_("хеш голосующего"), max_length=64)
    comment = models.CharField(_("комментарий"), max_length=COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("дата"), auto_now_add=True)

    class Meta:
        verbose_name = _("голос")
        verbose_name_plural = _("голоса")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "voter_hash"],
                name="polls_vote_one_per_voter",
                violation_error_message=_("Вы уже проголосовали в этом опросе."),
            )
        ]
        indexes = [
            models.Index(fields=["poll", "choice"], name="polls_vote_poll_choice_idx"),
            models.Index(fields=["-created_at"], name="polls_vote_created_idx"),
        ]

    def __str__(self):
        return f"{self.poll_id}: {self.choice}"
