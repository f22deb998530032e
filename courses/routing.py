"""Faster page routing: resolve a URL in two queries, not two per tree level.

Wagtail's default `Page.route` fetches each path segment's child, then its
specific instance: a lesson four levels below the home page costs eight
queries before any content is read. `PathRouteMixin` (on the home page) finds
the whole chain by `url_path` in one query, then hands over to the deepest
page's own `route()` with whatever is left (so RoutablePageMixin routes such as
/regimes/compare/ still work). A path missing from a translated tree is looked
up in the source language's tree (fallback to the untranslated page). The fetched ancestors are kept on the page, and
`RouteAncestorsMixin.get_view_restrictions` checks them in one query, none when
no page of the chain is restricted. The chain of a path is kept per process
until pages change (courses.site_cache); the page itself is always fetched.
"""

from django.db.models import Q
from django.http import Http404
from wagtail.models import Page, PageViewRestriction

from courses import site_cache
from courses.localization import source_page


class PathRouteMixin:
    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        try:
            return self._route_path(request, path_components)
        except Http404:
            # Not translated into this root's language yet: serve the source
            # language's page at the same path (courses.localization).
            source = source_page(self)
            if source is self or source.pk == self.pk:
                raise
            return source.specific._route_path(request, path_components)

    def _route_path(self, request, path_components):
        prefixes = []
        url_path = self.url_path
        for component in path_components:
            url_path += f"{component}/"
            prefixes.append(url_path)
        above = [
            self.path[:end] for end in range(self.steplen, len(self.path), self.steplen)
        ]
        found = site_cache.route_pages(
            (self.pk, tuple(prefixes)),
            lambda: list(
                Page.objects.filter(
                    Q(
                        url_path__in=prefixes,
                        path__startswith=self.path,
                        depth__gt=self.depth,
                    )
                    | Q(path__in=above)
                ).order_by("depth")
            ),
        )
        ancestors = [page for page in found if page.depth < self.depth] + [self]
        chain = []
        for page in (page for page in found if page.depth > self.depth):
            expected = len(chain)
            if (
                page.depth != self.depth + expected + 1
                or page.url_path != prefixes[expected]
                or (chain and not page.path.startswith(chain[-1].path))
            ):
                break
            chain.append(page)
        if not chain:
            raise Http404
        parent = self
        for page in chain:
            page._cached_parent_obj = parent
            parent = page
        target = chain[-1].specific
        target._cached_parent_obj = chain[-2] if len(chain) > 1 else self
        target._route_ancestors = ancestors + chain[:-1]
        return target.route(request, list(path_components[len(chain) :]))


class RouteAncestorsMixin:
    def get_view_restrictions(self):
        ancestors = getattr(self, "_route_ancestors", None)
        if ancestors is None or any(page.alias_of_id for page in [self, *ancestors]):
            return super().get_view_restrictions()
        page_ids = {self.pk, *(page.pk for page in ancestors)}
        restricted = site_cache.restricted_page_ids()
        if restricted is not None and not page_ids & restricted:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page_id__in=page_ids)
