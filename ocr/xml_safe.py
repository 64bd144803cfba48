"""Parse untrusted XML without ever fetching or expanding anything.

lxml is told not to resolve entities, not to load DTDs and not to touch the network; on top of that a
document that declares entities at all is refused, as defusedxml does: a real invoice never needs one,
and refusing is clearer than silently dropping the text an entity stood for.
"""

from __future__ import annotations

from lxml import etree

from .errors import CorruptDocument

_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


def parse_xml(data: bytes) -> etree._Element:
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise CorruptDocument(f"The XML is not well-formed: {exc.msg}.") from exc
    if root is None:
        raise CorruptDocument("The XML document is empty.")
    _refuse_entity_declarations(root)
    return root


def _refuse_entity_declarations(root: etree._Element) -> None:
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise CorruptDocument("The XML declares entities, which are refused for safety.")
    if any(isinstance(node, etree._Entity) for node in root.iter()):
        raise CorruptDocument("The XML refers to entities, which are refused for safety.")


def local_name(element: etree._Element) -> str:
    return str(etree.QName(element).localname)


class Node:
    """Namespace-agnostic navigation by local names: "A/B/C" finds children, "//A" descendants.

    CII (ZUGFeRD 1, ZUGFeRD 2 / Factur-X) and UBL use several namespace versions; matching on local
    names lets one reader serve them all.
    """

    __slots__ = ("element",)

    def __init__(self, element: etree._Element) -> None:
        self.element = element

    def all(self, path: str) -> list[Node]:
        found = self.element.xpath(_to_xpath(path))
        return [Node(e) for e in found if isinstance(e, etree._Element)]

    def first(self, path: str) -> Node | None:
        found = self.all(path)
        return found[0] if found else None

    def text(self, path: str = "") -> str | None:
        node = self.first(path) if path else self
        if node is None or node.element.text is None:
            return None
        text = node.element.text.strip()
        return text or None

    def attr(self, name: str) -> str | None:
        value = self.element.get(name)
        return value.strip() if value else None


def _to_xpath(path: str) -> str:
    steps: list[str] = []
    descend = False
    for part in path.split("/"):
        if part == "":
            descend = True
            continue
        steps.append(("descendant::" if descend else "") + f"*[local-name()='{part}']")
        descend = False
    return "./" + "/".join(steps)
