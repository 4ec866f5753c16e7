"""Rules about a case's records once the review is over: the published summary and retention.
Pure Python, no database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from saferhub.core.calendar import add_months
from saferhub.core.exceptions import RuleViolation


def check_publication(*, consent: bool, closed: bool) -> None:
    """Learning from a case is published only with the complainant's consent, after closure."""
    if not consent:
        raise RuleViolation("The complainant has not agreed to a summary of their case being published.",
                            code="asb.publication_no_consent", field=None)
    if not closed:
        raise RuleViolation("Only a closed case can be summarised for publication.",
                            code="asb.publication_not_closed", field=None)


def check_summary_redacted(summary: str, personal_values: Iterable[str]) -> None:
    """A publishable summary must not contain the names, addresses or contact details on the case."""
    text = summary.lower()
    found = sorted({v for v in personal_values if v and len(v.strip()) >= 3 and v.strip().lower() in text})
    if found:
        raise RuleViolation(
            "The summary still contains personal details from the case (" + ", ".join(found) + "); redact them.",
            code="asb.summary_not_redacted", field="summary",
        )


def retention_expires_on(closed_on: dt.date, years: int) -> dt.date:
    return add_months(closed_on, 12 * years)


def retention_due(*, closed_on: dt.date | None, years: int, today: dt.date) -> bool:
    return closed_on is not None and today > retention_expires_on(closed_on, years)





def partner_page_problems(*, has_information: bool, links_to_form: bool, stated_count: int | None,
                          stated_months: int | None, threshold_count: int, window_months: int) -> list[str]:
    """What a partner's web page gets wrong against the partnership's rule (seed 002:1153-1163: districts'
    pages differed, one stated a local route as the threshold); empty when the page is consistent."""
    if not has_information:
        return ["The page has no Community Trigger information."]
    problems = []
    if not links_to_form:
        problems.append("The page does not link to the application form.")
    if stated_count is None or stated_months is None:
        problems.append("The page does not state the threshold.")
    elif (stated_count, stated_months) != (threshold_count, window_months):
        problems.append(f"The page states {stated_count} complaints in {stated_months} months; the threshold is "
                        f"{threshold_count} in {window_months}.")
    return problems
