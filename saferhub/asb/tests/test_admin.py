"""The ASB admin writes through the actions: a rule broken is a form error, nothing is saved."""

import pytest

from saferhub.asb.models import AsbSettings
from saferhub.asb.tests import factories as f
from saferhub.core.permissions import Role

pytestmark = pytest.mark.django_db


def test_admin_refuses_threshold_above_three(client):
    f.world()
    admin_user = f.user(Role.ADMINISTRATOR)
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    s = AsbSettings.objects.get()
    url = f"/admin/asb/asbsettings/{s.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data["threshold_count"] = 4
    response = client.post(url, data)
    assert response.status_code == 200
    assert "statutory maximum of 3" in response.content.decode()
    assert AsbSettings.objects.get().threshold_count == 3
    data["threshold_count"] = 2
    response = client.post(url, data)
    assert response.status_code == 302
    assert AsbSettings.objects.get().threshold_count == 2
