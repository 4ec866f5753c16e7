"""Statuses and kinds used across the governance models."""

from django.db import models


class MembershipRole(models.TextChoices):
    MEMBER = "member", "Member"
    SUBSTITUTE = "substitute", "Named substitute"
    CO_OPTED = "co_opted", "Co-opted member"


class Office(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-Chair"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    INQUORATE = "inquorate", "Inquorate"
    CANCELLED = "cancelled", "Cancelled"
    POSTPONED = "postponed", "Postponed"


#: The meeting took place: it met and was minuted, quorate ("held") or not ("inquorate", seed
#: 001:238-243). The one home of this set: use ``Meeting.took_place``, ``Meeting.objects.took_place()``
#: or ``took_place_q()`` rather than spelling it out.
TOOK_PLACE = frozenset({MeetingStatus.HELD, MeetingStatus.INQUORATE})


class DatePrecision(models.TextChoices):
    DAY = "day", "Exact date"
    MONTH = "month", "Month only (date to be confirmed)"


class ChairCapacity(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-Chair in the Chair"
    OTHER = "other", "Another member in the Chair"


class AttendanceRole(models.TextChoices):
    MEMBER = "member", "Member"
    SUBSTITUTE = "substitute", "Substitute"
    CO_OPTED = "co-opted", "Co-opted member"
    OFFICER = "officer", "Officer or partner"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"
    IN_ATTENDANCE = "in_attendance", "In attendance"


class InterestType(models.TextChoices):
    DPI = "DPI", "Disclosable Pecuniary Interest"
    OTHER = "Other", "Other Interest"


class AgendaItemKind(models.TextChoices):
    APOLOGIES = "apologies", "Apologies and substitutes"
    MINUTES = "minutes", "Minutes"
    DECLARATIONS = "declarations", "Declarations of interest"
    URGENT_BUSINESS = "urgent_business", "Urgent business"
    ELECTION = "election", "Election"
    TERMS_OF_REFERENCE = "terms_of_reference", "Terms of reference"
    REPORT = "report", "Report"
    VERBAL_UPDATE = "verbal_update", "Verbal update"
    WORK_PROGRAMME = "work_programme", "Forward work programme"
    INQUORATE = "inquorate", "Remarks by the Chair: inquorate meeting"
    OTHER = "other", "Other business"


#: Kinds that are business to transact (and so carry forward when a meeting does not transact it).
SUBSTANTIVE_KINDS = frozenset(
    {
        AgendaItemKind.TERMS_OF_REFERENCE,
        AgendaItemKind.REPORT,
        AgendaItemKind.VERBAL_UPDATE,
        AgendaItemKind.WORK_PROGRAMME,
        AgendaItemKind.OTHER,
    }
)


class DecisionVerb(models.TextChoices):
    RESOLVED = "RESOLVED", "Resolved"
    NOTED = "NOTED", "Noted"
    AGREED = "AGREED", "Agreed"
    ENDORSED = "ENDORSED", "Endorsed"
    RECOMMENDED = "RECOMMENDED", "Recommended"
    COMMENDED = "COMMENDED", "Commended"
    APPROVED = "APPROVED", "Approved"
    DEFERRED = "DEFERRED", "Deferred"
    REFERRED = "REFERRED", "Referred"
    REQUESTED = "REQUESTED", "Requested"


class RecommendationStatus(models.TextChoices):
    AWAITING_RESPONSE = "awaiting_response", "Awaiting response"
    RESPONDED = "responded", "Responded"
    ACCEPTED = "accepted", "Accepted"
    PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
    REJECTED = "rejected", "Rejected"
    IMPLEMENTED = "implemented", "Implemented"
