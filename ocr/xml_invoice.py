"""Read an invoice from XML bytes: CII (Factur-X, ZUGFeRD 1/2, XRechnung CII) or UBL (Invoice, CreditNote)."""

from __future__ import annotations

from .cii import read_cii
from .errors import NotAnInvoice
from .structured import StructuredInvoice
from .ubl import read_ubl
from .xml_safe import Node, local_name, parse_xml

_CII_ROOTS = frozenset({"CrossIndustryInvoice", "CrossIndustryDocument"})
_UBL_ROOTS = frozenset({"Invoice", "CreditNote"})


def read_xml_invoice(data: bytes) -> StructuredInvoice:
    root = parse_xml(data)
    name = local_name(root)
    if name in _CII_ROOTS:
        result = read_cii(Node(root))
    elif name in _UBL_ROOTS:
        result = read_ubl(Node(root))
    else:
        raise NotAnInvoice(
            f"This XML file is not an invoice: its root element is <{name}>, "
            "expected a CII CrossIndustryInvoice or a UBL Invoice/CreditNote."
        )
    if not result.values:
        raise NotAnInvoice("This XML file has an invoice root element but none of an invoice's data.")
    return result
