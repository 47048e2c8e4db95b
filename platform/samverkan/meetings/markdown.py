"""Minutes in Markdown, rendered to HTML that is safe to put in a page.

markdown-it leaves raw HTML out (``html: False``); nh3 then keeps only basic tags, drops every
attribute but a link's ``href`` with a safe scheme, and adds ``rel`` to links.
"""
import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_MARKDOWN = MarkdownIt("commonmark", {"html": False})
_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "h3", "h4", "h5", "h6", "blockquote", "code", "pre", "br"}


def render_markdown(text, below=2) -> Markup:
    """``text`` as HTML whose headings sit below the page's own ``h{below}`` that holds it (``#``
    becomes ``h3`` under an ``h2``), so a writer's heading never ranks with or above the page's."""
    tokens = _MARKDOWN.parse(text or "")
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1:]) + below, 6)}"
    html = _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {})
    return Markup(nh3.clean(html, tags=_TAGS, attributes={"a": {"href"}},
                            url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer"))
