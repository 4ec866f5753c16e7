"""Recovery codes were stored as typed; store a keyed hash instead (see core.signin.actions
.recovery_code_hashes, whose rule this migration repeats so that it never changes with the code)."""

from django.conf import settings
from django.db import migrations
from django.utils.crypto import salted_hmac

HEX = set("0123456789abcdef")


def hash_codes(apps, schema_editor):
    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.all().iterator():
        if len(token.token) == 16 and set(token.token) <= HEX:
            continue  # already a hash
        code = "".join(token.token.split()).replace("-", "").lower()
        token.token = salted_hmac("saferhub.recovery-code", code, secret=settings.SECRET_KEY,
                                  algorithm="sha256").hexdigest()[:16]
        token.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_audit_append_only"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(hash_codes, migrations.RunPython.noop)]
