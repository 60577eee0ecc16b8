"""The one exception tree of mutualplan.

    MutualPlanError
     +-- ConfigError            a setting is missing or wrong
     +-- TemplateError          a plan template cannot be found or read
     |    +-- UnknownTemplate   no template has that name
     |    +-- BrokenTemplate    the template's file has errors (each with its line and column)
     +-- UnknownHolidayCalendar no public holidays are known for that calendar code
     +-- StartEmailError        a seller's start email cannot make a plan
     |    +-- TooManyPeople     it names more people than a plan takes
     +-- MailError              a mail server refused or could not be reached
     |    +-- MailServerError   connecting, TLS or the login failed (says which server and why)
     |         +-- LoginRefused the server refused the login itself (password, token, user)
     +-- TemporalUnreachable    the Temporal frontend cannot be reached (says where and why)
     +-- PlanNotFound           no plan has that id
     +-- TemporalUnavailable    Temporal cannot be reached just now: try again later
     +-- Refused                a command the plan will not take (the sender is told why)
     |    +-- NotTheirs         its reply token was not sent to whoever answered it
     +-- NotThisAttendee        a calendar answer from another address than the invitee's

Raised and caught inside one part, so defined beside it: `mail.send.SmtpRefused` and
`mail.oauth2.TokenCommandError` (MailErrors), `links.LinkRefused`, `worker.inbound.TryLater`.

Every error carries what went wrong as attributes; its message is one line a person can act on.
"""

from __future__ import annotations

from collections.abc import Sequence

from mutualplan.models import Phrase, plural_phrase


class MutualPlanError(Exception):
    """Root of every error mutualplan raises on purpose."""


class ConfigError(MutualPlanError):
    """A setting is missing or wrong."""


class TemplateError(MutualPlanError):
    """A plan template cannot be found or read."""


class UnknownTemplate(TemplateError):
    """No template has the requested name; `closest`: the names it most likely meant."""

    def __init__(self, name: str, available: list[str], *, closest: Sequence[str] = ()) -> None:
        self.name = name
        self.available = available
        self.closest = list(closest)
        super().__init__(f"no plan template named {name!r}; available: {', '.join(available)}")


class BrokenTemplate(TemplateError):
    """A template's file cannot be used: `errors` are lines such as `enterprise.yaml:12:5: ...`."""

    def __init__(self, name: str, errors: list[str]) -> None:
        self.name = name
        self.errors = errors
        super().__init__(f"plan template {name!r} is broken: " + "; ".join(errors))


class UnknownHolidayCalendar(MutualPlanError):
    """No public holidays are known for a calendar code (`regions`: the country's known ones)."""

    def __init__(self, code: str, regions: list[str] | None = None) -> None:
        self.code = code
        self.regions = regions or []
        known = f" (its regions: {', '.join(self.regions)})" if self.regions else ""
        super().__init__(
            f"no public holidays are known for {code!r}: use a country code such as US or DE, "
            f"and a region after a dash, such as DE-BY{known}"
        )


class StartEmailError(MutualPlanError):
    """A seller's start email cannot make a plan (`said`: why, as a phrase, told in the
    seller's language)."""

    def __init__(self, reason: str | Phrase) -> None:
        self.said = None if isinstance(reason, str) else reason
        super().__init__(str(reason))


class TooManyPeople(StartEmailError):
    """The start email names more people than a plan takes: nobody on it hears of it."""

    def __init__(self, count: int, limit: int) -> None:
        self.count = count
        self.limit = limit
        super().__init__(
            plural_phrase(
                "the email names {count} person (you and everyone on To and Cc) and a plan "
                "takes at most {limit}: copy only the people who work on the plan",
                "the email names {count} people (you and everyone on To and Cc) and a plan "
                "takes at most {limit}: copy only the people who work on the plan",
                count,
                limit=limit,
            )
        )


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


class LoginRefused(MailServerError):
    """The mail server answered and refused the login: a wrong password, token or user name,
    which trying again soon will not fix (and may lock the account)."""


class TemporalUnreachable(MutualPlanError):
    """The Temporal frontend at `address` cannot be reached; `problem` says why, in words."""

    def __init__(self, address: str, problem: str) -> None:
        self.address = address
        self.problem = problem
        super().__init__(
            f"cannot connect to Temporal at {address} (MUTUALPLAN_TEMPORAL_ADDRESS): {problem}"
        )


class PlanNotFound(MutualPlanError):
    """No plan has the requested id."""

    def __init__(self, plan_id: str) -> None:
        self.plan_id = plan_id
        super().__init__(f"no plan with id {plan_id!r}")


class TemporalUnavailable(MutualPlanError):
    """Temporal cannot be reached just now (unavailable, timed out): a later attempt may work."""


class Refused(MutualPlanError):
    """The command is not allowed or makes no sense for the plan as it is: the person who sent
    it is told why (`said`: the reason as a phrase, told in their language). `logged`: the
    reason as the operator reads it in the logs, where it differs from what the sender is told
    ("sam@x is not the owner" there, "you are not the owner" to Sam)."""

    def __init__(self, reason: str | Phrase, *, logged: str | None = None) -> None:
        self.said = reason if isinstance(reason, Phrase) else None
        super().__init__(logged or str(reason))


class NotTheirs(Refused):
    """The reply token was not sent to whoever answered it (forwarded, forged, or its holder
    left the plan): nobody is answered, so a forged sender gets no mail from us."""


class NotThisAttendee(MutualPlanError):
    """A calendar answer came from an address that is not provably the invitee's (another
    name at their domain, a forwarding address): not an answer to record, but someone writing
    about the plan, whom the seller should hear from."""
