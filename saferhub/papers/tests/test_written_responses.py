"""The written questions' responses that load_papers_data loads are the Partnership's responses as
published (seed 002:271-310), word for word, attributed to who the document says answered them."""

import datetime as dt
import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings

from saferhub.governance.loader import load_committee_data, read_data_file
from saferhub.papers.loader import load_file
from saferhub.papers.models import WrittenQuestion

pytestmark = pytest.mark.django_db
SEED = Path("/work/shared/seeds/002_b6fab41057f40705.txt")
if not SEED.exists():
    SEED = Path(__file__).resolve().parents[4] / "shared" / "seeds" / "002_b6fab41057f40705.txt"

# Read by hand from the seed: question 2 (002:276) and question 5 (002:305), after
# "Response from the Partnership:".
Q2 = ("Norfolk & Suffolk have a joint Integrated Offender Management (IOM) function. Throughout the region, the "
      "provision and structure of IOM varies greatly. Some forces have functions sitting within intelligence, or "
      "neighbourhood policing, some incorporate their Public Protection Unit (PPU) into IOM and some also include DA "
      "offenders. In Norfolk and Suffolk, the IOM function has retained a degree of separation.")
Q5_START = ("The gaps in support have been outlined in the strategy Norfolk Domestic Abuse Partnership Board (NDAPB) "
            "mentioned above. For example, we know at present that not all refuges provide the same level of support")
Q5_END = ("we have provided 3 grants to providers and supported by districts (one in Norwich is also to lease safe "
          "accommodation), to directly respond to this gap and this will be piloted for one year ending March 2023.")


def _published(line_number: int) -> str:
    """The response printed on one seed line, markup removed and spaces squeezed."""
    line = SEED.read_text(encoding="utf-8").splitlines()[line_number - 1]
    answer = line.split("Response from the Partnership:", 1)[1]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", answer)).split())


@pytest.fixture
def loaded():
    load_committee_data(read_data_file(settings.SAFERHUB_DEFAULT_DATA))
    load_file()
    return {q.number: q for q in WrittenQuestion.objects.filter(meeting__date=dt.date(2022, 2, 24))}


def test_the_responses_are_the_published_text_not_summaries(loaded):
    if not SEED.exists():
        pytest.skip("The seed documents are not available.")
    assert loaded[2].response == Q2 == _published(276)
    assert loaded[5].response == _published(305)
    assert loaded[5].response.startswith(Q5_START) and loaded[5].response.endswith(Q5_END)
    assert loaded[6].response.startswith("In Norfolk, 22,072 domestic abuse-related incidents and crimes were recorded "
                                         "in the year ending March 2021 (source).")
    assert not any(q.response.startswith("Summary") for q in loaded.values())
    # Question 3 ends by pointing to question 1, as printed (002:279).
    assert loaded[3].response.endswith("For response relating to accommodation support, please see response to "
                                       "question one.")


def test_each_response_is_attributed_to_who_answered_it(loaded):
    # Every response is printed under "Response from the Partnership:" (002:273-306).
    assert {q.response_from.short_name for q in loaded.values()} == {"NCCSP"}
    assert all(q.responded_on == dt.date(2022, 6, 9) for q in loaded.values())
