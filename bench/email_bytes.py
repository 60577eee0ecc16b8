"""Every email, byte for byte: `python bench/email_bytes.py OUT` writes what a set of emails
renders to (the bytes sent over SMTP), for comparing two versions of the engine.

    git archive HEAD mutualplan | tar -x -C /tmp/before
    PYTHONPATH=/tmp/before .venv/bin/python bench/email_bytes.py /tmp/before.txt   # says which
    .venv/bin/python bench/email_bytes.py /tmp/after.txt && cmp /tmp/before.txt /tmp/after.txt

The set: the bench's plan and the enterprise template's, in four languages (the people's own,
or the plan's), every kind of email to every person for the first two steps, with a note and
held news, as each step's state and the plan's history move on; a batch is sent as the
activity sends it (`plan_email`, `compose`, then written with the SMTP policy). The multipart
boundary is fixed (it is random per process). An email that cannot be made from the set's
input is written as its error, the same for both versions.
"""

from __future__ import annotations

import hashlib
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydantic import SecretStr

import mutualplan.mail.compose as compose_module
from mutualplan.mail.compose import Renderer, compose
from mutualplan.mail.plan_emails import plan_email
from mutualplan.mail.policy import SMTP_POLICY
from mutualplan.messages import EmailRequest
from mutualplan.models import EmailKind, MilestoneStatus, Plan, phrase
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.settings import Settings
from mutualplan.template_files import load_template

NOW = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)  # fixed: the output must not depend on the day
SETTINGS = Settings(secret=SecretStr("email-bytes"), web_enabled=True)
LANGUAGES = ["", "de", "fr", "ja"]


def plans() -> list[Plan]:
    found = []
    for template in ("short", "enterprise"):
        for language in LANGUAGES:
            request = StartRequest(
                message_id=f"start-{template}-{language}@acme.example",
                template=template,
                seller=Person(name="Alex Seller", email="alex@acme.example"),
                deal="Globex rollout \u2014 Tokyo",
                go_live=(NOW + timedelta(days=80)).date(),
                people=[
                    Person(name="Jane Doe", email="jane@globex.example", role="champion"),
                    Person(
                        name="S\u00e9bastien L\u00e9vy",
                        email="seb@globex.example",
                        role="economic-buyer",
                        language="fr",
                    ),
                ],
                language=language,
            )
            found.append(
                build_plan(
                    load_template(template), request, plan_id=f"p-{template}-{language}", now=NOW
                )
            )
    return found


def stages(plan: Plan) -> list[Plan]:
    """The plan as it starts, with its first step under way, and with it done."""
    started = plan.model_copy(deep=True)
    started.milestones[0].status = MilestoneStatus.ACTIVE
    started.milestones[0].started_at = NOW
    done = started.model_copy(deep=True)
    done.milestones[0].status = MilestoneStatus.DONE
    if len(done.milestones) > 1:
        done.milestones[1].status = MilestoneStatus.ACTIVE
    return [plan, started, done]


def emails(plan: Plan) -> list[tuple[str, bytes]]:
    renderer = Renderer()
    out = []
    keys = [None, *(m.key for m in plan.milestones[:2])]
    for kind in EmailKind:
        for person in plan.stakeholders:
            for key in keys:
                for extra in (
                    {},
                    {
                        "note": "Moved to next week.",
                        "said": [phrase("Moved.")],
                        "held": ["Legal review started."],
                    },
                ):
                    name = f"{plan.id}/{kind.value}/{person.id}/{key}/{bool(extra)}"
                    request = EmailRequest(
                        plan=plan,
                        kind=kind,
                        recipient_id=person.id,
                        milestone_key=key,
                        key=name,
                        **extra,
                    )
                    try:
                        outgoing = plan_email(
                            request, settings=SETTINGS, renderer=renderer, now=NOW
                        )
                        raw = compose(outgoing).as_bytes(policy=SMTP_POLICY)
                    except Exception as exc:  # the same failure in both versions
                        raw = f"{type(exc).__name__}: {exc}".encode()
                    out.append((name, raw))
    return out


def main(target: str) -> int:
    compose_module._BOUNDARY = "=_fixed-boundary-for-comparison"
    lines, count = [], 0
    for plan in plans():
        for stage in stages(plan):
            for name, raw in emails(stage):
                count += 1
                lines.append(f"{name} {hashlib.sha256(raw).hexdigest()}\n")
                lines.append(raw.decode("utf-8", "replace") + "\n")
    Path(target).write_text("".join(lines), "utf-8")
    print(f"{count} emails of {Path(compose_module.__file__).parents[2]} written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
