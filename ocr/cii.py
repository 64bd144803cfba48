"""UN/CEFACT Cross Industry Invoice: Factur-X / ZUGFeRD 2 (all profiles) and ZUGFeRD 1.

ZUGFeRD 1 names a few containers differently (HeaderExchangedDocument, ApplicableSupplyChainTrade...);
each lookup lists both spellings.
"""

from __future__ import annotations

from .amounts import format_amount, parse_xml_decimal
from .company_ids import split_legal_id
from .dates import parse_xml_date
from .model import LineItem, VatBreakdown
from .structured import StructuredInvoice, document_type
from .xml_safe import Node

_DOCUMENT = ("ExchangedDocument", "HeaderExchangedDocument")
_AGREEMENT = ("//ApplicableHeaderTradeAgreement", "//ApplicableSupplyChainTradeAgreement")
_SETTLEMENT = ("//ApplicableHeaderTradeSettlement", "//ApplicableSupplyChainTradeSettlement")
_SUMMATION = ("SpecifiedTradeSettlementHeaderMonetarySummation", "SpecifiedTradeSettlementMonetarySummation")
# Scheme ids under which French parties publish their SIREN/SIRET (ISO 6523 ICD 0002, 0009; 0225 routing).
_FRENCH_SCHEMES = {"0002", "0009", "0225", "SIRET", "SIREN", None}


def read_cii(root: Node) -> StructuredInvoice:
    result = StructuredInvoice()
    document = _first(root, _DOCUMENT)
    if document is not None:
        result.put("invoice_number", document.text("ID"))
        result.put("document_type", document_type(document.text("TypeCode")))
        result.put("issue_date", _date(document.first("IssueDateTime/DateTimeString")))
    agreement = _first(root, _AGREEMENT)
    if agreement is not None:
        _read_party(result, agreement.first("SellerTradeParty"), "seller")
        _read_party(result, agreement.first("BuyerTradeParty"), "buyer")
        result.put("purchase_order", agreement.text("BuyerOrderReferencedDocument/IssuerAssignedID"))
        result.put("purchase_order", agreement.text("BuyerOrderReferencedDocument/ID"))
    settlement = _first(root, _SETTLEMENT)
    if settlement is not None:
        _read_settlement(result, settlement)
    result.lines = [_line(item) for item in root.all("//IncludedSupplyChainTradeLineItem")]
    return result


def _first(root: Node, paths: tuple[str, ...]) -> Node | None:
    for path in paths:
        found = root.first(path)
        if found is not None:
            return found
    return None


def _date(node: Node | None) -> str | None:
    text = None if node is None else node.text()
    parsed = None if text is None else parse_xml_date(text)
    return None if parsed is None else parsed.isoformat()


def _amount(node: Node | None) -> str | None:
    text = None if node is None else node.text()
    value = None if text is None else parse_xml_decimal(text)
    return None if value is None else format_amount(value)


def _read_party(result: StructuredInvoice, party: Node | None, role: str) -> None:
    if party is None:
        return
    result.put(f"{role}_name", party.text("Name"))
    for registration in party.all("SpecifiedTaxRegistration/ID"):
        if registration.attr("schemeID") in ("VA", None):
            result.put(f"{role}_vat_id", registration.text())
    for registration in party.all("SpecifiedTaxRegistration/ID"):
        result.put(f"{role}_vat_id", registration.text())  # only a tax number (FC): better than nothing
    _read_french_ids(result, party, role)
    email = party.text("DefinedTradeContact/EmailURIUniversalCommunication/URIID")
    for uri in party.all("URIUniversalCommunication/URIID"):
        if uri.attr("schemeID") == "EM":
            email = email or uri.text()
    result.put(f"{role}_email", email)
    if role == "buyer":
        result.put("buyer_address", _address(party.first("PostalTradeAddress")))


def _read_french_ids(result: StructuredInvoice, party: Node, role: str) -> None:
    if not _is_french(party):
        return
    legal = [n for n in party.all("SpecifiedLegalOrganization/ID") if n.attr("schemeID") in _FRENCH_SCHEMES]
    for node in legal:
        result.put(f"{role}_siren", split_legal_id(node.text() or "")[0])
    siren = result.values.get(f"{role}_siren")
    others = party.all("ID") + party.all("GlobalID") + party.all("URIUniversalCommunication/URIID")
    for node in legal + [n for n in others if n.attr("schemeID") in _FRENCH_SCHEMES]:
        siret = split_legal_id(node.text() or "")[1]
        if siret is not None and (siren is None or siret.startswith(siren)):
            result.put(f"{role}_siret", siret)


def _is_french(party: Node) -> bool:
    """SIREN/SIRET only make sense for French parties: a 9-digit Norwegian org number is not a SIREN."""
    schemes = {n.attr("schemeID") for n in party.all("SpecifiedLegalOrganization/ID")}
    country = party.text("PostalTradeAddress/CountryID") or ""
    vat_ids = [n.text() or "" for n in party.all("SpecifiedTaxRegistration/ID")]
    return bool(schemes & {"0002", "0009"}) or country == "FR" or any(v.startswith("FR") for v in vat_ids)


def _address(node: Node | None) -> str | None:
    if node is None:
        return None
    parts = [node.text(tag) for tag in ("LineOne", "LineTwo", "LineThree")]
    city = " ".join(p for p in (node.text("PostcodeCode"), node.text("CityName")) if p)
    parts += [city, node.text("CountryID")]
    text = ", ".join(p for p in parts if p)
    return text or None


def _read_settlement(result: StructuredInvoice, settlement: Node) -> None:
    currency = settlement.text("InvoiceCurrencyCode")
    result.put("currency", currency)
    for means in settlement.all("SpecifiedTradeSettlementPaymentMeans"):
        result.put("seller_iban", means.text("PayeePartyCreditorFinancialAccount/IBANID"))
        result.put("seller_bic", means.text("PayeeSpecifiedCreditorFinancialInstitution/BICID"))
    for terms in settlement.all("SpecifiedTradePaymentTerms"):
        result.put("due_date", _date(terms.first("DueDateDateTime/DateTimeString")))
        result.put("payment_terms", terms.text("Description"))
    summation = _first(settlement, _SUMMATION)
    if summation is not None:
        _read_totals(result, summation, currency)
    result.vat_breakdown = [_vat(tax) for tax in settlement.all("ApplicableTradeTax")]


def _read_totals(result: StructuredInvoice, summation: Node, currency: str | None) -> None:
    result.put("total_excl_tax", _amount(summation.first("TaxBasisTotalAmount")))
    # EXTENDED may state the tax twice, in the invoice currency and in the accounting currency.
    taxes = summation.all("TaxTotalAmount")
    in_currency = [t for t in taxes if t.attr("currencyID") in (None, currency)]
    chosen = in_currency or taxes
    result.put("total_tax", _amount(chosen[0] if chosen else None))
    result.put("total_incl_tax", _amount(summation.first("GrandTotalAmount")))
    result.put("amount_due", _amount(summation.first("DuePayableAmount")))


def _vat(tax: Node) -> VatBreakdown:
    return VatBreakdown(
        rate=_amount(tax.first("RateApplicablePercent")) or _amount(tax.first("ApplicablePercent")),
        base=_amount(tax.first("BasisAmount")),
        amount=_amount(tax.first("CalculatedAmount")),
        category=tax.text("CategoryCode"),
    )


def _line(item: Node) -> LineItem:
    return LineItem(
        description=item.text("SpecifiedTradeProduct/Name") or "",
        quantity=_amount(item.first("//BilledQuantity")),
        unit_price=_amount(item.first("//NetPriceProductTradePrice/ChargeAmount")),
        total=_amount(item.first("//LineTotalAmount")),
        vat_rate=_amount(item.first("//ApplicableTradeTax/RateApplicablePercent"))
        or _amount(item.first("//ApplicableTradeTax/ApplicablePercent")),
    )
