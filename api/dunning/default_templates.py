# ruff: noqa: E501 (message prose reads better unwrapped)
"""The built-in reminder templates (Jinja2, rendered in a sandbox), per key and language: (subject, body).
A user's saved version of a key replaces these; the variables are listed in `templates.VARIABLES`.

A message only mentions earlier reminders that were actually sent (`previous_reminders`, their count): the
first message a client gets, however late the invoice, never says "despite our previous reminder"."""

from __future__ import annotations

_OTHERS_FR = """{% if other_invoices %}
Vos autres factures échues :
{% for other in other_invoices %}- {{ other.number }}, échue le {{ other.due_date }} : {{ other.amount_due }} — {{ other.pay_url }}
{% endfor %}Total échu : {{ total_overdue }}
{% endif %}"""

_OTHERS_EN = """{% if other_invoices %}
Your other overdue invoices:
{% for other in other_invoices %}- {{ other.number }}, due {{ other.due_date }}: {{ other.amount_due }} — {{ other.pay_url }}
{% endfor %}Total overdue: {{ total_overdue }}
{% endif %}"""

_PENALTIES_FR = """{% if penalties %}
Conformément à l'article L441-10 du Code de commerce, des pénalités de retard au taux de {{ penalty_rate }} courent depuis le lendemain de l'échéance : {{ penalties }} à ce jour{% if indemnity %}, auxquelles s'ajoute l'indemnité forfaitaire pour frais de recouvrement de {{ indemnity }}{% endif %}.
{% endif %}"""

_PENALTIES_EN = """{% if penalties %}
Under article L441-10 of the French Commercial Code, late-payment penalties at {{ penalty_rate }} run from the day after the due date: {{ penalties }} to date{% if indemnity %}, plus the fixed recovery indemnity of {{ indemnity }}{% endif %}.
{% endif %}"""

FRENCH: dict[str, tuple[str, str]] = {
    "courtesy": (
        "Facture {{ invoice_number }} : échéance le {{ due_date }}",
        """Bonjour {{ client_name }},

Pour rappel, la facture {{ invoice_number }} de {{ amount_due }} arrive à échéance le {{ due_date }}.
Vous pouvez la régler dès maintenant par carte, prélèvement ou virement : {{ pay_url }}

Si le paiement est déjà parti, merci de ne pas tenir compte de ce message.

Bien cordialement,
{{ organisation }}
""",
    ),
    "friendly": (
        "Facture {{ invoice_number }} : petit rappel",
        """Bonjour {{ client_name }},

Sauf erreur de notre part, la facture {{ invoice_number }} de {{ amount_due }}, échue le {{ due_date }}, n'est pas encore réglée.
Vous pouvez la payer en quelques clics : {{ pay_url }}
"""
        + _OTHERS_FR
        + """
Si vous avez déjà effectué le paiement, merci de ne pas tenir compte de ce message.

Bien cordialement,
{{ organisation }}
""",
    ),
    "firm": (
        "Relance : facture {{ invoice_number }} impayée depuis {{ days_late }} jours",
        """Bonjour {{ client_name }},

{% if previous_reminders > 1 %}Malgré nos précédents rappels, la{% elif previous_reminders == 1 %}Malgré notre précédent rappel, la{% else %}La{% endif %} facture {{ invoice_number }} de {{ amount_due }}, échue le {{ due_date }}, reste impayée à ce jour ({{ days_late }} jours de retard).
"""
        + _PENALTIES_FR
        + """
Nous vous remercions de procéder au règlement sans délai : {{ pay_url }}
"""
        + _OTHERS_FR
        + """
En cas de difficulté, répondez à ce message : nous pouvons convenir d'un échéancier.

Cordialement,
{{ organisation }}
""",
    ),
    "final": (
        "Dernier rappel avant mise en demeure : facture {{ invoice_number }}",
        """Bonjour {{ client_name }},

La facture {{ invoice_number }} de {{ amount_due }}, échue le {{ due_date }}, est impayée depuis {{ days_late }} jours{% if previous_reminders > 1 %} malgré nos relances{% elif previous_reminders == 1 %} malgré notre relance{% endif %}.
"""
        + _PENALTIES_FR
        + """
Sans règlement ou proposition de votre part, nous vous adresserons une mise en demeure de payer.
Pour régler immédiatement : {{ pay_url }}
"""
        + _OTHERS_FR
        + """
Cordialement,
{{ organisation }}
""",
    ),
    "formal_notice": (
        "MISE EN DEMEURE DE PAYER — facture {{ invoice_number }}",
        """Bonjour {{ client_name }},

Vous trouverez ci-joint notre mise en demeure de payer la facture {{ invoice_number }} ({{ amount_due }}, échue le {{ due_date }}), à régler au plus tard le {{ deadline }}.
Pour régler : {{ pay_url }}

{{ organisation }}
""",
    ),
    "call": (
        "Appel : {{ client_name }}, facture {{ invoice_number }}",
        """Appeler {{ client_name }} au sujet de la facture {{ invoice_number }} ({{ amount_due }}, échue le {{ due_date }}, {{ days_late }} jours de retard).

Proposition de script :
- Se présenter ({{ organisation }}) et demander la personne en charge des paiements.
- Rappeler la facture {{ invoice_number }} et son montant ; vérifier qu'elle a bien été reçue et validée.
- Demander la date de paiement et l'enregistrer comme promesse de paiement.
- En cas de litige, noter le motif ; en cas de difficulté, proposer un paiement en plusieurs fois.
- Rappeler le lien de paiement : {{ pay_url }}
""",
    ),
    "handoff": (
        "À transmettre au recouvrement : {{ client_name }}, facture {{ invoice_number }}",
        """La facture {{ invoice_number }} de {{ amount_due }} ({{ client_name }}) est impayée depuis {{ days_late }} jours, mise en demeure comprise.

Étapes possibles : confier le dossier à une société de recouvrement, ou déposer une requête en injonction de payer (tribunal de commerce entre commerçants), ou, jusqu'à 5 000 €, la procédure simplifiée de recouvrement des petites créances par commissaire de justice.
Joindre la facture, les relances envoyées et la mise en demeure (chronologie de la facture).
""",
    ),
}

ENGLISH: dict[str, tuple[str, str]] = {
    "courtesy": (
        "Invoice {{ invoice_number }}: due on {{ due_date }}",
        """Hello {{ client_name }},

A friendly note that invoice {{ invoice_number }} for {{ amount_due }} is due on {{ due_date }}.
You can pay it now by card, direct debit or transfer: {{ pay_url }}

If you have already paid, please disregard this message.

Kind regards,
{{ organisation }}
""",
    ),
    "friendly": (
        "Invoice {{ invoice_number }}: a quick reminder",
        """Hello {{ client_name }},

Unless we are mistaken, invoice {{ invoice_number }} for {{ amount_due }}, due on {{ due_date }}, has not been paid yet.
You can pay it in a few clicks: {{ pay_url }}
"""
        + _OTHERS_EN
        + """
If you have already paid, please disregard this message.

Kind regards,
{{ organisation }}
""",
    ),
    "firm": (
        "Reminder: invoice {{ invoice_number }} unpaid for {{ days_late }} days",
        """Hello {{ client_name }},

{% if previous_reminders > 1 %}Despite our previous reminders, invoice{% elif previous_reminders == 1 %}Despite our previous reminder, invoice{% else %}Invoice{% endif %} {{ invoice_number }} for {{ amount_due }}, due on {{ due_date }}, is still unpaid ({{ days_late }} days late).
"""
        + _PENALTIES_EN
        + """
Please pay it without delay: {{ pay_url }}
"""
        + _OTHERS_EN
        + """
If you are having difficulties, reply to this message: we can agree on a payment plan.

Regards,
{{ organisation }}
""",
    ),
    "final": (
        "Final reminder before formal notice: invoice {{ invoice_number }}",
        """Hello {{ client_name }},

Invoice {{ invoice_number }} for {{ amount_due }}, due on {{ due_date }}, has been unpaid for {{ days_late }} days{% if previous_reminders > 1 %} despite our reminders{% elif previous_reminders == 1 %} despite our reminder{% endif %}.
"""
        + _PENALTIES_EN
        + """
Without payment or a proposal from you, we will send you a formal notice to pay.
To pay now: {{ pay_url }}
"""
        + _OTHERS_EN
        + """
Regards,
{{ organisation }}
""",
    ),
    "formal_notice": (
        "FORMAL NOTICE TO PAY — invoice {{ invoice_number }}",
        """Hello {{ client_name }},

Please find attached our formal notice to pay invoice {{ invoice_number }} ({{ amount_due }}, due on {{ due_date }}), by {{ deadline }} at the latest.
To pay: {{ pay_url }}

{{ organisation }}
""",
    ),
    "call": (
        "Call: {{ client_name }}, invoice {{ invoice_number }}",
        """Call {{ client_name }} about invoice {{ invoice_number }} ({{ amount_due }}, due on {{ due_date }}, {{ days_late }} days late).

Suggested script:
- Introduce yourself ({{ organisation }}) and ask for the person in charge of payments.
- Mention invoice {{ invoice_number }} and its amount; check it was received and approved.
- Ask for a payment date and record it as a promise to pay.
- If the invoice is disputed, note the reason; if paying is difficult, offer instalments.
- Give the payment link again: {{ pay_url }}
""",
    ),
    "handoff": (
        "Hand over to collection: {{ client_name }}, invoice {{ invoice_number }}",
        """Invoice {{ invoice_number }} for {{ amount_due }} ({{ client_name }}) has been unpaid for {{ days_late }} days, formal notice included.

Possible next steps: a collection agency, an injonction de payer (tribunal de commerce between businesses), or up to 5,000 EUR the simplified small-claims recovery through a commissaire de justice.
Attach the invoice, the reminders sent and the formal notice (the invoice's timeline).
""",
    ),
}

BUILT_IN = {"fr": FRENCH, "en": ENGLISH}
