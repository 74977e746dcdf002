"""The REST API under /api/v1/ (django-ninja): thin handlers over the apps' services
and selectors, the same ones the pages call, with the same permission table.

Auth is ``Authorization: Bearer <token>`` only (no session cookie, so no CSRF token);
a token acts for its user in its organisation, with the user's current role, and a
read token never writes. Every call is rate-limited per token and written to the audit
log; an export also writes the export event the download pages write. Every error is
an RFC 9457 problem (:mod:`tandem.web.api.problems`).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.urls import URLPattern, URLResolver
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Query, Schema, Status, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer
from pydantic import Field

from tandem.analysis.compare import WaveComparison
from tandem.context import ContextError
from tandem.contract import codec
from tandem.contract.result import ResultFormatError
from tandem.contract.schema import generate as result_schema
from tandem.report.exports import write_aggregated_csv
from tandem.report.research import FORMATS
from tandem.report.sav import anonymised_sav
from tandem.report.workbook import render_workbook
from tandem.responses import ResponseDataError
from tandem.web.actions import selectors as action_selectors
from tandem.web.actions import services as action_services
from tandem.web.actions.models import Action as PlanAction
from tandem.web.api import schemas, services
from tandem.web.api.models import ApiToken
from tandem.web.api.problems import (
    PROBLEM_SCHEMA,
    PROBLEM_TYPE,
    Problem,
    from_problem,
    problem_response,
)
from tandem.web.api.selectors import token_for_secret
from tandem.web.governance.models import AuditAction
from tandem.web.governance.services import audit_record
from tandem.web.mirror import selectors as mirror_selectors
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action, role_may
from tandem.web.organisations.selectors import member_with_email
from tandem.web.organisations.signals import record_export
from tandem.web.ratelimit import client_address, count_failure, reached
from tandem.web.research import services as research_services
from tandem.web.research.access import may_export_pool
from tandem.web.research.models import Pool, PoolStatus
from tandem.web.research.selectors.pool import pool_content, pool_get, pools_of
from tandem.web.research.tasks import build_pool
from tandem.web.results.selectors import (
    research_export,
    scan_comparison,
    scan_purged,
    scan_responses,
    shown_result,
)
from tandem.web.scans import selectors as scan_selectors
from tandem.web.scans import services as scan_services
from tandem.web.scans.models import Scan, ScanStatus

logger = logging.getLogger(__name__)

MAX_ID = 2**63 - 1
PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


# ---------------------------------------------------------------- auth


@dataclass(frozen=True, slots=True)
class Caller:
    token: ApiToken
    membership: Membership

    def may(self, action: Action, *, write: bool = False) -> None:
        """Refuse (403) what the member's role or a read token may not do."""
        if write and not self.token.write:
            raise Problem(403, "Forbidden", "This token may only read.")
        if not role_may(self.membership.role, action):
            raise Problem(403, "Forbidden", "Your role in the organisation does not allow this.")


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest) -> Caller | None:
        address_key = f"api-auth-fail:{client_address(request)}"
        if reached(address_key, settings.TANDEM_API_AUTH_MAX_FAILURES):
            raise Problem(429, "Too Many Requests", "Too many calls with a wrong token.",
                          {"Retry-After": str(settings.TANDEM_API_AUTH_WINDOW_SECONDS)})
        caller = super().__call__(request)
        if caller is None:
            count_failure(address_key, settings.TANDEM_API_AUTH_WINDOW_SECONDS)
        return caller

    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        found = token_for_secret(secret=token)
        if found is None:
            return None
        api_token, membership = found
        calls_key = f"api-calls:{api_token.pk}"
        if reached(calls_key, settings.TANDEM_API_RATE_LIMIT):
            raise Problem(429, "Too Many Requests", "The token's rate limit is reached.",
                          {"Retry-After": str(settings.TANDEM_API_RATE_WINDOW_SECONDS)})
        count_failure(calls_key, settings.TANDEM_API_RATE_WINDOW_SECONDS)
        request.user = membership.user  # for the export audit (no session is used)
        services.token_used(token=api_token)
        audit_record(action=AuditAction.API, actor=membership.user,
                     organisation_id=membership.organisation_id, object_type="apitoken",
                     object_id=api_token.prefix,
                     detail=f"{request.method} {request.path}")
        return Caller(api_token, membership)


class TandemAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Ninja's document plus the result contract, the problem type of every error
        and the Bearer scheme."""
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {})
        named = components.setdefault("schemas", {})
        named["Problem"] = PROBLEM_SCHEMA
        for name, body in _contract_schemas().items():
            assert name not in named or named[name] == body, f"schema name clash: {name}"
            named[name] = body
        problem = {"description": "Problem details (RFC 9457)", "content": {
            PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                # Ninja keys its own responses by int, openapi_extra's by str: one key
                # each in the JSON (a duplicate key breaks Swagger UI's parser).
                given = operation.get("responses", {})
                responses = {str(code): body for code, body in given.items()
                             if not isinstance(code, str)}
                responses |= {code: body for code, body in given.items()
                              if isinstance(code, str)}
                operation["responses"] = responses
                codes = ["400", "401", "403", "404", "405", "409", "410", "422", "429"]
                for code in codes:
                    responses.setdefault(code, problem)
                if path.endswith("/result"):
                    responses["200"] = {"description": "The result contract (result-2)",
                                        "content": {"application/json": {"schema": {
                                            "$ref": "#/components/schemas/Result"}}}}
        return schema


def _rewrite_refs(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: (v.replace("#/$defs/", "#/components/schemas/") if k == "$ref"
                    and isinstance(v, str) else _rewrite_refs(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_rewrite_refs(v) for v in node]
    return node


def _contract_schemas() -> dict[str, Any]:
    """The contract's own JSON Schemas (Result and WaveComparison), their $defs hoisted
    into the OpenAPI components: the API documents exactly what it serialises."""
    out: dict[str, Any] = {}
    for name, body in (("Result", result_schema()),
                       ("WaveComparison", codec.json_schema(WaveComparison, "serialization"))):
        body = dict(body)
        for defname, definition in body.pop("$defs", {}).items():
            out[defname] = _rewrite_refs(definition)
        body.pop("$schema", None)
        body.pop("$id", None)
        out[name] = _rewrite_refs(body)
    return out


api = TandemAPI(
    title="Tandem API", version="1", urls_namespace="api", auth=TokenAuth(),
    description="The REST API of Tandem: see docs/api.md. Every error is "
                "application/problem+json (RFC 9457).",
    # No deep links: Swagger UI would put a link inside each operation's button (nested
    # controls, too small to hit; WCAG 2.2 AA). Our page: templates/ninja/swagger.html.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False,
                           "deepLinking": False}),
    docs_url="/docs", openapi_url="/openapi.json",
)


# ---------------------------------------------------------------- errors


@api.exception_handler(Problem)
def _problem(request: HttpRequest, exc: Problem) -> HttpResponse:
    return from_problem(exc)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(404, "Not Found")


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(403, "Forbidden")


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(401, "Unauthorized",
                            "Send an active API token: Authorization: Bearer <token>.",
                            {"WWW-Authenticate": 'Bearer realm="tandem"'})


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors]
    return problem_response(422, "Unprocessable Content", "The request does not validate.",
                            errors=errors)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem_response(exc.status_code, str(exc) or "Error")


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API call %s %s failed", request.method, request.path)
    return problem_response(500, "Internal Server Error")


@csrf_exempt  # the API uses no cookie: CSRF cannot apply, and a 404 changes nothing
def unknown_path(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return problem_response(404, "Not Found", "No such API path.")


View = Callable[..., HttpResponseBase]


def _as_problem(view: View) -> View:
    """Ninja answers a wrong method with a plain 405 (and its root with a 404 page);
    make every error a problem too."""
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return problem_response(404, "Not Found")
        if response.status_code >= 400 and response.get("Content-Type") != PROBLEM_TYPE:
            headers = {"Allow": response["Allow"]} if response.has_header("Allow") else {}
            return problem_response(response.status_code,
                                    getattr(response, "reason_phrase", "Error"), headers=headers)
        return response

    return csrf_exempt(wrapped)  # Bearer only, no cookie: CSRF cannot apply


def urls() -> list[URLPattern | URLResolver]:
    patterns, _app, _namespace = api.urls
    resolver_patterns: list[URLPattern | URLResolver] = list(patterns)
    for pattern in resolver_patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _as_problem(pattern.callback)
    return resolver_patterns


# ---------------------------------------------------------------- helpers


def _caller(request: HttpRequest) -> Caller:
    caller = request.auth  # type: ignore[attr-defined]
    assert isinstance(caller, Caller)
    return caller


def _id(value: int) -> int:
    if not 0 < value <= MAX_ID:
        raise Http404("no such id")
    return value


def _scan(caller: Caller, scan_id: int) -> Scan:
    return scan_selectors.scan_get(organisation=caller.membership.organisation,
                                   scan_id=_id(scan_id))


def _closed(caller: Caller, scan_id: int) -> Scan:
    scan = _scan(caller, scan_id)
    if scan.status != ScanStatus.CLOSED:
        raise Problem(409, "Conflict", "Results exist once the scan is closed.")
    if scan.is_pulse:
        raise Problem(409, "Conflict", "A follow-up pulse has no full result; see its "
                      "pulse page in the action plan.")
    return scan


class PageIn(Schema):
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


def _page[M](request: HttpRequest, rows: QuerySet[Any], paging: PageIn,
          out: Callable[[Any], M]) -> dict[str, Any]:
    count = rows.count()
    start = (paging.page - 1) * paging.page_size
    items = [out(row) for row in rows[start:start + paging.page_size]]
    following = None
    if start + paging.page_size < count:
        following = request.build_absolute_uri(
            f"{request.path}?page={paging.page + 1}&page_size={paging.page_size}")
    return {"count": count, "next": following, "items": items}


def _scan_out(scan: Scan) -> schemas.ScanOut:
    return schemas.ScanOut.model_validate(scan, from_attributes=True)


def _action_out(action: PlanAction) -> schemas.ActionOut:
    return schemas.ActionOut.model_validate(action, from_attributes=True).model_copy(
        update={"owner_name": action.owner_person,
                "owner_email": action.owner.email if action.owner is not None else None})


def _stream(content: bytes, content_type: str, filename: str) -> StreamingHttpResponse:
    def chunks() -> Iterator[bytes]:
        for start in range(0, len(content), 64 * 1024):
            yield content[start:start + 64 * 1024]

    response = StreamingHttpResponse(chunks(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


_FAILED = (ResponseDataError, ContextError, ResultFormatError)


# ---------------------------------------------------------------- organisation


@api.get("/organisation", response=schemas.OrganisationOut, tags=["organisation"])
def organisation(request: HttpRequest) -> dict[str, Any]:
    """The token's organisation and the caller's role in it."""
    caller = _caller(request)
    caller.may(Action.VIEW_ORGANISATION)
    org = caller.membership.organisation
    return {"id": org.pk, "slug": org.slug, "name": org.name, "created_at": org.created_at,
            "retention_months": org.retention_months, "role": caller.membership.role,
            "write": caller.token.write, "context": org.context_dict()}


# ---------------------------------------------------------------- scans


@api.get("/scans", response=schemas.ScanPage, tags=["scans"])
def scans(request: HttpRequest, paging: Query[PageIn]) -> dict[str, Any]:
    """The organisation's scans, newest first."""
    caller = _caller(request)
    caller.may(Action.VIEW_ORGANISATION)
    rows = scan_selectors.scans_of(organisation=caller.membership.organisation)
    return _page(request, rows, paging, _scan_out)


@api.post("/scans", response={201: schemas.ScanOut}, tags=["scans"])
def scan_create(request: HttpRequest, body: schemas.ScanIn) -> Status[Any]:
    caller = _caller(request)
    caller.may(Action.MANAGE_SCANS, write=True)
    try:
        scan = scan_services.scan_create(organisation=caller.membership.organisation,
                                         **body.model_dump())
    except scan_services.ScanRuleError as exc:
        raise Problem(422, "Unprocessable Content", str(exc)) from exc
    return Status(201, _scan_out(scan))


@api.get("/scans/{int:scan_id}", response=schemas.ScanOut, tags=["scans"])
def scan_detail(request: HttpRequest, scan_id: int) -> schemas.ScanOut:
    caller = _caller(request)
    caller.may(Action.VIEW_ORGANISATION)
    return _scan_out(_scan(caller, scan_id))


def _transition(request: HttpRequest, scan_id: int,
                change: Callable[..., Scan]) -> schemas.ScanOut:
    caller = _caller(request)
    caller.may(Action.MANAGE_SCANS, write=True)
    scan = _scan(caller, scan_id)
    try:
        scan = change(scan=scan, actor=caller.membership.user)
    except scan_services.ScanRuleError as exc:
        raise Problem(409, "Conflict", str(exc)) from exc
    return _scan_out(scan)


@api.post("/scans/{int:scan_id}/open", response=schemas.ScanOut, tags=["scans"])
def scan_open(request: HttpRequest, scan_id: int) -> schemas.ScanOut:
    """Open a draft scan (as the Open button on the scan page)."""
    return _transition(request, scan_id, scan_services.scan_open)


@api.post("/scans/{int:scan_id}/close", response=schemas.ScanOut, tags=["scans"])
def scan_close(request: HttpRequest, scan_id: int) -> schemas.ScanOut:
    """Close an open scan: its results appear."""
    return _transition(request, scan_id, scan_services.scan_close)


@api.post("/scans/{int:scan_id}/invitations", response={201: schemas.InvitationsOut},
          tags=["scans"])
def invitations_create(request: HttpRequest, scan_id: int,
                       body: schemas.InvitationsIn) -> Status[Any]:
    """Invite people in bulk (e-mail and department code or name); addresses already
    invited are left alone. Sending the e-mails stays on the scan page."""
    caller = _caller(request)
    caller.may(Action.MANAGE_SCANS, write=True)
    scan = _scan(caller, scan_id)
    text = "\n".join(f"{i.email.replace(',', ' ')},{i.department.replace(',', ' ')}"
                     for i in body.invitations)
    try:
        entries = scan_services.invitation_parse_list(scan=scan, text=text)
        created = scan_services.invitation_bulk_create(scan=scan, entries=entries)
    except scan_services.InvitationListError as exc:
        raise Problem(422, "Unprocessable Content", "Some invitations are wrong.",
                      errors=[str(p) for p in exc.problems]) from exc
    except scan_services.ScanRuleError as exc:
        raise Problem(409, "Conflict", str(exc)) from exc
    return Status(201, {"created": created.created,
                        "already_invited": created.already_invited})


# ---------------------------------------------------------------- results


@api.get("/scans/{int:scan_id}/result", tags=["results"])
def scan_result(request: HttpRequest, scan_id: int) -> HttpResponse:
    """The result of a closed scan: the result contract (``tandem score --format json``),
    exactly the pooled, suppressed result the results page shows."""
    caller = _caller(request)
    caller.may(Action.VIEW_RESULTS)
    scan = _closed(caller, scan_id)
    try:
        text = shown_result(scan=scan).to_json(indent=None)
    except _FAILED as exc:
        raise Problem(500, "Internal Server Error", "The result could not be computed.") from exc
    return HttpResponse(text, content_type="application/json")


@api.get("/scans/{int:scan_id}/comparison", response=schemas.ComparisonOut, tags=["results"])
def scan_compare(request: HttpRequest, scan_id: int) -> dict[str, Any]:
    """This wave against the previous closed one, as the Compare tab shows it."""
    caller = _caller(request)
    caller.may(Action.VIEW_RESULTS)
    scan = _closed(caller, scan_id)
    found = scan_comparison(scan=scan)
    if found is None:
        return {"scan_id": scan.pk, "previous_scan_id": None, "comparison": None}
    return {"scan_id": scan.pk, "previous_scan_id": found.previous.pk,
            "purged_scan_id": found.purged_wave.pk if found.purged_wave else None,
            "comparison": found.comparison.to_dict() if found.comparison else None}


@api.get("/scans/{int:scan_id}/mirror", response=schemas.MirrorOut, tags=["results"])
def scan_mirror(request: HttpRequest, scan_id: int) -> dict[str, Any]:
    """The customer mirror beside the scan, as its results tab shows it: figures only once
    the mirror is closed, nothing of a stage below k."""
    caller = _caller(request)
    caller.may(Action.VIEW_RESULTS)
    scan = _closed(caller, scan_id)
    found = mirror_selectors.mirror_of(scan=scan)
    if found is None:
        return {"scan_id": scan.pk, "status": "none", "mirror": None}
    if found.is_open:
        return {"scan_id": scan.pk, "status": "open", "mirror": None}
    try:
        journey = shown_result(scan=scan).journey
    except _FAILED as exc:
        raise Problem(500, "Internal Server Error", "The result could not be computed.") from exc
    figures = mirror_selectors.mirror_figures(mirror=found, journey=journey)
    return {"scan_id": scan.pk, "status": "closed", "mirror": figures.to_dict()}


def _binary(content_type: str) -> dict[str, Any]:
    return {"responses": {"200": {"description": "The file, streamed", "content": {
        content_type: {"schema": {"type": "string", "format": "binary"}}}}}}


def _language(request: HttpRequest) -> str:
    """The caller's language as Django chose it for this request (``Accept-Language``,
    weighed by LocaleMiddleware), the same rule as every download of the web app."""
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def _figures(request: HttpRequest, scan_id: int, what: str) -> tuple[Scan, Any]:
    caller = _caller(request)
    caller.may(Action.VIEW_RESULTS)
    scan = _closed(caller, scan_id)
    result = shown_result(scan=scan)
    record_export(request, caller.membership, f"api {what}", scan)
    return scan, result


@api.get("/scans/{int:scan_id}/exports/figures.csv", tags=["results"],
         openapi_extra=_binary("text/csv"))
def export_csv(request: HttpRequest, scan_id: int) -> HttpResponseBase:
    """Every figure the result shows, in long format (as the figures CSV download)."""
    scan, result = _figures(request, scan_id, "figures.csv")
    out = io.StringIO()
    write_aggregated_csv(result, out)
    return _stream(out.getvalue().encode(), "text/csv; charset=utf-8",
                   f"tandem-figures-{scan.pk}.csv")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@api.get("/scans/{int:scan_id}/exports/figures.xlsx", tags=["results"],
         openapi_extra=_binary(XLSX))
def export_xlsx(request: HttpRequest, scan_id: int) -> HttpResponseBase:
    """The workbook (Dutch, or English with ``Accept-Language: en``)."""
    scan, result = _figures(request, scan_id, "figures.xlsx")
    return _stream(render_workbook(result, _language(request)), XLSX,
                   f"tandem-results-{scan.pk}.xlsx")


@api.get("/scans/{int:scan_id}/exports/responses.sav", tags=["results"],
         openapi_extra=_binary("application/x-spss-sav"))
def export_sav(request: HttpRequest, scan_id: int) -> HttpResponseBase:
    """The anonymised answers for SPSS: owners only (as the answers zip)."""
    caller = _caller(request)
    caller.may(Action.EXPORT_RESPONSES)
    return _responses_sav(request, caller, _closed(caller, scan_id), _language(request))


def _answers_kept(scan: Scan) -> None:
    """410 Gone for an export of the answers once the retention period purged them."""
    if scan_purged(scan=scan) is not None:
        raise Problem(410, "Gone", "The raw answers of this scan were deleted after the "
                      "retention period; only the figures remain.")


TOO_FEW = "The scan has too few answers to show any: there is nothing to export."


def _responses_sav(request: HttpRequest, caller: Caller, scan: Scan,
                   language: str) -> HttpResponseBase:
    """The anonymised answers (as the owners' zip on the results page) for SPSS."""
    _answers_kept(scan)
    content = anonymised_sav(scan_responses(scan=scan), shown_result(scan=scan), language)
    if content is None:
        raise Problem(409, "Conflict", TOO_FEW)
    record_export(request, caller.membership, "api responses.sav", scan)
    return _stream(content, "application/x-spss-sav", f"tandem-responses-{scan.pk}.sav")


# ---------------------------------------------------------------- research


@api.get("/scans/{int:scan_id}/exports/research.{fmt}.zip", tags=["research"],
         openapi_extra=_binary("application/zip"))
def export_research(request: HttpRequest, scan_id: int, fmt: str) -> HttpResponseBase:
    """The research export of one scan: SPSS (sav), Stata (dta) or CSV with its codebook
    (Markdown and JSON), zipped; owners only, as on the results page. Labels in the
    ``Accept-Language`` language."""
    caller = _caller(request)
    caller.may(Action.EXPORT_RESPONSES)
    if fmt not in FORMATS:
        raise Problem(404, "Not Found", "Use research.sav.zip, research.dta.zip or "
                      "research.csv.zip.")
    scan = _closed(caller, scan_id)
    _answers_kept(scan)
    bundle = research_export(scan=scan, fmt=fmt, lang=_language(request))
    if bundle is None:
        raise Problem(409, "Conflict", TOO_FEW)
    record_export(request, caller.membership, f"api research-{fmt}.zip", scan)
    return _stream(bundle, "application/zip", f"tandem-research-{scan.pk}-{fmt}.zip")


def _researcher(request: HttpRequest) -> Caller:
    """The pool is for users with the research permission (docs/research.md)."""
    caller = _caller(request)
    if not may_export_pool(caller.membership.user):
        raise Problem(403, "Forbidden", "The research pool is for users with the research "
                      "permission.")
    return caller


@api.get("/research/pool.csv.zip", tags=["research"], openapi_extra=_binary("application/zip"))
def research_pool_csv(request: HttpRequest) -> HttpResponseBase:
    """The research pool as CSV with its codebook, zipped and streamed while it is made
    (the first bytes leave at once, however large the pool)."""
    caller = _researcher(request)
    stream = research_services.pool_stream(user=caller.membership.user,
                                           language=_language(request))
    response = StreamingHttpResponse(stream, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="tandem-pool-csv.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


def _pool_out(request: HttpRequest, pool: Pool) -> dict[str, Any]:
    ready = pool.status == PoolStatus.READY
    return {"id": pool.pk, "format": pool.fmt, "language": pool.language,
            "status": pool.status, "created_at": pool.created_at,
            "finished_at": pool.finished_at, "organisations": pool.organisations,
            "respondents": pool.respondents, "size": pool.size,
            "file": request.build_absolute_uri(f"/api/v1/research/pools/{pool.pk}/file")
            if ready else None}


@api.post("/research/pools", response={202: schemas.PoolOut}, tags=["research"])
def research_pool_create(request: HttpRequest, body: schemas.PoolIn) -> Status[Any]:
    """Ask for the pool as a file (SPSS and Stata are written whole, so they are made in
    the background): 202 at once; poll the pool until its status is ``ready``."""
    caller = _researcher(request)
    made = research_services.pool_request(user=caller.membership.user, fmt=body.format,
                                          language=body.language or _language(request))
    transaction.on_commit(lambda: build_pool.enqueue(pool_id=made.pk))
    made.refresh_from_db()  # made already where tasks run at once (the immediate back-end)
    return Status(202, _pool_out(request, made))


@api.get("/research/pools", response=list[schemas.PoolOut], tags=["research"])
def research_pools(request: HttpRequest) -> list[dict[str, Any]]:
    """The pools this token's user asked for, newest first (at most 50)."""
    caller = _researcher(request)
    return [_pool_out(request, p) for p in pools_of(user=caller.membership.user)[:50]]


@api.get("/research/pools/{int:pool_id}", response=schemas.PoolOut, tags=["research"])
def research_pool(request: HttpRequest, pool_id: int) -> dict[str, Any]:
    caller = _researcher(request)
    return _pool_out(request, pool_get(user=caller.membership.user, pool_id=_id(pool_id)))


@api.get("/research/pools/{int:pool_id}/file", tags=["research"],
         openapi_extra=_binary("application/zip"))
def research_pool_file(request: HttpRequest, pool_id: int) -> HttpResponseBase:
    """The pool's ZIP once it is ready (409 before)."""
    caller = _researcher(request)
    pool = pool_get(user=caller.membership.user, pool_id=_id(pool_id))
    if pool.status != PoolStatus.READY:
        raise Problem(409, "Conflict", f"The pool is {pool.status}, not ready.")
    research_services.pool_downloaded(pool=pool)
    response = StreamingHttpResponse(pool_content(pool=pool), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="tandem-pool-{pool.pk}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------- actions


@api.get("/actions", response=schemas.ActionPage, tags=["actions"])
def actions(request: HttpRequest, paging: Query[PageIn]) -> dict[str, Any]:
    caller = _caller(request)
    caller.may(Action.VIEW_ACTIONS)
    rows = action_selectors.actions_of(organisation=caller.membership.organisation)
    return _page(request, rows, paging, _action_out)


def _action_problem(exc: action_services.ActionsRuleError) -> Problem:
    return Problem(422, "Unprocessable Content", "; ".join(str(p) for p in exc.problems),
                   errors=[str(p) for p in exc.problems])


def _owner(caller: Caller, email: str | None) -> dict[str, Any]:
    """The service's owner arguments for ``owner_email``: a member, or (for a caller who
    may add members) an address to invite; nothing when the field was not sent."""
    if email is None:
        return {}
    if not email.strip():
        return {"owner": None}
    member = member_with_email(organisation=caller.membership.organisation, email=email)
    if member is not None:
        return {"owner": member}
    if role_may(caller.membership.role, Action.MANAGE_MEMBERS):
        return {"invite": email.strip()}
    message = "owner_email is not a member of the organisation; an owner may invite them."
    raise Problem(422, "Unprocessable Content", message, errors=[message])


@api.post("/actions", response={201: schemas.ActionOut}, tags=["actions"])
def action_create(request: HttpRequest,
                  body: schemas.ActionIn) -> Status[Any]:
    caller = _caller(request)
    caller.may(Action.MANAGE_ACTIONS, write=True)
    fields = body.model_dump()
    scan_id = fields.pop("scan_id")
    owner = _owner(caller, fields.pop("owner_email"))
    scan = _scan(caller, scan_id) if scan_id is not None else None
    try:
        action = action_services.action_create(
            organisation=caller.membership.organisation, scan=scan,
            by=caller.membership.user, **owner, **fields)
    except action_services.ActionsRuleError as exc:
        raise _action_problem(exc) from exc
    return Status(201, _action_out(action))


@api.patch("/actions/{int:action_id}", response=schemas.ActionOut, tags=["actions"])
def action_update(request: HttpRequest, action_id: int,
                  body: schemas.ActionPatch) -> schemas.ActionOut:
    caller = _caller(request)
    caller.may(Action.MANAGE_ACTIONS, write=True)
    action = action_selectors.action_get(organisation=caller.membership.organisation,
                                         action_id=_id(action_id))
    fields = body.model_dump(exclude_unset=True)
    fields = {k: v for k, v in fields.items() if v is not None or k == "due_date"}
    owner = _owner(caller, fields.pop("owner_email", None))
    try:
        action = action_services.action_update(action=action, by=caller.membership.user,
                                               **owner, **fields)
    except action_services.ActionsRuleError as exc:
        raise _action_problem(exc) from exc
    return _action_out(action)
