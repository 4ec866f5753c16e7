"""Administrators' sign-in tools in the admin: failed sign-ins with an unlock action, and each person's
second factor with a reset action (a lost phone). Both lists are open to administrators only; they change
nothing except through ``saferhub.core.signin.actions``."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.contrib import admin, messages
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from saferhub.core.admin_base import ReadOnlyAdmin
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.permissions import is_administrator
from saferhub.core.signin import actions


class AdministratorsOnly(ReadOnlyAdmin):
    def has_module_permission(self, request):
        return is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)


@admin.register(AccessAttempt)
class AccessAttemptAdmin(AdministratorsOnly):
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time", "path_info"]
    search_fields = ["username", "ip_address"]
    fields = ["username", "ip_address", "user_agent", "path_info", "failures_since_start", "attempt_time"]
    actions = ["unlock"]

    @admin.action(description="Unlock sign-in for the selected accounts and addresses")
    def unlock(self, request, queryset):
        pairs = set(queryset.values_list("username", "ip_address"))
        removed = 0
        try:
            for username, ip_address in pairs:
                removed += actions.unlock_sign_in(acting_user=request.user, username=username or None,
                                                  ip_address=ip_address or None)
        except (ActionPermissionDenied, RuleViolation) as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(request, f"Unlocked: {removed} failed sign-in record{'s' if removed != 1 else ''} removed.")


for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(AdministratorsOnly):
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at", "throttling_failure_count"]
    actions = ["reset"]

    @admin.action(description="Reset security codes: the person sets up a new authenticator app")
    def reset(self, request, queryset):
        users = {device.user for device in queryset.select_related("user")}
        try:
            for user in users:
                actions.reset_second_factor(user, acting_user=request.user)
        except ActionPermissionDenied as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(request, f"Security codes reset for {len(users)} account{'s' if len(users) != 1 else ''}.")
