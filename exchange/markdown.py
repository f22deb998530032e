"""Markdown to safe HTML (no ORM): markdown-it renders, nh3 sanitises."""

import re

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th",
    "td", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "span": {"class"}}
# "@handle" not preceded by a word character, a slash or a dot (emails, URLs).
MENTION = re.compile(r"(?<![\w/.@-])@([a-z0-9][a-z0-9-]{0,60})")


def mentioned_handles(text: str) -> set[str]:
    """The @handles written in `text`."""
    return set(MENTION.findall(text))


def render(text: str, handles: set[str] = frozenset()) -> str:
    """Sanitised HTML of `text`; @handles in `handles` are marked as mentions.

    Headings start at h3 (the page has its own h1 and h2). Links get
    rel="nofollow noopener noreferrer"; scripts, styles, event handlers and
    other schemes than http, https and mailto are dropped.
    """
    html = _md.render(text)
    html = re.sub(r"<(/?)h[12]>", r"<\1h3>", html)
    if handles:
        html = MENTION.sub(
            lambda m: (
                f'<span class="mention">@{m.group(1)}</span>'
                if m.group(1) in handles
                else m.group(0)
            ),
            html,
        )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
