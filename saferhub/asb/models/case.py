"""The ASB Case Review aggregate: the case, its complaints, clocks and the steps recorded on it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Channel(models.TextChoices):
    WEB_FORM = "web_form", "Online form"
    TELEPHONE = "telephone", "Telephone"
    LETTER = "letter", "Letter"
    EMAIL = "email", "Email"
    IN_PERSON = "in_person", "In person"
    PAPER_FORM = "paper_form", "Paper form"


class ApplicantRelationship(models.TextChoices):
    VICTIM = "victim", "The victim"
    FAMILY = "family", "Family member"
    FRIEND = "friend", "Friend"
    CARER = "carer", "Carer"
    COUNCILLOR = "councillor", "Councillor"
    MP = "mp", "Member of Parliament"
    PROFESSIONAL = "professional", "Professional"


class VictimType(models.TextChoices):
    PERSON = "person", "A person"
    BUSINESS = "business", "A business"
    COMMUNITY_GROUP = "community_group", "A community group"


class CaseStatus(models.TextChoices):
    TRIAGE = "triage", "Awaiting county triage"
    ROUTED = "routed", "With the area SPOC"
    NOT_MET = "not_met", "Threshold not met (Letter B)"
    IN_REVIEW = "in_review", "Review under way"
    PANEL_HELD = "panel_held", "Panel held"
    ACTION_PLAN = "action_plan", "Action plan in progress"
    CLOSED = "closed", "Closed"


class TriageDecision(models.TextChoices):
    ROUTE = "route", "Route to the area for determination"
    OBVIOUSLY_NOT_QUALIFYING = "obviously_not_qualifying", "Obviously does not qualify (route with advice)"


class Determination(models.TextChoices):
    NOT_MET = "B", "Letter B – threshold not met"
    DISCRETIONARY = "C_i", "Letter C(i) – review although threshold not met"
    MET = "C_ii", "Letter C(ii) – threshold met"


class DiscretionaryFactor(models.TextChoices):
    PERSISTENCE = "persistence", "Persistence of the behaviour"
    HARM = "harm", "Harm or potential harm"
    ADEQUACY = "adequacy", "Adequacy of the response"


class VictimAttendance(models.TextChoices):
    NOT_SET = "", "Not recorded"
    INVITED = "invited", "Invited"
    ATTENDED = "attended", "Attended"
    REPRESENTED = "represented", "Represented"
    DECLINED = "declined", "Declined the invitation"


class DecisionLetter(models.TextChoices):
    NO_FURTHER_ACTION = "D", "Letter D – no further action"
    ACTION_PLAN = "E", "Letter E – action plan"


class ThresholdRoute(models.TextChoices):
    THRESHOLD = "threshold", "Threshold met"
    LOCAL_VARIANT = "local_variant", "Local variant route"
    NONE = "none", "Not met"


class Case(models.Model):
    """One ASB Case Review application, from receipt to closure."""

    reference = models.CharField(max_length=20, unique=True)
    #: The partnership the case belongs to: its area's, stored so every staff read can be scoped by it.
    partnership = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="asb_cases")
    area = models.ForeignKey("asb.OptArea", on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.TRIAGE, db_index=True)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    application_date = models.DateField(db_index=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Staff member who entered it; empty for the public form.",
    )
    # Applicant and victim
    applicant_relationship = models.CharField(
        max_length=20, choices=ApplicantRelationship.choices, default=ApplicantRelationship.VICTIM,
    )
    applicant_name = models.CharField(max_length=200, blank=True)
    applicant_email = models.EmailField(blank=True)
    applicant_phone = models.CharField(max_length=40, blank=True)
    #: Where letters go when someone applies on the victim's behalf (the victim's own address otherwise).
    applicant_address = models.TextField(blank=True)
    applicant_postcode = models.CharField(max_length=10, blank=True)
    victim_consent = models.BooleanField(default=False, help_text="The victim agreed to someone applying for them.")
    victim_type = models.CharField(max_length=20, choices=VictimType.choices, default=VictimType.PERSON)
    victim_name = models.CharField(max_length=200)
    victim_email = models.EmailField(blank=True)
    victim_phone = models.CharField(max_length=40, blank=True)
    victim_address = models.TextField(blank=True)
    victim_postcode = models.CharField(max_length=12, blank=True)
    victim_age = models.PositiveSmallIntegerField(null=True, blank=True)
    perpetrator_age = models.PositiveSmallIntegerField(null=True, blank=True)
    victim_housed_by_provider = models.BooleanField(default=False)
    perpetrator_housed_by_provider = models.BooleanField(default=False)
    flag_drugs = models.BooleanField(default=False)
    flag_alcohol = models.BooleanField(default=False)
    flag_mental_health = models.BooleanField(default=False)
    nature_of_complaint = models.TextField(blank=True)
    vulnerability_notes = models.TextField(blank=True)
    risk_notes = models.TextField(blank=True)
    publication_consent = models.BooleanField(
        default=False, help_text="The complainant agreed that a redacted summary may be published.",
    )
    # Triage
    triage_decision = models.CharField(max_length=30, choices=TriageDecision.choices, blank=True)
    triage_note = models.TextField(blank=True)
    triaged_at = models.DateTimeField(null=True, blank=True)
    triaged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Threshold and determination
    threshold_result = models.JSONField(default=dict, blank=True)
    threshold_route = models.CharField(max_length=20, choices=ThresholdRoute.choices, blank=True)
    complaints_related_confirmed = models.BooleanField(default=False)
    determination = models.CharField(max_length=5, choices=Determination.choices, blank=True)
    discretionary_factor = models.CharField(max_length=20, choices=DiscretionaryFactor.choices, blank=True)
    determination_reasons = models.TextField(blank=True)
    not_met_follow_up = models.TextField(
        blank=True, help_text="When the threshold is not met: what the agencies will still do to help.",
    )
    determined_on = models.DateField(null=True, blank=True)
    # Lead agency and panel
    lead_agency = models.ForeignKey("core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    lead_reviewer_name = models.CharField(max_length=200, blank=True)
    reviewer_independent = models.BooleanField(null=True, blank=True)
    reviewer_independence_note = models.TextField(blank=True)
    initial_review_summary = models.TextField(blank=True)
    panel_date = models.DateField(null=True, blank=True)
    panel_held_on = models.DateField(null=True, blank=True)
    victim_attendance = models.CharField(max_length=20, choices=VictimAttendance.choices, blank=True)
    victim_representative = models.CharField(max_length=200, blank=True)
    findings = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    # Decision letter
    decision_letter = models.CharField(max_length=1, choices=DecisionLetter.choices, blank=True)
    decision_signed_by = models.ForeignKey("core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decision_signatory_name = models.CharField(max_length=200, blank=True)
    decision_sent_on = models.DateField(null=True, blank=True)
    vexatious = models.BooleanField(default=False, help_text="Dealt with under the council's vexatious complaints policy.")
    vexatious_reason = models.TextField(blank=True)
    discretion_by = models.CharField(max_length=200, blank=True,
                                     help_text="The senior manager who used their discretion to accept the application.")
    discretion_reason = models.TextField(blank=True)
    pcc_review_requested_on = models.DateField(null=True, blank=True)
    pcc_review_decided_on = models.DateField(null=True, blank=True)
    pcc_review_outcome = models.CharField(max_length=20, blank=True, choices=[
        ("upheld", "Outcome upheld"), ("not_upheld", "Outcome not upheld"),
        ("recommendations", "Further recommendations made")])
    pcc_review_notes = models.TextField(blank=True)
    # Closure, retention, publication
    closed_on = models.DateField(null=True, blank=True, db_index=True)
    legal_hold = models.BooleanField(default=False)
    legal_hold_reason = models.CharField(max_length=300, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-application_date", "-id"]
        indexes = [models.Index(fields=["area", "status"], name="asb_case_area_status"),
                   models.Index(fields=["partnership", "status"], name="asb_case_partnership_status")]

    def __str__(self) -> str:
        return self.reference

    @property
    def under_18_involved(self) -> bool:
        return any(age is not None and age < 18 for age in (self.victim_age, self.perpetrator_age))


class Complaint(models.Model):
    """One incident the victim reported, as given on the application."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="complaints")
    position = models.PositiveSmallIntegerField(default=0)
    behaviour_date = models.DateField()
    reported_date = models.DateField()
    agency = models.ForeignKey("core.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    agency_name = models.CharField(max_length=200, blank=True, help_text="As the applicant wrote it.")
    reference = models.CharField(max_length=100, blank=True)
    reporter = models.CharField(max_length=200, blank=True, help_text="Who reported it, when not the victim.")
    description = models.TextField(blank=True)
    location = models.CharField(max_length=200, blank=True,
                                help_text="Where it happened; linked locations are recorded under one name.")
    hate_incident = models.BooleanField(default=False, help_text="A hate incident or crime.")
    qualifies = models.BooleanField(null=True, blank=True)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["case", "position", "id"]

    def __str__(self) -> str:
        return f"{self.case} complaint {self.position + 1}"


class ClockStep(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    DETERMINATION = "determination", "Determination"
    INFORMATION_REQUESTS = "information_requests", "Information requests"
    INITIAL_REVIEW = "initial_review", "Lead agency initial review"
    DECISION_LETTER = "decision_letter", "Decision letter"
    OVERALL = "overall", "Overall review"


class CaseClock(models.Model):
    """A working-day clock on a case: when a step is due and when it was done."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clocks")
    area = models.ForeignKey("asb.OptArea", on_delete=models.PROTECT, related_name="+")  # copied for fast dashboards
    step = models.CharField(max_length=30, choices=ClockStep.choices)
    started_on = models.DateField()
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "step"], name="asb_clock_unique_step")]
        indexes = [
            models.Index(fields=["due_on"], condition=Q(done_on__isnull=True), name="asb_clock_open_due"),
            models.Index(fields=["area", "due_on"], condition=Q(done_on__isnull=True), name="asb_clock_open_area_due"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.step} due {self.due_on}"


class NotificationKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement to applicant"
    ROUTED = "routed", "Case routed to area SPOC"
    DETERMINATION = "determination", "Determination letter"
    OVERRUN = "overrun", "Victim told the review will take longer"
    DECISION = "decision", "Decision letter"
    APPEAL_RECEIVED_PCC = "appeal_received_pcc", "PCC's office told of an appeal"
    APPEAL_DECIDED_PCC = "appeal_decided_pcc", "PCC's office told of an appeal decision"
    APPEAL_ESCALATED = "appeal_escalated", "Appeal sent to the OPT Inspector"
    PEER_REVIEW = "peer_review", "Peer reviewer asked to review"


class Notification(models.Model):
    """A record that someone was told something about a case (who, how, when)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    recipient = models.CharField(max_length=200)
    recipient_email = models.EmailField(blank=True)
    method = models.CharField(max_length=30, default="email")
    sent_on = models.DateField()
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.recipient}"


class InformationRequest(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="information_requests")
    agency = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField()
    due_on = models.DateField()
    responded_on = models.DateField(null=True, blank=True)
    response = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_on", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "agency"], name="asb_inforeq_unique_agency")]

    def __str__(self) -> str:
        return f"{self.case} – {self.agency}"


class PanelRole(models.TextChoices):
    MEMBER = "member", "Member"
    CHAIR = "chair", "Chair"
    INDEPENDENT = "independent", "Independent participant"


class PanelMember(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="panel_members")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=PanelRole.choices, default=PanelRole.MEMBER)
    previously_involved = models.BooleanField(default=False, help_text="Involved in handling the reported incidents.")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class ActionItem(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    progress = models.TextField(blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description[:60]


class AppealGrounds(models.TextChoices):
    APPLICATION = "application", "How the application was dealt with"
    REVIEW = "review", "How the review was carried out"


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


class Appeal(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appeals")
    received_on = models.DateField()
    deadline = models.DateField()
    grounds = models.CharField(max_length=20, choices=AppealGrounds.choices)
    details = models.TextField(blank=True)
    escalated_to = models.ForeignKey("core.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewing_area = models.ForeignKey("asb.OptArea", on_delete=models.PROTECT, related_name="appeals_reviewing")
    outcome = models.CharField(max_length=20, choices=AppealOutcome.choices, blank=True)
    outcome_reasons = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["received_on", "id"]

    def __str__(self) -> str:
        return f"Appeal on {self.case}"


class DocumentKind(models.TextChoices):
    LETTER_A = "letter_a", "Letter A"
    LETTER_B = "letter_b", "Letter B"
    LETTER_C_I = "letter_c_i", "Letter C(i)"
    LETTER_C_II = "letter_c_ii", "Letter C(ii)"
    LETTER_D = "letter_d", "Letter D"
    LETTER_E = "letter_e", "Letter E"
    REVIEW_TEMPLATE = "review", "Initial review"
    AGENCY_RECORDS = "agency_records", "Agency records"
    MINUTES = "minutes", "Panel minutes"
    EVIDENCE = "evidence", "Evidence"
    OTHER = "other", "Other"


def case_document_path(instance, filename: str) -> str:
    return f"asb/{instance.case.reference}/{filename}"


class CaseDocument(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    title = models.CharField(max_length=200)
    information_request = models.ForeignKey(
        InformationRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents",
        help_text="The information request this document answers, when an agency sent it.",
    )
    file = models.FileField(upload_to=case_document_path)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class AuditChecklist(models.Model):
    """The partnership's quality audit of one case."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="audit_checklist")
    answers = models.JSONField(default=dict, help_text="Checklist item code → true/false.")
    notes = models.TextField(blank=True)
    audited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    audited_on = models.DateField()

    def __str__(self) -> str:
        return f"Audit of {self.case}"


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved for publication"


class PublishedSummary(models.Model):
    """A redacted summary of a case for the partnership's website (learning)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="published_summary")
    title = models.CharField(max_length=200)
    summary = models.TextField()
    status = models.CharField(max_length=20, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return self.title


class ReferenceCounter(models.Model):
    """The last case number issued in a year (locked when a number is taken)."""

    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
