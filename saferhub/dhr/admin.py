"""The review settings in the admin (through the actions); review teams are partnership
memberships in the ``dhr_team`` role, kept in the core admin (Partnership memberships). Cases are not in the admin: they
are confidential to the partnership's review team and are worked on the review pages."""

from django.contrib import admin

from saferhub.core.admin_base import ActionAdmin
from saferhub.dhr import actions
from saferhub.dhr.actions.team import SETTING_FIELDS
from saferhub.dhr.models import DhrSettings


@admin.register(DhrSettings)
class DhrSettingsAdmin(ActionAdmin):
    list_display = ["partnership", "review_name", "decision_months", "review_months", "retention_years"]
    fields = ["partnership", *SETTING_FIELDS]

    def get_readonly_fields(self, request, obj=None):
        return ["partnership"] if obj else []

    def run_action(self, request, data, obj):
        partnership = obj.partnership if obj else data["partnership"]
        return actions.save_settings(partnership=partnership, acting_user=request.user,
                                     **{k: data[k] for k in SETTING_FIELDS if k in data})
