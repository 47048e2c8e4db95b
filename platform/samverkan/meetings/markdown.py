"""Minutes in Markdown, rendered to HTML that is safe to put in a page.

markdown-it leaves raw HTML out (``html: False``); nh3 then keeps only basic tags, drops every
attribute but a link's ``href`` with a safe scheme, and adds ``rel`` to links.
"""
import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_MARKDOWN = MarkdownIt("commonmark", {"html": False})
_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "h2", "h3", "h4", "blockquote", "code", "pre", "br"}


def render_markdown(text) -> Markup:
    html = _MARKDOWN.render(text or "")
    return Markup(nh3.clean(html, tags=_TAGS, attributes={"a": {"href"}},
                            url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer"))
