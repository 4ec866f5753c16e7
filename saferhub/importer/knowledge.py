"""What the database already knows, in the plain form the sandboxed extraction takes."""

from __future__ import annotations

from saferhub.core.models import Organisation, Person
from saferhub.governance.models import Committee, Membership, OfficeHolder


def current_knowledge() -> dict:
    people = []
    for person in Person.objects.select_related("organisation").prefetch_related("aliases"):
        people.append({"id": person.pk, "name": person.name, "aliases": [a.name for a in person.aliases.all()],
                       "councillor": person.is_councillor,
                       "body": person.organisation.name if person.organisation else "", "title": person.job_title})
    bodies = [{"name": o.name, "aliases": list(o.aliases or []) + ([o.short_name] if o.short_name else []),
               "kind": o.kind} for o in Organisation.objects.all()]
    memberships = [
        {"name": m.person.name, "role": m.role, "seat": f"{m.seat.organisation.name}#{m.seat_id}",
         "body": m.seat.organisation.name, "start": m.start_date.isoformat(),
         "end": m.end_date.isoformat() if m.end_date else None}
        for m in Membership.objects.filter(seat__isnull=False).select_related("person", "seat__organisation")
    ]
    offices = [{"office": o.office, "civic_year": o.civic_year, "name": o.person.name}
               for o in OfficeHolder.objects.select_related("person")]
    committees = [
        {"name": c.name, "short_name": c.short_name,
         "councils": [n for n in [c.organisation.name, c.organisation.short_name, *(c.organisation.aliases or [])] if n]}
        for c in Committee.objects.select_related("organisation")
    ]
    return {"people": people, "bodies": bodies, "memberships": memberships, "offices": offices,
            "committees": committees}
