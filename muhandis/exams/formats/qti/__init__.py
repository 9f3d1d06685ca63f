"""IMS QTI 2.1 items (``assessmentItem``): reading and writing.

Languages. A QTI item carries one ``xml:lang``, so an item written in several languages is
exported as one ``assessmentItem`` per language, all in one IMS content package (a ZIP whose
``imsmanifest.xml`` lists every file). The files of one item share its name as their ``label``,
and their identifiers end in the language (``HYD-01-uz``, ``HYD-01-ru``); import joins them
back into one item. Competency codes, schemes, difficulty and tags travel as LOM keywords of
each item's resource in the manifest (``competency:TEC-01``, ``scheme:CE-WSS-II``,
``difficulty:2``), since an item file has no place for them; a lone item file loses them.

How each kind is written:

- single choice: ``choiceInteraction`` (one choice), the right choice as ``correctResponse``;
  a ``mapping`` of every choice's credit when an option has partial or negative credit.
- multiple response: ``choiceInteraction`` (any number of choices), the choices with credit as
  ``correctResponse`` and a ``mapping`` of each choice's credit, bounded to 0…1.
- true/false: ``choiceInteraction`` with the two choices ``true`` and ``false``.
- numeric: ``textEntryInteraction`` with a ``float`` response; the response processing compares
  the answer with the correct response by ``equal`` with ``toleranceMode="absolute"`` (or
  ``exact`` when the tolerance is 0). The base unit is written as text after the answer box.
  Import also reads a ``mapping`` of numbers (the best-scored number is kept).
- matching: ``matchInteraction`` with two ``simpleMatchSet``s, the pairs as ``directedPair``
  values in ``correctResponse`` and a ``mapping`` giving each pair an equal share.
- short text: ``textEntryInteraction`` with a ``string`` response and a ``mapping`` of the
  accepted answers, each ``mapEntry`` saying ``caseSensitive``.
- essay: ``extendedTextInteraction``; the rubric is a ``rubricBlock`` for scorers, and no
  response processing is written (essays are marked by hand).

Response processing is written out in full (the rules of IMS's ``match_correct`` and
``map_response`` templates), so that general feedback (a ``modalFeedback``) and feedback on
choices (``feedbackInline``) are shown by any QTI player. Texts that are XHTML QTI accepts are
written as elements; any other text, as plain text.

A file with a DTD or entity declarations is refused before anything in it is expanded, as in
Moodle XML. Problems carry the line where the item starts and, inside a package, the file.
"""

from .common import (  # noqa: F401 - the messages, for format_messages and callers
    A_TEST,
    ALL_OR_NOTHING,
    ANSWER_FEEDBACK,
    BAD_BASE_TYPE,
    BAD_DIFFICULTY_TAG,
    BAD_NUMBER,
    BLANK,
    BLOCK_TAGS,
    CASE_MIXED,
    COMMON_ATTRIBUTES,
    CONDITIONAL_FEEDBACK_DROPPED,
    CONTENT_TAGS,
    CP_NS,
    DTD_REFUSED,
    EMPTY_FILE,
    FILES_DROPPED,
    IDENTIFIER,
    IN_FILE,
    INLINE_INTERACTIONS,
    INLINE_TAGS,
    ITEM_TYPE,
    LANGUAGE_READ_AS,
    MANIFEST,
    MANY_INTERACTIONS,
    MD_NS,
    MISSING_FILE,
    NO_CORRECT,
    NO_DECLARATION,
    NO_INTERACTION,
    NO_ITEMS,
    NO_MANIFEST,
    NO_METADATA,
    NO_TEXT_IN_LANGUAGE,
    NOT_A_ZIP,
    NOT_AN_ITEM,
    NOT_STEM,
    NOT_SUPPORTED,
    NOT_WRITTEN_KIND,
    NOT_WRITTEN_NO_TEXT,
    NOT_XML,
    ONE_LANGUAGE,
    OTHER_NUMBERS_DROPPED,
    OTHER_UNITS,
    PACKAGE_TOO_LARGE,
    PAIR_CREDIT_DROPPED,
    QTI_NS,
    QTI_XSD,
    RELATIVE_TOLERANCE,
    SUPPORTED,
    TAG_ATTRIBUTES,
    TEMPLATE_DROPPED,
    TRUTH_WORDS,
    UNKNOWN_CHOICE,
    UNMATCHED_DROPPED,
    VERSION_SEPARATE,
    WRITTEN_AS_PLAIN_TEXT,
    XML_NS,
    XSI_NS,
)
from .reading import is_qti, parse
from .writing import write, write_item

__all__ = ["is_qti", "parse", "write", "write_item"]
