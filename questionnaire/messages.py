"""Plain, blame-free error messages for parsers and forms, through the translation layer."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .parsers import ParseError

MESSAGES = {
    "too_long": _l("That is too long. Please check it and try again."),
    "money_empty": _l("Enter an amount in dollars."),
    "money_negative": _l("Enter an amount of $0 or more."),
    "money_format": _l("Enter an amount in dollars, like 1,250 or 1250.50."),
    "money_cents": _l("Enter no more than 2 numbers after the decimal point."),
    "money_too_large": _l("Enter an amount less than %(maximum)s."),
    "number_empty": _l("Enter a number."),
    "number_format": _l("Enter a number, like 2 or 0.5."),
    "whole_number_format": _l("Enter a whole number, like 1 or 2."),
    "number_places": _l("Enter no more than %(places)s numbers after the decimal point."),
    "number_too_small": _l("Enter a number of %(minimum)s or more."),
    "number_too_large": _l("Enter a number no bigger than %(maximum)s."),
    "date_empty": _l("Enter a date."),
    "date_missing_part": _l("The date needs a %(part)s."),
    "date_format": _l("Enter the date using numbers, like 3 27 2025."),
    "date_year_digits": _l("Enter the year with 4 numbers, like 2025."),
    "date_month": _l("Enter a month from 1 to 12."),
    "date_year_range": _l("Enter a year between 1900 and 2100."),
    "date_impossible": _l("That date does not exist. Check the day and the month."),
    "date_future": _l("Enter a date that is today or earlier."),
    "date_iso_format": _l("Enter the date as YYYY-MM-DD, like 2025-03-27."),
    "choice_empty": _l("Choose one of the answers."),
    "choice_invalid": _l("Choose one of the answers shown."),
    "state_empty": _l("Choose your state from the list."),
}

DATE_PARTS = {"month": _l("month"), "day": _l("day"), "year": _l("year")}


def message_for(error: ParseError) -> str:
    """The message to show for a parse error, with its details filled in."""
    template = MESSAGES.get(error.code, MESSAGES["too_long"])
    params = dict(error.params)
    if error.code == "date_missing_part":
        params["part"] = str(DATE_PARTS.get(params.get("part", ""), params.get("part", "")))
    return str(template) % params if params else str(template)
