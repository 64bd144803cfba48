"""Structured invoices: Factur-X/ZUGFeRD PDFs and standalone CII/UBL XML, read exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

import ocr


def _values(result: ocr.ExtractedInvoice) -> dict[str, str]:
    return {name: found.value for name, found in result.fields.items()}


def test_factur_x_basic_pdf_golden(corpus: Path) -> None:
    result = ocr.extract((corpus / "xml/securibox__Basic__Facture_FR_BASIC.pdf").read_bytes())
    assert result.method == "xml"
    assert result.pages == 1
    assert _values(result) == {
        "invoice_number": "FA-2017-0010", "document_type": "invoice", "issue_date": "2017-11-13",
        "due_date": "2017-12-13", "currency": "EUR", "total_excl_tax": "624.90", "total_tax": "46.25",
        "total_incl_tax": "671.15", "amount_due": "470.15", "seller_name": "Au bon moulin",
        "seller_vat_id": "FR11999999998", "seller_siren": "999999998", "seller_siret": "99999999800010",
        "seller_iban": "FR2012421242124212421242124", "buyer_name": "Ma jolie boutique",
        "buyer_vat_id": "FR19787878784", "buyer_siren": "787878784", "buyer_siret": "78787878400035",
        "buyer_address": "35 rue de la République, 69001 Lyon, FR", "purchase_order": "PO445",
    }  # fmt: skip
    # The test data's SIRETs fail their Luhn key: kept as read, flagged, not "fixed".
    flagged = {"seller_siret", "buyer_siret"}
    assert {f.confidence for name, f in result.fields.items() if name not in flagged} == {1.0}
    assert {name: result.fields[name].confidence for name in flagged} == {
        "seller_siret": 0.5,
        "buyer_siret": 0.5,
    }
    assert result.warnings == [
        ocr.Notice("not_valid", {"field": "seller_siret", "value": "99999999800010", "kind": "SIRET"}),
        ocr.Notice("not_valid", {"field": "buyer_siret", "value": "78787878400035", "kind": "SIRET"}),
    ]
    assert [notice.message for notice in result.warnings] == [
        "seller_siret: '99999999800010' is not a valid SIRET (14 digits, Luhn key)",
        "buyer_siret: '78787878400035' is not a valid SIRET (14 digits, Luhn key)",
    ]
    assert [v.to_dict() for v in result.vat_breakdown] == [
        {"rate": "20.00", "base": "81.90", "amount": "16.38", "category": "S"},
        {"rate": "5.50", "base": "543.00", "amount": "29.87", "category": "S"},
    ]
    assert [(item.description, item.quantity, item.unit_price, item.total) for item in result.lines] == [
        ("Nougat de l'Abbaye 250g", "20.000", "4.10", "81.90"),
        ("Biscuits aux raisins 300g", "15.000", "3.20", "48.00"),
        ("Huile d'olive à l'ancienne", "25.000", "19.80", "495.00"),
    ]


def test_zugferd_1_pdf_is_read(corpus: Path) -> None:
    data = (
        corpus / "xml/zugferd-corpus__ZUGFeRDv1__correct__Intarsys__ZUGFeRD_1p0_COMFORT_Einfach.pdf"
    ).read_bytes()
    result = ocr.extract(data)
    assert result.method == "xml"
    values = _values(result)
    assert (values["invoice_number"], values["issue_date"], values["due_date"], values["total_incl_tax"]) == (
        "471102",
        "2013-03-05",
        "2013-04-04",
        "529.87",
    )
    assert [(line.description, line.quantity, line.total) for line in result.lines] == [
        ("Trennblätter A4", "20.0000", "198.00"),
        ("Joghurt Banane", "50.0000", "275.00"),
    ]


def test_ubl_invoice_prefers_the_registered_name(corpus: Path) -> None:
    result = ocr.extract((corpus / "xml/akretion__tests__fixtures__xml__ubl-21-en16931.xml").read_bytes())
    assert result.method == "xml"
    assert result.pages == 0
    values = _values(result)
    assert values["seller_name"] == "Au bon moulin"  # RegistrationName, not the trading name
    assert values["amount_due"] == "208.03"
    assert values["seller_bic"] == "QNTOFRP1XXX"


def test_ubl_credit_note(corpus: Path) -> None:
    result = ocr.extract((corpus / "xml/cen-en16931__ubl__examples__ubl-tc434-creditnote1.xml").read_bytes())
    values = _values(result)
    assert values["document_type"] == "credit_note"
    assert values["invoice_number"] == "018304 / 28865"
    assert values["total_incl_tax"] == "100.11"


def test_cii_keeps_the_tax_in_the_invoice_currency(corpus: Path) -> None:
    name = (
        "xml/zugferd-corpus__ZUGFeRDv2__correct__intarsys__EXTENDED__zugferd_2p0_EXTENDED_Fremdwaehrung.pdf"
    )
    values = _values(ocr.extract((corpus / name).read_bytes()))
    assert (values["currency"], values["total_tax"]) == ("GBP", "163.16")


def test_xml_that_is_not_an_invoice_is_refused() -> None:
    with pytest.raises(ocr.NotAnInvoice, match="root element is <catalog>"):
        ocr.extract(b"<?xml version='1.0'?><catalog><book id='1'/></catalog>")


def test_an_external_entity_is_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" '
        'xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">'
        "<rsm:ExchangedDocument><ram:ID>&xxe;</ram:ID></rsm:ExchangedDocument></rsm:CrossIndustryInvoice>"
    ).encode()
    with pytest.raises(ocr.CorruptDocument, match="entities") as caught:
        ocr.extract(xml)
    assert "TOP-SECRET-CONTENT" not in str(caught.value)


def test_malformed_xml_is_a_corrupt_document() -> None:
    with pytest.raises(ocr.CorruptDocument, match="not well-formed"):
        ocr.extract(b"<?xml version='1.0'?><Invoice><ID>1</Invoice>")


def test_unreadable_embedded_xml_falls_back_to_the_visible_page(corpus: Path) -> None:
    # RBT-002: an embedded XML with unescaped "&" and "<": the page is read instead, with a warning.
    result = ocr.extract((corpus / "more/facturx-cas-limites/cas/RBT-002/facture.pdf").read_bytes())
    assert result.method == "text"
    assert result.value("invoice_number") == "FA-2026-0001"
    assert result.value("total_incl_tax") == "3042.00"
    ignored = [notice for notice in result.warnings if notice.code == "embedded_ignored"]
    assert [notice.params["name"] for notice in ignored] == ["factur-x.xml"]
    assert ignored[0].message.startswith("embedded factur-x.xml ignored, the visible page was read instead: ")
