from django import template
from django.template.loader import get_template

from muhandis.certification.panels import panels_of

register = template.Library()


@register.simple_tag(takes_context=True)
def certification_panels(context, page: str) -> str:
    """Render the sections other apps registered for ``page``, with this page's context."""
    values = context.flatten()
    request = context.get("request")
    return "".join(get_template(name).render(values, request) for name in panels_of(page))
