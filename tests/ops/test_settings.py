"""Settings from the environment and a TOML file; `mutualplan config` masks every secret."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from mutualplan.cli import main
from mutualplan.errors import ConfigError
from mutualplan.settings import load_settings

pytestmark = pytest.mark.usefixtures("restore_logging")

TOML = """
domain = "plans.acme.example"
smtp_host = "smtp.acme.example"
smtp_port = 587
smtp_security = "starttls"
smtp_username = "plans@acme.example"
smtp_password = "toml-smtp-password"
imap_host = "imap.acme.example"
imap_port = 993
imap_security = "tls"
allowed_sellers = ["@acme.example"]
temporal_address = "acme.a1b2c.tmprl.cloud:7233"
temporal_namespace = "acme.a1b2c"
temporal_api_key = "toml-api-key-value"
log_format = "json"
"""


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    import os

    for name in list(os.environ):
        if name.startswith("MUTUALPLAN_"):
            monkeypatch.delenv(name)
    yield


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "mutualplan.toml"
    path.write_text(TOML, "utf-8")
    return path


def test_defaults_are_the_dev_stack() -> None:
    settings = load_settings()
    assert (settings.smtp_port, settings.imap_port, settings.smtp_security) == (2525, 1143, "none")
    assert settings.temporal_api_key is None and not settings.uses_temporal_tls
    assert settings.log_format == "text"


def test_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUTUALPLAN_IMAP_SECURITY", "starttls")
    monkeypatch.setenv("MUTUALPLAN_IMAP_CA_FILE", "/etc/mutualplan/ca.pem")
    monkeypatch.setenv("MUTUALPLAN_TEMPORAL_API_KEY", "env-api-key")
    monkeypatch.setenv("MUTUALPLAN_ALLOWED_SELLERS", '["alex@acme.example"]')
    settings = load_settings()
    assert settings.imap_security == "starttls"
    assert settings.imap_ca_file == Path("/etc/mutualplan/ca.pem")
    assert settings.uses_temporal_tls
    assert settings.allowed_sellers == ["alex@acme.example"]
    assert "env-api-key" in settings.secret_values()


def test_toml_file(config_file: Path) -> None:
    settings = load_settings(config_file)
    assert settings.smtp_host == "smtp.acme.example"
    assert (settings.smtp_port, settings.smtp_security) == (587, "starttls")
    assert (settings.imap_port, settings.imap_security) == (993, "tls")
    assert settings.allowed_sellers == ["@acme.example"]
    assert settings.temporal_namespace == "acme.a1b2c"
    assert settings.log_format == "json"
    assert settings.imap_folder == "INBOX"  # not in the file: the default


def test_environment_overrides_the_file(config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUTUALPLAN_SMTP_PORT", "465")
    monkeypatch.setenv("MUTUALPLAN_SMTP_SECURITY", "tls")
    monkeypatch.setenv("MUTUALPLAN_SMTP_PASSWORD", "env-smtp-password")
    settings = load_settings(config_file)
    assert (settings.smtp_port, settings.smtp_security) == (465, "tls")
    assert settings.smtp_password is not None
    assert settings.smtp_password.get_secret_value() == "env-smtp-password"
    assert settings.smtp_host == "smtp.acme.example"  # from the file still


def test_a_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")


def test_a_misspelt_setting_in_the_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("smtp_prot = 587\n", "utf-8")
    with pytest.raises(ValidationError, match="smtp_prot"):
        load_settings(path)


def test_a_client_certificate_needs_its_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUTUALPLAN_TEMPORAL_TLS_CERT", "/etc/mutualplan/client.pem")
    with pytest.raises(ValidationError, match="must be set together"):
        load_settings()


def test_config_prints_the_effective_settings_with_secrets_masked(config_file: Path) -> None:
    env = {"MUTUALPLAN_SECRET": "env-hmac-key-0123456789", "MUTUALPLAN_SMTP_PORT": "465"}
    result = CliRunner().invoke(main, ["--config", str(config_file), "config"], env=env)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert 'smtp_host = "smtp.acme.example"' in lines
    assert "smtp_port = 465" in lines
    assert 'allowed_sellers = ["@acme.example"]' in lines
    assert "secret = ********" in lines
    assert "smtp_password = ********" in lines
    assert "imap_password = ********" in lines
    assert "temporal_api_key = ********" in lines
    assert "temporal_tls_cert = (not set)" in lines
    for secret in ("env-hmac-key-0123456789", "toml-smtp-password", "toml-api-key-value", '"dev"'):
        assert secret not in result.output


def test_config_shows_an_unset_secret_as_not_set() -> None:
    result = CliRunner().invoke(main, ["config"])
    assert result.exit_code == 0, result.output
    assert "secret = (not set)" in result.output.splitlines()
    assert "smtp_password = (not set)" in result.output.splitlines()


def test_invalid_settings_do_not_echo_the_value(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('imap_password = ["hunter2-in-a-list"]\n', "utf-8")
    result = CliRunner().invoke(main, ["--config", str(path), "config"])
    assert result.exit_code == 1
    assert "invalid settings: imap_password:" in result.output
    assert "hunter2-in-a-list" not in result.output


def test_config_shows_only_the_program_of_a_token_command() -> None:
    """A token command may carry a client secret or a refresh token in its arguments."""
    env = {
        "MUTUALPLAN_SMTP_AUTH": "xoauth2",
        "MUTUALPLAN_SMTP_USERNAME": "plans@acme.example",
        "MUTUALPLAN_SMTP_TOKEN_COMMAND": "curl -d client_secret=CLIENTSECRET123 "
        "-d refresh_token=REFRESH456 https://oauth2.example/token",
        "MUTUALPLAN_IMAP_TOKEN_COMMAND": "CLIENT_SECRET=INLINE789 /usr/local/bin/get-token imap",
    }
    result = CliRunner().invoke(main, ["config"], env=env)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert 'smtp_token_command = "curl ********"' in lines
    assert 'imap_token_command = "/usr/local/bin/get-token ********"' in lines
    for secret in ("CLIENTSECRET123", "REFRESH456", "INLINE789", "oauth2.example"):
        assert secret not in result.output


def test_allowed_sellers_are_addresses_domains_or_anyone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUTUALPLAN_ALLOWED_SELLERS", '["*"]')
    assert load_settings().may_start_plans("anyone@anywhere.example")
    monkeypatch.setenv("MUTUALPLAN_ALLOWED_SELLERS", '["@acme.example", "kim@partner.example"]')
    settings = load_settings()
    assert settings.may_start_plans("Alex@ACME.example") and settings.may_start_plans(
        "kim@partner.example"
    )
    assert not settings.may_start_plans("sam@partner.example")
    monkeypatch.setenv("MUTUALPLAN_ALLOWED_SELLERS", '["acme.example"]')  # a bare domain
    with pytest.raises(ValidationError, match=r'write "@acme.example" for a whole domain'):
        load_settings()


@pytest.mark.parametrize(
    ("written", "sellers"),
    [
        ("@acme.example", ["@acme.example"]),
        ("@acme.example, alex@initech.example", ["@acme.example", "alex@initech.example"]),
        ('["@acme.example"]', ["@acme.example"]),
        ("*", ["*"]),
    ],
)
def test_allowed_sellers_as_an_operator_writes_them(
    monkeypatch: pytest.MonkeyPatch, written: str, sellers: list[str]
) -> None:
    """MUTUALPLAN_ALLOWED_SELLERS=@acme.example said 'error parsing value for field
    "allowed_sellers" from source "EnvSettingsSource"': only a JSON list was read."""
    monkeypatch.setenv("MUTUALPLAN_ALLOWED_SELLERS", written)
    assert load_settings().allowed_sellers == sellers
    shown = CliRunner().invoke(main, ["config"])
    assert f"allowed_sellers = {sellers}".replace("'", '"') in shown.output


def test_a_setting_that_is_not_the_json_it_takes_names_its_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MUTUALPLAN_MANAGERS", "boss@acme.example")
    result = CliRunner().invoke(main, ["config"])
    assert result.exit_code == 1
    assert "MUTUALPLAN_MANAGERS is not valid JSON" in result.output, result.output
    assert "EnvSettingsSource" not in result.output
