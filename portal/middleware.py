from django.conf import settings
from django.contrib.auth.models import AnonymousUser


class PermissionsPolicyMiddleware:
    """Denies powerful browser features the portal never uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class SessionlessVisitorMiddleware:
    """A visitor without a session cookie is anonymous: say so without opening a session.

    Django would otherwise read the (empty) session to find request.user, mark the
    response `Vary: Cookie`, and so make every page a per-visitor page that the page cache
    and shared proxies must not keep.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            request.user = AnonymousUser()
        return self.get_response(request)
