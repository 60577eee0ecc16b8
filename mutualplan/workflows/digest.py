"""The sellers' Monday digest: one long-lived workflow wakes every Monday morning and has an
activity send each seller one email about all their plans.

It continues as new after every digest, so its history stays a few events long, and the
`last_sent` it carries makes "what moved this week" exact across worker restarts. A worker down
on Monday morning sends the digest when it is back, once, covering the time from the last one
sent to then (and saying so); the next goes out the Monday after, from there.
"""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError

from mutualplan.digest import next_monday
from mutualplan.messages import DigestReport, DigestRequest, DigestSchedule

SEND_SELLER_DIGESTS = "send_seller_digests"
# a digest sent late covers (and says) the time to when it is sent; before, it said its Monday
LATE_DIGESTS = "late-digests"
DIGEST_WORKFLOW_ID = "mutualplan-seller-digest"


@workflow.defn
class SellerDigestWorkflow:
    @workflow.run
    async def run(self, schedule: DigestSchedule) -> None:
        wake = next_monday(workflow.now(), schedule.timezone, schedule.hour)
        await workflow.sleep(wake - workflow.now())
        since = schedule.last_sent or wake - timedelta(days=7)
        late = workflow.patched(LATE_DIGESTS)
        sent = max(workflow.now(), wake) if late else wake
        try:
            report = await workflow.execute_activity(
                SEND_SELLER_DIGESTS,
                DigestRequest(since=since, now=sent, due=wake if late else None),
                result_type=DigestReport,
                start_to_close_timeout=timedelta(minutes=10),
                heartbeat_timeout=timedelta(minutes=2),
                # a digest more than a day late is news no longer: next Monday's covers it
                schedule_to_close_timeout=timedelta(days=1),
                retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=10)),
            )
            if late and report.sent_at is not None:
                sent = report.sent_at  # later still if it retried for hours
        except ActivityError as exc:
            workflow.logger.warning("seller digests of %s not sent: %s", wake.date(), exc)
            sent = since  # the next digest covers these two weeks, and says so
        workflow.continue_as_new(schedule.model_copy(update={"last_sent": sent}))
