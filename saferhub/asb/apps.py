from django.apps import AppConfig


class AsbConfig(AppConfig):
    """ASB Case Reviews ("Community Trigger"): applications, threshold, clocks, panels, letters, appeals."""

    name = "saferhub.asb"
    label = "asb"
    verbose_name = "ASB Case Reviews"

    def ready(self) -> None:
        from saferhub.asb import policies  # noqa: F401
        from saferhub.asb.receivers import enqueue_acknowledgement_email
        from saferhub.asb.signals import online_application_submitted

        online_application_submitted.connect(enqueue_acknowledgement_email,
                                             dispatch_uid="saferhub.asb.enqueue_acknowledgement")
        from saferhub.asb.demo import create_demo_accounts
        from saferhub.core import audit
        from saferhub.core.demo import register_demo_accounts

        register_demo_accounts(create_demo_accounts)  # one account per ASB Case Review role
        from saferhub.asb import notifications

        notifications.register()  # staff email: clocks at risk

        audit.register_codes(
            "asb",
            [
                ("asb.settings.updated", "Change ASB settings", "Changed the ASB Case Review settings"),
                ("asb.letter_template.saved", "Save letter template", "Saved a letter template"),
                ("asb.letter_template.reset", "Reset letter template", "Went back to the default letter template"),
                ("asb.body.saved", "Save relevant body", "Saved a relevant body"),
                ("asb.area.saved", "Save OPT area", "Saved an OPT area"),
                ("asb.local_route.saved", "Save local threshold route", "Saved a local threshold route"),
                ("asb.staff.assigned", "Assign ASB staff", "Assigned a member of staff to ASB work"),
                ("asb.staff.removed", "Remove ASB staff", "Removed a member of staff from ASB work"),
                ("asb.case.submitted", "Submit application", "Received an ASB Case Review application"),
                ("asb.case.updated", "Correct application", "Corrected the application's details"),
                ("asb.case.complaint_added", "Add incident", "Added an incident to the application"),
                ("asb.case.acknowledged", "Acknowledge application", "Acknowledged the application"),
                ("asb.case.triaged", "Triage application", "Triaged and routed the application"),
                ("asb.case.threshold_evaluated", "Evaluate threshold", "Evaluated the threshold again"),
                ("asb.case.determined", "Determine threshold", "Recorded the threshold determination"),
                ("asb.case.vexatious", "Apply vexatious policy", "Dealt with under the vexatious complaints policy"),
                ("asb.case.overrun_notified", "Tell victim of delay", "Told the victim the review is taking longer"),
                ("asb.case.lead_agency_appointed", "Appoint lead agency", "Appointed the lead agency"),
                ("asb.information.requested", "Request information", "Asked agencies for information"),
                ("asb.information.responded", "Record agency response", "Recorded an agency's response"),
                ("asb.case.initial_review_recorded", "Record initial review", "Recorded the initial review"),
                ("asb.case.panel_scheduled", "Schedule panel", "Set the panel date"),
                ("asb.case.panel_recorded", "Record panel", "Recorded the case review panel"),
                ("asb.case.decision_sent", "Send decision letter", "Sent the decision letter"),
                ("asb.action.added", "Add action", "Added an action to the plan"),
                ("asb.action.updated", "Update action", "Updated an action on the plan"),
                ("asb.case.closed", "Close case", "Closed the case"),
                ("asb.appeal.lodged", "Lodge appeal", "Received an appeal"),
                ("asb.appeal.decided", "Decide appeal", "Recorded the appeal decision"),
                ("asb.case.reopened", "Reopen case", "Reopened the case after an upheld appeal"),
                ("asb.rota.nominated", "Nominate peer reviewer", "Nominated a peer reviewer"),
                ("asb.peer_review.assigned", "Assign peer review", "Assigned a peer reviewer"),
                ("asb.peer_review.completed", "Complete peer review", "Completed the peer review"),
                ("asb.document.added", "Add document", "Stored a document on the case"),
                ("asb.case.audited", "Audit case", "Audited the case"),
                ("asb.case.legal_hold_set", "Set legal hold", "Changed the legal hold"),
                ("asb.summary.drafted", "Draft published summary", "Drafted a publishable summary"),
                ("asb.summary.approved", "Approve published summary", "Approved a summary for publication"),
                ("asb.case.discretion_recorded", "Record discretion", "Recorded a senior manager's discretion on the threshold"),
                ("asb.case.pcc_review_recorded", "Record Commissioner's review", "Recorded the Police and Crime Commissioner's review"),
                ("asb.partner_page.checked", "Check partner web page", "Checked a partner's Community Trigger web page"),
                ("asb.case.anonymised", "Anonymise case", "Anonymised the case under the retention policy"),
            ],
        )
