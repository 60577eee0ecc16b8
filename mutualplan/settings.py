"""The one typed configuration object, built once in the entrypoint and passed down.

Every field can be set from the environment as `MUTUALPLAN_<FIELD>` (for example
`MUTUALPLAN_SMTP_PORT=587`). The defaults are the embedded dev stack of `mutualplan dev`.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from mutualplan.errors import ConfigError


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "mutualplan"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MUTUALPLAN_", frozen=True)

    data_dir: Path = Field(default_factory=_default_data_dir)
    domain: str = "mutualplan.localhost"
    plans_mailbox: str = "plans"
    secret: SecretStr | None = Field(default=None, description="HMAC key for reply tokens")
    allowed_sellers: list[str] = Field(
        default_factory=list,
        description="addresses or @domains allowed to start plans; empty allows anyone",
    )

    temporal_address: str = "127.0.0.1:7233"
    temporal_namespace: str = "default"
    task_queue: str = "mutualplan"

    smtp_host: str = "127.0.0.1"
    smtp_port: int = 2525
    smtp_security: Literal["none", "starttls", "tls"] = "none"
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None

    imap_host: str = "127.0.0.1"
    imap_port: int = 1143
    imap_security: Literal["none", "starttls", "tls"] = "none"
    imap_username: str | None = None
    imap_password: SecretStr = SecretStr("dev")
    imap_folder: str = "INBOX"
    processed_folder: str = "Processed"
    set_aside_folder: str = "Set aside"
    max_message_bytes: int = 10_000_000
    trusted_authserv_id: str | None = Field(
        default=None,
        description="authserv-id of the receiving server whose DMARC verdicts we trust",
    )

    temporal_ui_port: int = 8233
    timezone: str = Field(default="UTC", description="sellers' time zone for check-in calls")

    @property
    def plans_address(self) -> str:
        return f"{self.plans_mailbox}@{self.domain}"

    @property
    def imap_login(self) -> str:
        return self.imap_username or self.plans_address

    def reply_address(self, token: str) -> str:
        return f"{self.plans_mailbox}+{token}@{self.domain}"

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

    def may_start_plans(self, sender: str) -> bool:
        if not self.allowed_sellers:
            return True
        sender = sender.lower()
        domain = "@" + sender.rpartition("@")[2]
        return any(entry.lower() in (sender, domain) for entry in self.allowed_sellers)
