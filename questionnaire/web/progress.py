"""The step indicator, rendered once per section and language: it shows only content."""

from __future__ import annotations

from flask import current_app, get_template_attribute
from markupsafe import Markup

from ..flow import Step
from ..i18n import current_language


def step_indicator(steps: list[Step]) -> Markup:
    """The step indicator for these steps (the sections, the current one marked)."""
    current = next(step.number for step in steps if step.state == "current")
    shown: dict[tuple[str, int], Markup] = current_app.extensions.setdefault(
        "shortfall.step_indicators", {}
    )
    key = (current_language(), current)
    html = shown.get(key)
    if html is None:
        macro = get_template_attribute("partials/step_indicator.html", "step_indicator")
        html = shown[key] = Markup(macro(steps))
    return html
