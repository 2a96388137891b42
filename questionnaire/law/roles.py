"""Which loan was foreclosed: that one, the loans its sale wiped out, and loans left on it."""

from __future__ import annotations

from .case import Case

FORECLOSURES = ("judicial", "nonjudicial")


def foreclosing_options(case: Case) -> tuple[list[int], list[str]]:
    """Positions (in lien order) of the loans that may be the foreclosing one, and assumptions."""
    liens = [loan.lien for loan in case.loans]
    if case.foreclosing_lien in liens:
        return [liens.index(case.foreclosing_lien)], []
    if case.foreclosing_lien is None:
        assumed = (
            ["We assumed the lender of your first loan is the one foreclosing."]
            if len(liens) > 1
            else []
        )
        return [0], assumed
    return list(range(len(liens))), []  # not sure: every loan could be the one


def role(index: int, foreclosed: int) -> str:
    """'foreclosed', 'junior' (wiped out by a senior lender's sale) or 'senior' (left on it)."""
    if index == foreclosed:
        return "foreclosed"
    return "junior" if index > foreclosed else "senior"
