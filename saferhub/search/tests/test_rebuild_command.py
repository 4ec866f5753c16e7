"""After the data files are loaded (they do not pass through the importer), one command makes their
records searchable; scripts/run calls it."""

import pytest
from django.core.management import call_command

from saferhub.search.engine import search

pytestmark = pytest.mark.django_db


def test_rebuild_with_records_indexes_the_loaded_meetings():
    call_command("load_committee_data")
    call_command("rebuild_search_index")
    assert search("panel", public_only=False).count == 0
    call_command("rebuild_search_index", "--records")
    assert search("panel", public_only=False).count > 0
