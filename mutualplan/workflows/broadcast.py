"""What a plan tells the world outside its emails: its list row (search attributes and memo)
and its webhook events. Owned by the plan workflow, as the mailer is; deterministic.

Every time the workflow publishes the plan (after each change, every morning), `publish`
upserts the search attributes and the memo card if they changed, and queues the webhook
events the change makes (`mutualplan.webhooks`). A coroutine of its own (`deliver`) sends the
queue, oldest first, a batch at a time, by an activity Temporal retries for three days: a
receiver that is down holds up no step, email or reply of the plan, only the events after it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy, SearchAttributeUpdate
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from mutualplan import forecast, health, plan_rows, webhooks
    from mutualplan import search_attributes as sa
    from mutualplan.business_days import EVERY_DAY, DaysOff
    from mutualplan.messages import (
        WebhookBatch,
        WebhookReport,
        WebhookSubscriptionsQuery,
        WebhookTypesWanted,
    )
    from mutualplan.models import ENGINE, Event, Plan, PublicHolidays
    from mutualplan.webhook_state import Broadcasting

from mutualplan.workflows import patches

# activities are named, not imported: their module pulls in the HTTP client
DELIVER_WEBHOOKS = "deliver_webhooks"
WEBHOOK_TYPES_WANTED = "webhook_types_wanted"
WEBHOOK_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(hours=1),
)
WEBHOOK_DEADLINE = timedelta(days=3)  # then the batch is given up and the plan records it
WEBHOOK_ATTEMPT = timedelta(minutes=5)
BATCH = 20
# plans started before the cockpit published no memo and sent no webhooks; their replay must not
COCKPIT = "cockpit"
# the forecast counts the plan's holidays and weekend; before, weekends only: a plan recorded then
# must publish (upsert) on the same days it did, so it keeps that forecast until it continues
FORECAST_DAYS_OFF = "forecast-days-off"
# health and late steps count the plan's business days, and the card keeps two weeks of news;
# before, calendar days and 8 days: a plan recorded then must read the same health and card (and
# upsert on the same mornings) until it continues as new
WORKING_DAYS_LATE = "working-days-late"
BEFORE_COCKPIT = 7  # the search attributes those plans published (the first of `of_plan`)


class PlanBroadcast:
    def __init__(self, plan: Plan, state: Broadcasting, *, inherit: bool = False) -> None:
        """`inherit`: this run starts with the list row its last run published (a run that
        continues as new keeps its search attributes and memo), and upserts only what differs
        from it, each time only the attributes that changed."""
        self.plan = plan
        self.state = state
        self._inherit = inherit
        self._published: list[SearchAttributeUpdate[Any]] = []
        self._values: dict[str, Any] = {}  # attribute name -> value as last published
        self._card: plan_rows.PlanCard | None = None
        if inherit:
            self._values = {
                pair.key.name: pair.value for pair in workflow.info().typed_search_attributes
            }
            self._card = _inherited_card()
        self._sending = False
        self._holding = False

    @property
    def idle(self) -> bool:
        """Nothing queued, nothing under way: the run may end."""
        return not self.state.queue and not self._sending

    async def hold(self) -> None:
        """Start no new batch, and wait for the one under way: the run may continue as new,
        its queue carried in the run state, with no activity of it left behind."""
        self._holding = True
        await workflow.wait_condition(lambda: not self._sending)

    async def learn_wanted(self, known: list[str] | None = None) -> None:
        """Which events any endpoint wants (asked at a run's start and every morning): a plan
        queues no event nobody wants, so without webhooks nothing is sent at all. `known`: what
        the plan's starter knew (then nothing is asked)."""
        if not patches.patched(COCKPIT):
            return
        if known is not None:
            self.state.wanted = known
            return
        try:
            found = await workflow.execute_local_activity(
                WEBHOOK_TYPES_WANTED,
                WebhookSubscriptionsQuery(plan_id=self.plan.id),
                result_type=WebhookTypesWanted,
                start_to_close_timeout=timedelta(seconds=10),
            )
        except ActivityError:  # a worker without the activity: keep what was known
            return
        self.state.wanted = found.types

    def publish(self) -> None:
        """Read the health and projections again; upsert what changed; queue the events."""
        plan, now = self.plan, workflow.now()
        plan.health = health.read_health(plan, now, self._overdue_days_off())
        plan.projected_go_live = health.projected_go_live(plan, now)
        forecast_of = plan if patches.patched(FORECAST_DAYS_OFF) else _weekends_only(plan)
        plan.projected_close = forecast.projected_close(forecast_of, now)
        updates = sa.of_plan(plan)
        if self._inherit:
            self._upsert_changed(updates)
        else:
            if not patches.patched(COCKPIT):
                updates = updates[:BEFORE_COCKPIT]
            if updates != self._published:
                workflow.upsert_search_attributes(updates)
                self._published = updates
            if not patches.patched(COCKPIT):
                return
        # a run that counts working days counts the forecast's too: the patches come in order
        card = plan_rows.card_of(forecast_of, now, before=not self._working_days())
        if card != self._card:
            workflow.upsert_memo({plan_rows.MEMO_KEY: card})
            self._card = card
        wanted = set(self.state.wanted or [])
        events, self.state.marks = webhooks.events_since(self.state.marks, plan, now, wanted)
        self.state.queue += events

    def changes_at(self, at: datetime) -> bool:
        """Would publishing at `at`, the plan as it is, change its list row or make an event (a
        step gone late, the health read again, a line of news aged off the card)? Asked by
        runs that inherit their list row and count the plan's days off (since QUIET_MORNINGS)."""
        plan = self.plan
        view = plan.model_copy(
            update={
                "health": health.read_health(plan, at, self._overdue_days_off()),
                "projected_go_live": health.projected_go_live(plan, at),
                "projected_close": forecast.projected_close(plan, at),
            }
        )
        if any(self._values.get(u.key.name) != u.value for u in sa.of_plan(view)):
            return True
        if plan_rows.card_of(view, at, before=not self._working_days()) != self._card:
            return True
        events, _ = webhooks.events_since(self.state.marks, view, at, set(webhooks.EVENT_TYPES))
        return bool(events) or self.state.marks is None

    def _working_days(self) -> bool:
        return patches.patched(WORKING_DAYS_LATE)

    def _overdue_days_off(self) -> DaysOff | None:
        """What overdue days skip: the plan's days off (None), or none in a run from before."""
        return None if self._working_days() else EVERY_DAY

    def memo(self) -> dict[str, Any]:
        """The memo as last published, for the next run to start with: a run that continues
        as new keeps its search attributes but starts with the memo it is given."""
        return {plan_rows.MEMO_KEY: self._card} if self._card is not None else {}

    def _upsert_changed(self, updates: list[SearchAttributeUpdate[Any]]) -> None:
        values = self._values
        changed = [u for u in updates if values.get(u.key.name) != u.value]
        if changed:
            workflow.upsert_search_attributes(changed)
            values.update((u.key.name, u.value) for u in changed)

    async def deliver(self) -> None:
        """Forever: send the queue's oldest events, a batch at a time, in order."""
        while True:
            await workflow.wait_condition(lambda: bool(self.state.queue) and not self._holding)
            batch = self.state.queue[:BATCH]
            self._sending = True
            try:
                await workflow.execute_activity(
                    DELIVER_WEBHOOKS,
                    WebhookBatch(plan_id=self.plan.id, events=batch),
                    result_type=WebhookReport,
                    start_to_close_timeout=WEBHOOK_ATTEMPT,
                    schedule_to_close_timeout=WEBHOOK_DEADLINE,
                    retry_policy=WEBHOOK_RETRY,
                )
            except ActivityError as exc:  # three days of failures: the receiver is gone
                what = f"could not deliver {len(batch)} webhook events: {exc.cause or exc}"
                self.plan.history.append(Event(at=workflow.now(), by=ENGINE, what=what[:500]))
            finally:
                self._sending = False
            del self.state.queue[: len(batch)]


def _weekends_only(plan: Plan) -> Plan:
    """The plan as the forecast counted it before FORECAST_DAYS_OFF: Saturday and Sunday off,
    no holidays (only the forecast reads this copy; the plan itself keeps its days off)."""
    return plan.model_copy(update={"holidays": PublicHolidays()})


def _inherited_card() -> plan_rows.PlanCard | None:
    """The card this run started with (its last run's), None if there is none to read."""
    try:
        return workflow.memo_value(plan_rows.MEMO_KEY, None, type_hint=plan_rows.PlanCard)
    except Exception:  # a card another version wrote that reads no longer: publish anew
        return None
