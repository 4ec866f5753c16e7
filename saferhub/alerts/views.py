"""The alerts pages: subscribe, check your email, confirm, unsubscribe (page and one-click), manage my alerts,
and the staff "Notification settings" page.

Pages reached from an email link carry a signed token (``tokens``): it is the visitor's permission, so
they need no account. They are never cached (``never_cache``). Confirming and unsubscribing happen on POST:
a GET shows a button, so a mail scanner that follows links changes nothing, except that the unsubscribe
address also takes the one-click POST of RFC 8058 from a mail program, without a CSRF token.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from saferhub.alerts import actions, queries, tokens
from saferhub.alerts.forms import FrequencyForm, ManageLinkForm, StaffPreferencesForm, SubscribeForm
from saferhub.alerts.models import StaffPreference, Subscriber, Subscription, Topic
from saferhub.core import notifications, ratelimit
from saferhub.core.exceptions import RuleViolation

#: (requests, seconds) per client address for the forms that send an email.
DEFAULT_LIMIT = (10, 3600)


def _over_limit(request) -> bool:
    allowed, window = getattr(settings, "ALERTS_RATE_LIMIT", DEFAULT_LIMIT)
    return ratelimit.over_limit(request, "subscribe", allowed=allowed, window=window, prefix="alerts-rate")


def _too_many(request):
    window = getattr(settings, "ALERTS_RATE_LIMIT", DEFAULT_LIMIT)[1]
    response = render(request, "alerts/too_many_requests.html", {"minutes": max(1, window // 60)}, status=429)
    response["Retry-After"] = str(window)
    return response


def _initial(request) -> dict:
    initial = {}
    if request.GET.get("committee"):
        initial["topic"], initial["committee"] = Topic.COMMITTEE, request.GET["committee"][:80]
    if request.GET.get("councillor", "").isdigit():
        initial["topic"], initial["person"] = Topic.COUNCILLOR, request.GET["councillor"][:12]
    if request.GET.get("topic") in Topic.values:
        initial["topic"] = request.GET["topic"]
    return initial


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    committees, councillors = list(queries.public_committees()), list(queries.councillors())
    form = SubscribeForm(request.POST or None, initial=_initial(request), committees=committees,
                         councillors=councillors)
    if request.method == "POST":
        if _over_limit(request):
            return _too_many(request)
        if form.is_valid():
            data = form.cleaned_data
            committee = next((c for c in committees if c.slug == data.get("committee")), None)
            person = next((p for p in councillors if str(p.pk) == data.get("person")), None)
            try:
                actions.subscribe(email=data["email"], topic=data["topic"], frequency=data["frequency"],
                                  committee=committee if data["topic"] in (Topic.COMMITTEE, Topic.WORK_PROGRAMME)
                                  else None,
                                  person=person if data["topic"] == Topic.COUNCILLOR else None,
                                  keyword=data.get("keyword", "") if data["topic"] == Topic.KEYWORD else "",
                                  acting_user=request.user)
            except RuleViolation as exc:
                form.add_rule_violation(exc)
            else:
                request.session["alerts_email"] = data["email"]
                return HttpResponseRedirect(reverse("alerts:check-email"))
    return render(request, "alerts/subscribe.html", {"form": form})


@never_cache
def check_email(request):
    email = request.session.pop("alerts_email", "")
    return render(request, "alerts/check_email.html", {"email": email, "days": settings.ALERTS_CONFIRM_DAYS})


def _load(purpose: str, token: str, model):
    """The record a token names, or the reason it cannot be used: "expired" or "invalid"."""
    try:
        pk, fingerprint = tokens.read(purpose, token)
    except tokens.TokenExpired:
        return None, "expired"
    except tokens.TokenInvalid:
        return None, "invalid"
    if model is Subscriber:
        obj = Subscriber.objects.filter(pk=pk).first()
        owner = obj
    else:
        obj = Subscription.objects.filter(pk=pk).select_related("subscriber", "committee", "person").first()
        owner = obj.subscriber if obj else None
    if obj is None or owner.fingerprint != fingerprint:
        return None, "gone"
    return obj, ""


def _link_problem(request, problem: str, *, status: int = 404):
    return render(request, "alerts/link_problem.html", {"problem": problem, "days": settings.ALERTS_CONFIRM_DAYS},
                  status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    subscription, problem = _load(tokens.CONFIRM, token, Subscription)
    if subscription is None:
        return _link_problem(request, problem, status=410 if problem == "expired" else 404)
    if request.method == "POST" or subscription.confirmed_at is not None:
        if subscription.confirmed_at is None:
            actions.confirm_subscription(subscription, acting_user=request.user)
        from saferhub.alerts.emails import manage_url

        return render(request, "alerts/confirmed.html", {"subscription": subscription,
                                                         "manage_url": manage_url(subscription.subscriber)})
    return render(request, "alerts/confirm.html", {"subscription": subscription})


def _one_click(request) -> bool:
    return request.POST.get("List-Unsubscribe") == "One-Click"


@never_cache
@csrf_exempt  # RFC 8058: the mail program posts "List-Unsubscribe=One-Click" without a CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    subscription, problem = _load(tokens.UNSUBSCRIBE, token, Subscription)
    if subscription is None:
        return render(request, "alerts/unsubscribed.html", {"already": True}, status=200 if problem == "gone" else 404)
    if request.method == "POST":
        description = subscription.description
        actions.unsubscribe(subscription, acting_user=request.user, one_click=_one_click(request))
        return render(request, "alerts/unsubscribed.html", {"description": description})
    return render(request, "alerts/unsubscribe.html", {"description": subscription.description})


@never_cache
@csrf_exempt  # as above
@require_http_methods(["GET", "POST"])
def unsubscribe_all(request, token: str):
    subscriber, problem = _load(tokens.UNSUBSCRIBE_ALL, token, Subscriber)
    if subscriber is None:
        return render(request, "alerts/unsubscribed.html", {"already": True}, status=200 if problem == "gone" else 404)
    if request.method == "POST":
        actions.unsubscribe_all(subscriber, acting_user=request.user, one_click=_one_click(request))
        return render(request, "alerts/unsubscribed.html", {"description": "all your email alerts"})
    return render(request, "alerts/unsubscribe.html", {"description": "all your email alerts", "all": True})


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token: str):
    subscriber, problem = _load(tokens.MANAGE, token, Subscriber)
    if subscriber is None:
        return _link_problem(request, problem if problem != "gone" else "none")
    from saferhub.alerts.emails import unsubscribe_all_url, unsubscribe_url

    subs = list(queries.subscriptions_of(subscriber))
    changed = None
    if request.method == "POST":
        sub = next((s for s in subs if str(s.pk) == request.POST.get("subscription", "")), None)
        form = FrequencyForm(request.POST)
        if sub is None:
            raise Http404
        if form.is_valid():
            actions.change_frequency(sub, frequency=form.cleaned_data["frequency"], acting_user=request.user)
            changed = sub
    rows = [{"subscription": s, "form": FrequencyForm(initial={"frequency": s.frequency}, prefix=f"s{s.pk}"),
             "unsubscribe_url": unsubscribe_url(s)} for s in subs]
    return render(request, "alerts/manage.html", {"rows": rows, "changed": changed,
                                                  "unsubscribe_all_url": unsubscribe_all_url(subscriber)})


@never_cache
@require_http_methods(["GET", "POST"])
def manage_request(request):
    """Ask for a link to manage your alerts (sent only if the address has alerts; the page says the same
    either way, so it does not tell anyone whether an address is subscribed)."""
    form = ManageLinkForm(request.POST or None)
    if request.method == "POST":
        if _over_limit(request):
            return _too_many(request)
        if form.is_valid():
            subscriber = Subscriber.objects.filter(email=form.cleaned_data["email"].strip().lower()).first()
            if subscriber is not None:
                from saferhub.alerts import tasks

                tasks.send_manage_link_task.enqueue(subscriber.pk)
            return render(request, "alerts/manage_sent.html", {})
    return render(request, "alerts/manage_request.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def staff_settings(request):
    current = dict(StaffPreference.objects.filter(user=request.user).values_list("kind", "choice"))
    form = StaffPreferencesForm(request.POST or None, current=current)
    saved = False
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_staff_preferences(request.user, choices=form.cleaned_data, acting_user=request.user)
            saved = True
        except RuleViolation as exc:
            form.add_rule_violation(exc)
    return render(request, "alerts/staff_settings.html", {"form": form, "saved": saved,
                                                          "has_kinds": bool(notifications.kinds()),
                                                          "has_email": bool(request.user.email)})


@never_cache
@csrf_exempt  # RFC 8058 one-click from the mail program
@require_http_methods(["GET", "POST"])
def staff_unsubscribe(request, token: str):
    try:
        pk, fingerprint = tokens.read(tokens.UNSUBSCRIBE, token)
    except (tokens.TokenExpired, tokens.TokenInvalid):
        return _link_problem(request, "invalid")
    user = get_user_model().objects.filter(pk=pk).first()
    if user is None or tokens.user_fingerprint(user) != fingerprint:
        return _link_problem(request, "invalid")
    if request.method == "POST":
        actions.save_staff_preferences(user, choices={k.code: notifications.OFF for k in notifications.kinds()},
                                       acting_user=user)  # the signed link stands for the user
        return render(request, "alerts/unsubscribed.html", {"description": "notification emails", "staff": True})
    return render(request, "alerts/unsubscribe.html", {"description": "all notification emails", "staff": True})
