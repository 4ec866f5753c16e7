from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Committees, their constitutions, meetings, attendance, interests and decisions."""

    name = "saferhub.governance"
    label = "governance"
    verbose_name = "Governance"

    def ready(self) -> None:
        from saferhub.core import audit, pages
        from saferhub.governance import checks, dashboard, policies  # noqa: F401

        pages.register_home_section(dashboard.home_section)
        pages.register_dashboard_section(dashboard.dashboard_section)

        from saferhub.core import notifications
        from saferhub.governance import interests

        pages.register_dashboard_section(interests.dashboard_section)
        notifications.register_kind(
            "governance.interests", label="Register of interests", app="governance", producer=interests.notifications,
            description="Members whose register of interests is due for updating, and interests declared at meetings that are not on the register.",
        )
        notifications.register_kind(
            "governance.own_register", label="Your register of interests", app="governance",
            producer=interests.own_register_notifications, default=notifications.EMAIL_NOW,
            description="For councillors: your register of interests is due for updating (28 days after you take a "
                        "committee place or your interests change), and again if it becomes overdue.",
        )

        from saferhub.core.demo import register_demo_accounts
        from saferhub.governance.demo import create_demo_accounts

        register_demo_accounts(create_demo_accounts)

        audit.register_codes(
            "governance",
            [
                ("governance.committee.created", "Create committee", "Created committee"),
                ("governance.committee.updated", "Change terms of reference", "Changed terms of reference"),
                ("governance.committee.support_officers_set", "Set support officers", "Set the committee's support officers"),
                ("governance.seat_group.added", "Add seat group", "Added seat group"),
                ("governance.seat.added", "Add seat", "Added seat"),
                ("governance.membership.appointed", "Appoint member", "Appointed member"),
                ("governance.membership.ended", "End membership", "Ended membership"),
                ("governance.office.elected", "Elect office holder", "Elected office holder"),
                ("governance.meeting.scheduled", "Schedule meeting", "Scheduled meeting"),
                ("governance.meeting.updated", "Update meeting", "Updated meeting"),
                ("governance.meeting.cancelled", "Cancel meeting", "Cancelled meeting"),
                ("governance.meeting.postponed", "Postpone meeting", "Postponed meeting"),
                ("governance.meeting.chair_recorded", "Record chair", "Recorded who chaired"),
                ("governance.meeting.attendance_finalised", "Confirm attendance", "Confirmed attendance"),
                ("governance.meeting.attendance_reopened", "Reopen attendance", "Reopened attendance"),
                ("governance.meeting.outcome_recorded", "Record meeting outcome", "Recorded meeting outcome"),
                ("governance.meeting.record_published", "Publish meeting record", "Published meeting record"),
                ("governance.attendance.recorded", "Record attendance", "Recorded attendance"),
                ("governance.attendance.removed", "Remove attendance", "Removed attendance"),
                ("governance.agenda_item.added", "Add agenda item", "Added agenda item"),
                ("governance.agenda_item.updated", "Update agenda item", "Updated agenda item"),
                ("governance.agenda.arranged", "Arrange agenda", "Arranged the agenda"),
                ("governance.recommendation.status_set", "Set recommendation status", "Changed a recommendation's status"),
                ("governance.declaration.recorded", "Record declaration", "Recorded declaration of interest"),
                ("governance.declaration.removed", "Remove declaration", "Removed declaration of interest"),
                ("governance.decision.recorded", "Record decision", "Recorded decision"),
                ("governance.decision.removed", "Remove decision", "Removed decision"),
                ("governance.register.entry_added", "Add register entry", "Added register of interests entry"),
                ("governance.register.reviewed", "Review register", "Recorded register of interests brought up to date"),
                ("governance.register.changed", "Record change of interests", "Recorded a change the register must reflect"),
                ("governance.dispensation.granted", "Grant dispensation", "Recorded dispensation"),
                ("governance.party.set", "Set councillor's party", "Recorded a councillor's party"),
                ("governance.monitoring_task.raised", "Raise monitoring officer task", "Raised task for the monitoring officer"),
                ("governance.monitoring_task.closed", "Close monitoring officer task", "Closed monitoring officer task"),
            ],
        )
