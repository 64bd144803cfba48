"""Identifiers OCR misread, repaired only when their checksum (or the IBAN's country, for a BIC) leaves one
reading: a country letter read as a digit, a letter O for a zero, a space inside a code. Words in A4 points,
y from the top, on an invoice whose bank details and legal mentions sit in the footer."""

from __future__ import annotations

import pytest

from ocr.company_ids import is_valid_siren
from ocr.ocr_repair import (
    find_repaired_iban,
    iban_classes,
    repair,
    repair_bic,
    repair_company_number,
    repair_iban,
    repair_vat,
)
from ocr.values import find_iban, valid_vat
from ocr.vat_numbers import find_labelled_vat
from tests.ocr.party_words import Text
from tests.ocr.party_words import parties_of as _parties

_BODY: list[Text] = [
    (50, 40, 16, "Atelier Lemoine"),
    (50, 60, 10, "12 rue des Forges"),
    (50, 74, 10, "44000 Nantes"),
    (330, 140, 10, "Client :"),
    (330, 154, 10, "Boulangerie Perrin EURL"),
    (330, 168, 10, "13008 Marseille"),
    (50, 220, 14, "FACTURE N° FA-2026-0412"),
    (50, 330, 10, "Désignation"), (400, 330, 10, "Montant HT"),
    (50, 346, 10, "Réparation"), (400, 346, 10, "500,00"),
    (330, 600, 10, "Total TTC"), (450, 600, 10, "600,00 €"),
]  # fmt: skip


def _invoice(*footer: str) -> dict[str, str]:
    lines = [(50.0, 760.0 + 12 * i, 8.0, text) for i, text in enumerate(footer)]
    return _parties([*_BODY, *lines])


_IBAN = "FR7630003207760002096462619"  # mod 97 holds


# Class 1: an IBAN's country letters, check digits and BBAN digits have a known class by country.


def test_a_country_letter_read_as_a_digit_is_repaired_with_that_country_s_length_and_checksum() -> None:
    found = _invoice("IBAN : 1T46 T824 2365 3085 3703 7275 102 - BIC : BCITITMM")
    assert found["seller_iban"] == "IT46T8242365308537037275102"
    assert found["seller_bic"] == "BCITITMM"


def test_letters_o_read_for_zeros_in_the_bank_digits_are_repaired() -> None:
    found = _invoice("Coordonnées bancaires - IBAN FR76 3OO0 3207 7600 0209 6462 619 - BIC SOGEFRPP")
    assert found["seller_iban"] == _IBAN


def test_a_digit_read_for_another_digit_is_never_guessed() -> None:
    # One digit wrong: many one-digit changes would pass mod 97, so the printed shape stays (flagged).
    found = _invoice("IBAN : FR76 3000 3207 7600 0209 6462 618")
    assert found["seller_iban"] == "FR7630003207760002096462618"


def test_more_slips_than_the_budget_are_left_as_read() -> None:
    assert repair_iban("FR76 3OOO 32O7 7600 0209 6462 619") is None


@pytest.mark.parametrize(
    ("country", "classes"),
    [("FR", "aann" + "n" * 10 + "c" * 11 + "nn"), ("DE", "aann" + "n" * 18), ("GB", "aannaaaa" + "n" * 14)],
)
def test_the_position_classes_come_from_the_country_s_iban_format(country: str, classes: str) -> None:
    assert iban_classes(country) == classes


# Class 2: SIREN/SIRET are digits only, checked by their Luhn key.


def test_a_siret_with_a_letter_o_for_a_zero_is_repaired_by_its_luhn_key() -> None:
    found = _invoice("SAS au capital de 7 500 € - SIRET 310 3O8 994 000 22 - RCS Nantes")
    assert found["seller_siret"] == "31030899400022"
    assert found["seller_siren"] == "310308994"


def test_a_siren_whose_key_refuses_every_reading_is_not_repaired() -> None:
    finder = repair_company_number(9)
    assert finder(" 3lO 308 994") == ("310308994", 1, 12)
    assert finder(" 3lO 308 995") is None  # Luhn refuses: no value invented
    assert finder(" FACTURES A") is None  # a word, not a number with slips


# The rule itself: exactly one reading within the budget, else nothing.


def test_several_readings_that_validate_give_no_repair() -> None:
    assert repair("0X", "ac", lambda value: True) is None  # "O" and "D" both pass: no choice made
    assert repair("0X", "ac", lambda value: value[0] == "D") == "DX"


def test_a_reading_that_already_validates_is_not_a_repair() -> None:
    assert repair("732829320", "n" * 9, is_valid_siren) is None


# Class 3: a BIC's slips, confirmed by the IBAN's country.


def test_a_bic_with_a_space_inside_after_the_iban_is_rejoined() -> None:
    found = _invoice(f"Virement : {_IBAN[:4]} 3000 3207 7600 0209 6462 619 - SOGEF RPPXXX")
    assert found["seller_iban"] == _IBAN
    assert found["seller_bic"] == "SOGEFRPPXXX"


@pytest.mark.parametrize(("read", "bic"), [("SOGEERPP", "SOGEFRPP"), ("8NPAFRPP", "BNPAFRPP")])
def test_a_bic_s_country_misread_is_set_back_to_the_iban_s(read: str, bic: str) -> None:
    found = _invoice(f"IBAN : FR76 3000 3207 7600 0209 6462 619 BIC : {read}")
    assert found["seller_bic"] == bic


def test_a_bic_of_another_country_than_the_iban_is_kept_as_read() -> None:
    found = _invoice("IBAN : FR76 3000 3207 7600 0209 6462 619 BIC : COBADEFFXXX")
    assert found["seller_bic"] == "COBADEFFXXX"
    assert repair_bic("COBADEFFXXX", "FR") is None


# Class 4: one SIREN printed up to three times (RCS, SIRET, VAT): printings whose keys hold fix the other.

_LEGAL = "SAS au capital de 7 500 € - SIRET {siret} - RCS Nantes {siren} - TVA {vat}"


@pytest.mark.parametrize(
    ("siret", "siren", "vat"),
    [
        ("310 308 994 000 22", "310 308 894", "FR49310308994"),  # RCS: an 8 read for a 9
        ("310 308 994 000 22", "310 308 994", "FR49310303994"),  # VAT: a 3 read for an 8
        ("310 808 994 000 22", "310 308 994", "FR49310308994"),  # SIRET: an 8 read for a 3
    ],
)
def test_a_misread_printing_of_the_siren_is_set_right_by_the_others(siret: str, siren: str, vat: str) -> None:
    found = _invoice(_LEGAL.format(siret=siret, siren=siren, vat=vat))
    assert (found["seller_siret"], found["seller_siren"], found["seller_vat_id"]) == (
        "31030899400022",
        "310308994",
        "FR49310308994",
    )


def test_printings_that_disagree_change_nothing() -> None:
    found = _invoice(_LEGAL.format(siret="310 308 994 000 22", siren="732 829 320", vat="FR49310308994"))
    assert found["seller_siren"] == "732829320"  # two valid SIRENs: no way to tell which was meant
    found = _invoice(_LEGAL.format(siret="310 308 994 000 28", siren="310 308 994", vat="FR49310308994"))
    assert found["seller_siret"] == "31030899400028"  # the slip is in the NIC, which nothing else prints


def test_an_iban_starts_after_words_never_inside_a_number() -> None:
    assert repair_iban("Compte 1T46 T824 2365 3085 3703 7275 102") == ("IT46T8242365308537037275102", 7, 40)
    # "4721 ..." could read as "AT21 ...": a later group of a number is not a fresh start.
    assert repair_iban("9999 4721 6000 0000 0001 9") is None


def test_letters_allowed_in_an_account_are_not_taken_for_slips_when_there_are_many() -> None:
    # An O for a zero in a free position is tried; a run of digit-like letters is the account's own letters.
    assert repair("FR7630003207760O02096462619", iban_classes("FR") or "", _valid_iban) == _IBAN
    assert repair("OOX", "ccc", lambda value: value == "00X") == "00X"
    assert repair("OOOX", "cccc", lambda value: value == "000X") is None


def _valid_iban(value: str) -> bool:
    return find_iban(value) == (value, 0, len(value))


# Class 5: VAT numbers, with each country's format saying where letters belong.


@pytest.mark.parametrize(
    ("read", "value"),
    [
        ("ESB7B069903", "ESB78069903"),  # the NIF's leading letter stays, the B among the digits is an 8
        ("ATU771G0484", "ATU77160484"),  # the U is the format's; a G read for a 6
        ("DE96048G079", "DE960486079"),
        ("FRO4785351735", "FR04785351735"),
        ("ES857018269", "ESB57018269"),  # a company's leading letter B read as an 8
        ("0E693783846", "DE693783846"),  # a D read as a zero: "OE" is no country, "DE" passes
    ],
)
def test_a_vat_number_s_digit_like_letters_are_repaired_where_its_format_wants_digits(
    read: str, value: str
) -> None:
    found = find_labelled_vat(f": {read}")
    assert found is not None
    assert found[0] == value


def test_a_vat_number_after_its_label_in_the_legal_mentions_is_repaired() -> None:
    found = _invoice("SAS au capital de 7 500 € - RCS Nantes - N° TVA : FR49 31O 3O8 994")
    assert found["seller_vat_id"] == "FR49310308994"
    assert found["seller_siren"] == "310308994"


def test_a_vat_number_no_reading_of_which_passes_stays_as_printed() -> None:
    found = find_labelled_vat(": DE96048G078")
    assert found is not None
    assert found[0] == "DE96048G078"
    # A person's NIF has a weak key (1 in 23): two slips are more than it can confirm.
    assert repair_vat("ES", "B17403861", valid_vat) is None


# Class 6: an IBAN whose last groups OCR set apart as a phrase of their own (a wide gap in the print).


def _split_iban(first: str, rest: str) -> dict[str, str]:
    return _parties(
        [*_BODY, (50, 760, 8, f"IBAN : {first}"), (160, 760, 8, rest), (300, 760, 8, "BIC : SOGEFRPP")]
    )


def test_an_iban_split_into_two_phrases_is_joined_when_the_whole_checks_out() -> None:
    assert _split_iban("FR76 3000 3207", "7600 0209 6462 619")["seller_iban"] == _IBAN
    assert _split_iban("FR76 3000 3207", "76O0 0209 6462 619")["seller_iban"] == _IBAN  # and repaired


def test_a_split_iban_whose_whole_fails_is_not_joined() -> None:
    assert _split_iban("FR76 3000 3207", "7600 0209 6462 618")["seller_iban"] == "FR7630003207"


# Class 7: a SIRET whose leading digits OCR lost, or with a digit dropped or doubled, set right by the SIREN
# printed elsewhere.


@pytest.mark.parametrize(
    ("siret", "value"),
    [
        ("94 000 22", "31030899400022"),  # "94" ends the SIREN, the key holds
        ("99 000 22", None),  # "99" does not end the SIREN
        ("94 000 23", None),  # the key refuses
        ("000 22", None),  # nothing read of the SIREN: no evidence the digits are this SIRET's
        ("310 38 994 000 22", "31030899400022"),  # a digit dropped
        ("310 3088 994 000 22", "31030899400022"),  # a digit doubled
        ("310 38 994 000 23", None),  # a digit dropped, and the key refuses the rest
    ],
)
def test_a_siret_read_in_part_is_completed_only_when_it_fits_the_siren(siret: str, value: str | None) -> None:
    found = _invoice(_LEGAL.format(siret=siret, siren="310 308 994", vat="FR49310308994"))
    assert found.get("seller_siret") == value


# Class 8: a speck read as a mark inside an IBAN, and an IBAN with no IBAN label ("RIB :").


def test_an_iban_with_a_stray_mark_and_no_iban_label_is_read_with_the_bic_after_it() -> None:
    found = _invoice("Échéance : 06/08/2026. RIB : FR7! 6 3000 3207 7600 0209 6462 619 - SOGEFRPP. En cas de")
    assert found["seller_iban"] == _IBAN
    assert found["seller_bic"] == "SOGEFRPP"


def test_without_a_label_an_iban_must_start_with_its_country_as_printed() -> None:
    assert find_repaired_iban("Ref 1T46 T824 2365 3085 3703 7275 102") is None  # no label: no country repair
    found = find_repaired_iban("Ref IT46 T824 2365 3O85 3703 7275 102")
    assert found == ("IT46T8242365308537037275102", 4, 37)


# Class 9: a BIC the bank directory does not know, one of whose readings it does.


@pytest.mark.parametrize(
    ("read", "bic"),
    [
        ("S0GEFRPP", "SOGEFRPP"),  # 0 may be O or D: only SOGEFRPP is a bank
        ("CMCIFRZA", "CMCIFR2A"),  # a Z read for the 2 of the location code
    ],
)
def test_a_bic_is_repaired_to_the_one_reading_the_bank_directory_knows(read: str, bic: str) -> None:
    found = _invoice(f"IBAN : FR76 3000 3207 7600 0209 6462 619 BIC : {read}")
    assert found["seller_bic"] == bic


def test_a_bic_the_directory_knows_as_read_is_kept() -> None:
    assert repair_bic("BNPAFRPP", "FR") == ("BNPAFRPP", 0, 8)
    assert repair_bic("ABCDFRP1", "FR") == ("ABCDFRP1", 0, 8)  # unknown, and no reading is known either
