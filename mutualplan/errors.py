"""The one exception tree of mutualplan.

    MutualPlanError
     +-- ConfigError            a setting is missing or wrong
     +-- TemplateError          a plan template cannot be found or read
     |    +-- UnknownTemplate   no template has that name
     +-- StartEmailError        a seller's start email cannot make a plan
     +-- MailError              a mail server refused or could not be reached
     |    +-- MailServerError   connecting, TLS or the login failed (says which server and why)
     +-- PlanNotFound           no plan has that id
     +-- TemporalUnavailable    Temporal cannot be reached just now: try again later

Every error carries what went wrong as attributes; its message is one line a person can act on.
"""

from __future__ import annotations


class MutualPlanError(Exception):
    """Root of every error mutualplan raises on purpose."""


class ConfigError(MutualPlanError):
    """A setting is missing or wrong."""


class TemplateError(MutualPlanError):
    """A plan template cannot be found or read."""


class UnknownTemplate(TemplateError):
    """No template has the requested name."""

    def __init__(self, name: str, available: list[str]) -> None:
        self.name = name
        self.available = available
        super().__init__(f"no plan template named {name!r}; available: {', '.join(available)}")


class StartEmailError(MutualPlanError):
    """A seller's start email cannot make a plan."""


class MailError(MutualPlanError):
    """A mail server refused a command or could not be reached."""


class MailServerError(MailError):
    """Connecting to a mail server, its TLS or the login failed; `problem` says which and why."""

    def __init__(self, protocol: str, host: str, port: int, problem: str) -> None:
        self.protocol = protocol
        self.host = host
        self.port = port
        self.problem = problem
        super().__init__(f"{self.server}: {problem}")

    @property
    def server(self) -> str:
        return f"{self.protocol} {self.host}:{self.port}"


class PlanNotFound(MutualPlanError):
    """No plan has the requested id."""

    def __init__(self, plan_id: str) -> None:
        self.plan_id = plan_id
        super().__init__(f"no plan with id {plan_id!r}")


class TemporalUnavailable(MutualPlanError):
    """Temporal cannot be reached just now (unavailable, timed out): a later attempt may work."""
