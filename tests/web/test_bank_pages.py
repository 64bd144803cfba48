"""The bank statements page through the TestClient on SQLite and PostgreSQL: importing a CAMT.053 or CSV
statement pays the invoices it surely pays, the same file twice changes nothing, unreadable lines and files
are reported, and a person confirms or ignores the credits the matching was not sure of."""

from __future__ import annotations

from typing import Any

import httpx2
from fastapi.testclient import TestClient

from tests.api.payment_links.test_pay_page import ready_invoice
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.web import csrf_of, parse, text_of, texts_of
from tests.support.webhooks import payments_of

CSV_MAPPING = {
    "date": "Date",
    "credit": "Crédit",
    "debit": "Débit",
    "payer": "Émetteur",
    "reference": "Libellé",
}
CSV_HEADER = "Date;Émetteur;Libellé;Débit;Crédit\n"
WITH_GARBAGE = CSV_HEADER + (
    "14/12/2026;BOULANGERIE MARTIN;VIR SEPA FACTURE F-2026-0042;;1 234,56\n"
    "15/12/2026;ORANGE;PRLV SEPA ABONNEMENT;59,90;\n"
    "ligne tronquée\n"
    "32/12/2026;X;date impossible;;5,00\n"
)
UNKNOWN_PAYER = CSV_HEADER + "14/12/2026;INCONNU;VIR SEPA;;{amount}\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def camt(amount: str, remittance: str) -> bytes:
    """A one-credit CAMT.053 statement (v08), as a French bank exports it."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
  <GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2026-12-15T05:30:00+01:00</CreDtTm></GrpHdr>
  <Stmt><Id>STMT-1</Id><Acct><Id><IBAN>FR7614706000017000123456789</IBAN></Id><Ccy>EUR</Ccy></Acct>
    <Ntry><NtryRef>N0001</NtryRef><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd>
      <Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-12-14</Dt></BookgDt>
      <NtryDtls><TxDtls><Refs><AcctSvcrRef>BANK-REF-1</AcctSvcrRef></Refs>
        <RltdPties><Dbtr><Pty><Nm>Boulangerie Martin</Nm></Pty></Dbtr></RltdPties>
        <RmtInf><Ustrd>{remittance}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
  </Stmt></BkToCstmrStmt></Document>""".encode()


def upload(
    client: TestClient, data: bytes, name: str, mapping: dict[str, str] | None = None, csrf: str | None = None
) -> httpx2.Response:
    """Submit the page's import form, with the CSRF token the page carries unless one is given."""
    token = csrf_of(client.get("/bank").text) if csrf is None else csrf
    form = {"csrf_token": token, **(mapping or {})}
    return client.post("/bank", data=form, files={"statement": (name, data, "application/octet-stream")})


def decide(client: TestClient, line_id: str, action: str, **form: str) -> httpx2.Response:
    csrf = csrf_of(client.get("/bank").text)
    return client.post(f"/bank/lines/{line_id}/{action}", data={"csrf_token": csrf, **form},
                       follow_redirects=False)  # fmt: skip


def api_lines(client: TestClient, tenant: Tenant, status: str | None = None) -> list[dict[str, Any]]:
    response = client.get(
        "/api/v1/bank/lines", params={"status": status} if status else {}, headers=tenant.headers
    )
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()
    return found


def collection(client: TestClient, tenant: Tenant, invoice: dict[str, Any]) -> str:
    status: str = payments_of(client, tenant, invoice["id"])["collection_status"]
    return status


def same_amount_invoices(capture: Capture, tenant: Tenant, client: TestClient) -> list[dict[str, Any]]:
    """Two open invoices of 500,00 € from unrelated buyers: a credit of 500,00 € could pay either."""
    found = [ready_invoice(capture, tenant, number=f"F-2026-010{n}", buyer=buyer, total="500,00")
             for n, buyer in ((1, "Client Un SARL"), (2, "Client Deux SAS"))]  # fmt: skip
    for invoice in found:  # same seller, same amount: held for review as possible duplicates
        client.post(f"/api/v1/invoices/{invoice['id']}/approve", headers=tenant.headers)
    return found


class TestPage:
    def test_it_renders_in_french_with_the_upload_form_and_nothing_imported_yet(
        self, logged_in: TestClient
    ) -> None:
        page = parse(logged_in.get("/bank"))

        assert text_of(page, "//h1") == "Relevés bancaires"
        assert page.xpath("//nav//a[@aria-current='page']/@href") == ["/bank"]
        (form,) = page.xpath("//form[@action='/bank']")
        assert form.get("enctype") == "multipart/form-data"
        assert [i.get("name") for i in form.xpath(".//input")] == [
            "csrf_token", "statement", "date", "credit", "debit", "amount", "payer", "reference",
        ]  # fmt: skip
        assert texts_of(page, "//p[@class='empty']") == [
            "Aucun crédit en attente de décision.", "Aucun crédit sans facture.", "Aucun relevé importé.",
        ]  # fmt: skip

    def test_it_renders_in_english(self, logged_in: TestClient) -> None:
        logged_in.get("/lang/en")

        page = parse(logged_in.get("/bank"))

        assert text_of(page, "//h1") == "Bank statements"
        assert text_of(page, "//nav//a[@href='/bank']") == "Bank"
        assert text_of(page, "//form[@action='/bank']//button") == "Import"
        assert text_of(page, "//label[@for='map-credit']") == "Credit"

    def test_it_needs_a_login(self, client: TestClient) -> None:
        response = client.get("/bank", follow_redirects=False)

        assert (response.status_code, response.headers["location"]) == (303, "/login?next=/bank")


class TestImport:
    def test_a_camt_credit_naming_the_invoice_with_its_exact_amount_pays_it(
        self, logged_in: TestClient, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        response = upload(logged_in, camt("1234.56", "VIR SEPA FACTURE F-2026-0042"), "releve.xml")

        assert response.status_code == 200, response.text
        page = parse(response)
        assert text_of(page, "//*[@data-testid='format']") == "CAMT.053"
        assert text_of(page, "//*[@data-testid='new-lines']") == "1"
        assert text_of(page, "//*[@data-testid='matched-count']") == "1"
        assert texts_of(page, "//table[@data-testid='matched']/tbody/tr/td") == [
            "14/12/2026", "Boulangerie Martin", "VIR SEPA FACTURE F-2026-0042", "1 234,56 €",
            "F-2026-0042 · Boulangerie Martin SARL · total 1 234,56 € · reste dû 0,00 €",
        ]  # fmt: skip
        assert collection(logged_in, tenant, invoice) == "paid"
        assert texts_of(page, "//table[@data-testid='statements']/tbody/tr/td")[1:] == [
            "releve.xml", "CAMT.053", "FR7614706000017000123456789", "1", "0",
        ]  # fmt: skip

    def test_the_same_file_again_says_already_imported_and_changes_nothing(
        self, logged_in: TestClient, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        data = camt("1234.56", "FACTURE F-2026-0042")
        upload(logged_in, data, "releve.xml")

        again = upload(logged_in, data, "releve-copie.xml")

        assert again.status_code == 200, again.text
        page = parse(again)
        assert text_of(page, "//*[@data-testid='already-imported']").startswith(
            "Ce relevé a déjà été importé le "
        )
        assert text_of(page, "//*[@data-testid='new-lines']") == "0"
        assert text_of(page, "//*[@data-testid='known-lines']") == "1"
        assert page.xpath("//table[@data-testid='matched']") == []
        assert len(payments_of(logged_in, tenant, invoice["id"])["entries"]) == 1
        assert len(page.xpath("//table[@data-testid='statements']/tbody/tr")) == 1
        assert len(api_lines(logged_in, tenant)) == 1

    def test_a_csv_with_garbage_lines_reports_them_by_line_number_and_imports_the_rest(
        self, logged_in: TestClient, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        response = upload(logged_in, WITH_GARBAGE.encode("cp1252"), "releve.csv", CSV_MAPPING)

        assert response.status_code == 200, response.text
        page = parse(response)
        assert text_of(page, "//*[@data-testid='format']") == "CSV"
        assert text_of(page, "//*[@data-testid='new-lines']") == "2"
        assert page.xpath("//ul[@data-testid='rejected']/li/@data-line") == ["4", "5"]
        assert (
            texts_of(page, "//ul[@data-testid='rejected']/li")[0]
            == "Ligne 4 : 5 colonnes attendues, 1 trouvée(s)"
        )
        assert texts_of(page, "//table[@data-testid='matched']//*[@data-testid='invoice-number']") == [
            "F-2026-0042"
        ]
        assert collection(logged_in, tenant, invoice) == "paid"
        assert sorted(line["status"] for line in api_lines(logged_in, tenant)) == ["debit", "matched"]
        # the mapping typed stays in the form for the next file
        assert page.xpath("//input[@name='credit']/@value") == ["Crédit"]

    def test_an_unreadable_file_is_a_400_with_the_reason_and_stores_nothing(
        self, logged_in: TestClient, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        response = upload(logged_in, PNG, "releve.png", CSV_MAPPING)

        assert response.status_code == 400
        assert text_of(parse(response), "//*[@data-testid='import-error']") == (
            "Le relevé n'a pas été importé : ce fichier binaire n'est ni un CAMT.053, ni un OFX, ni un CSV."
        )
        assert api_lines(logged_in, tenant) == []
        assert "Aucun relevé importé." in texts_of(parse(logged_in.get("/bank")), "//p[@class='empty']")
        assert collection(logged_in, tenant, invoice) == "open"

    def test_a_csv_whose_columns_are_not_recognised_is_a_400_that_says_a_mapping_is_needed(
        self, logged_in: TestClient, tenant: Tenant
    ) -> None:
        response = upload(logged_in, "Bonjour;à tous\nrien;ici\n".encode("cp1252"), "releve.csv")

        assert response.status_code == 400
        assert text_of(parse(response), "//*[@data-testid='import-error']") == (
            "Le relevé n'a pas été importé : ce n'est ni un CAMT.053/054 ni un OFX ; "
            "pour le lire comme un CSV, indiquez ses colonnes."
        )
        assert api_lines(logged_in, tenant) == []

    def test_a_mapping_without_amount_columns_is_a_400(self, logged_in: TestClient, tenant: Tenant) -> None:
        response = upload(logged_in, WITH_GARBAGE.encode("cp1252"), "releve.csv", {"date": "Date"})

        assert response.status_code == 400
        assert text_of(parse(response), "//*[@data-testid='import-error']") == (
            "Le relevé n'a pas été importé : "
            "Indiquez la colonne du montant, ou celles du crédit et/ou du débit."
        )
        assert api_lines(logged_in, tenant) == []

    def test_no_file_is_a_400(self, logged_in: TestClient) -> None:
        csrf = csrf_of(logged_in.get("/bank").text)

        response = logged_in.post("/bank", data={"csrf_token": csrf}, files={"other": ("x.txt", b"x")})

        assert response.status_code == 400
        assert (
            text_of(parse(response), "//*[@data-testid='import-error']") == "Choisissez le fichier du relevé."
        )

    def test_a_file_over_20_mib_is_refused(self, logged_in: TestClient, tenant: Tenant) -> None:
        response = upload(logged_in, b"<" + b" " * (20 * 1024 * 1024), "huge.xml")

        assert response.status_code == 413
        assert text_of(parse(response), "//*[@data-testid='import-error']") == "Un relevé fait au plus 20 Mo."
        assert api_lines(logged_in, tenant) == []

    def test_without_the_csrf_token_nothing_is_imported(
        self, logged_in: TestClient, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        response = upload(logged_in, camt("1234.56", "FACTURE F-2026-0042"), "releve.xml", csrf="forged")

        assert response.status_code == 401
        assert api_lines(logged_in, tenant) == []
        assert collection(logged_in, tenant, invoice) == "open"


class TestDecisions:
    def test_a_proposed_credit_is_confirmed_on_the_invoice_chosen_among_its_candidates(
        self, logged_in: TestClient, tenant: Tenant, capture: Capture
    ) -> None:
        first, second = same_amount_invoices(capture, tenant, logged_in)
        imported = parse(
            upload(logged_in, UNKNOWN_PAYER.format(amount="500,00").encode(), "r.csv", CSV_MAPPING)
        )
        assert text_of(imported, "//*[@data-testid='proposed-count']") == "1"
        (row,) = imported.xpath("//table[@data-testid='proposed']/tbody/tr")
        assert sorted(row.xpath(".//input[@name='invoice_id']/@value")) == sorted([first["id"], second["id"]])
        assert sorted(texts_of(row, ".//*[@data-testid='invoice-number']")) == ["F-2026-0101", "F-2026-0102"]

        response = decide(logged_in, row.get("data-line-id"), "confirm", invoice_id=second["id"])

        assert (response.status_code, response.headers["location"]) == (303, "/bank?done=confirmed")
        after = parse(logged_in.get(response.headers["location"]))
        assert (
            text_of(after, "//*[@data-testid='flash']")
            == "Le virement a été enregistré sur la facture choisie."
        )
        assert after.xpath("//table[@data-testid='proposed']") == []
        assert collection(logged_in, tenant, second) == "paid"
        assert collection(logged_in, tenant, first) == "open"
        assert [line["invoice_ids"] for line in api_lines(logged_in, tenant, "matched")] == [[second["id"]]]

    def test_a_proposed_credit_is_dismissed(
        self, logged_in: TestClient, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        # the exact amount, but no invoice number and another payer: only a proposal
        imported = parse(
            upload(logged_in, UNKNOWN_PAYER.format(amount="1 234,56").encode(), "r.csv", CSV_MAPPING)
        )
        (line_id,) = imported.xpath("//table[@data-testid='proposed']/tbody/tr/@data-line-id")

        response = decide(logged_in, line_id, "dismiss")

        assert (response.status_code, response.headers["location"]) == (303, "/bank?done=dismissed")
        after = parse(logged_in.get(response.headers["location"]))
        assert text_of(after, "//*[@data-testid='flash']") == "Le crédit a été ignoré."
        assert after.xpath("//table[@data-testid='proposed']") == []
        assert [line["id"] for line in api_lines(logged_in, tenant, "dismissed")] == [line_id]
        assert collection(logged_in, tenant, invoice) == "open"

    def test_an_unmatched_credit_is_listed_and_can_be_dismissed(
        self, logged_in: TestClient, tenant: Tenant
    ) -> None:
        imported = parse(
            upload(logged_in, UNKNOWN_PAYER.format(amount="77,00").encode(), "r.csv", CSV_MAPPING)
        )
        (row,) = imported.xpath("//table[@data-testid='unmatched']/tbody/tr")
        assert text_of(row, ".//*[@data-testid='amount']") == "77,00 €"

        response = decide(logged_in, row.get("data-line-id"), "dismiss")

        assert response.status_code == 303
        assert parse(logged_in.get("/bank")).xpath("//table[@data-testid='unmatched']") == []
        assert [line["status"] for line in api_lines(logged_in, tenant)] == ["dismissed"]

    def test_confirm_and_dismiss_need_the_csrf_token(
        self, logged_in: TestClient, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        upload(logged_in, UNKNOWN_PAYER.format(amount="1 234,56").encode(), "r.csv", CSV_MAPPING)
        (line,) = api_lines(logged_in, tenant, "proposed")

        confirmed = logged_in.post(f"/bank/lines/{line['id']}/confirm", data={"invoice_id": invoice["id"]})
        dismissed = logged_in.post(f"/bank/lines/{line['id']}/dismiss", data={"csrf_token": "forged"})

        assert (confirmed.status_code, dismissed.status_code) == (401, 401)
        assert [found["status"] for found in api_lines(logged_in, tenant)] == ["proposed"]
        assert collection(logged_in, tenant, invoice) == "open"

    def test_confirm_without_a_chosen_invoice_is_a_400(
        self, logged_in: TestClient, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        upload(logged_in, UNKNOWN_PAYER.format(amount="1 234,56").encode(), "r.csv", CSV_MAPPING)
        (line,) = api_lines(logged_in, tenant, "proposed")

        response = decide(logged_in, line["id"], "confirm")

        assert response.status_code == 400
        assert "Choisissez la facture que ce virement paie." in response.text
        assert [found["status"] for found in api_lines(logged_in, tenant)] == ["proposed"]

    def test_another_organisations_line_cannot_be_confirmed_nor_dismissed(
        self, logged_in: TestClient, tenant: Tenant, other_tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        data = UNKNOWN_PAYER.format(amount="1 234,56").encode()
        theirs = logged_in.post("/api/v1/bank/statements", headers=other_tenant.headers, content=data,
                                params=[("csv", f"{k}={v}") for k, v in CSV_MAPPING.items()])  # fmt: skip
        assert theirs.status_code == 201, theirs.text
        (line,) = api_lines(logged_in, other_tenant)

        confirmed = decide(logged_in, line["id"], "confirm", invoice_id=invoice["id"])
        dismissed = decide(logged_in, line["id"], "dismiss")

        assert (confirmed.status_code, dismissed.status_code) == (404, 404)
        assert [found["status"] for found in api_lines(logged_in, other_tenant)] == [line["status"]]
        assert collection(logged_in, tenant, invoice) == "open"
        assert (
            parse(logged_in.get("/bank")).xpath(
                "//table[@data-testid='unmatched' or @data-testid='proposed']"
            )
            == []
        )
