from django.apps import AppConfig


class DhrConfig(AppConfig):
    """Domestic Homicide Reviews (Domestic Abuse Related Death Reviews): notification, decision, review,
    Home Office quality assurance, publication and the published learning."""

    name = "saferhub.dhr"
    label = "dhr"
    verbose_name = "Domestic Homicide Reviews"

    def ready(self) -> None:
        from saferhub.core import audit, pages
        from saferhub.core.demo import register_demo_accounts
        from saferhub.dhr import dashboard, policies  # noqa: F401
        from saferhub.dhr.demo import create_demo_accounts

        register_demo_accounts(create_demo_accounts)
        pages.register_home_section(dashboard.home_section)
        pages.register_dashboard_section(dashboard.dashboard_section)
        audit.register_codes("dhr", AUDIT_CODES)
        from saferhub.dhr import agenda

        agenda.register()


AUDIT_CODES = [
    ("dhr.settings.saved", "Save review settings", "Saved the partnership's review settings"),
    ("dhr.team.joined", "Add to review team", "Added a member of staff to the review team"),
    ("dhr.team.left", "Remove from review team", "Removed a member of staff from the review team"),
    ("dhr.case.notified", "Record notification", "Recorded the notification of a death"),
    ("dhr.case.viewed", "Open case", "Opened the case"),
    ("dhr.decision.recorded", "Record decision", "Recorded the chair's decision"),
    ("dhr.decision.home_office_notified", "Notify Home Office", "Recorded that the Home Office was told of the decision"),
    ("dhr.decision.qa_seen", "Record QA panel sight", "Recorded that the Home Office QA panel saw the decision"),
    ("dhr.decision.home_office_confirmed", "Record Home Office confirmation", "Recorded the Home Office's confirmation"),
    ("dhr.decision.family_told", "Tell the family", "Told the family of the decision"),
    ("dhr.decision.reopened", "Reopen decision", "Reopened the decision at an advocate's request"),
    ("dhr.case.directed", "Record direction", "Recorded a Secretary of State direction to review"),
    ("dhr.case.step_recorded", "Record review stage", "Recorded a stage of the review"),
    ("dhr.case.publication_withheld", "Withhold publication", "Withheld the report from publication (safeguarding)"),
    ("dhr.case.extended", "Extend timescale", "Extended the review's timescale"),
    ("dhr.recommendation.added", "Add recommendation", "Added a recommendation to the learning"),
    ("dhr.chair.added", "Add chair to register", "Added a chair to the register of accredited chairs"),
    ("dhr.chair.retired", "Retire chair", "Took a chair off the register for new reviews"),
    ("dhr.chair.erased", "Erase chair's details", "Erased a retired chair's details under the retention rule"),
    ("dhr.tender.invited", "Invite tenders", "Invited chairs to tender for the review"),
    ("dhr.tender.appointed", "Appoint chair", "Appointed the review's chair from the tender"),
    ("dhr.parallel.added", "Record parallel process", "Recorded a process running in parallel"),
    ("dhr.parallel.ended", "Record end of parallel process", "Recorded the end of a parallel process"),
    ("dhr.family.contacted", "Log family contact", "Logged a contact with the family"),
    ("dhr.appointment.added", "Appoint to review", "Gave a person access to one review"),
    ("dhr.imr.uploaded", "Upload agency review", "An agency uploaded its individual management review"),
    ("dhr.imr.viewed", "Open agency request", "Opened an agency's request"),
    ("dhr.recommendation.updated", "Update recommendation", "Updated a recommendation's status"),
    ("dhr.report.uploaded", "Upload report version", "Uploaded a version of the overview report or executive summary"),
    ("dhr.report.viewed", "Open report version", "Opened a version of the report"),
    ("dhr.qa.submitted", "Submit to QA panel", "Submitted the report to the Home Office quality assurance panel"),
    ("dhr.qa.letter_recorded", "Record QA letter", "Recorded the quality assurance panel's letter"),
    ("dhr.qa.change_answered", "Answer QA change", "Answered a change the quality assurance panel asked for"),
    ("dhr.qa.approved", "Record QA approval", "Recorded the quality assurance panel's approval"),
    ("dhr.case.erased", "Erase personal data", "Erased the case's personal data under the retention rule"),
]
