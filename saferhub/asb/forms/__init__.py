"""Forms for ASB Case Review pages, one module per part of the service:

- ``base``: the base form (specific GOV.UK error messages), radios, organisation choices, the upload check;
- ``public``: the public application, one question per page;
- ``intake``: staff entry of applications, acknowledgement, triage, determination, delay notice;
- ``review``: lead agency, information requests, initial review, panel, action plan, decision letter,
  appeals, peer review;
- ``records``: documents, the published summary, the audit checklist, legal hold, letter templates.

Everything is re-exported here, so ``from saferhub.asb import forms`` keeps working.
"""

from saferhub.asb.forms.base import (
    ALLOWED_UPLOADS,
    CHANNEL_CHOICES,
    RELATIONSHIPS,
    RISK_FACTORS,
    VICTIM_KINDS,
    YES_NO,
    AsbForm,
    check_upload,
    org_choice,
    radios,
    specific_messages,
    style_fields,
    upload_limit,
)
from saferhub.asb.forms.intake import (
    AcknowledgeForm,
    DeterminationForm,
    OverrunForm,
    StaffApplicationForm,
    StaffIncidentsForm,
    TriageForm,
)
from saferhub.asb.forms.public import (
    AddAnotherForm,
    AgesForm,
    ApplicantForm,
    AreaForm,
    ConsentForm,
    IncidentForm,
    ProblemForm,
    PublicationForm,
    RelationshipForm,
    UploadForm,
    VictimDetailsForm,
    VictimKindForm,
    VulnerabilityForm,
    YourDetailsForm,
)
from saferhub.asb.forms.records import AuditForm, DocumentForm, LegalHoldForm, LetterTemplateForm, SummaryForm
from saferhub.asb.forms.review import (
    PANEL_ROLES,
    VICTIM_ATTENDANCE,
    ActionItemForm,
    ActionProgressForm,
    AppealForm,
    AppealOutcomeForm,
    DecisionForm,
    InformationRequestForm,
    InformationResponseForm,
    InitialReviewForm,
    LeadAgencyForm,
    PanelDateForm,
    PanelForm,
    PeerReviewCompleteForm,
)

#: The staff forms (every form a signed-in member of staff fills in), for tests and checks.
STAFF_FORMS = (
    StaffApplicationForm, StaffIncidentsForm, AcknowledgeForm, TriageForm, DeterminationForm, OverrunForm,
    LeadAgencyForm, InformationRequestForm, InformationResponseForm, InitialReviewForm, PanelDateForm, PanelForm,
    ActionItemForm, ActionProgressForm, DecisionForm, AppealForm, AppealOutcomeForm, PeerReviewCompleteForm,
    DocumentForm, SummaryForm, AuditForm, LetterTemplateForm, LegalHoldForm,
)

__all__ = [
    "ALLOWED_UPLOADS", "CHANNEL_CHOICES", "PANEL_ROLES", "RELATIONSHIPS", "RISK_FACTORS", "STAFF_FORMS",
    "VICTIM_ATTENDANCE", "VICTIM_KINDS", "YES_NO", "AcknowledgeForm", "ActionItemForm", "ActionProgressForm",
    "AddAnotherForm", "AgesForm", "AppealForm", "AppealOutcomeForm", "ApplicantForm", "AreaForm", "AsbForm",
    "AuditForm", "ConsentForm", "DecisionForm", "DeterminationForm", "DocumentForm", "IncidentForm",
    "InformationRequestForm", "InformationResponseForm", "InitialReviewForm", "LeadAgencyForm", "LegalHoldForm",
    "LetterTemplateForm", "OverrunForm", "PanelDateForm", "PanelForm", "PeerReviewCompleteForm", "ProblemForm",
    "PublicationForm", "RelationshipForm", "StaffApplicationForm", "StaffIncidentsForm", "SummaryForm",
    "TriageForm", "UploadForm", "VictimDetailsForm", "VictimKindForm", "VulnerabilityForm", "YourDetailsForm",
    "check_upload", "org_choice", "radios", "specific_messages", "style_fields", "upload_limit",
]
