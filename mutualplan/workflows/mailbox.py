"""One workflow per plans mailbox, so exactly one worker reads it at a time.

Every worker that reads mail starts it (`mailbox:<task queue>:<login>`, using the one already
running). It runs one activity, `consume_mailbox`, which runs the IMAP listener on whichever
worker picked it up and heartbeats; if that worker dies, its heartbeats stop, the attempt times
out after `takeover_seconds`, and Temporal retries it on another worker. It completes only when
a worker finds that its login is no longer the one configured.
"""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

from mutualplan.messages import MailboxConsumer

CONSUME_MAILBOX = "consume_mailbox"
# an attempt ends when its worker stops or dies, never on its own: no limit but a far one
ATTEMPT_LIMIT = timedelta(days=365)
RETRY_FOREVER = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(seconds=5),
    maximum_attempts=0,
)


def consumer_workflow_id(task_queue: str, login: str) -> str:
    return f"mailbox:{task_queue}:{login}"


@workflow.defn
class MailboxWorkflow:
    @workflow.run
    async def run(self, consumer: MailboxConsumer) -> None:
        await workflow.execute_activity(
            CONSUME_MAILBOX,
            consumer,
            task_queue=consumer.task_queue,
            start_to_close_timeout=ATTEMPT_LIMIT,
            heartbeat_timeout=timedelta(seconds=consumer.takeover_seconds),
            retry_policy=RETRY_FOREVER,
        )
