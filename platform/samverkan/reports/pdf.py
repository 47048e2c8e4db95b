"""HTML to PDF with WeasyPrint, which needs Pango and its libraries from the system (Debian:
``libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0`` and a font such as
``fonts-dejavu-core``). WeasyPrint is imported when a PDF is asked for, so that a server
without them still serves every page and answers the PDF with :class:`PdfUnavailable`."""
import logging
from pathlib import Path

from flask import current_app

# The site's stylesheet is written for browsers: WeasyPrint warns of every property it does not
# know (accent-color, overflow-x …) on every PDF; its errors are still logged.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


class PdfUnavailable(Exception):
    """WeasyPrint or a system library it loads is missing."""


def write_pdf(html, base_url, stylesheets):
    """The PDF of ``html`` with ``stylesheets`` (paths in the static folder). Nothing is fetched:
    the document's links point at ``base_url`` but no resource is loaded from anywhere."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: a shared library that cannot be loaded
        raise PdfUnavailable(str(error)) from error
    static = Path(current_app.static_folder)
    fetcher = weasyprint.URLFetcher(allowed_protocols=())
    css = [weasyprint.CSS(string=(static / path).read_text(encoding="utf-8"), url_fetcher=fetcher)
           for path in stylesheets]
    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf(stylesheets=css)
