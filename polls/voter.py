"""Who is voting: a key per visitor, of which only an HMAC ever reaches the database.

Anonymous visitors get a long random token in a signed, HttpOnly, SameSite=Lax cookie;
a logged-in user's key is their id. A cookie with a bad signature is ignored, so a
tampered cookie yields a fresh key (a new voter), never someone else's vote.

The token exists before the first vote: whoever renders a vote form makes it, sets the
cookie and also signs it into the form (`form_token`). So two posts of one loaded form,
sent before the browser stored the cookie (a double click, cookies refused), are one voter,
and the database's one-vote-per-voter constraint counts them once.
"""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

COOKIE_NAME = "poll_voter"
COOKIE_SALT = "polls.voter.cookie"
HASH_SALT = "polls.voter.hash"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365 * 2  # two years: a vote should outlive a browser session
FORM_FIELD = "voter"
FORM_SALT = "polls.voter.form"


def voter_hash(key):
    return salted_hmac(HASH_SALT, key, algorithm="sha256").hexdigest()


def sign_token(token):
    """The cookie value set_signed_cookie() would write; tests build cookies with it."""
    return signing.get_cookie_signer(salt=COOKIE_NAME + COOKIE_SALT).sign(token)


@dataclass(frozen=True)
class Voter:
    key: str | None
    token: str | None = None  # an anonymous visitor's token
    new_token: str | None = None  # set when the response must store the token in the cookie

    @property
    def hash(self):
        return voter_hash(self.key) if self.key else None

    @property
    def form_token(self):
        """The token, signed, for the vote form's hidden field ('' for logged-in users)."""
        return signing.dumps(self.token, salt=FORM_SALT) if self.token else ""

    @classmethod
    def from_request(cls, request, create=False):
        """The request's voter; with create=True an anonymous visitor without a valid cookie
        gets a new token (stored by remember())."""
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return cls(key=f"user:{user.pk}")
        token = request.get_signed_cookie(
            COOKIE_NAME, default=None, salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE
        )
        if token:
            return cls(key=f"anon:{token}", token=token)
        if create:
            token = _token_from_form(request) or secrets.token_urlsafe(32)
            return cls(key=f"anon:{token}", token=token, new_token=token)
        return cls(key=None)

    def remember(self, response):
        if self.new_token:
            response.set_signed_cookie(
                COOKIE_NAME,
                self.new_token,
                salt=COOKIE_SALT,
                max_age=COOKIE_MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response


def _token_from_form(request):
    """The token a vote form carried, if its signature holds; a forged one is ignored."""
    if request.method != "POST":
        return None
    try:
        token = signing.loads(
            request.POST.get(FORM_FIELD, ""), salt=FORM_SALT, max_age=COOKIE_MAX_AGE
        )
    except signing.BadSignature:
        return None
    return token if isinstance(token, str) and token else None
