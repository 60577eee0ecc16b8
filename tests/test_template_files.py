"""Template files and the library: errors with their line and column, your own directories over
the built-in templates, files changed or added while the engine runs, and `mutualplan templates`.

Templates under test are written to a temporary directory as a user would write them.
"""

from __future__ import annotations

import json
import os
import textwrap
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from mutualplan.cli import main
from mutualplan.errors import BrokenTemplate, UnknownTemplate
from mutualplan.languages import SHIPPED
from mutualplan.plan_templates import template_from_plan, template_schema
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.template_files import (
    TemplateLibrary,
    default_template_dir,
    read_template_file,
    template_yaml,
)

BUILT_IN = ["enterprise", "pilot", "regulated", "renewal", "short"]
OTHER_LANGUAGES = [code for code in SHIPPED if code != "en"]
GOOD = """\
name: {name}
title: {title}
milestones:
  - key: kickoff
    title: Kickoff held
    owner: seller
    offset: -5
    done_means: Everyone has met
  - key: live
    title: Live
    owner: champion
    offset: 0
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / f"{name}.yaml"
    path.write_text(textwrap.dedent(text), "utf-8")
    return path


def good(directory: Path, name: str, title: str = "Our way") -> Path:
    return write(directory, name, GOOD.format(name=name, title=title))


def problems(path: Path) -> list[tuple[int | None, int | None, str]]:
    return [(p.line, p.column, p.message) for p in read_template_file(path).problems]


# --- errors, each with its line and column -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an unknown role: the line of the owner's value
            GOOD.format(name="t", title="T").replace("owner: champion", "owner: cfo"),
            (11, 12, "milestones[1].owner: unknown role 'cfo'"),
        ),
        (  # a typo in a field's name: the line of that key
            GOOD.format(name="t", title="T").replace("done_means:", "done_mean:"),
            (8, 5, "milestones[0].done_mean: not a template field (a typo?)"),
        ),
        (  # a repeated step key: the line of the second one
            GOOD.format(name="t", title="T").replace("key: live", "key: kickoff"),
            (9, 10, "milestones[1].key: milestone keys must be unique: 'kickoff' is repeated"),
        ),
        (  # waiting for a later step
            GOOD.format(name="t", title="T").replace(
                "    offset: -5\n", "    offset: -5\n    after: [live]\n"
            ),
            (8, 12, "milestones[0].after: milestone 'kickoff' comes after ['live']"),
        ),
        (  # the file is t.yaml; the template calls itself otherwise
            GOOD.format(name="other", title="T"),
            (1, 7, "the file is t.yaml, but the template calls itself 'other'"),
        ),
        (  # broken YAML: where the parser gave up
            GOOD.format(name="t", title="T").replace("title: Live", "title: [Live"),
            (11, 10, "expected ',' or ']', but got ':' (while parsing a flow sequence at line 10)"),
        ),
        (  # a field given twice
            GOOD.format(name="t", title="T").replace("offset: 0", "offset: 0\n    offset: 1"),
            (13, 5, "duplicate key 'offset'"),
        ),
        (  # a required field missing: the step it is missing from
            GOOD.format(name="t", title="T").replace("    title: Kickoff held\n", ""),
            (4, 5, "milestones[0].title: Field required"),
        ),
        ("- just\n- a list\n", (1, 1, "a template is a mapping of fields")),
        (  # a check-in the engine cannot read
            "checkin: every now and then\n" + GOOD.format(name="t", title="T"),
            (1, 10, "checkin: cannot read the check-in 'every now and then'"),
        ),
        (  # a meeting link that is none
            "meeting: Tuesdays at ten\n" + GOOD.format(name="t", title="T"),
            (1, 10, "meeting: 'Tuesdays at ten' is not a meeting link (https://...)"),
        ),
        (  # a holiday calendar nobody knows
            "holidays: [US, XX]\n" + GOOD.format(name="t", title="T"),
            (1, 11, "holidays: no public holidays are known for 'XX'"),
        ),
        (  # a link that is not one
            GOOD.format(name="t", title="T").replace(
                "    done_means: Everyone has met\n",
                "    links:\n      - title: Questionnaire\n        url: javascript:alert(1)\n",
            ),
            (10, 14, "milestones[0].links[0].url: String should match pattern"),
        ),
        (  # a seller's role on the buyer's side
            GOOD.format(name="t", title="T").replace(
                "    owner: seller\n", "    owner: seller\n    side: buyer\n"
            ),
            (4, 5, "milestones[0]: the seller is on the seller side, not the buyer"),
        ),
    ],
)
def test_an_error_says_where_it_is(
    tmp_path: Path, text: str, expected: tuple[int, int, str]
) -> None:
    [(line, column, message)] = problems(write(tmp_path, "t", text))
    assert (line, column) == expected[:2], message
    assert message.startswith(expected[2])


def test_every_error_of_a_file_is_reported(tmp_path: Path) -> None:
    text = GOOD.format(name="t", title="T").replace("owner: champion", "owner: cfo")
    text = text.replace("offset: -5", "offset: soon")
    found = problems(write(tmp_path, "t", text))
    assert [(line, message.split(":")[0]) for line, _column, message in found] == [
        (7, "milestones[0].offset"),
        (11, "milestones[1].owner"),
    ]


def test_a_file_name_that_is_no_template_name_is_reported(tmp_path: Path) -> None:
    [(line, _column, message)] = problems(write(tmp_path, "Our Way", GOOD))
    assert line is None
    assert message == "Our Way.yaml: a template's file name is lowercase letters, digits and dashes"


# --- the library ---------------------------------------------------------------------------------


def test_your_directory_adds_to_the_built_in_templates_and_overrides_by_name(
    tmp_path: Path,
) -> None:
    good(tmp_path, "ours")
    good(tmp_path, "short", title="Our short cycle")
    library = TemplateLibrary([tmp_path])
    assert library.names() == sorted([*BUILT_IN, "ours"])
    assert library.get("short").title == "Our short cycle"
    assert library.get("enterprise").title == "Enterprise rollout"
    assert TemplateLibrary().get("short").title == "Short sales cycle"


def test_the_first_directory_wins(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    good(first, "ours", title="First")
    good(second, "ours", title="Second")
    good(second, "theirs", title="Theirs")
    library = TemplateLibrary([first, second])
    assert library.get("ours").title == "First"
    assert library.get("theirs").title == "Theirs"


def test_a_broken_file_is_reported_by_name_and_the_others_keep_working(tmp_path: Path) -> None:
    good(tmp_path, "ours")
    write(tmp_path, "broken", GOOD.format(name="broken", title="B").replace("seller", "cfo"))
    library = TemplateLibrary([tmp_path])

    with pytest.raises(BrokenTemplate) as raised:
        library.get("broken")

    assert raised.value.name == "broken"
    assert raised.value.errors == [
        f"{tmp_path / 'broken.yaml'}:6:12: milestones[0].owner: unknown role 'cfo'; "
        "known roles: champion, economic-buyer, legal, security, procurement, technical-lead, "
        "seller, solutions-engineer, customer-success"
    ]
    assert library.get("ours").title == "Our way"
    assert library.get("enterprise").title == "Enterprise rollout"
    assert "broken" not in library.names()


def test_a_broken_override_is_not_silently_replaced_by_the_built_in(tmp_path: Path) -> None:
    write(tmp_path, "short", "name: short\n")
    with pytest.raises(BrokenTemplate):
        TemplateLibrary([tmp_path]).get("short")


def test_a_changed_or_new_file_takes_effect_at_the_next_look_up(tmp_path: Path) -> None:
    library = TemplateLibrary([tmp_path])
    with pytest.raises(UnknownTemplate):
        library.get("ours")
    path = good(tmp_path, "ours", title="First version")
    assert library.get("ours").title == "First version"

    path.write_text(GOOD.format(name="ours", title="Second, longer version"), "utf-8")
    assert library.get("ours").title == "Second, longer version"

    path.write_text("name: ours\n", "utf-8")
    with pytest.raises(BrokenTemplate):
        library.get("ours")
    path.unlink()
    with pytest.raises(UnknownTemplate):
        library.get("ours")


def test_aliases_start_the_same_template(tmp_path: Path) -> None:
    good(tmp_path, "ours")
    path = tmp_path / "ours.yaml"
    path.write_text("aliases: [our-way, ow]\n" + path.read_text("utf-8"), "utf-8")
    library = TemplateLibrary([tmp_path])
    assert library.get("ow").name == "ours"
    assert library.get("ent").name == "enterprise"  # a built-in alias


def test_an_alias_taken_by_a_name_or_an_earlier_alias_is_not_used_and_said(tmp_path: Path) -> None:
    good(tmp_path, "aaa")
    good(tmp_path, "bbb")
    for name, aliases in (("aaa", "[short, both]"), ("bbb", "[both, bee]")):
        path = tmp_path / f"{name}.yaml"
        path.write_text(f"aliases: {aliases}\n" + path.read_text("utf-8"), "utf-8")
    library = TemplateLibrary([tmp_path])
    assert library.get("short").name == "short"
    assert library.get("both").name == "aaa"
    assert library.get("bee").name == "bbb"
    warnings = {f.name: f.warnings for f in library.files()}
    assert warnings["aaa"] == ["the alias 'short' is not used: it is also the template 'short'"]
    assert warnings["bbb"] == ["the alias 'both' is not used: it is also an alias of 'aaa'"]


def test_a_missing_directory_has_no_templates(tmp_path: Path) -> None:
    library = TemplateLibrary([tmp_path / "not-yet"])
    assert library.names() == BUILT_IN
    assert library.missing_directories() == [tmp_path / "not-yet"]


# --- the schema, and a plan saved as a template --------------------------------------------------


def test_the_built_in_templates_match_the_json_schema() -> None:
    schema = template_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in sorted(default_template_dir().glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text("utf-8")), schema)


@pytest.mark.parametrize("name", BUILT_IN)
def test_every_text_of_a_built_in_template_is_in_every_shipped_language(name: str) -> None:
    """What people read of a built-in template (the value statement, success criteria and each
    step's title, description and done means) is given in each language mutualplan speaks, as
    many criteria in each, and `{buyer}` kept: a new step or language without them fails here."""
    template = TemplateLibrary().get(name)
    texts: list[tuple[str, object, dict[str, Any]]] = [
        ("value_statement", template.value_statement, template.value_statements),
        ("success_criteria", template.success_criteria, template.success_criteria_in),
    ]
    for m in template.milestones:
        texts += [
            (f"{m.key}.title", m.title, m.titles),
            (f"{m.key}.description", m.description, m.descriptions),
            (f"{m.key}.done_means", m.done_means, m.done_means_in),
        ]
    for where, english, each in texts:
        if not english:
            continue
        assert set(each) == set(SHIPPED), where
        assert each["en"] == english, where
        for code in OTHER_LANGUAGES:
            said = each[code]
            assert said and said != english, f"{where} in {code} is missing or English"
            if isinstance(english, list):
                assert len(said) == len(english) and all(said), f"{where} in {code}"
            else:
                assert ("{buyer}" in said) == ("{buyer}" in english), f"{where} in {code}"


def test_the_json_schema_refuses_what_the_engine_refuses() -> None:
    schema = template_schema()
    bad = yaml.safe_load(GOOD.format(name="t", title="T"))
    bad["milestones"][0]["done_mean"] = "typo"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_a_plan_exported_as_a_template_makes_the_same_plan_again(tmp_path: Path) -> None:
    now = datetime(2026, 11, 2, 9, tzinfo=UTC)
    start = StartRequest(
        message_id="m@acme.example",
        template="regulated",
        seller=Person(email="alex@acme.example"),
        deal="Globex",
        go_live=date(2027, 3, 1),
        people=[Person(email="jane@globex.example", role="champion")],
        include=["dpia"],
        holidays="US",
    )
    from mutualplan.template_files import load_template

    plan = build_plan(load_template("regulated"), start, plan_id="exported01", now=now)
    exported = template_from_plan(plan, "globex-way")
    path = tmp_path / "globex-way.yaml"
    path.write_text(template_yaml(exported), "utf-8")

    again = TemplateLibrary([tmp_path]).get("globex-way")
    copy = build_plan(again, start.model_copy(update={"include": []}), plan_id="x", now=now)

    assert [(m.key, m.due, m.after, m.owner_role) for m in copy.milestones] == [
        (m.key, m.due, m.after, m.owner_role) for m in plan.milestones
    ]
    assert [m.done_means for m in copy.milestones] == [m.done_means for m in plan.milestones]
    assert [m.titles for m in copy.milestones] == [m.titles for m in plan.milestones]
    assert copy.success_criteria_in == plan.success_criteria_in
    assert copy.success_criteria_in["de"][0].startswith("Erfolgskriterien")
    assert again.holidays == ["US"]
    assert "side:" not in path.read_text("utf-8")  # each owner's own side is left implicit


# --- the command ---------------------------------------------------------------------------------


def run(*args: str, templates_dir: Path | None = None) -> tuple[int, str]:
    env = {"MUTUALPLAN_TEMPLATES_DIR": str(templates_dir) if templates_dir else ""}
    result = CliRunner().invoke(main, ["templates", *args], env=env)
    return result.exit_code, result.output


def test_templates_lists_each_start_address_its_aliases_and_the_broken_ones(
    tmp_path: Path,
) -> None:
    good(tmp_path, "ours")
    write(tmp_path, "broken", GOOD.format(name="broken", title="B").replace("seller", "cfo"))
    code, output = run(templates_dir=tmp_path)
    assert code == 0
    assert "enterprise: Enterprise rollout (7 steps; built-in)\n" in output
    assert "  plans+enterprise@mutualplan.localhost\n" in output
    assert "  plans+ent@mutualplan.localhost  (alias)\n" in output
    assert f"ours: Our way (2 steps; {tmp_path / 'ours.yaml'})\n" in output
    assert "  plans+ours@mutualplan.localhost\n" in output
    assert f"broken: BROKEN ({tmp_path / 'broken.yaml'})\n" in output
    assert f"  {tmp_path / 'broken.yaml'}:6:12: milestones[0].owner: unknown role" in output


def test_check_prints_each_error_with_its_line_and_column_and_exits_1(tmp_path: Path) -> None:
    ours = good(tmp_path, "ours")
    broken = write(tmp_path, "broken", GOOD.format(name="broken", title="B").replace("-5", "x"))
    assert run("check", str(ours)) == (0, f"{ours}: ok (Our way, 2 steps)\n")
    code, output = run("check", str(ours), str(broken))
    assert code == 1
    assert f"{broken}:7:13: milestones[0].offset: Input should be a valid integer" in output
    assert run("check", str(tmp_path / "missing.yaml"))[0] == 1


def test_schema_prints_the_json_schema() -> None:
    code, output = run("schema")
    assert code == 0
    schema = json.loads(output)
    assert schema["title"] == "mutualplan plan template"
    assert "done_means" in schema["$defs"]["TemplateMilestone"]["properties"]


def test_show_lays_a_template_out_from_a_go_live_with_holidays(tmp_path: Path) -> None:
    code, output = run(
        "show", "enterprise", "--go-live", "2027-01-08", "--holidays", "US", "--json"
    )
    assert code == 0, output
    shown = json.loads(output)
    dues = [step["due"] for step in shown["steps"]]
    assert dues[-1] == "2027-01-08"
    assert "2026-12-25" not in dues and "2027-01-01" not in dues
    assert shown["holidays"]["calendars"] == ["US"]

    code, text = run("show", "regulated", "--go-live", "2027-01-08")
    assert code == 0
    assert "Penetration test report reviewed  (optional: Include: pen-test)" in text
    assert run("show", "nope", "--go-live", "2027-01-08")[0] == 1
    assert (
        "no public holidays"
        in run("show", "short", "--go-live", "2027-01-08", "--holidays", "X")[1]
    )


def test_the_operator_default_holidays_come_from_the_environment() -> None:
    env = {"MUTUALPLAN_HOLIDAYS": "US", "MUTUALPLAN_TEMPLATES_DIR": ""}
    result = CliRunner().invoke(
        main, ["templates", "show", "short", "--go-live", "2027-01-08", "--json"], env=env
    )
    assert json.loads(result.output)["holidays"]["calendars"] == ["US"]


def test_several_directories_are_separated_as_in_path(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    good(first, "one")
    good(second, "two")
    env = {"MUTUALPLAN_TEMPLATES_DIR": f"{first}{os.pathsep}{second}"}
    output = CliRunner().invoke(main, ["templates"], env=env).output
    assert "plans+one@" in output and "plans+two@" in output


def test_the_documented_example_is_a_valid_template(tmp_path: Path) -> None:
    page = (Path(__file__).parents[1] / "docs" / "templates.md").read_text("utf-8")
    example = page.split("## An annotated example")[1].split("```yaml\n")[1].split("```")[0]
    path = tmp_path / "our-way.yaml"
    path.write_text(example, "utf-8")
    read = read_template_file(path)
    assert read.errors == []
    assert read.template is not None and read.template.options == ["security-pack"]


@pytest.mark.parametrize(
    "statement",
    ["Cut onboarding from {weeks} to days", "Reach the {Buyer} goal", "{buyer!x}", "50% {of it"],
)
def test_a_value_statement_holds_no_slot_but_buyer(tmp_path: Path, statement: str) -> None:
    """Any other brace made every start on the template fail when the statement was filled in,
    the seller unanswered (red-team round 10): the file's check says so instead."""
    text = GOOD.format(name="t", title="T") + f"value_statement: {json.dumps(statement)}\n"
    [(_, _, message)] = problems(write(tmp_path, "t", text))
    assert "value statement" in message
    kept = GOOD.format(name="t", title="T") + 'value_statement: "Live in {buyer} {{first}}"\n'
    assert problems(write(tmp_path, "t", kept)) == []
