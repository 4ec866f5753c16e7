"""Partnership configuration for ASB Case Reviews: settings, relevant bodies, OPT areas, local routes.

Everything a partnership may set differently lives here as data (loaded from
``saferhub/asb/data/norfolk.yaml`` by ``load_asb_config`` and editable in the admin).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

# The law (ASB, Crime and Policing Act 2014 s.104) lets a partnership set a lower threshold, never a
# higher one than three qualifying complaints (seed 002:1126-1130): the rule's own constant.
from saferhub.asb.rules.threshold import STATUTORY_MAXIMUM_THRESHOLD  # noqa: E402,F401


class AppealWindowUnit(models.TextChoices):
    WORKING_DAYS = "working_days", "Working days"
    CALENDAR_DAYS = "calendar_days", "Calendar days"


class AppealRecipient(models.TextChoices):
    """The appeal body: who hears an appeal against the handling of an application or a review."""

    OPT_INSPECTOR = "opt_inspector", "OPT Inspector"
    CSP_CHAIR = "csp_chair", "Community Safety Partnership Chair"
    COUNTY_PANEL = "county_panel", "County appeal panel"
    INDEPENDENT_CHAIR = "independent_chair", "Independent chair from another district"
    PCC_OFFICE = "pcc_office", "Office of the Police and Crime Commissioner"


class AppealCountedFrom(models.TextChoices):
    LETTER_DATE = "letter_date", "The date of the letter"
    RECEIPT = "receipt", "The letter's (deemed) receipt"


class LetterMethod(models.TextChoices):
    POST = "post", "Post"
    EMAIL = "email", "Email"


class RouteKind(models.TextChoices):
    COMPLAINTS = "complaints", "N qualifying complaints in the window"
    COMPLAINANTS = "complainants", "N qualifying complaints from more than one person"
    REPORTERS = "reporters", "N different people reporting the same problem"
    LINKED_LOCATIONS = "linked_locations", "N qualifying complaints at linked locations"
    HATE = "hate", "A hate incident or crime"
    DISCRETION = "discretion", "A senior manager's discretion, with a recorded reason"


class AsbSettings(models.Model):
    """One partnership's ASB Case Review settings (Norfolk is the default): one record per partnership."""

    partnership = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="asb_settings",
        help_text="The Community Safety Partnership these settings belong to.",
    )
    name = models.CharField(max_length=120, default="Norfolk")
    threshold_count = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1)],
        help_text="Qualifying complaints needed; the law allows at most 3.",
    )
    window_months = models.PositiveSmallIntegerField(default=6, validators=[MinValueValidator(1)])
    report_within_months = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    application_within_months = models.PositiveSmallIntegerField(default=6, validators=[MinValueValidator(1)])
    acknowledgement_days = models.PositiveSmallIntegerField(default=5)
    determination_days = models.PositiveSmallIntegerField(default=10)
    information_request_days = models.PositiveSmallIntegerField(default=5)
    initial_review_days = models.PositiveSmallIntegerField(default=10)
    decision_letter_days = models.PositiveSmallIntegerField(default=10)
    overall_days = models.PositiveSmallIntegerField(default=30)
    at_risk_days = models.PositiveSmallIntegerField(
        default=2, help_text="A step is 'at risk' when this many working days or fewer are left.",
    )
    appeal_window = models.PositiveSmallIntegerField(default=21)
    appeal_window_unit = models.CharField(
        max_length=20, choices=AppealWindowUnit.choices, default=AppealWindowUnit.WORKING_DAYS,
        help_text="The guidance says both '21 days' and '21 working days'; working days is the more generous.",
    )
    appeal_recipient = models.CharField(
        max_length=20, choices=AppealRecipient.choices, default=AppealRecipient.OPT_INSPECTOR,
    )
    appeal_counted_from = models.CharField(
        max_length=20, choices=AppealCountedFrom.choices, default=AppealCountedFrom.RECEIPT,
        help_text="Norfolk's FAQ counts the window from receipt of the decision letter (seed 002:1649).",
    )
    deemed_receipt_post_days = models.PositiveSmallIntegerField(
        default=2, validators=[MaxValueValidator(10)],
        help_text="A posted letter is taken as received this many working days after it is dated.",
    )
    deemed_receipt_email_days = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(10)],
        help_text="An emailed letter is taken as received this many working days after it is sent (0: same day).",
    )
    letters_sent_by = models.CharField(
        max_length=10, choices=LetterMethod.choices, default=LetterMethod.POST,
        help_text="How decision letters usually go out; decides which deemed-receipt rule applies.",
    )
    victim_may_attend_panel = models.BooleanField(
        default=True, help_text="Whether the victim may attend the case review panel (else they are represented "
        "or give their account in writing).",
    )
    pcc_review = models.BooleanField(
        default=False, help_text="The Police and Crime Commissioner reviews the outcome of a case review on request.",
    )
    retention_years = models.PositiveSmallIntegerField(default=6, validators=[MinValueValidator(1), MaxValueValidator(100)])
    region = models.CharField(max_length=3, default="ENG", help_text="Bank-holiday region for working days.")
    pcc_office = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The Police and Crime Commissioner's office, told of appeals.",
    )
    max_upload_bytes = models.PositiveIntegerField(default=10 * 1024 * 1024)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "ASB settings"
        verbose_name_plural = "ASB settings"
        constraints = [models.UniqueConstraint(fields=["partnership"], name="asb_settings_one_per_partnership")]

    def __str__(self) -> str:
        return f"ASB settings: {self.name}"


class BodyKind(models.TextChoices):
    DISTRICT_COUNCIL = "district_council", "District council"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    HOUSING_PROVIDER = "housing_provider", "Registered housing provider"
    YOT = "yot", "Youth offending team"
    CHILDRENS_SERVICES = "childrens_services", "Children's services"
    SCHOOL = "school", "School"
    INDEPENDENT = "independent", "Independent"
    OTHER = "other", "Other"


class RelevantBody(models.Model):
    """An organisation taking part in ASB Case Reviews, and the part it plays."""

    organisation = models.OneToOneField("core.Organisation", on_delete=models.PROTECT, related_name="asb_body")
    kind = models.CharField(max_length=30, choices=BodyKind.choices)
    signed_information_sharing = models.BooleanField(
        default=True, help_text="Signed the partnership's information sharing protocol and the OPT annexe.",
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "organisation__name"]
        verbose_name_plural = "relevant bodies"

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_kind_display()})"


class OptArea(models.Model):
    """An Operational Partnership Team area of one partnership, with its SPOC and OPT Inspector."""

    partnership = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="asb_opt_areas")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=120)
    councils = models.ManyToManyField("core.Organisation", blank=True, related_name="asb_areas")
    spoc = models.ForeignKey("core.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    inspector = models.ForeignKey("core.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "OPT area"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "code"], name="asb_area_code_per_partnership"),
            models.UniqueConstraint(fields=["partnership", "name"], name="asb_area_name_per_partnership"),
        ]

    def __str__(self) -> str:
        return self.name


class LocalThresholdRoute(models.Model):
    """A configured way to meet the threshold beside the statutory count (reported as a local variant).

    An area's route applies to that area; a route with no area applies across its partnership."""

    partnership = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="asb_local_routes")
    area = models.ForeignKey(OptArea, null=True, blank=True, on_delete=models.CASCADE, related_name="local_routes")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=RouteKind.choices, default=RouteKind.REPORTERS)
    min_distinct_reporters = models.PositiveSmallIntegerField(
        "number (N)", default=5, validators=[MinValueValidator(1)],
        help_text="How many complaints, people or incidents the route needs.",
    )
    window_months = models.PositiveSmallIntegerField(default=6, validators=[MinValueValidator(1)])
    window_days = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text="A window of this many days instead of months.",
    )
    is_local_variant = models.BooleanField(default=True, editable=False)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["area", "name"]

    def __str__(self) -> str:
        return f"{self.area or 'All areas'}: {self.name}"


class AsbRole(models.TextChoices):
    COUNTY_TEAM = "asb_county_team", "ASB county team"
    SPOC = "asb_spoc", "ASB SPOC"
    OPT_OFFICER = "opt_officer", "OPT officer"
    OPT_INSPECTOR = "opt_inspector", "OPT Inspector"
    AGENCY_OFFICER = "agency_officer", "Agency officer"


class AsbStaffAssignment(models.Model):
    """Links a user to the area or organisation their ASB role covers."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="asb_assignments")
    role = models.CharField(max_length=30, choices=AsbRole.choices)
    area = models.ForeignKey(OptArea, null=True, blank=True, on_delete=models.CASCADE, related_name="staff")
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="asb_staff",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "area", "organisation"], name="asb_staff_unique"),
        ]

    def __str__(self) -> str:
        where = self.area or self.organisation or "county"
        return f"{self.user} – {self.get_role_display()} ({where})"


class PartnerWebPage(models.Model):
    """A partner's public web page about the Community Trigger, as last checked: whether it has the
    information, links to the application form, and what threshold it states (seed 002:1153-1163)."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="asb_web_pages")
    url = models.URLField(max_length=500)
    has_information = models.BooleanField("Has Community Trigger information", default=True)
    links_to_form = models.BooleanField("Links to the application form", default=False)
    stated_threshold_count = models.PositiveSmallIntegerField("Complaints the page says are needed", null=True,
                                                              blank=True)
    stated_window_months = models.PositiveSmallIntegerField("Months the page says", null=True, blank=True)
    checked_on = models.DateField()
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["organisation__name", "url"]
        constraints = [models.UniqueConstraint(fields=["organisation", "url"], name="asb_partner_page_unique")]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.url}"
