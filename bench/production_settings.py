"""Settings for the load test's server: the production settings (SAFERHUB_ENV=production, DEBUG
off, WhiteNoise, the public page cache), except the static files storage.

``collectstatic`` with the production manifest storage currently fails here: the built CSS refers to
/static/govuk/assets/images/govuk-crest.svg, which the asset build does not copy (reported; not part
of this benchmark). The load test requests HTML pages only, so plain static storage changes nothing
it measures.
"""

import os

from saferhub.settings import *  # noqa: F403
from saferhub.settings import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

# The soak (bench/soak.py) has the task worker write its emails to files: EMAIL_BACKEND=…filebased… and
# EMAIL_FILE_PATH from the environment (the production settings read the backend, not a file path).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH") or None
