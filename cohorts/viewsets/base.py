"""What the office-scoped admin viewsets share."""

from wagtail.admin.viewsets.model import ModelViewSet

# ModelViewSet attribute → suffix of the view class named after the model.
VIEW_CLASS_SUFFIXES = {
    "index_view_class": "IndexView",
    "add_view_class": "CreateView",
    "edit_view_class": "EditView",
    "delete_view_class": "DeleteView",
    "inspect_view_class": "InspectView",
    "history_view_class": "HistoryView",
    "usage_view_class": "UsageView",
}


class ScopedModelViewSet(ModelViewSet):
    """A viewset whose pages are the `<Model>IndexView`, `<Model>CreateView`…
    and `<Model>FilterSet` of one `views` module, which scope every page to the
    objects the user may see. Searched in the database; no copy view."""

    views = None  # the module holding the scoped views
    inspect_view_enabled = True
    copy_view_enabled = False
    search_backend_name = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.views is None:
            return
        name = cls.model.__name__
        for attribute, suffix in VIEW_CLASS_SUFFIXES.items():
            setattr(cls, attribute, getattr(cls.views, f"{name}{suffix}"))
        cls.filterset_class = getattr(cls.views, f"{name}FilterSet")
