"""The JSON API (django-ninja) at /api/v1/, with its OpenAPI description at /api/v1/openapi.json."""

from __future__ import annotations

from http import HTTPStatus

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from saferhub.asb.api import router as asb_router
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.problems import MEANINGS, PROBLEM_MEDIA_TYPE, Problem
from saferhub.delivery.api import router as delivery_router
from saferhub.dhr.api import router as dhr_router
from saferhub.governance.api import router as governance_router
from saferhub.groups.api import router as groups_router
from saferhub.returns.api import router as returns_router
from saferhub.returns.api_tensions import router as tensions_router
from saferhub.search.api import router as search_router


class SaferHubAPI(NinjaAPI):
    """The API, whose OpenAPI document declares the errors the handlers below give: 422 wherever
    there is a parameter or a body (a value out of range, a broken rule), 401 wherever a token or
    session is required, 404 wherever a path names a record, and every 4xx answer as problem+json."""

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        ref = {"$ref": "#/components/schemas/Problem"}
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = Problem.model_json_schema()
        for path, operations in schema.get("paths", {}).items():
            for operation in operations.values():
                # ninja keys the statuses by number, openapi_extra by string: one key per status.
                responses = {str(status): answer for status, answer in operation.get("responses", {}).items()}
                operation["responses"] = responses
                wanted = set()
                if operation.get("parameters") or operation.get("requestBody"):
                    wanted.add(422)
                if operation.get("requestBody"):
                    wanted.add(400)  # a body that is not JSON
                if operation.get("security"):
                    wanted.add(401)
                if "{" in path:
                    wanted.add(404)
                for status in wanted:
                    responses.setdefault(str(status), {"description": MEANINGS[status]})
                for status, answer in responses.items():
                    if 400 <= int(status) < 500:
                        if answer.get("description", "") in ("", HTTPStatus(int(status)).phrase):
                            answer["description"] = MEANINGS.get(int(status), HTTPStatus(int(status)).phrase)
                        answer["content"] = {PROBLEM_MEDIA_TYPE: {"schema": ref}}
        return schema


api = SaferHubAPI(
    title="SaferHub API",
    version="1",
    description=(
        "Committees, meetings, attendance and decisions of Community Safety Partnership scrutiny bodies. "
        "Reads are public and show only what is published; writes need a bearer token or a signed-in session. "
        "A write that breaks a rule is answered 422 with the rule's message in `detail` and its code in `rule`."
    ),
    urls_namespace="api",
    docs_url=None,
)


def problem(request, status: int, title: str, detail: str, **extra):
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = "application/problem+json"
    return response


@api.exception_handler(RuleViolation)
def rule_violation(request, exc: RuleViolation):
    return problem(request, 422, "Rule broken", exc.text, rule=exc.rule_code, field=exc.field)


@api.exception_handler(ActionPermissionDenied)
def permission_denied(request, exc: ActionPermissionDenied):
    return problem(request, 403, "Forbidden", exc.message)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return problem(request, 401, "Unauthorised", "Sign in, or send a valid bearer token.")


@api.exception_handler(ValidationError)
def invalid_input(request, exc: ValidationError):
    return problem(request, 422, "Invalid request", "The request does not match the schema.", errors=exc.errors)


@api.exception_handler(Http404)
def not_found(request, exc):
    return problem(request, 404, "Not found", "No such record.")


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return problem(request, exc.status_code, "Error", str(exc))


api.add_router("/", governance_router)
api.add_router("/", search_router)
api.add_router("/asb/", asb_router)
api.add_router("/", delivery_router)
api.add_router("/", groups_router)
api.add_router("/returns/", tensions_router)  # before returns' /{slug} paths, which would take "tensions"
api.add_router("/returns/", returns_router)
api.add_router("/dhr/", dhr_router)
