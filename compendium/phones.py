"""Phone numbers, checked and dialled with libphonenumber (the `phonenumbers` package).

A pattern of digits and brackets accepted "+39 (0) 657 299 11" and the site
dialled it as +3965729911, a number that does not exist: in Italy the leading
0 is part of the number, from abroad too. libphonenumber knows each country's
numbering plan, so a record holds only numbers it reads as valid, written in
international form (a `+` and the country code: records do not say which
country a bare national number belongs to), and pages dial exactly that
number.
"""

from __future__ import annotations

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

EXAMPLE = "+39 06 572 9911"


def phone_problem(text: str) -> str:
    """Why `text` is not a valid international phone number, or '' when it is one."""
    if not any(char.isdigit() for char in text):
        return "is not a phone number"
    if not text.startswith("+"):
        return "is not in international form"
    try:
        number = phonenumbers.parse(text, None)
    except NumberParseException:
        return "is not a phone number"
    if not phonenumbers.is_valid_number(number):
        region = phonenumbers.region_code_for_country_code(number.country_code)
        where = f"+{number.country_code}" + (f" ({region})" if region != "ZZ" else "")
        return f"is not a valid number for {where}"
    return ""


def example_for(text: str) -> str:
    """A correct number to show in a message: the writer's own, when it can be repaired."""
    for candidate in (text, "+" + text.removeprefix("00")):
        if not phone_problem(candidate):
            return international(candidate)
    return EXAMPLE


def international(text: str) -> str:
    """The number as people read it: `+39 06 572 9911`."""
    return phonenumbers.format_number(phonenumbers.parse(text, None),
                                      PhoneNumberFormat.INTERNATIONAL)


def tel_uri(text: str) -> str:
    """The number to dial, as an RFC 3966 URI: `tel:+39-06-572-9911`."""
    return phonenumbers.format_number(phonenumbers.parse(text, None), PhoneNumberFormat.RFC3966)
