"""The site's URLs plus the ceiling view, for load tests (``bench.settings``) only.

The site's patterns are copied rather than included: ``i18n_patterns`` must sit in the root
URLconf."""

from django.urls import path

from bench.views import ceiling
from lms import urls as site

urlpatterns = [path("bench/ceiling/", ceiling, name="bench_ceiling"), *site.urlpatterns]

handler400 = site.handler400
handler403 = site.handler403
handler404 = site.handler404
handler500 = site.handler500
