from django.apps import AppConfig


class GroupsConfig(AppConfig):
    """The Partnership's boards, delivery groups and task and finish groups."""

    name = "saferhub.groups"
    label = "groups"
    verbose_name = "Partnership groups"

    def ready(self) -> None:
        from saferhub.core import audit
        from saferhub.core.demo import register_demo_accounts
        from saferhub.groups import notifications, policies  # noqa: F401
        from saferhub.groups.demo import create_demo_accounts

        register_demo_accounts(create_demo_accounts)
        from saferhub.groups import agenda_reports  # noqa: F401, I001  (registers the progress reports for papers' agendas)
        notifications.register()  # staff email: Terms of Reference reviews due

        audit.register_codes(
            "groups",
            [
                ("groups.body.registered", "Register body", "Registered body"),
                ("groups.body.updated", "Update body", "Updated the body's register entry"),
                ("groups.tor.version_added", "Add Terms of Reference version", "Added a Terms of Reference version"),
                ("groups.tor.amendment_proposed", "Propose Terms of Reference amendment",
                 "Proposed a Terms of Reference amendment"),
                ("groups.tor.amendment_agreed", "Record Terms of Reference amendment agreed",
                 "Recorded a Terms of Reference amendment as agreed"),
                ("groups.tor.amendment_withdrawn", "Withdraw Terms of Reference amendment",
                 "Withdrew a Terms of Reference amendment"),
                ("groups.tor.review_task_created", "Make Terms of Reference review task",
                 "Made the secretariat's task to review the Terms of Reference"),
                ("groups.tor.review_task_moved", "Move Terms of Reference review task",
                 "Moved the Terms of Reference review task to the new review date"),
                ("groups.tor.review_task_done", "Close Terms of Reference review task",
                 "Closed the Terms of Reference review task: a new version is in force"),
                ("groups.tor.reviewed_no_change", "Record Terms of Reference reviewed, no change",
                 "Recorded the Terms of Reference as reviewed with no change, and the next review date"),
                ("groups.member.added", "Add member", "Added member"),
                ("groups.member.ended", "End membership", "Ended membership"),
                ("groups.chair.elected", "Elect chair", "Elected chair"),
                ("groups.meeting.scheduled", "Schedule group meeting", "Scheduled group meeting and its timeline"),
                ("groups.task.completed", "Complete secretariat task", "Completed secretariat task"),
                ("groups.action.added", "Add action", "Added action"),
                ("groups.action.updated", "Update action", "Updated action"),
                ("groups.actions.carried_forward", "Carry actions forward", "Carried open actions forward"),
                ("groups.report.created", "Write progress report", "Wrote quarterly progress report"),
            ],
        )
