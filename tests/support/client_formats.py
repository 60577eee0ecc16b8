"""A reply's fresh text as four mail clients send it, each with the quote it puts below.

- Gmail: multipart/alternative, text/plain (quoted-printable, "On ... wrote:" and "> " lines) and
  text/html (the quote in `div.gmail_quote` / `blockquote.gmail_quote`);
- Outlook (desktop and web): HTML only, the quote under its `div#divRplyFwdMsg` header block
  ("From: / Sent: / To: / Subject:" in the writer's language), base64;
- Apple Mail: multipart/alternative, the HTML quote in `blockquote[type=cite]`;
- Thunderbird: text/plain; format=flowed (long lines wrapped with a trailing space), 8bit.

The shapes are those of the real fixtures in tests/fixtures/replies/, cut down to what matters.
"""

from __future__ import annotations

import base64
import html
import quopri
import textwrap
from collections.abc import Callable

from tests.support.natural_cases import QUOTE_HEADERS, QUOTED, Case

HEADERS = (
    "From: Jane Doe <jane.doe@globex.example>\r\n"
    "To: plans+ms-1@deals.acme.example\r\n"
    "Subject: Re: [Globex rollout] Your turn: Security review complete (due 2026-12-04)\r\n"
    "Date: Tue, 01 Dec 2026 09:14:00 -0800\r\n"
    "Message-ID: <client-format@globex.example>\r\n"
    "In-Reply-To: <mp.ms-1.1@deals.acme.example>\r\n"
    "MIME-Version: 1.0\r\n"
)
OUTLOOK_LABELS = {  # From / Sent / To / Subject, as Outlook writes them in each language
    "en": ("From", "Sent", "To", "Subject"),
    "de": ("Von", "Gesendet", "An", "Betreff"),
    "fr": ("De", "Envoyé", "À", "Objet"),
    "es": ("De", "Enviado", "Para", "Asunto"),
    "nl": ("Van", "Verzonden", "Aan", "Onderwerp"),
    "pt": ("De", "Enviado", "Para", "Assunto"),
    "it": ("Da", "Inviato", "A", "Oggetto"),
    "ja": ("差出人", "送信日時", "宛先", "件名"),
}
QUOTED_HTML = "Reply &quot;done&quot; when it is complete."


def _qp(text: str) -> str:
    return quopri.encodestring(text.replace("\n", "\r\n").encode("utf-8")).decode("ascii")


def _html_lines(text: str) -> str:
    return "".join(f"<div>{html.escape(line) or '<br>'}</div>" for line in text.split("\n"))


def _alternative(plain: str, html_body: str) -> bytes:
    return (
        HEADERS + 'Content-Type: multipart/alternative; boundary="b1"\r\n\r\n'
        "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + _qp(plain) + "\r\n"
        "--b1\r\nContent-Type: text/html; charset=UTF-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + _qp(html_body) + "\r\n--b1--\r\n"
    ).encode("ascii")


def gmail(case: Case) -> bytes:
    header = QUOTE_HEADERS[case.lang]
    plain = f"{case.text}\n\n{header}\n\n{QUOTED}\n"
    html_body = (
        f'<div dir="ltr">{_html_lines(case.text)}</div><br><div class="gmail_quote">'
        f'<div dir="ltr" class="gmail_attr">{html.escape(header)}<br></div>'
        '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex">'
        f"{QUOTED_HTML}</blockquote></div>"
    )
    return _alternative(plain, html_body)


def outlook(case: Case) -> bytes:
    sender, sent, to, subject = OUTLOOK_LABELS[case.lang]
    html_body = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        '</head><body dir="ltr"><div class="elementToProof" style="font-family: Aptos">'
        f"{_html_lines(case.text)}</div>"
        '<div id="appendonsend"></div><hr style="display:inline-block;width:98%">'
        '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif">'
        f"<b>{sender}:</b> Acme Deals &lt;plans@deals.acme.example&gt;<br>"
        f"<b>{sent}:</b> Tuesday, December 1, 2026 8:02 AM<br>"
        f"<b>{to}:</b> Jane Doe &lt;jane.doe@globex.example&gt;<br>"
        f"<b>{subject}:</b> [Globex rollout] Your turn: Security review complete</font>"
        f"<div>&nbsp;</div></div><div><p>{QUOTED_HTML}</p></div></body></html>"
    )
    encoded = base64.encodebytes(html_body.encode("utf-8")).decode("ascii")
    return (
        HEADERS + 'Content-Type: text/html; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n" + encoded.replace("\n", "\r\n")
    ).encode("ascii")


def apple_mail(case: Case) -> bytes:
    header = "On 1 Dec 2026, at 08:02, Acme Deals <plans@deals.acme.example> wrote:"
    plain = f"{case.text}\n\n{header}\n\n{QUOTED}\n"
    html_body = (
        '<html><body style="overflow-wrap: break-word;">'
        f'{_html_lines(case.text)}<div><br><blockquote type="cite"><div>'
        f"{html.escape(header)}</div><br><div><div>{QUOTED_HTML}</div></div>"
        "</blockquote></div></body></html>"
    )
    return _alternative(plain, html_body)


def thunderbird(case: Case) -> bytes:
    wrapped = "\n".join(
        " \n".join(textwrap.wrap(line, 30, break_long_words=False)) or line
        for line in case.text.split("\n")
    )  # flowed: a line that goes on ends with a space
    body = f"{wrapped}\n\nOn 12/1/26 8:02 AM, Acme Deals wrote:\n{QUOTED}\n"
    return (
        HEADERS + "Content-Type: text/plain; charset=UTF-8; format=flowed\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n" + body.replace("\n", "\r\n")
    ).encode("utf-8")


CLIENTS: dict[str, Callable[[Case], bytes]] = {
    "gmail": gmail,
    "outlook": outlook,
    "apple-mail": apple_mail,
    "thunderbird": thunderbird,
}
