"""OASIS UBL 2.x Invoice and CreditNote (EN 16931 / Peppol BIS 3 / XRechnung UBL)."""

from __future__ import annotations

from .amounts import format_amount, parse_xml_decimal
from .company_ids import split_legal_id
from .dates import parse_xml_date
from .model import LineItem, VatBreakdown
from .structured import StructuredInvoice, document_type
from .xml_safe import Node, local_name


def read_ubl(root: Node) -> StructuredInvoice:
    result = StructuredInvoice()
    is_credit_note = local_name(root.element) == "CreditNote"
    result.put("invoice_number", root.text("ID"))
    type_code = root.text("CreditNoteTypeCode") or root.text("InvoiceTypeCode")
    result.put("document_type", "credit_note" if is_credit_note else document_type(type_code))
    result.put("issue_date", _date(root.text("IssueDate")))
    result.put("due_date", _date(root.text("DueDate")))
    result.put("due_date", _date(root.text("PaymentMeans/PaymentDueDate")))
    currency = root.text("DocumentCurrencyCode")
    result.put("currency", currency)
    result.put("purchase_order", root.text("OrderReference/ID"))
    _read_party(result, root.first("AccountingSupplierParty/Party"), "seller")
    _read_party(result, root.first("AccountingCustomerParty/Party"), "buyer")
    _read_payment(result, root)
    _read_totals(result, root, currency)
    line_tag = "CreditNoteLine" if is_credit_note else "InvoiceLine"
    result.lines = [_line(item, is_credit_note) for item in root.all(line_tag)]
    return result


def _date(text: str | None) -> str | None:
    parsed = None if text is None else parse_xml_date(text)
    return None if parsed is None else parsed.isoformat()


def _amount(text: str | None) -> str | None:
    value = None if text is None else parse_xml_decimal(text)
    return None if value is None else format_amount(value)


def _read_party(result: StructuredInvoice, party: Node | None, role: str) -> None:
    if party is None:
        return
    # The registered (legal) name identifies the party; PartyName may be a trading brand.
    result.put(f"{role}_name", party.text("PartyLegalEntity/RegistrationName"))
    result.put(f"{role}_name", party.text("PartyName/Name"))
    for scheme in party.all("PartyTaxScheme"):
        if (scheme.text("TaxScheme/ID") or "VAT").upper() == "VAT":
            result.put(f"{role}_vat_id", scheme.text("CompanyID"))
    for scheme in party.all("PartyTaxScheme"):
        result.put(f"{role}_vat_id", scheme.text("CompanyID"))
    _read_french_ids(result, party, role)
    result.put(f"{role}_email", party.text("Contact/ElectronicMail"))
    if role == "buyer":
        result.put("buyer_address", _address(party.first("PostalAddress")))


def _read_french_ids(result: StructuredInvoice, party: Node, role: str) -> None:
    country = party.text("PostalAddress/Country/IdentificationCode") or ""
    vat_ids = [n.text() or "" for n in party.all("PartyTaxScheme/CompanyID")]
    legal = party.all("PartyLegalEntity/CompanyID")
    schemes = {n.attr("schemeID") for n in legal + party.all("PartyIdentification/ID")}
    if not (schemes & {"0002", "0009"} or country == "FR" or any(v.startswith("FR") for v in vat_ids)):
        return  # SIREN/SIRET are French numbers; other countries' 9-digit ids are not SIRENs
    for node in legal:
        result.put(f"{role}_siren", split_legal_id(node.text() or "")[0])
    siren = result.values.get(f"{role}_siren")
    for node in legal + party.all("PartyIdentification/ID") + party.all("EndpointID"):
        siret = split_legal_id(node.text() or "")[1]
        if siret is not None and (siren is None or siret.startswith(siren)):
            result.put(f"{role}_siret", siret)


def _address(node: Node | None) -> str | None:
    if node is None:
        return None
    parts = [node.text("StreetName"), node.text("AdditionalStreetName"), node.text("AddressLine/Line")]
    parts.append(" ".join(p for p in (node.text("PostalZone"), node.text("CityName")) if p))
    parts.append(node.text("Country/IdentificationCode"))
    text = ", ".join(p for p in parts if p)
    return text or None


def _read_payment(result: StructuredInvoice, root: Node) -> None:
    for means in root.all("PaymentMeans"):
        account = means.first("PayeeFinancialAccount")
        if account is not None:
            result.put("seller_iban", account.text("ID"))
            result.put("seller_bic", account.text("FinancialInstitutionBranch/ID"))
            result.put("seller_bic", account.text("FinancialInstitutionBranch/FinancialInstitution/ID"))
    result.put("payment_terms", root.text("PaymentTerms/Note"))


def _read_totals(result: StructuredInvoice, root: Node, currency: str | None) -> None:
    totals = root.first("LegalMonetaryTotal")
    if totals is not None:
        result.put("total_excl_tax", _amount(totals.text("TaxExclusiveAmount")))
        result.put("total_incl_tax", _amount(totals.text("TaxInclusiveAmount")))
        result.put("amount_due", _amount(totals.text("PayableAmount")))
    # A second TaxTotal may give the tax in the accounting currency (BT-111): take the invoice currency's.
    for tax_total in root.all("TaxTotal"):
        amount = tax_total.first("TaxAmount")
        if amount is not None and amount.attr("currencyID") in (None, currency):
            result.put("total_tax", _amount(amount.text()))
            result.vat_breakdown = [_vat(sub) for sub in tax_total.all("TaxSubtotal")]


def _vat(subtotal: Node) -> VatBreakdown:
    return VatBreakdown(
        rate=_amount(subtotal.text("TaxCategory/Percent")),
        base=_amount(subtotal.text("TaxableAmount")),
        amount=_amount(subtotal.text("TaxAmount")),
        category=subtotal.text("TaxCategory/ID"),
    )


def _line(item: Node, is_credit_note: bool) -> LineItem:
    quantity_tag = "CreditedQuantity" if is_credit_note else "InvoicedQuantity"
    return LineItem(
        description=item.text("Item/Name") or item.text("Item/Description") or "",
        quantity=_amount(item.text(quantity_tag)),
        unit_price=_amount(item.text("Price/PriceAmount")),
        total=_amount(item.text("LineExtensionAmount")),
        vat_rate=_amount(item.text("Item/ClassifiedTaxCategory/Percent")),
    )
