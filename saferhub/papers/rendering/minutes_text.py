"""The numbered paragraphs of the minutes, written from the meeting's structured record.

The wording here is SaferHub's own; Norfolk's minutes are the model for what is said and in
which order (seed 001:120-217), not for the sentences.
"""

from __future__ import annotations

from saferhub.governance.models import AgendaItemKind


def _names(rows) -> str:
    names = [r.person.display_name for r in rows]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _dates(meetings) -> str:
    dates = [f"{m.date.day} {m.date:%B %Y}" for m in meetings]
    if len(dates) <= 1:
        return "".join(dates)
    return ", ".join(dates[:-1]) + " and " + dates[-1]


def _declaration(d) -> str:
    if d.interest_type == "DPI":
        where = f" in item {d.agenda_item.number}" if d.agenda_item_id else ""
        return (f"{d.person.display_name} declared a Disclosable Pecuniary Interest{where}: {d.nature.rstrip('.')}. "
                "They took no part in that item.")
    return f"{d.person.display_name} declared an Other Interest: {d.nature.rstrip('.')}."


def minute_paragraphs(item, minutes) -> list[str]:
    """Paragraphs for one minute, from the item's kind and the meeting's record."""
    paragraphs: list[str] = []
    committee = minutes.meeting.committee
    body = committee.short_name or committee.name
    if item.kind == AgendaItemKind.APOLOGIES:
        if minutes.apologies_members:
            paragraphs.append(f"Apologies were received from members: {_names(minutes.apologies_members)}.")
        if minutes.apologies_substitutes:
            paragraphs.append(f"Apologies were also received from substitute members: {_names(minutes.apologies_substitutes)}.")
        if minutes.apologies_officers:
            officers = "; ".join(
                f"{a.person.display_name}{' (' + a.title + ')' if a.title else ''}" for a in minutes.apologies_officers
            )
            paragraphs.append(f"Apologies were received from officers and partners: {officers}.")
        for sub in minutes.substitutions:
            paragraphs.append(f"{sub.person.display_name} attended as the named substitute for {sub.substitute_for.display_name}.")
        if not paragraphs:
            paragraphs.append("No apologies were received.")
    elif item.kind == AgendaItemKind.MINUTES:
        confirmed = list(item.confirms_minutes_of.all())
        if confirmed and minutes.meeting.status == "held":
            paragraphs.append(
                f"The minutes of the {'meeting' if len(confirmed) == 1 else 'meetings'} held on {_dates(confirmed)} "
                "were confirmed as an accurate record and signed by the Chair."
            )
    elif item.kind == AgendaItemKind.DECLARATIONS:
        everything = list(minutes.general_declarations) + [
            d for ds in minutes.declarations_by_item.values() for d in ds
        ]
        paragraphs.extend(_declaration(d) for d in everything)
        if not everything and not item.minute_text:
            paragraphs.append("No interests were declared.")
    elif item.kind == AgendaItemKind.URGENT_BUSINESS:
        if not item.minute_text:
            paragraphs.append("There was no urgent business.")
    elif item.kind in {AgendaItemKind.REPORT, AgendaItemKind.TERMS_OF_REFERENCE, AgendaItemKind.WORK_PROGRAMME}:
        title = minutes.report_titles.get(item.pk)
        if title:
            paragraphs.append(f"The {body} received the report “{title}”.")
    if item.kind not in {AgendaItemKind.DECLARATIONS}:
        paragraphs.extend(
            _declaration(d) for d in minutes.declarations_by_item.get(item.pk, []) if d.interest_type == "DPI"
        )
    paragraph = getattr(minutes, "exempt", {}).get(item.pk)
    if paragraph:
        # Part 2 business: the public minutes say only that it was taken in private, and why.
        paragraphs.append(private_minute(paragraph))
        return paragraphs
    paragraphs.extend(p.strip() for p in (item.minute_text or "").split("\n\n") if p.strip())
    return paragraphs


def private_minute(paragraph: int) -> str:
    """What the public record says of an exempt (Part 2) item instead of its minute."""
    return (f"This item was considered in private under paragraph {paragraph} of Schedule 12A to the "
            "Local Government Act 1972.")
