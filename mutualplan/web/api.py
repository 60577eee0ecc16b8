"""The read API for BI tools: the same data as `mutualplan plans --json` and `status --json`.

    GET /api/plans              rows of plans, a page at a time (?seller=&health=&status=
                                &limit=100&page=<next_page of the last answer>)
    GET /api/plans/{id}         one plan, whole
    GET /api/openapi.json       the OpenAPI 3.1 document of these

Every call but the OpenAPI document needs `Authorization: Bearer <MUTUALPLAN_API_TOKEN>`;
without that setting the API is not served at all (404).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import logging
import re
from typing import Any

from pydantic import BaseModel, Field
from pydantic.json_schema import models_json_schema
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from temporalio.client import Client
from temporalio.service import RPCError

from mutualplan.client.plan_list import PlanFilter, plan_page
from mutualplan.client.plans import get_plan
from mutualplan.errors import PlanNotFound
from mutualplan.models import Plan
from mutualplan.plan_rows import PlanSummary
from mutualplan.settings import Settings

log = logging.getLogger(__name__)
MAX_LIMIT = 1000
_PLAN_ID = re.compile(r"^[a-z0-9]{1,40}$")


class PlanList(BaseModel):
    plans: list[PlanSummary]
    next_page: str | None = Field(
        default=None, description="pass as `page` for the next page; null on the last"
    )


class ApiError(BaseModel):
    error: str


class ReadApi:
    def __init__(self, settings: Settings, client: Client) -> None:
        self._token = settings.api_token
        self._client = client

    async def plans(self, request: Request) -> Response:
        if (refused := self._refused(request)) is not None:
            return refused
        query = request.query_params
        try:
            limit = min(max(int(query.get("limit", "100")), 1), MAX_LIMIT)
            page = base64.urlsafe_b64decode(query["page"]) if query.get("page") else None
        except (ValueError, binascii.Error):
            return _error(400, "limit must be a number and page a next_page of this API")
        where = PlanFilter(
            sellers=query.getlist("seller"),
            health=query.getlist("health"),
            status=query.getlist("status"),
        )
        try:
            rows, token = await plan_page(self._client, where, page_size=limit, page=page)
        except RPCError as exc:
            log.warning("api: cannot list plans: %s", exc.message)
            return _error(503, "the plans cannot be read just now")
        next_page = base64.urlsafe_b64encode(token).decode() if token else None
        return _json(PlanList(plans=rows, next_page=next_page))

    async def plan(self, request: Request) -> Response:
        if (refused := self._refused(request)) is not None:
            return refused
        plan_id = request.path_params["plan_id"]
        if not _PLAN_ID.match(plan_id):
            return _error(404, "no such plan")
        try:
            plan = await get_plan(self._client, plan_id)
        except PlanNotFound:
            return _error(404, "no such plan")
        except RPCError as exc:
            log.warning("api: cannot read plan %s: %s", plan_id, exc.message)
            return _error(503, "the plan cannot be read just now")
        return _json(plan)

    async def openapi(self, request: Request) -> Response:
        if self._token is None:
            return _error(404, "no API here")
        return JSONResponse(openapi_document())

    def _refused(self, request: Request) -> Response | None:
        if self._token is None:
            return _error(404, "no API here")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        expected = self._token.get_secret_value().encode()
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected):
            response = _error(401, "a bearer token is needed (Authorization: Bearer ...)")
            response.headers["WWW-Authenticate"] = 'Bearer realm="mutualplan"'
            return response
        return None


def _json(model: BaseModel) -> Response:
    return Response(model.model_dump_json(), media_type="application/json")


def _error(status: int, message: str) -> Response:
    return Response(
        ApiError(error=message).model_dump_json(), status, media_type="application/json"
    )


def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 document: paths written here, schemas generated from the models."""
    _, schemas = models_json_schema(
        [(PlanList, "serialization"), (Plan, "serialization"), (ApiError, "serialization")],
        ref_template="#/components/schemas/{model}",
    )
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}

    def answer(schema: str, description: str) -> dict[str, Any]:
        return {
            "200": {
                "description": description,
                "content": {"application/json": {"schema": {"$ref": schema}}},
            },
            "401": {"description": "no or wrong bearer token", "content": error},
            "503": {"description": "Temporal cannot be reached", "content": error},
        }

    def param(name: str, where: str, description: str, **schema: Any) -> dict[str, Any]:
        return {"name": name, "in": where, "description": description,
                "schema": schema or {"type": "string"}}  # fmt: skip

    listed = [
        param("seller", "query", "only this seller's plans (repeatable)"),
        param("health", "query", "on track, at risk, stalled... (repeatable)"),
        param("status", "query", "draft, active, completed, cancelled (repeatable)"),
        param("limit", "query", "rows per page", type="integer", minimum=1, maximum=MAX_LIMIT),
        param("page", "query", "the next_page of the previous answer"),
    ]
    one = [{**param("plan_id", "path", "the plan's id"), "required": True}]
    not_found = {"404": {"description": "no such plan", "content": error}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "mutualplan read API", "version": "1"},
        "components": {
            "schemas": schemas.get("$defs", {}),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
        "paths": {
            "/api/plans": {"get": {
                "summary": "List plans (as `mutualplan plans --json`)",
                "parameters": listed,
                "responses": answer("#/components/schemas/PlanList", "a page of plans"),
            }},
            "/api/plans/{plan_id}": {"get": {
                "summary": "One plan (as `mutualplan status --json`)",
                "parameters": one,
                "responses": answer("#/components/schemas/Plan", "the plan") | not_found,
            }},
        },
    }  # fmt: skip
