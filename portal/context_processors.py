from django.conf import settings


def portal(request):
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "SOCIAL_LINKS": settings.SOCIAL_LINKS,
    }
