"""Phone numbers as people type them, read with the rules of Google's libphonenumber (the phonenumbers
package): a French number may leave out its +33."""

from __future__ import annotations

import phonenumbers

DEFAULT_REGION = "FR"


def valid_phone(text: str) -> bool:
    """A number its country's numbering plan allows, in any usual writing: "01 23 45 67 89",
    "(01) 23.45.67.89", "+33 6 12 34 56 78", "0033 1 23 45 67 89", "+44 20 7946 0958". A digit too many or
    too few, or letters, are refused."""
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number(number))
