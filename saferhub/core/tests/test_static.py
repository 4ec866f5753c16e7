"""Production static files: collectstatic with the manifest storage must resolve every url() in
the built stylesheets, or a deployment fails at its first step."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings


def test_collectstatic_with_the_production_manifest_storage(tmp_path):
    if not (Path(settings.BASE_DIR) / "saferhub" / "static" / "dist" / "saferhub.css").exists():
        pytest.fail("Build the front-end assets first (scripts/bootstrap runs npm run build).")
    storages = {**settings.STORAGES,
                "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "dist/saferhub.css" in manifest
    css = next(tmp_path.glob("dist/saferhub.*.css")).read_text()
    assert "govuk-crest." in css  # the reference was rewritten to the hashed name, so it resolved
