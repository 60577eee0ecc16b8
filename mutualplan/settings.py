"""The one typed configuration object, built once in the entrypoint and passed down.

Every field can be set from the environment as `MUTUALPLAN_<FIELD>` (for example
`MUTUALPLAN_SMTP_PORT=587`) and in a TOML file given with `--config` (`smtp_port = 587`); the
environment overrides the file. The defaults are the embedded dev stack of `mutualplan dev`.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shlex
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from mutualplan.errors import ConfigError, UnknownHolidayCalendar
from mutualplan.languages import SHIPPED, language_code
from mutualplan.models import DEFAULT_MAX_STAKEHOLDERS
from mutualplan.public_holidays import read_calendar_codes

MailAuth = Literal["password", "xoauth2"]
Security = Literal["none", "starttls", "tls"]
ANYONE = "*"  # allowed_sellers = ["*"]: anyone may start plans
_TOKEN_COMMAND = "shell command printing a fresh OAuth2 access token, run at each login (xoauth2)"


def _split(separator: str) -> BeforeValidator:
    """A list also written as one string (how an environment variable holds it): separated by
    `separator`, or a JSON list."""

    def split(value: Any) -> Any:
        if isinstance(value, str) and value.lstrip().startswith("["):
            return json.loads(value)  # a bad one: pydantic says which setting, not the value
        if isinstance(value, str):
            return [part.strip() for part in value.split(separator) if part.strip()]
        return value

    return BeforeValidator(split)


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "mutualplan"


class WebhookEndpoint(BaseModel):
    """Where events go: a URL, its Standard Webhooks secret, and the events it wants."""

    url: str
    secret: SecretStr = Field(description="`whsec_` and base64, as the receiver's library has it")
    events: list[str] = Field(default_factory=list, description="empty: every event")

    def wants(self, event_type: str) -> bool:
        return not self.events or event_type in self.events

    @property
    def shown(self) -> str:
        """The endpoint as logs and plan histories name it: its scheme and host, and a digest
        of the whole URL to tell two on one host apart; never its user, password, path or
        query, where receivers put their keys (chat and automation services do)."""
        parts = urlsplit(self.url)
        try:
            port = f":{parts.port}" if parts.port else ""
        except ValueError:  # not a number: the URL says nothing more worth showing
            port = ""
        digest = hashlib.sha256(self.url.encode("utf-8")).hexdigest()[:8]
        return f"{parts.scheme}://{parts.hostname or '?'}{port}/... ({digest})"


class SmtpConfig(BaseModel):
    """The outgoing mail server: the `smtp_*` settings, all the SMTP sender is given."""

    model_config = ConfigDict(frozen=True)

    host: str
    port: int
    security: Security
    username: str | None
    password: SecretStr | None
    ca_file: Path | None
    auth: MailAuth
    token_command: str | None


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MUTUALPLAN_", frozen=True)

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="dev stack data (Temporal SQLite, mail, the generated secret); default "
        "`~/.local/share/mutualplan`",
    )
    domain: str = Field(default="mutualplan.localhost", description="domain of the plans address")
    plans_mailbox: str = Field(default="plans", description="local part of the plans address")
    secret: SecretStr | None = Field(
        default=None,
        description="HMAC key for reply tokens and page links; generated into the data directory "
        "by `mutualplan dev`, required for `worker`. Every worker shares it, for ever: changing "
        "it breaks every token and link already mailed",
    )
    allowed_sellers: Annotated[list[str], NoDecode, _split(",")] = Field(
        default_factory=list,
        description="addresses or @domains allowed to start plans, comma-separated or a JSON "
        'list; "*": anyone. '
        "`mutualplan worker` refuses to start while it is empty (`mutualplan dev` lets anyone)",
    )
    max_stakeholders: int = Field(
        default=DEFAULT_MAX_STAKEHOLDERS,
        ge=2,
        description="the most people a plan takes (seller included); a start email naming more "
        "starts nothing, and the seller is told why",
    )

    temporal_address: str = Field(default="127.0.0.1:7233", description="Temporal frontend")
    temporal_namespace: str = Field(default="default", description="Temporal namespace")
    task_queue: str = Field(default="mutualplan", description="Temporal task queue")
    temporal_tls: bool = Field(
        default=False,
        description="TLS to Temporal with the system's trust store; implied by any of the next "
        "four",
    )
    temporal_tls_cert: Path | None = Field(
        default=None, description="mTLS client certificate (PEM file), set with the key"
    )
    temporal_tls_key: Path | None = Field(
        default=None, description="mTLS client private key (PEM file), set with the certificate"
    )
    temporal_tls_ca: Path | None = Field(
        default=None, description="CA (PEM file) of a self-hosted Temporal's server certificate"
    )
    temporal_api_key: SecretStr | None = Field(
        default=None, description="Temporal Cloud API key (turns TLS on)"
    )
    shutdown_grace_seconds: float = Field(
        default=30.0,
        description="on SIGTERM, how long running activities (an email being sent) may take to "
        "finish",
    )
    mailbox_takeover_seconds: float = Field(
        default=30.0,
        gt=0,
        description="when the worker reading the mailbox dies, how long until another one takes "
        "over (the heartbeat timeout of its activity)",
    )

    smtp_host: str = Field(default="127.0.0.1", description="outgoing mail server")
    smtp_port: int = Field(default=2525, description="outgoing mail server's port")
    smtp_security: Security = Field(default="none", description="`none`, `starttls` or `tls`")
    smtp_username: str | None = Field(default=None, description="SMTP login")
    smtp_password: SecretStr | None = Field(default=None, description="SMTP password")
    smtp_ca_file: Path | None = Field(
        default=None, description="CA (PEM file) of a private SMTP server's certificate"
    )
    smtp_auth: MailAuth = Field(
        default="password",
        description="`password`, or `xoauth2` (an OAuth2 access token; needs `smtp_username` and "
        "`smtp_token_command`)",
    )
    smtp_token_command: str | None = Field(default=None, description=_TOKEN_COMMAND)

    imap_host: str = Field(default="127.0.0.1", description="the plans mailbox's server")
    imap_port: int = Field(default=1143, description="the plans mailbox's server's port")
    imap_security: Security = Field(default="none", description="`none`, `starttls` or `tls`")
    imap_username: str | None = Field(
        default=None, description="IMAP login (default: the plans address)"
    )
    imap_password: SecretStr = Field(default=SecretStr("dev"), description="IMAP password")
    imap_ca_file: Path | None = Field(
        default=None, description="CA (PEM file) of a private IMAP server's certificate"
    )
    imap_auth: MailAuth = Field(
        default="password",
        description="`password`, or `xoauth2` (an OAuth2 access token; needs `imap_token_command`)",
    )
    imap_token_command: str | None = Field(default=None, description=_TOKEN_COMMAND)
    imap_folder: str = Field(default="INBOX", description="folder the listener reads")
    processed_folder: str = Field(
        default="Processed", description="where a message goes once its effect is durable"
    )
    set_aside_folder: str = Field(
        default="Set aside", description="where a message goes that changed nothing, with why"
    )
    sent_folder: str = Field(default="Sent", description="copies of sent mail; the outbox record")
    sent_record: Literal["folder", "file"] = Field(
        default="folder",
        description="where sent mail is recorded so a retry never sends twice: the Sent folder "
        "(shared by all workers) or data_dir/sent.sqlite3 (workers on one machine; dev's default)",
    )
    max_message_bytes: int = Field(
        default=10_000_000, description="larger messages are set aside unread"
    )
    read_budget_seconds: float = Field(
        default=5.0,
        gt=0,
        description="a message that takes longer to read is set aside as too long to read",
    )
    read_processes: int = Field(default=2, ge=1, description="processes reading inbound mail")
    trusted_authserv_id: str | None = Field(
        default=None,
        description="authserv-id of the receiving server whose DMARC verdicts "
        "(`Authentication-Results`) are trusted; when set, only mail with its `dmarc=pass` "
        "for the From's domain acts on a plan or is answered",
    )
    default_template: str | None = Field(
        default=None,
        description="template of a plan started by mail to the plans address with no "
        "+template; unset: such mail is answered with the list of templates",
    )
    max_answers_per_hour: int = Field(
        default=100,
        ge=0,
        description="automatic answers (help, status, refusals, no plan started) per worker and "
        "hour, in all",
    )
    date_horizon_years: int = Field(
        default=3, ge=1, le=50, description="go-live and due dates at most this many years ahead"
    )

    temporal_ui_port: int = Field(default=8233, description="the dev server's web UI")
    web_enabled: bool = Field(
        default=False, description="the worker serves the plan pages (`mutualplan dev`: on)"
    )
    web_host: str = Field(default="127.0.0.1", description="where the plan pages are served")
    web_port: int = Field(default=8080, description="the plan pages' port")
    web_public_url: str | None = Field(
        default=None,
        description="base URL of the plan pages in emails (default: `http://WEB_HOST:WEB_PORT` "
        "when served, else no links)",
    )
    web_link_days: int = Field(
        default=30, ge=1, description="page links work until this many days after go-live"
    )
    cockpit_link_days: int = Field(
        default=35, ge=1, description="a seller's cockpit link works this many days"
    )
    managers: dict[str, list[str]] = Field(
        default_factory=dict,
        description="JSON object: a manager's address -> the sellers (addresses or `@domains`) "
        'whose plans their cockpit shows, e.g. `{"kim@acme.example": ["@acme.example"]}`',
    )
    webhooks: list[WebhookEndpoint] = Field(
        default_factory=list,
        description='JSON list of endpoints: `[{"url": "https://...", "secret": "whsec_...", '
        '"events": ["milestone.done"]}]` (no `events`: every event); see the webhooks page',
    )
    api_token: SecretStr | None = Field(
        default=None,
        description="bearer token of the read API (`/api/plans`); unset: no API is served",
    )
    timezone: str = Field(default="UTC", description="sellers' time zone for check-in calls")
    language: str = Field(
        default="en",
        description=f"the language of people with none of their own ({', '.join(SHIPPED)}; or a "
        "name: German); a person's own, then the plan template's, come first",
    )
    templates_dir: Annotated[list[Path], NoDecode, _split(os.pathsep)] = Field(
        default_factory=list,
        description=f"directories of your own plan templates ({os.pathsep}-separated), each "
        "overriding the built-in ones and those of the directories after it",
    )
    holidays: Annotated[list[str], NoDecode, _split(",")] = Field(
        default_factory=list,
        description="public holiday calendars due dates skip when neither the start email nor "
        "the template names any, such as US or DE-BY, US-CA",
    )
    stall_after_weeks: int = Field(
        default=4,
        ge=1,
        le=52,
        description="a plan nobody acts on this many weeks past its last due date closes as "
        "stalled (a template's `stall_after_weeks` wins)",
    )
    log_format: Literal["text", "json"] = Field(
        default="text", description="`text` or `json` (one object per line)"
    )
    metrics_bind_address: str | None = Field(
        default=None,
        description="`host:port` serving Prometheus `/metrics`; off when unset (`mutualplan "
        "dev`: `127.0.0.1:9464`)",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # earlier sources win: the environment overrides the TOML file (model_config's toml_file)
        toml = TomlConfigSettingsSource(settings_cls)
        return init_settings, env_settings, dotenv_settings, file_secret_settings, toml

    @field_validator("language")
    @classmethod
    def _shipped_language(cls, value: str) -> str:
        code = language_code(value)
        if code is None:
            raise ValueError(
                f"{value!r} is not a language mutualplan speaks ({', '.join(SHIPPED)})"
            )
        return code

    @field_validator("holidays")
    @classmethod
    def _known_calendars(cls, codes: list[str]) -> list[str]:
        try:
            return read_calendar_codes(codes)
        except UnknownHolidayCalendar as exc:
            raise ValueError(str(exc)) from None

    @model_validator(mode="after")
    def _sellers_are_addresses(self) -> Settings:
        # a bare domain would silently match no one: say so at start instead
        for entry in self.allowed_sellers:
            if entry != ANYONE and "@" not in entry:
                raise ValueError(
                    f"allowed_sellers: {entry!r} is neither an address nor an @domain "
                    f'(write "@{entry}" for a whole domain, or "*" for anyone)'
                )
        return self

    @model_validator(mode="after")
    def _client_cert_comes_with_its_key(self) -> Settings:
        if (self.temporal_tls_cert is None) != (self.temporal_tls_key is None):
            raise ValueError("temporal_tls_cert and temporal_tls_key must be set together")
        return self

    @model_validator(mode="after")
    def _xoauth2_has_a_token_source(self) -> Settings:
        for protocol in ("imap", "smtp"):
            xoauth2 = getattr(self, f"{protocol}_auth") == "xoauth2"
            if xoauth2 and not getattr(self, f"{protocol}_token_command"):
                raise ValueError(f"{protocol}_auth = xoauth2 needs {protocol}_token_command")
        if self.smtp_auth == "xoauth2" and not self.smtp_username:
            raise ValueError("smtp_auth = xoauth2 needs smtp_username")
        return self

    @property
    def uses_temporal_tls(self) -> bool:
        return self.temporal_tls or any(
            value is not None
            for value in (self.temporal_tls_cert, self.temporal_tls_ca, self.temporal_api_key)
        )

    def secret_values(self) -> list[str]:
        """Every configured secret, so logs and messages can mask it."""
        values = [getattr(self, name) for name in type(self).model_fields]
        values += [endpoint.secret for endpoint in self.webhooks]
        return [v.get_secret_value() for v in values if isinstance(v, SecretStr)]

    @property
    def smtp(self) -> SmtpConfig:
        return SmtpConfig(
            **{name: getattr(self, f"smtp_{name}") for name in SmtpConfig.model_fields}
        )

    @property
    def plans_address(self) -> str:
        return f"{self.plans_mailbox}@{self.domain}"

    @property
    def imap_login(self) -> str:
        return self.imap_username or self.plans_address

    def plus_address(self, tag: str) -> str:
        """The plans address with a +tag: a template's name starts a plan, a reply token
        answers one (`mail.addresses.plus_tag` reads it back)."""
        return f"{self.plans_mailbox}+{tag}@{self.domain}"

    def reply_address(self, token: str) -> str:
        return self.plus_address(token)

    @property
    def web_base_url(self) -> str | None:
        """Where emails link to: the public URL, else the served address; None: no links."""
        if self.web_public_url:
            return self.web_public_url.rstrip("/")
        host = f"[{self.web_host}]" if ":" in self.web_host else self.web_host
        return f"http://{host}:{self.web_port}" if self.web_enabled else None

    def secret_bytes(self) -> bytes:
        if self.secret is None:
            raise ConfigError("MUTUALPLAN_SECRET is not set: reply tokens cannot be signed")
        return self.secret.get_secret_value().encode("utf-8")

    def with_dev_secret(self) -> Settings:
        """The dev stack keeps a generated secret in its data directory: tokens survive restarts."""
        if self.secret is not None:
            return self
        path = self.data_dir / "secret"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(32), "utf-8")
            path.chmod(0o600)
        return self.model_copy(update={"secret": SecretStr(path.read_text("utf-8").strip())})

    @property
    def anyone_may_start_plans(self) -> bool:
        """Open: allowed_sellers is ["*"] (an operator's explicit choice) or empty (the dev
        stack on loopback; `mutualplan worker` refuses to start so)."""
        return not self.allowed_sellers or ANYONE in self.allowed_sellers

    def team_of(self, person: str) -> tuple[list[str], list[str]]:
        """The sellers (addresses) and `@domains` whose plans `person`'s cockpit shows: their
        own, and those of the team they manage."""
        person = person.strip().lower()
        managed = next((v for k, v in self.managers.items() if k.strip().lower() == person), [])
        entries = [e.strip().lower() for e in managed]
        sellers = [person, *(e for e in entries if not e.startswith("@"))]
        return list(dict.fromkeys(sellers)), [e for e in entries if e.startswith("@")]

    def may_start_plans(self, sender: str) -> bool:
        return sellers_allow(self.allowed_sellers, sender)


def sellers_allow(allowed_sellers: list[str], sender: str) -> bool:
    """Whether `allowed_sellers` (addresses and @domains; ["*"] or, in the dev stack, none at
    all: anyone) lets `sender` start plans."""
    if not allowed_sellers or ANYONE in allowed_sellers:
        return True
    sender = sender.lower()
    domain = "@" + sender.rpartition("@")[2]
    return any(entry.lower() in (sender, domain) for entry in allowed_sellers)


def load_settings(config_file: Path | None = None) -> Settings:
    """Settings from the environment and, if given, a TOML file (the environment wins)."""
    if config_file is None:
        return Settings()
    if not config_file.is_file():
        raise ConfigError(f"configuration file {config_file} does not exist")

    class FileSettings(Settings):
        model_config = SettingsConfigDict(toml_file=config_file)

    return FileSettings()


# shell commands whose arguments may carry credentials (client secrets, refresh tokens)
COMMAND_SETTINGS = frozenset({"smtp_token_command", "imap_token_command"})


def effective_settings_lines(settings: Settings) -> list[str]:
    """`name = value` lines, TOML-like, for every setting; secrets as ******** or (not set),
    commands as their program alone."""
    lines = []
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if value is None:
            shown = "(not set)"
        elif isinstance(value, SecretStr):
            shown = "********"
        elif name in COMMAND_SETTINGS:
            shown = json.dumps(program_only(str(value)))
        elif isinstance(value, bool | int | float):
            shown = json.dumps(value)
        elif isinstance(value, list):
            shown = json.dumps([str(v) for v in value])
        else:
            shown = json.dumps(str(value))
        lines.append(f"{name} = {shown}")
    return lines


def settings_reference() -> str:
    """The settings as a Markdown table (the docs' configuration page is generated from it)."""
    rows = ["| setting | default | meaning |", "| --- | --- | --- |"]
    for name, field in Settings.model_fields.items():
        rows.append(
            f"| `MUTUALPLAN_{name.upper()}` | {_shown_default(field)} | {field.description} |"
        )
    return "\n".join(rows)


def _shown_default(field: FieldInfo) -> str:
    if field.default_factory is not None:
        return "see meaning" if field.default_factory is not list else "`[]`"
    value = field.default
    if value is None:
        return "none"
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    return f"`{json.dumps(value) if isinstance(value, bool) else value}`"


def program_only(command: str) -> str:
    """`curl -d client_secret=...` as `curl ********`: which program, none of its arguments."""
    try:
        words = shlex.split(command)
    except ValueError:  # unbalanced quotes: not even the first word can be told apart safely
        return "********"
    # `TOKEN=... get-token`: the shell's variable assignments before the program are arguments
    program = next((i for i, word in enumerate(words) if "=" not in word), None)
    if program is None:
        return "********" if words else ""
    hidden = len(words) > 1
    return words[program] + (" ********" if hidden else "")
