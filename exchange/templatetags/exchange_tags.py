from django import template

register = template.Library()


@register.inclusion_tag("exchange/includes/discussions_link.html", takes_context=True)
def discussions_link(context, cohort):
    """A link to the cohort's discussions, for its members only."""
    from exchange.selectors import member_access

    request = context.get("request")
    user = getattr(request, "user", None)
    shown = user is not None and member_access(user, cohort).member
    return {"cohort": cohort, "shown": shown}
