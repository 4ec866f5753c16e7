"""ASB Case Review rules: pure Python, no database, one module per concept.

- ``routes``: the qualifying routes a partnership configures beside the statutory count;
- ``threshold``: qualifying complaints, the threshold engine, the determination (Letters B, C(i), C(ii)) and
  the application itself (consent);
- ``review``: the reviewer, the panel, the decision letter, closing, appeals and the peer-review rota;
- ``documents``: what may be uploaded (types, size, contents);
- ``records``: the published summary and retention.

The clocks (due dates, at risk, done late, the appeal deadline) are in ``saferhub.asb.clocks``.
Sources are cited as ``seed FILE:LINE`` (see ``../shared/spec/seed-processes.md`` §1). Every function takes
plain values and returns plain values or raises ``RuleViolation``; ``facts.py`` gathers the values from the
database and the actions call these functions. Everything is re-exported here, so
``from saferhub.asb import rules`` keeps working.
"""

from saferhub.asb.rules.documents import (
    CASE_DOCUMENT_TYPES,
    DOCX_CONTENT_TYPE,
    PUBLIC_UPLOAD_TYPES,
    check_document,
    check_docx_package,
    check_file,
    check_upload,
    docx_package_ok,
)
from saferhub.asb.rules.records import (
    check_publication,
    check_summary_redacted,
    partner_page_problems,
    retention_due,
    retention_expires_on,
)
from saferhub.asb.rules.review import (
    PanelFacts,
    PanelSeat,
    check_appeal_in_time,
    check_appeal_reviewing_area,
    check_can_close,
    check_decision_clock,
    check_decision_letter,
    check_decision_signatory,
    check_panel_composition,
    check_pcc_review,
    check_reviewer_independence,
    check_rota_council,
    check_victim_voice,
    required_panel_kinds,
)
from saferhub.asb.rules.routes import ROUTE_KINDS, Route, evaluate_route
from saferhub.asb.rules.threshold import (
    DEFAULT_CONFIG,
    DETERMINATION_DISCRETIONARY,
    DETERMINATION_MET,
    DETERMINATION_NOT_MET,
    DISCRETIONARY_FACTORS,
    STATUTORY_MAXIMUM_THRESHOLD,
    ComplaintInput,
    LocalRoute,
    ThresholdConfig,
    ThresholdInputError,
    ThresholdResult,
    check_application,
    check_determination,
    check_route,
    check_threshold_setting,
    check_victim_consent,
    evaluate_threshold,
    parse_discretion,
    parse_threshold_request,
    victim_has_consented,
)

__all__ = [
    "CASE_DOCUMENT_TYPES", "DEFAULT_CONFIG", "DETERMINATION_DISCRETIONARY", "DETERMINATION_MET",
    "DETERMINATION_NOT_MET", "DISCRETIONARY_FACTORS", "DOCX_CONTENT_TYPE", "PUBLIC_UPLOAD_TYPES",
    "STATUTORY_MAXIMUM_THRESHOLD", "ComplaintInput", "LocalRoute", "PanelFacts", "PanelSeat", "ThresholdConfig",
    "ThresholdInputError", "ThresholdResult", "check_appeal_in_time", "check_appeal_reviewing_area",
    "check_application", "check_can_close", "check_decision_letter", "check_decision_signatory",
    "check_determination", "check_docx_package", "check_document", "check_file", "check_panel_composition",
    "check_publication", "check_reviewer_independence", "check_rota_council", "check_summary_redacted",
    "check_threshold_setting", "check_upload", "check_victim_voice", "docx_package_ok", "evaluate_threshold",
    "parse_threshold_request", "required_panel_kinds", "retention_due", "retention_expires_on",
    "check_victim_consent", "victim_has_consented", "ROUTE_KINDS", "Route", "evaluate_route", "check_route",
    "parse_discretion", "partner_page_problems", "check_decision_clock", "check_pcc_review",
]
