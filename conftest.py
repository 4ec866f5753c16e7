"""Test settings shared by every test: a test environment and Playwright's event loop allowance."""

import os

os.environ.setdefault("SAFERHUB_ENV", "test")
# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run there
# unless told it is safe (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
