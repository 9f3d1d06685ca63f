"""Reading an uploaded XML file safely: with expat, refusing any DTD or entity declaration
before anything is expanded, and noting the line where each element starts (for problems by
line). Plain Python."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from xml.parsers import expat

from .items import Problem, error

XML_NS = "http://www.w3.org/XML/1998/namespace"


class _Refused(Exception):
    pass


@dataclass
class XmlTree:
    root: ET.Element
    namespace: str  # the root element's namespace URI ("" without namespaces)
    lines: dict[int, int]  # id(element) -> line

    def line(self, element: ET.Element) -> int | None:
        return self.lines.get(id(element))


def read(
    data: bytes, *, dtd_refused: str, not_xml: str, local_names: bool = False
) -> XmlTree | Problem:
    """The tree, or the problem (``dtd_refused``, or ``not_xml`` with ``{reason}``). With
    ``local_names`` elements and attributes drop their namespace (``xml:lang`` keeps its
    prefix) and the root's namespace is kept in ``namespace``."""
    parser = expat.ParserCreate(namespace_separator=" ") if local_names else expat.ParserCreate()
    builder = ET.TreeBuilder()
    lines: dict[int, int] = {}
    namespaces: list[str] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        if local_names:
            uri, _, name = name.rpartition(" ")
            namespaces.append(uri)
            named = {}
            for key, value in attributes.items():
                space, _, attribute = key.rpartition(" ")
                named["xml:" + attribute if space == XML_NS else attribute] = value
            attributes = named
        lines[id(builder.start(name, attributes))] = parser.CurrentLineNumber

    def refuse(*_arguments: object) -> None:
        raise _Refused

    parser.StartElementHandler = start
    parser.EndElementHandler = (
        (lambda name: builder.end(name.rpartition(" ")[2])) if local_names else builder.end
    )
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except _Refused:
        return error(dtd_refused, line=parser.CurrentLineNumber)
    except expat.ExpatError as exc:
        reason = expat.errors.messages.get(exc.code, str(exc))
        return error(not_xml.format(reason=reason), line=exc.lineno)
    return XmlTree(builder.close(), namespaces[0] if namespaces else "", lines)
