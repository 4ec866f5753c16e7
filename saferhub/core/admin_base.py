"""Admin classes that write only through actions.

The Django admin is one more write path, so it must apply the same rules. ``ActionAdmin`` runs the
model's action inside a savepoint during form validation and rolls it back: any rule the action
would refuse becomes a form error on the right field, and nothing is saved. ``save_model`` then
runs the action for real. Deleting is refused unless the model admin names a removal action.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction

from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation


class _DryRun(Exception):
    pass


class ActionAdmin(admin.ModelAdmin):
    """Subclasses implement ``run_action(request, data, obj)`` returning the saved object, where
    ``obj`` is ``None`` when adding; and optionally ``remove_action(request, obj)``."""

    def run_action(self, request, data: dict, obj):  # pragma: no cover - abstract
        raise NotImplementedError

    remove_action = None

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)
        model_admin = self
        original = obj

        class ActionForm(base):
            def clean(self):
                cleaned = super().clean()
                if self.errors:
                    return cleaned
                data = {**cleaned}
                try:
                    with transaction.atomic():
                        model_admin.run_action(request, data, original)
                        raise _DryRun
                except _DryRun:
                    pass
                except RuleViolation as exc:
                    field = exc.field if exc.field in self.fields else None
                    if field:
                        self.add_error(field, exc.text)
                    else:
                        raise ValidationError(exc.text, code=exc.rule_code) from exc
                except ActionPermissionDenied as exc:
                    raise ValidationError(exc.message) from exc
                return cleaned

            def _post_clean(self):
                # The action validates and saves; skip ModelForm's own instance validation, which
                # would otherwise re-check constraints on a half-built instance.
                for name, value in self.cleaned_data.items():
                    if name in self._meta.fields or self._meta.fields == "__all__":
                        try:
                            setattr(self.instance, name, value)
                        except (TypeError, ValueError):
                            pass

        return ActionForm

    def save_model(self, request, obj, form, change):
        saved = self.run_action(request, {**form.cleaned_data}, obj if change else None)
        if saved is not None and not change:
            obj.pk = saved.pk
            obj._state.adding = False
            obj._state.db = saved._state.db

    def save_related(self, request, form, formsets, change):
        # Related objects are written by the action itself.
        return None

    def has_delete_permission(self, request, obj=None):
        return self.remove_action is not None and super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        if self.remove_action is None:
            raise ActionPermissionDenied("This record cannot be deleted here.")
        try:
            self.remove_action(request, obj)
        except RuleViolation as exc:
            messages.error(request, exc.text)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records only the system writes (the audit trail)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
