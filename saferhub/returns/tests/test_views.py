"""Returns' pages: role × page matrix, entry by form, CSV upload (preview, per-row errors, all or
nothing), the dashboard's chart and table, comparison, and the export's formula guard."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role
from saferhub.returns import actions
from saferhub.returns.loader import load_returns
from saferhub.returns.models import Submission
from saferhub.returns.tests.factories import MAY, ROLES, lines_return, user_with

pytestmark = pytest.mark.django_db
ENTERS = {Role.PARTNERSHIP_OFFICER, Role.ADMINISTRATOR}


def signed_in(client, django_user_model, role):
    user = user_with(django_user_model, role)
    client.force_login(user)
    return user


@pytest.mark.parametrize("role", ROLES)
def test_role_page_matrix(client, django_user_model, role):
    load_returns()
    flagged = Submission.objects.get(definition__slug="adder-year-measures")
    submitted = Submission.objects.get(definition__slug="adder-quarterly-home-office")
    if role:
        signed_in(client, django_user_model, role)
    sees = role in ENTERS | {Role.COUNCILLOR}
    pages = {
        "index": (reverse("returns:index"), sees),
        "dashboard": (reverse("returns:dashboard", args=["adder-year-measures"]), sees),
        "export": (reverse("returns:export", args=["adder-year-measures"]), sees),
        "export xlsx": (reverse("returns:export-xlsx", args=["adder-year-measures"]), sees),
        "submitted": (reverse("returns:submission", args=[submitted.pk]), sees),
        "flagged draft": (reverse("returns:submission", args=[flagged.pk]), role in ENTERS),
        "enter": (reverse("returns:enter", args=["adder-year-measures"]), role in ENTERS),
        "upload": (reverse("returns:upload", args=["adder-year-measures"]), role in ENTERS),
    }
    for name, (url, allowed) in pages.items():
        status = client.get(url).status_code
        if role is None:
            assert status == 302, name  # to sign in
        else:
            assert status == (200 if allowed else 404), (name, role)


def test_councillor_dashboard_shows_submitted_figures_only(client, django_user_model):
    load_returns()
    signed_in(client, django_user_model, Role.COUNCILLOR)
    page = client.get(reverse("returns:dashboard", args=["adder-year-measures"])).content.decode()
    assert "No figures you may see yet" in page and "Flagged draft" not in page
    export = client.get(reverse("returns:export", args=["adder-year-measures"])).content.decode()
    assert export.strip().count("\n") == 0  # header only


def test_form_refuses_a_broken_rule_without_reason_and_flags_it_with_one(client, django_user_model):
    definition = lines_return()
    signed_in(client, django_user_model, Role.PARTNERSHIP_OFFICER)
    url = reverse("returns:enter", args=[definition.slug])
    data = {"fig-period_start_day": "1", "fig-period_start_month": "5", "fig-period_start_year": "2022",
            "fig-period_end_day": "31", "fig-period_end_month": "5", "fig-period_end_year": "2022",
            "fig-geography": "Norfolk", "fig-f_total": "35", "fig-f_tier1": "12", "fig-f_tier2": "30"}
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error:" in page and "Tiers add up to the total" in page and "12 + 30 = 42" in page
    assert not Submission.objects.exists()
    response = client.post(url, {**data, "fig-flag_reason": "Police figures as received"})
    sub = Submission.objects.get()
    assert response.status_code == 302 and sub.status == "flagged"
    page = client.get(reverse("returns:submission", args=[sub.pk])).content.decode()
    assert "Police figures as received" in page and "Submit and lock" not in page
    response = client.post(url, {**data, "fig-f_total": "forty"})
    assert "enter a number" in response.content.decode()


def _csv(*rows):
    return "period_start,period_end,geography,flag_reason,total,tier1,tier2\n" + "\n".join(rows) + "\n"


def test_csv_upload_previews_then_saves_all_rows(client, django_user_model):
    definition = lines_return()
    signed_in(client, django_user_model, Role.PARTNERSHIP_OFFICER)
    url = reverse("returns:upload", args=[definition.slug])
    text = _csv("2022-05-01,2022-05-31,Norfolk,,42,12,30", "2022-06-01,2022-06-30,Norfolk,as published,35,12,30")
    preview = client.post(url, {"file": SimpleUploadedFile("r.csv", text.encode())}).content.decode()
    assert "Ready" in preview and "Flagged draft" in preview and "Save all 2 rows" in preview
    assert not Submission.objects.exists()
    response = client.post(url, {"csv_text": text, "confirm": "1"})
    assert response.status_code == 302
    assert sorted(Submission.objects.values_list("status", flat=True)) == ["draft", "flagged"]


def test_csv_upload_with_a_bad_row_saves_nothing(client, django_user_model):
    definition = lines_return()
    signed_in(client, django_user_model, Role.PARTNERSHIP_OFFICER)
    url = reverse("returns:upload", args=[definition.slug])
    text = _csv("2022-05-01,2022-05-31,Norfolk,,42,12,30", "2022-06-02,2022-06-30,Mars,,35,12,x")
    page = client.post(url, {"file": SimpleUploadedFile("r.csv", text.encode())}).content.decode()
    assert "<title>Error:" in page and "one calendar month" in page and "covers Norfolk, Norwich" in page
    assert "Save all" not in page
    # a forged confirmation of the same file is refused too
    client.post(url, {"csv_text": text, "confirm": "1"})
    assert not Submission.objects.exists()
    page = client.post(url, {"file": SimpleUploadedFile("r.csv", b"a,b\n1,2\n")}).content.decode()
    assert "no column &#x27;period_start&#x27;" in page or "no column 'period_start'" in page


def test_dashboard_chart_table_comparison_and_export_guard(client, django_user_model):
    definition = lines_return()
    a = actions.save_submission(acting_user=SYSTEM, definition=definition,
                                values={"total": 42, "tier1": 12, "tier2": 30, "notes": "=HYPERLINK(1)"}, **MAY)
    b = actions.save_submission(acting_user=SYSTEM, definition=definition,
                                values={"total": 29, "tier1": 8, "tier2": 21},
                                period_start=MAY["period_start"].replace(month=6),
                                period_end=MAY["period_end"].replace(month=6, day=30), geography="Norfolk")
    signed_in(client, django_user_model, Role.PARTNERSHIP_OFFICER)
    url = reverse("returns:dashboard", args=[definition.slug])
    page = client.get(url, {"a": a.pk, "b": b.pk}).content.decode()
    assert page.count("<svg") == 3 and 'role="img"' in page and "<script" not in page[page.index("<svg"):page.rindex("</svg>")]
    assert "Total lines" in page and ">-13<" in page  # the change from May to June
    assert client.get(url, {"a": "99999999999999999999", "b": "-1"}).status_code == 200
    rows = list(csv.reader(io.StringIO(client.get(reverse("returns:export", args=[definition.slug]))
                                       .content.decode())))
    assert ["lines", "2022-05-01", "2022-05-31", "Norfolk", "draft", "notes", "", "", "'=HYPERLINK(1)", ""] in rows


def test_a_draft_is_submitted_from_its_page(client, django_user_model):
    definition = lines_return()
    sub = actions.save_submission(acting_user=SYSTEM, definition=definition, values={"total": 1}, **MAY)
    signed_in(client, django_user_model, Role.PARTNERSHIP_OFFICER)
    client.post(reverse("returns:submit", args=[sub.pk]))
    sub.refresh_from_db()
    assert sub.status == "submitted"


def test_dashboard_section_counts_flagged_drafts_for_officers_only(client, django_user_model):
    load_returns()
    signed_in(client, django_user_model, Role.PARTNERSHIP_OFFICER)
    assert "2 flagged drafts" in client.get(reverse("core:dashboard")).content.decode()
    client.force_login(user_with(django_user_model, Role.COUNCILLOR))
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "The Partnership&#x27;s data returns" in page or "The Partnership's data returns" in page
    assert "flagged draft" not in page


def test_dashboard_queries_do_not_grow_with_submissions(client, django_user_model):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    definition = lines_return()
    signed_in(client, django_user_model, Role.PARTNERSHIP_OFFICER)
    url = reverse("returns:dashboard", args=[definition.slug])

    def add(month):
        start = dt.date(2022, month, 1)
        end = (start.replace(month=month + 1) if month < 12 else dt.date(2023, 1, 1)) - dt.timedelta(days=1)
        actions.save_submission(acting_user=SYSTEM, definition=definition, period_start=start, period_end=end,
                                geography="Norfolk", values={"total": month, "tier1": month})

    add(1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for month in range(2, 13):
        add(month)
    with CaptureQueriesContext(connection) as twelve:
        assert client.get(url).status_code == 200
    assert len(twelve) == len(one)


def test_xlsx_export_has_the_rows_and_the_formula_guard(client, django_user_model):
    from openpyxl import load_workbook

    definition = lines_return()
    actions.save_submission(acting_user=SYSTEM, definition=definition, values={"total": 3, "notes": "@SUM(A1)"}, **MAY)
    signed_in(client, django_user_model, Role.PARTNERSHIP_OFFICER)
    response = client.get(reverse("returns:export-xlsx", args=[definition.slug]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][0] == "return" and ["lines", "2022-05-01", "2022-05-31", "Norfolk", "draft", "notes", None, None,
                                       "'@SUM(A1)", None] in rows
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)
