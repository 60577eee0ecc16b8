"""Your own templates, through the real router and plans on Temporal's time-skipping server: a
template in a directory of your own starts a plan; a broken one is answered as broken (its error,
with the line, goes to the log) while the others keep working; a file changed between two start
emails gives two different plans, without a restart.
"""

from __future__ import annotations

import asyncio
import logging
import textwrap
import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner
from temporalio.testing import WorkflowEnvironment

from mutualplan.cli import main
from mutualplan.client.plans import get_plan
from mutualplan.devstack.playground import example_start_email
from mutualplan.models import Plan
from mutualplan.settings import Settings
from mutualplan.worker.inbound import InboundRouter

ALEX = "alex@acme.example"
JANE = "jane@globex.example"
OURS = """\
    # yaml-language-server: $schema=mutualplan-template.schema.json
    name: ours
    title: The Acme way
    aliases: [acme]
    checkin: null
    milestones:
      - key: discovery
        title: {first}
        owner: champion
        offset: -10
        description: Walk us through how onboarding works today.
        done_means:
          - We have seen the current process end to end
          - The champion agrees the pain points we wrote down
        links:
          - title: Discovery checklist
            url: https://docs.acme.example/discovery
      - key: security-pack
        title: Security pack reviewed
        owner: security
        offset: -6
        optional: security
      - key: signed
        title: Order signed
        owner: economic-buyer
        offset: -3
      - key: live
        title: Live
        owner: champion
        offset: 0
"""


@pytest.fixture
def templates_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "templates"
    directory.mkdir()
    return directory


@pytest.fixture
def settings(smtp_sink: object, templates_dir: Path) -> Settings:
    return Settings(
        secret="custom-templates-secret",
        smtp_port=smtp_sink.port,  # type: ignore[attr-defined]
        task_queue=f"templates-{uuid.uuid4().hex[:8]}",
        templates_dir=[templates_dir],
    )


def write_ours(directory: Path, first: str = "Discovery session held") -> None:
    text = textwrap.dedent(OURS).format(first=first)
    (directory / "ours.yaml").write_text(text, "utf-8")


def start_email(settings: Settings, template: str, *lines: str) -> EmailMessage:
    """The playground's start email (go-live 45 business days out, Confirm: yes) to
    plans+<template>@, with more lines in its body."""
    msg = example_start_email(
        settings, template=template, today=datetime.now(UTC).date(), confirm=True
    )
    del msg["Message-ID"]
    msg["Message-ID"] = f"<{uuid.uuid4()}@acme.example>"
    body = msg.get_content().replace("\nAlex\n", "\n".join(lines) + "\n\nAlex\n")
    msg.set_content(body)
    return msg


async def start(router: InboundRouter, env: WorkflowEnvironment, msg: EmailMessage) -> Plan:
    outcome = await router.handle(msg.as_bytes())
    assert outcome.applied, outcome.reason
    return await get_plan(env.client, outcome.reason.rsplit(" ", 1)[1])


async def test_a_template_of_your_own_starts_a_plan(  # type: ignore[no-untyped-def]
    router, settings, templates_dir, smtp_sink, time_skipping_env
):
    write_ours(templates_dir)

    plan = await start(
        router,
        time_skipping_env,
        start_email(settings, "acme", "Holidays: US", "Include: security"),
    )

    assert plan.template == "ours"
    assert [m.key for m in plan.milestones] == ["discovery", "security-pack", "signed", "live"]
    assert plan.holidays.calendars == ["US"]
    assert not {m.due for m in plan.milestones} & set(plan.holidays.days)
    turn = await smtp_sink.wait_for(
        lambda m: JANE in str(m["To"]) and "Your turn: Discovery session held" in str(m["Subject"])
    )
    text = turn.get_body(("plain",)).get_content()
    assert "Done means:\n  - We have seen the current process end to end\n" in text.replace(
        "\r\n", "\n"
    )
    assert "Discovery checklist: https://docs.acme.example/discovery" in text
    html = turn.get_body(("html",)).get_content()
    assert '<a href="https://docs.acme.example/discovery">Discovery checklist</a>' in html


async def test_a_broken_template_is_answered_as_broken_and_the_others_keep_working(  # type: ignore[no-untyped-def]
    router, settings, templates_dir, smtp_sink, time_skipping_env, caplog
):
    write_ours(templates_dir)
    broken = textwrap.dedent(OURS).format(first="Discovery").replace("name: ours", "name: broke")
    broken = broken.replace("owner: economic-buyer", "owner: cfo")
    (templates_dir / "broke.yaml").write_text(broken, "utf-8")
    caplog.set_level(logging.ERROR, logger="mutualplan")

    refused = await router.handle(start_email(settings, "broke").as_bytes())

    assert not refused.applied
    assert refused.reason == "plan template 'broke' is broken"
    answer = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "No plan was started" in str(m["Subject"])
    )
    text = answer.get_body(("plain",)).get_content()
    assert 'The plan template "broke" has an error, so no plan was started.' in text
    assert "plans+ours@mutualplan.localhost" in text  # what does work
    assert "unknown role" not in text, "the details are for the operator, not the seller"
    [logged] = [r.getMessage() for r in caplog.records if "broke" in r.getMessage()]
    assert f"{templates_dir / 'broke.yaml'}:25:12: milestones[2].owner: unknown role 'cfo'" in (
        logged
    )

    assert (await start(router, time_skipping_env, start_email(settings, "ours"))).template == (
        "ours"
    )
    assert (await start(router, time_skipping_env, start_email(settings, "short"))).template == (
        "short"
    )


async def test_a_file_changed_between_two_start_emails_gives_two_plans(  # type: ignore[no-untyped-def]
    router, settings, templates_dir, smtp_sink, time_skipping_env
):
    write_ours(templates_dir, first="Discovery session held")
    before = await start(router, time_skipping_env, start_email(settings, "ours"))

    write_ours(templates_dir, first="Discovery workshop held, with the whole team")
    after = await start(router, time_skipping_env, start_email(settings, "ours"))

    assert before.milestones[0].title == "Discovery session held"
    assert after.milestones[0].title == "Discovery workshop held, with the whole team"
    await smtp_sink.wait_for(lambda m: "Your turn: Discovery workshop" in str(m["Subject"]))


async def test_a_running_plan_exports_as_a_template_that_starts_the_same_plan(  # type: ignore[no-untyped-def]
    router, settings, templates_dir, smtp_sink, time_skipping_env
):
    write_ours(templates_dir)
    plan = await start(
        router, time_skipping_env, start_email(settings, "ours", "Include: security")
    )
    target = time_skipping_env.client.service_client.config.target_host
    env = {"MUTUALPLAN_TEMPORAL_ADDRESS": target, "MUTUALPLAN_TEMPLATES_DIR": str(templates_dir)}

    exported = await asyncio.to_thread(  # the command runs its own event loop
        CliRunner().invoke, main, ["templates", "export", plan.id, "--name", "globex-way"], env=env
    )

    assert exported.exit_code == 0, exported.output
    assert exported.output.startswith(f"# Plan {plan.id} (Globex rollout) as a template")
    (templates_dir / "globex-way.yaml").write_text(exported.output, "utf-8")
    again = await start(router, time_skipping_env, start_email(settings, "globex-way"))
    assert [(m.key, m.title, m.due, m.owner_role, m.done_means) for m in again.milestones] == [
        (m.key, m.title, m.due, m.owner_role, m.done_means) for m in plan.milestones
    ]
