"""Replies from clients beyond the held-out set, each read whole by `read_reply`: HTML from Samsung,
GMX (its quoted header block written with `<br/>`), Fastmail and a Microsoft 365 / Proofpoint
first-contact banner above the reply; plain text from Zoho, Outlook for Mac, Android Gmail and
Thunderbird's localized forwards."""

from __future__ import annotations

import base64

import pytest

from mutualplan.mail.reading import read_reply

H = (
    "From: Jane <jane@globex.example>\r\nTo: plans+ms-1@deals.acme.example\r\nSubject: Re: x\r\n"
    "Date: Tue, 01 Dec 2026 09:14:00 -0800\r\nMessage-ID: <v@g>\r\nMIME-Version: 1.0\r\n"
)


def html(body: str) -> bytes:
    return (
        H
        + 'Content-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        + base64.encodebytes(body.encode()).decode()
    ).encode()


def plain(body: str, cs: str = "utf-8") -> bytes:
    return (
        H
        + f'Content-Type: text/plain; charset="{cs}"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        + base64.encodebytes(body.encode(cs)).decode()
    ).encode()


Q = "<div>Reply done when complete.</div>"
CASES = {
    "samsung-html": html(
        '<html><body><div dir="auto">Done</div><div dir="auto"><br></div>'
        '<div id="composer_signature" dir="auto">'
        '<div style="font-size:85%;color:#575757" dir="auto">Sent from my'
        ' Galaxy</div></div><div dir="auto"><br></div>'
        '<div align="left" dir="auto" style="font-size:100%;color:#000000">'
        "<div>-------- Original message --------</div>"
        "<div>From: Acme &lt;p@a.example&gt; </div>"
        "<div>Date: 12/1/26 8:02 AM (GMT-08:00) </div><div>To: Jane </div>"
        "<div>Subject: x </div><div><br></div></div>" + Q + "</body></html>"
    ),
    "gmx-html": html(
        '<html><body><div style="font-family: Verdana"><div>Erledigt</div>'
        "<div>&nbsp;</div>"
        '<div>&nbsp;<div name="quote" style="margin:10px 5px 5px 10px;'
        ' padding: 10px 0 10px 10px; border-left:2px solid #C3D9E5;">'
        '<div style="margin:0 0 10px 0;">'
        "<b>Gesendet:</b>&nbsp;Dienstag, 01. Dezember 2026 um 17:02 Uhr<br/>"
        "<b>Von:</b>&nbsp;&quot;Acme&quot; &lt;p@a.example&gt;<br/>"
        "<b>An:</b>&nbsp;jane@globex.example<br/><b>Betreff:</b>&nbsp;x</div>"
        '<div name="quoted-content"><div>Reply done when complete.</div>'
        "</div></div></div></div></body></html>"
    ),
    "o365-banner-html": html(
        '<html><body><table style="border:0"><tr><td>'
        '<div style="display:none">ZjQcmQRYFpfptBannerStart</div>'
        "<div>You don't often get email from jane@globex.example. <a"
        ' href="https://aka.ms/LearnAboutSenderIdentification">Learn why'
        " this is important</a></div>"
        '<div style="display:none">ZjQcmQRYFpfptBannerEnd</div></td></tr>'
        '</table><div>Done</div><div id="appendonsend"></div>' + Q + "</body></html>"
    ),
    "tutanota-html": html(
        "<html><body><div>Done</div><br><div>1 Dec 2026, 08:02 by plans@deals.acme.example:"
        '<br><blockquote class="tutanota_quote">' + Q + "</blockquote></div></body></html>"
    ),
    "zoho-html": html(
        "<html><body><div>Done<br></div><div><br></div>"
        '<div class="zmail_extra"><div>---- On Tue, 01 Dec 2026 08:02:00 -0800 <b>Acme</b>'
        " wrote ----</div><blockquote>" + Q + "</blockquote></div></body></html>"
    ),
    "outlook-mac-html": html(
        '<html><body><div>Done</div><div><br></div><span id="OLK_SRC_BODY_SECTION">'
        "<div><b>From: </b>Acme &lt;p@a.example&gt;<br><b>Date: </b>Tuesday, 1 December 2026"
        " at 08:02</div>" + Q + "</span></body></html>"
    ),
    "zoho-plain": plain(
        "Done\n\n\n\n"
        "---- On Tue, 01 Dec 2026 08:02:00 -0800 Acme Deals <p@a.example>"
        " wrote ----\n\nReply done when complete.\n"
    ),
    "zoho-de-plain": plain(
        "Ist fertig\n\n\n"
        "---- Am Di, 01 Dez 2026 17:02:00 +0100 schrieb Acme Deals"
        " <p@a.example> ----\n\nReply.\n"
    ),
    "fastmail-html": html(
        "<html><body><div>Done</div><div><br></div>"
        "<div>On Tue, 1 Dec 2026, at 08:02, Acme Deals wrote:</div>"
        '<blockquote type="cite" id="qt"><div>Reply done when complete.</div>'
        "</blockquote></body></html>"
    ),
    "outlook-mac-ja": plain(
        "完了です\n\n差出人: Acme <p@a.example>\n日付: 2026年12月1日 火曜日 17:02\n"
        "宛先: 山田 <y@g.example>\n件名: x\n\nReply.\n",
        "shift_jis",
    ),
    "tb-fwd-ja": plain(
        "完了です\n\n-------- 転送メッセージ --------\n件名: x\n"
        "日付: Tue, 1 Dec 2026 08:02:00 -0800\n差出人: Acme <p@a.example>\n"
        "宛先: y@g.example\n\nold\n",
        "iso-2022-jp",
    ),
    "tb-orig-fr": plain(
        "C'est terminé\n\n-------- Message original --------\nSujet : x\n"
        "Date : Tue, 1 Dec 2026 08:02:00 -0800\nDe : Acme <p@a.example>\n"
        "Pour : c@g.example\n\nold\n",
        "iso-8859-1",
    ),
    "outlook-plain-bold": plain(
        "Done\n\n*From:* Acme <p@a.example>\n"
        "*Sent:* Tuesday, December 1, 2026 8:02 AM\n*To:* Jane\n*Subject:* x\n\n"
        "old\n"
    ),
    "android-gmail-de": plain(
        "Ist fertig\n\nAcme Deals <p@a.example> schrieb am Di., 1. Dez. 2026, 17:02:\n\n> old\n"
    ),
    "android-gmail-ja": plain(
        "完了です\n\n2026年12月1日(火) 17:02 Acme Deals <p@a.example>:\n\n> old\n"
    ),
    "es-gmail-wrapped-3": plain(
        "Terminado\n\n"
        "El mar, 1 dic 2026 a las 8:02, Acme Deals Incorporated Worldwide (<\n"
        "plans@deals.acme.example>)\nescribió:\n\n> old\n"
    ),
}

EXPECTED = {
    "gmx-html": "Erledigt",
    "zoho-de-plain": "Ist fertig",
    "outlook-mac-ja": "完了です",
    "tb-fwd-ja": "完了です",
    "tb-orig-fr": "C'est terminé",
    "android-gmail-de": "Ist fertig",
    "android-gmail-ja": "完了です",
    "es-gmail-wrapped-3": "Terminado",
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_reply_alone_is_read(name: str) -> None:
    reply = read_reply(CASES[name])
    assert (reply.intent.value, reply.text) == ("done", EXPECTED.get(name, "Done"))
