from wagtail.contrib.redirects.middleware import (
    RedirectMiddleware as WagtailRedirectMiddleware,
)


class RedirectMiddleware(WagtailRedirectMiddleware):
    """Wagtail's redirects, except for 404s that are a definitive answer.

    A view sets `response.redirects_exempt = True` on a 404 that no redirect may
    replace (an unknown certificate code); that also spares the two lookups.
    """

    def process_response(self, request, response):
        if getattr(response, "redirects_exempt", False):
            return response
        return super().process_response(request, response)
