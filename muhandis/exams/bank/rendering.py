"""Item text as HTML: the text is plain text, never HTML. Everything is escaped; line breaks
become ``<br>``; ``[image:N]`` becomes the item's image N; formulas written in TeX
(``\\( ... \\)`` inline, ``\\[ ... \\]`` on their own line) are left as text for the browser to
typeset (``static/js/math.js``, inside an element with the class ``js-math``).

The candidate's exam page and the staff's bank pages both use it, each with its own way of
building an image's address."""

import re
from collections.abc import Callable, Iterable, Mapping

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from muhandis.exams.models import ItemImage

# A formula, kept whole so that no <br> splits it (the browser typesets one text node at a time).
FORMULA = re.compile(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", re.DOTALL)
IMAGE = re.compile(r"\[image:(\d{1,4})\]")
LINE_END = re.compile(r"[ \t]*\r?\n[ \t]*\Z")
LINE_START = re.compile(r"[ \t]*(\r?\n)?")


def alt_text(image: ItemImage, language: str) -> str:
    """The image's description in ``language``, else in any language it has, else its number."""
    alt = image.alt if isinstance(image.alt, dict) else {}
    chosen = alt.get(language) or next((str(v) for v in alt.values() if v), "")
    return str(chosen) or _("Figure %(number)d") % {"number": image.number}


def images_by_number(images: Iterable[ItemImage]) -> dict[int, ItemImage]:
    return {image.number: image for image in images}


def _image_html(image: ItemImage, language: str, image_url: Callable[[ItemImage], str]) -> str:
    return format_html(
        '<img class="img-fluid d-block my-2 exam-image" src="{}" alt="{}">',
        image_url(image),
        alt_text(image, language),
    )


def _plain(
    text: str,
    images: Mapping[int, ItemImage],
    language: str,
    image_url: Callable[[ItemImage], str],
) -> str:
    """Text outside formulas: escaped, line breaks kept, image references replaced."""
    parts = []
    position = 0
    for found in IMAGE.finditer(text):
        parts.append(escape(text[position : found.start()]))
        image = images.get(int(found.group(1)))
        if image is None:
            parts.append(escape(found.group(0)))  # shown as written: the author sees the slip
        else:
            parts.append(_image_html(image, language, image_url))
        position = found.end()
    parts.append(escape(text[position:]))
    html = "".join(parts)
    return html.replace("\r\n", "\n").replace("\n", "<br>")


def render_text(
    text: str,
    *,
    images: Mapping[int, ItemImage],
    language: str,
    image_url: Callable[[ItemImage], str],
) -> SafeString:
    """``text`` as safe HTML. ``images`` are the item's images by number; ``image_url`` gives the
    address the reader may open an image at."""
    text = str(text or "")
    parts = []
    position = 0
    for found in FORMULA.finditer(text):
        before = text[position : found.start()]
        position = found.end()
        if found.group(0).startswith("\\["):
            # A displayed formula is a block of its own: the line breaks around it would only
            # add empty lines.
            before = LINE_END.sub("", before)
            position += len(LINE_START.match(text, position).group(0))
        parts.append(_plain(before, images, language, image_url))
        # A formula is escaped but kept on one line; the browser reads the escaped text back.
        parts.append(escape(found.group(0).replace("\r", " ").replace("\n", " ")))
    parts.append(_plain(text[position:], images, language, image_url))
    # Safe: every piece above was escaped or built by format_html.
    return mark_safe("".join(parts))
