"""Subjects of auto-replies, bounces and abuse reports, in the languages mailers write them."""

from __future__ import annotations

import re
import unicodedata
from email.message import Message

from mutualplan.mail.automated.header_fields import first_value

_SPACES = re.compile(r"\s+")


def _folded(text: str) -> str:
    """Casefold, map full-width forms, drop accents on Latin letters, collapse white space.

    Autoresponders and gateways mangle accents ("Reponse automatique") and CJK mailers use
    full-width punctuation (U+FF1A after "自動応答"); patterns are written against the folded form.
    Accents are only stripped after Latin letters because dropping combining marks in general
    would change Japanese kana (dakuten) and Hangul would stay decomposed.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    kept: list[str] = []
    for char in decomposed:
        if unicodedata.combining(char) and kept and kept[-1] < "\u0250":
            continue
        kept.append(char)
    composed = unicodedata.normalize("NFC", "".join(kept))
    # Turkish's dotless i (U+0131) has no accent to drop: "Otomatik yan\u0131t" is "yanit" below
    return _SPACES.sub(" ", composed).strip().casefold().replace("\u0131", "i")


# Written against `_folded` output: lower case, accents on Latin letters removed, single spaces.
# Phrases that autoresponders put at the start of a subject.  Words that a person could well
# open a subject with ("Absent", "On vacation") are left out or need the colon of a prefix.
_AUTO_REPLY_PHRASES = (
    # English (Exchange/Outlook, Gmail, Yahoo, Zimbra, cPanel and friends)
    r"auto:",
    r"auto[- ]?reply\b",
    r"auto[- ]?response\b",
    r"automatic reply\b",
    r"automated reply\b",
    r"automated response\b",
    r"autosvar\b",
    r"out of (?:the )?office\b",
    r"vacation reply\b",
    # German
    r"automatische antwort\b",
    r"abwesenheitsnotiz\b",
    r"abwesenheitsmeldung\b",
    r"abwesenheit:",
    r"abwesend:",
    # French
    r"reponse automatique\b",
    r"absence du bureau\b",
    r"absent du bureau\b",
    r"absente du bureau\b",
    # Spanish
    r"respuesta automatica\b",
    r"fuera de (?:la )?oficina\b",
    # Dutch
    r"automatisch antwoord\b",
    r"afwezigheidsbericht\b",
    r"afwezig:",
    # Italian
    r"risposta automatica\b",
    r"fuori sede\b",
    r"fuori ufficio\b",
    r"risposta non al computer\b",
    # Portuguese
    r"resposta automatica\b",
    r"ausente do escritorio\b",
    r"fora do escritorio\b",
    r"ausente:",
    # Scandinavian
    r"automatiskt svar\b",
    r"automatisk svar\b",
    r"franvaro\b",
    r"fravaer\b",
    r"fravær\b",
    r"ikke pa kontoret\b",
    r"ikke til stede:",
    r"ute av kontoret\b",
    # Finnish, Polish, Czech, Hungarian, Turkish, Russian
    r"automaattinen vastaus\b",
    r"poissa toimistolta\b",
    r"odpowiedz automatyczna\b",
    r"automatyczna odpowiedz\b",
    r"poza biurem\b",
    r"automaticka odpoved\b",
    r"mimo kancelar\b",
    r"automatikus valasz\b",
    r"hivatalon kivul\b",
    r"otomatik yanit\b",
    r"otomatik cevap\b",
    r"ofis disinda\b",
    r"автоматический ответ",
    r"автоответ",
    r"нет на месте",
    # Japanese, Chinese, Korean
    r"自動応答",
    r"自動返信",
    r"自动回复",
    r"自動回覆",
    r"自動回復",
    r"不在(?:通知|のお知らせ|連絡)",
    # Outlook's "Automatic reply:" in its other languages
    r"自动答复",
    r"αυτόματη απάντηση",
    r"автоматична відповідь",
    r"автоматичен отговор",
    r"raspuns automat\b",
    r"automatski odgovor\b",
    r"samodejni odgovor\b",
    r"automaatne vastus\b",
    r"automatiska atbilde\b",
    r"automatinis atsakymas\b",
    r"תשובה אוטומטית",
    r"رد تلقائي",
    r"ตอบกลับอัตโนมัติ",
    r"tra loi tu (?:đ|d)ong\b",
    r"balasan otomatis\b",
    r"자동 ?회신",
    r"자동 ?응답",
    r"부재 ?중",
)

# Subjects of non-delivery reports and delay warnings (Postfix, Sendmail, Exim, qmail, Exchange,
# Domino, Gmail, Yahoo, ...), including Exchange's localised "Undeliverable:".  Generic words
# such as "Delivery report", "Delivery status" or "Delivery failure on order 12" are also ordinary
# business subjects, so only the wordings MTAs use are listed, most with "mail" or a colon.
_BOUNCE_PHRASES = (
    r"undeliverable\b",
    r"undelivered mail\b",
    r"(?:mail )?delivery status notification\b",
    r"delivery notification:",
    r"delivery failure:",
    r"(?:e-?)?mail delivery fail(?:ed|ure)\b",
    r"message delivery (?:has )?failed\b",
    r"mail could not be delivered\b",
    r"returned mail\b",
    r"mail system error\b",
    r"failure notice\b",
    r"postmaster notify\b",
    r"delayed mail\b",
    r"warning: could not send message\b",
    r"warning: message .* delayed\b",
    r"non[- ]?deliverable mail\b",
    r"non[- ]delivery (?:report|notification)\b",
    r"non remis\b",
    r"unzustellbar\b",
    r"nicht zustellbar:",
    r"no se puede entregar\b",
    r"non recapitabile\b",
    r"onbestelbaar\b",
    r"nao e possivel entregar\b",
    r"olevererbart\b",
    r"kan ikke leveres\b",
    r"nie mozna dostarczyc\b",
    r"недоставлен",
    r"не доставлен",
    r"配信不能",
    r"配送不能",
    r"无法投递",
    r"未送達",
    r"teslim edilemedi\b",
    r"nedorucitelne\b",
    r"kezbesithetetlen\b",
    r"無法傳遞",
    r"배달되지 않음",
)

# Abuse and feedback-loop reports that do not use the ARF MIME format (Hotmail JMRP, spam-trap
# notices, DMARC forensic/aggregate reports mailed as plain attachments).
_REPORT_PHRASES = (
    r"complaint about message from\b",
    r"abuse report\b",
    r"\S+ abuse report\b",
    r"email feedback report\b",
    r"spam ?trap ?hit\b",
    r"dmarc (?:forensic|failure|aggregate) report\b",
    r"report domain: .* submitter:",
)

# Optional opening bracket or tag some systems add: "[Auto-Reply] ...", "【自動応答】", "** ...".
_LEAD = r"^[\s\[\(【「<*#:-]*"
_AUTO_REPLY_SUBJECT = re.compile(_LEAD + "(?:" + "|".join(_AUTO_REPLY_PHRASES) + ")")
_BOUNCE_SUBJECT = re.compile(_LEAD + "(?:" + "|".join(_BOUNCE_PHRASES) + ")")
_REPORT_SUBJECT = re.compile(_LEAD + "(?:" + "|".join(_REPORT_PHRASES) + ")")
# Forward prefixes of common clients in several languages (English Fwd/Fw, German WG, French TR,
# Spanish RV, Italian I, Dutch Doorst, Danish/Norwegian VS, Swedish VB, Finnish VL, Portuguese
# Enc, Polish PD, CJK).  "Re:" is not here: a reply to a bounce is a person talking.
_FORWARD_PREFIX = re.compile(
    r"^(?:\s*(?:fwd?|wg|tr|rv|i|doorst|vs|vb|vl|enc|pd|転送|转发|전달)\s*:\s*)+"
)


def automated_subject(msg: Message) -> str | None:
    subject = _folded(first_value(msg, "Subject"))
    if _AUTO_REPLY_SUBJECT.search(subject):
        return "auto-reply/out-of-office subject"
    if _REPORT_SUBJECT.search(subject):
        return "abuse/feedback report subject"
    # A forwarded bounce ("Fwd: Returned mail: ...") is what users and help desks send on when a
    # delivery failed; its substance is the MTA's report, so it is classed like the bounce itself.
    # Forwarded auto-replies are not: the forwarder usually adds who to contact instead.
    if _BOUNCE_SUBJECT.search(_FORWARD_PREFIX.sub("", subject)):
        return "delivery failure subject"
    return None
