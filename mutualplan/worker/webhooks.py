"""Deliver a plan's webhook events: signed by the Standard Webhooks rules, posted in order.

One activity gets the events a plan queued (oldest first) and posts each to every endpoint that
wants it, in order, one at a time. An endpoint that fails stops there; the activity fails and
Temporal retries it with backoff (the plan workflow gives it three days). What each endpoint got
is kept in the activity's heartbeat, so a retry goes on where it stopped; a retry that lost it
sends again what was sent, under the same webhook-id, for the receiver to drop.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import httpx2
from standardwebhooks.webhooks import Webhook
from temporalio import activity
from temporalio.exceptions import ApplicationError

from mutualplan.messages import (
    WebhookBatch,
    WebhookReport,
    WebhookSubscriptionsQuery,
    WebhookTypesWanted,
)
from mutualplan.settings import WebhookEndpoint
from mutualplan.webhook_state import WebhookEvent
from mutualplan.webhooks import types_wanted

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 15.0
USER_AGENT = "mutualplan-webhooks/1"


def signed_headers(endpoint: WebhookEndpoint, event: WebhookEvent, body: bytes) -> dict[str, str]:
    """The Standard Webhooks headers of one attempt (its timestamp is the attempt's)."""
    now = datetime.now(UTC)
    signature = Webhook(endpoint.secret.get_secret_value()).sign(event.id, now, body)
    return {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": event.id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }


async def post_event(
    client: httpx2.AsyncClient, endpoint: WebhookEndpoint, event: WebhookEvent
) -> str:
    """Post one event; '' when the endpoint took it (2xx), else what went wrong."""
    body = event.body()
    try:
        response = await client.post(
            endpoint.url, content=body, headers=signed_headers(endpoint, event, body)
        )
    except httpx2.HTTPError as exc:
        return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    if 200 <= response.status_code < 300:
        return ""
    return f"HTTP {response.status_code}"


class WebhookActivities:
    def __init__(
        self, endpoints: list[WebhookEndpoint], client: httpx2.AsyncClient | None = None
    ) -> None:
        self._endpoints = endpoints
        self._client = client or httpx2.AsyncClient(timeout=TIMEOUT_SECONDS, follow_redirects=False)

    @activity.defn
    async def webhook_types_wanted(self, query: WebhookSubscriptionsQuery) -> WebhookTypesWanted:
        return WebhookTypesWanted(types=types_wanted(self._endpoints))

    @activity.defn
    async def deliver_webhooks(self, batch: WebhookBatch) -> WebhookReport:
        details = activity.info().heartbeat_details
        sent: dict[str, int] = dict(details[0]) if details else {}
        failed: dict[str, str] = {}
        # each endpoint by what it `shown`: the counts ride in heartbeats and the result, and
        # the failures in the log and the error, all kept where the URL's credentials must not be
        for endpoint in self._endpoints:
            wanted = [e for e in batch.events if endpoint.wants(e.type)]
            done = sent.get(endpoint.shown, 0)
            for event in wanted[done:]:
                problem = await post_event(self._client, endpoint, event)
                if problem:
                    failed[endpoint.shown] = problem.replace(endpoint.url, endpoint.shown)
                    break
                sent[endpoint.shown] = sent.get(endpoint.shown, 0) + 1
                activity.heartbeat(sent)
        if failed:
            summary = "; ".join(f"{shown}: {why}" for shown, why in failed.items())
            log.info("plan %s: webhooks not delivered (retried): %s", batch.plan_id, summary)
            raise ApplicationError(f"not delivered: {summary}", sent, type="WebhookNotDelivered")
        return WebhookReport(sent=sent)
