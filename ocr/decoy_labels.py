"""Labels that say "not this one": references to OTHER documents and dates of OTHER events.

A value after one of these labels is never the invoice's own number or issue date, however close it sits
to an invoice label ("N° de facture associée", "Original invoice no.", "Date de livraison"). Order
references are decoys for the invoice number but feed the purchase order (ocr/labels.py PURCHASE_ORDER).
"""

from __future__ import annotations

from .labels import compile_labels

_NO = r"(?:n[°ºo]\.?|n\.?º|nr\.?|no\.?|num[éeè]ro|n[úuüù]mero|number|nummer|#|id\b|ref\.?|reference)"
_INVOICE = r"(?:facture|invoice|rechnung|factura|fattura|factuur)"

OTHER_INVOICE = compile_labels(
    # The invoice a credit note or a corrective invoice refers to.
    rf"\b{_INVOICE}\s+(?:d'origine|initiale|associ[ée]e|rectifi[ée]e|corrig[ée]e|pr[ée]c[ée]dente|concern[ée]e|"
    r"r[ée]f[ée]renc[ée]e|original|rectificada|de\s+referencia|relacionada|originale|di\s+riferimento|"
    r"collegata|rettificata|waarop)",
    rf"\b(?:original|related|referenced|corrected|preceding|previous|initial|cancelled|oorspronkelijke|"
    rf"originele|gerelateerde)\s+{_INVOICE}",
    rf"\b(?:sur|rectifie\s+la|annule\s+la|relative\s+[àa]\s+la|se\s+rapportant\s+[àa]\s+la)\s+{_INVOICE}",
    r"\b(?:for|to|against|on)\s+invoice\b",
    r"\b(?:bezug(?:nehmend)?\s+auf\s+(?:die\s+|unsere\s+)?|zu(?:r)?\s+|korrektur\s+(?:zu(?:r)?|der)\s+)rechnung",
    r"\b(?:ursprungs|original|ursprüngliche|korrigierte|zugehörige|storno)\s*-?rechnung",
    r"\brectifica\s+(?:a\s+)?(?:la\s+)?factura|\b(?:rif\.?|riferimento)\s+fattura|\bcreditering\s+van",
    # A note citing the invoice it settles: "En référence à la facture n° X", "With reference to invoice",
    # "Bezüglich der Rechnung", "En referencia a la factura", "In riferimento alla fattura".
    r"\b(?:(?:en|with|in)\s+r[ée]f[ée]rence\s+(?:[àa]|to)|referring\s+to|regarding|bez[üu]glich|"
    r"en\s+referencia\s+a|referente\s+a|in\s+riferimento\s+a(?:lla)?|relativa\s+a(?:lla)?|met\s+betrekking\s+tot|"
    r"naar\s+aanleiding\s+van|suite\s+[àa]|concernant|relatif\s+[àa]|correspondiente\s+a|"
    r"storno\s+(?:der|zur|de|della|van)|a\s+storno\s+(?:della\s+)?|betreft|correctie\s+op|credit\s+for)\s+"
    r"(?:(?:la|notre|votre|our|your|the|der|die|unsere|nuestra|de|onze)\s+)*"
    rf"{_INVOICE}",
)

OTHER_DOCUMENT = compile_labels(
    # Orders, deliveries, customers, contracts, quotes, accounts: their numbers are not the invoice's.
    r"\b(?:n[°º]|num[éeè]ro|no\.?)\s*(?:de\s+|du\s+|d['’]\s?)?(?:commande|client|contrat|devis|bon|bl|dossier|compte|"
    r"lot|tva|siret|siren|adh[ée]rent|t[ée]l[ée]phone|tel\.?|police|sinistre|compteur|ligne|abonnement|convention|"
    r"ordre|march[ée]|mandat|chambre|r[ée]servation|immatriculation|intervention|chantier|affaire)\b",
    # A garage's repair order, a work order, an agreement: "Ordre de réparation n° OR-5521", "Convention".
    r"\b(?:ordre\s+de\s+(?:r[ée]paration|travaux)|bon\s+d['’]\s?intervention|convention|"
    r"r[ée]f[ée]rence\s+(?:abonnement|contrat|dossier))\s*(?:n[°º]|no\.?)?",
    r"\b(?:commande|client|contrat|devis|dossier|bon\s+de\s+(?:commande|livraison)|bl|livraison|"
    r"code\s+client|r[ée]f[ée]rence\s+client|r[ée]f\.?\s+client)\s*(?:n[°º]|no\.?)?",
    r"\b(?:order|purchase\s+order|p\.?o\.?|customer|client|account|contract|delivery|dispatch|shipping|quote|"
    rf"quotation|estimate|tracking|vat|tax|registration|member|project|job|sales\s+order)\s*{_NO}",
    r"\b(?:delivery\s+note|packing\s+slip|your\s+(?:order|reference)|purchase\s+order)\b",
    r"\b(?:kunden|bestell|auftrags?|lieferschein|vertrags|angebots?|projekt|steuer|konto)-?(?:nummer|nr\.?)",
    r"\b(?:kd\.?-?nr\.?|lieferschein|bestellung|auftrag|ust-?id(?:nr\.?)?|ihre\s+bestellung)\b",
    r"\b(?:n[°º.]*|n[úuüù]mero)\s*(?:de\s+)?(?:pedido|cliente|albar[áa]n|contrato|presupuesto)\b",
    r"\b(?:pedido|albar[áa]n|c[óo]digo\s+(?:de\s+)?cliente|contrato|presupuesto)\b",
    r"\b(?:n\.?|nr\.?|numero)\s*(?:ordine|cliente|ddt|contratto|preventivo)\b",
    r"\b(?:ordine|ddt|documento\s+di\s+trasporto|codice\s+cliente|contratto|preventivo)\b",
    r"\b(?:order|bestel|klant|debiteur|contract|offerte|pakbon)\s*-?(?:nummer|nr\.?)|\bpakbon\b|\buw\s+referentie",
)

OTHER_DATE = compile_labels(
    # Delivery and service dates, orders, periods, contracts, births, printing, validity, versions.
    r"\b(?:date\s+(?:de\s+)?(?:la\s+)?(?:livraison|commande|prestation|exp[ée]dition|d[ée]but|fin|naissance|"
    r"signature|impression|validit[ée]|d[ée]p[ôo]t|r[ée]ception|transmission)|livr[ée]e?\s+le|livraison|"
    r"command[ée]e?\s+le|commande\s+du|n[ée]e?\s+le|imprim[ée]e?\s+le|g[ée]n[ée]r[ée]e?\s+le|valable\s+jusqu|p[ée]riode|contrat|"
    r"prestation\s+du|du\b(?=\s*\d[^a-z]*\bau\b))",
    r"\b(?:delivery|shipping|dispatch|ship|order|service|supply|start|end|birth|print(?:ed)?|contract|"
    r"valid(?:ity)?|expiry)\s+date\b|\b(?:delivered|shipped|ordered|printed|generated|born)\s+on\b|"
    r"\b(?:valid|good)\s+(?:until|through)|\bdate\s+of\s+(?:birth|delivery|supply|order)|\bperiod\b",
    r"\b(?:liefer|leistungs|bestell|druck|geburts|vertrags|auftrags)(?:datum|zeitraum|beginn)|"
    r"\bliefer-\s*und\s+leistungsdatum|\bleistungszeitraum|\bzeitraum|\bbestellung\s+vom|\bgeliefert\s+am|"
    r"\bgedruckt\s+am|\bgeboren\s+am|\bg[üu]ltig\s+bis|\bversion|\bstand\b",
    r"\bfecha\s+de\s+(?:entrega|pedido|env[íi]o|nacimiento|impresi[óo]n)|\bv[áa]lid[oa]\s+hasta|\bperiodo\b|"
    r"\bdata\s+(?:di\s+)?(?:consegna|ordine|spedizione|nascita|stampa)|\bvalid[oa]\s+fino",
    r"\b(?:lever|bestel|order|geboorte|print)datum|\bgeldig\s+tot|\bperiode\b",
    # Money received or taken on a date: a payment's date, not the invoice's ("Règlement reçu le").
    r"\b(?:r[èe]glement|paiement|acompte|versement|montant)\s+(?:re[çcg]u|encaiss[ée]|pr[ée]lev[ée])\s+le|"
    r"\b(?:pay[ée]e?|encaiss[ée]e?|pr[ée]lev[ée]e?)\s+le\b|\b(?:payment\s+)?received\s+on|\bpaid\s+on|"
    r"\b(?:bezahlt|eingegangen|abgebucht)\s+am|\b(?:pagad[oa]|cobrad[oa])\s+el|\bpagat[oa]\s+il|\bbetaald\s+op",
    # Another numbered document's date: "Intervention n° 96938 du 28/02/2025", "Auftrag Nr. 12 vom" (the
    # invoice's own "Facture n° 12 du" is the issue date's label).
    r"\b(?![A-Za-zÀ-ÿ]*(?:facture|invoice|rechnung|factura|fattura|factuur|avoir|gutschrift|honoraires)\b)"
    r"[A-Za-zÀ-ÿ]{3,}\s+"
    r"(?:n[°º]|nr\.?|no\.?)\s*\S*\d\S*\s+(?:du|vom|dated|del)\b",
    # ... and a delivery note, an order, a quote or a contract named with its bare number: "Delivery note
    # DN-44 dated 01/03/2026", "Bon de livraison BL-12 du", "Lieferschein 4711 vom", "Pedido P-44 de".
    r"\b(?:delivery\s+note|packing\s+slip|order|quote|contract|bon\s+de\s+(?:livraison|commande)|commande|devis|"
    r"contrat|lieferschein|bestellung|auftrag|angebot|vertrag|albar[áa]n|pedido|presupuesto|contrato|ddt|ordine|"
    r"preventivo|contratto|pakbon|bestelling|offerte)\s+\S*\d\S*\s+(?:du|vom|dated|of|del|de|van)\b",
)

# A page counter ("Page 1 of 2", "Seite 1 von 1", "Pág. 1/2"): its number is no reference.
PAGE = compile_labels(r"\b(?:page|seite|blatt|feuille|p[áa]gina|pag\.|p[áa]g\.|blad|sheet)\s*:?(?=\s*\d)")

# The seller's own order ("Our order no.", "Sales order", "Notre n° de commande", "Auftragsbestätigung"):
# not the buyer's purchase order.
OWN_ORDER = compile_labels(
    r"\b(?:our|notre|nos|unser[e]?|nuestro|nostro|onze)\s+(?:(?:n[°º.]*|nr\.?|no\.?|num[éeè]ro|n[úuüù]mero)\s*"
    r"(?:de\s+)?)?(?:order|commande|bestell\w*|auftrag\w*|pedido|ordine|bestelling)",
    r"\b(?:sales\s+order|order\s+confirmation|confirmation\s+de\s+commande|auftragsbest[äa]tigung|"
    r"pedido\s+de\s+venta|ordine\s+di\s+vendita|verkooporder)",
)
