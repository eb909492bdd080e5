from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from catalog.sitemaps import sitemaps as catalog_sitemaps
from core import sitemaps as core_sitemaps
from glossary.sitemaps import sitemaps as glossary_sitemaps
from portal import views
from portal.sitemaps import PortalPagesSitemap

admin.site.site_header = _("Редакция портала")
admin.site.site_title = settings.PORTAL_NAME
admin.site.index_title = _("Содержимое портала")

# One sitemap per section, listed by the index at /sitemap.xml (portal/sitemaps.py).
SITEMAPS = {"pages": PortalPagesSitemap, **catalog_sitemaps, **glossary_sitemaps}

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    # Addresses from SITE_URL, not the request's Host (core/sitemaps.py).
    path("sitemap.xml", core_sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name=core_sitemaps.SECTION_URL_NAME,  # the name the index links by
    ),
    path("catalog/", include("catalog.urls")),
    path("selection/", include("selection.urls")),
    path("glossary/", include("glossary.urls")),
    path("materials/", include("glossary.materials_urls")),
    path("polls/", include("polls.urls")),
    # The admin lives at ADMIN_URL; django-axes guards its login (config/settings.py).
    path(settings.ADMIN_URL, admin.site.urls),
]

handler400 = "portal.views.bad_request"
handler403 = "portal.admin_views.permission_denied"
handler500 = "portal.views.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
