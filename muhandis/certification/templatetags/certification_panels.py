from django import template
from django.utils.safestring import SafeString

from muhandis.certification.panels import render_panels

register = template.Library()


@register.simple_tag(takes_context=True)
def certification_panels(context: template.Context, page: str) -> SafeString:
    """Render the sections other apps registered for ``page``, with this page's context."""
    return render_panels(page, context.flatten(), context.get("request"))
