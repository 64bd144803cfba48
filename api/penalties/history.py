"""The published rates of every half-year since H1 2013, each with where it was read.

From 1 January 2013 (loi n° 2012-387, Code de commerce L441-10 II, ex-L441-6) the default late-payment
rate is the ECB main refinancing rate in force on 1 January (first half-year) or 1 July (second half-year),
plus 10 points; the 40 EUR indemnity starts the same day. Rate moves inside a half-year do not count: the
rate of 18 September 2024 (3.65 %) never applied, H2 2024 kept the 4.25 % of 1 July.

The legal interest rate ("taux de l'intérêt légal", floor of a contractual rate: 3 ×) was one annual rate
until 2014; since 2015 an arrêté sets two per half-year: creditors who are consumers ("personnes physiques
n'agissant pas pour des besoins professionnels") and every other case ("tous les autres cas", the one a
business creditor uses). Before 2015 the single rate is entered in both columns.

A stored row (`encaisse penalty-rate`) always wins over these: a correction or a newer half-year is data,
not a release."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from api.penalties import policy

# ECB key rates with their dates of effect, 2008 - October 2024 (Banque de France).
BDF_ECB = "https://www.banque-france.fr/en/policy-rates"
# 3.15 % from 18 December 2024, the next cut from 5 February 2025: 3.15 % on 1 January 2025.
ECB_DEC_2024 = (
    "https://www.boursorama.com/bourse/actualites/"
    "la-bce-assouplit-sa-politique-monetaire-de-25-points-de-base-e3b7cfabd4e3f3f4d75685b4f28125ab"
)
# 2.15 % from 11 June 2025 (Banka Slovenije's table of Eurosystem main refinancing operations).
ECB_JUN_2025 = "https://apl.bsi.si/orodja/avkcije-en.asp"
# Held at 2.15 % on 18 December 2025: in force on 1 January 2026.
ECB_DEC_2025 = "https://www.boursorama.com/bourse/actualites/la-bce-maintient-ses-taux-directeurs-210ab868b0d450e04ed0c0103a861247"
# Held at 2.15 % in February 2026; nothing stored about 1 July 2026 yet.
ECB_FEB_2026 = "https://www.eunews.it/en/?p=444469"

# Direction générale du Trésor: the rates 2011 - H1 2020 (arrêté du 23 décembre 2019 and the earlier ones).
TRESOR_LEGAL = "https://www.tresor.economie.gouv.fr/Ressources/taux-de-linteret-legal/Rss/23022018"
# The service-public table of both rates, H1 2015 - H2 2025 (as republished on 1 January 2026).
LEGAL_TABLE_2025 = (
    "https://www.laclef.eu/index.php/actualites/banque/taux-de-l-interet-legal-au-1er-semestre-2026"
)
LEGAL_H2_2020 = "https://www.cabinet-cec.fr/taux-de-linteret-legal-pour-le-second-semestre-2020/"
LEGAL_H1_2021 = (
    "https://binimelis-avocats.fr/actualite-10001-interet-legal?wkfwidget=22369"  # arrêté 21/12/2020
)
LEGAL_H2_2021 = "https://dandrel-avocats.fr/taux-de-linteret-legal-du-2nd-semestre-2021/"
LEGAL_H1_2022 = (  # arrêté ECOT2138139A du 26 décembre 2021
    "https://notaires2normandie.com/nos-actus/les-taux-de-linteret-legal-sont-fixes-pour-le-premier-semestre-2022"
)
LEGAL_H2_2022 = "https://bejuris.fr/taux-de-linteret-legal-pour-le-second-semestre-2022-arrete-du-27-6-2022/"
LEGAL_2023 = (  # arrêté ECOT2317028A du 27 juin 2023, with the H1 2023 rates for comparison
    "https://notaires2normandie.com/nos-actus/"
    "les-taux-de-linteret-legal-applicables-au-cours-du-second-semestre-2023-sont-fixes"
)
LEGAL_H1_2024 = "https://infonet.fr/actualite/juridique/taux-dinteret-legal/"
LEGAL_H2_2024 = (
    "https://bpifrance-creation.fr/entrepreneur/actualites/taux-linteret-legal-deuxieme-semestre-2024"
)
LEGAL_H1_2026 = "https://juriblio.fr/arretes/arrete-du-15-decembre-2025/187383136"  # JORF 26/12/2025


@dataclass(frozen=True)
class Published:
    """One half-year as published: percent a year, and the page each figure was read on."""

    semester: date
    ecb: str
    legal_professional: str
    legal_consumer: str
    ecb_source: str
    legal_source: str
    verified: bool = True  # False: a guess until the half-year's figures are published

    @property
    def source(self) -> str:
        return f"BCE : {self.ecb_source} ; intérêt légal : {self.legal_source}"

    def rates(self) -> policy.Rates:
        return policy.Rates(
            Decimal(self.ecb), Decimal(self.legal_professional), Decimal(self.legal_consumer), self.verified
        )


def _h(year: int, half: int) -> date:
    return date(year, 1 if half == 1 else 7, 1)


# fmt: off
PUBLISHED: tuple[Published, ...] = (
    # ECB: 0.75 % from 11 July 2012, 0.50 % from 8 May 2013. Legal rate 2013: 0.04 %.
    Published(_h(2013, 1), "0.75", "0.04", "0.04", BDF_ECB, TRESOR_LEGAL),
    Published(_h(2013, 2), "0.50", "0.04", "0.04", BDF_ECB, TRESOR_LEGAL),
    # 0.25 % from 13 November 2013, 0.15 % from 11 June 2014. Legal rate 2014: 0.04 %.
    Published(_h(2014, 1), "0.25", "0.04", "0.04", BDF_ECB, TRESOR_LEGAL),
    Published(_h(2014, 2), "0.15", "0.04", "0.04", BDF_ECB, TRESOR_LEGAL),
    # 0.05 % from 10 September 2014 (unchanged on 9 December 2015), 0.00 % from 16 March 2016.
    Published(_h(2015, 1), "0.05", "0.93", "4.06", BDF_ECB, TRESOR_LEGAL),
    Published(_h(2015, 2), "0.05", "0.99", "4.29", BDF_ECB, TRESOR_LEGAL),
    Published(_h(2016, 1), "0.05", "1.01", "4.54", BDF_ECB, TRESOR_LEGAL),
    Published(_h(2016, 2), "0.00", "0.93", "4.35", BDF_ECB, TRESOR_LEGAL),
    Published(_h(2017, 1), "0.00", "0.90", "4.16", BDF_ECB, TRESOR_LEGAL),
    Published(_h(2017, 2), "0.00", "0.90", "3.94", BDF_ECB, TRESOR_LEGAL),
    Published(_h(2018, 1), "0.00", "0.89", "3.73", BDF_ECB, TRESOR_LEGAL),
    Published(_h(2018, 2), "0.00", "0.88", "3.60", BDF_ECB, TRESOR_LEGAL),
    Published(_h(2019, 1), "0.00", "0.86", "3.40", BDF_ECB, TRESOR_LEGAL),
    Published(_h(2019, 2), "0.00", "0.87", "3.26", BDF_ECB, TRESOR_LEGAL),
    Published(_h(2020, 1), "0.00", "0.87", "3.15", BDF_ECB, TRESOR_LEGAL),
    Published(_h(2020, 2), "0.00", "0.84", "3.11", BDF_ECB, LEGAL_H2_2020),
    Published(_h(2021, 1), "0.00", "0.79", "3.14", BDF_ECB, LEGAL_H1_2021),
    Published(_h(2021, 2), "0.00", "0.76", "3.12", BDF_ECB, LEGAL_H2_2021),
    Published(_h(2022, 1), "0.00", "0.76", "3.13", BDF_ECB, LEGAL_H1_2022),
    # 0.50 % only from 27 July 2022: 1 July 2022 was still at 0.00 %.
    Published(_h(2022, 2), "0.00", "0.77", "3.15", BDF_ECB, LEGAL_H2_2022),
    # 2.50 % from 21 December 2022; 4.00 % from 21 June 2023.
    Published(_h(2023, 1), "2.50", "2.06", "4.47", BDF_ECB, LEGAL_2023),
    Published(_h(2023, 2), "4.00", "4.22", "6.82", BDF_ECB, LEGAL_2023),
    # 4.50 % from 20 September 2023; 4.25 % from 12 June 2024.
    Published(_h(2024, 1), "4.50", "5.07", "8.01", BDF_ECB, LEGAL_H1_2024),
    Published(_h(2024, 2), "4.25", "4.92", "8.16", BDF_ECB, LEGAL_H2_2024),
    Published(_h(2025, 1), "3.15", "3.71", "7.21", ECB_DEC_2024, LEGAL_TABLE_2025),
    Published(_h(2025, 2), "2.15", "2.76", "6.65", ECB_JUN_2025, LEGAL_TABLE_2025),
    Published(_h(2026, 1), "2.15", "2.62", "6.67", ECB_DEC_2025, LEGAL_H1_2026),
    # Not published in what we could read: the last known ECB rate and H1 2026's legal rates, estimated.
    Published(_h(2026, 2), "2.15", "2.62", "6.67", ECB_FEB_2026, LEGAL_H1_2026, verified=False),
)
# fmt: on


def rate_table() -> dict[date, policy.Rates]:
    return {row.semester: row.rates() for row in PUBLISHED}
