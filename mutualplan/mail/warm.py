"""Imported once by the reading pool's forkserver (`ReadingPool(preload=...)`): reads a few
replies of each kind in each language we read, and a start email, so that the reader's regular
expressions (the eight lexicons' patterns, which are compiled when first asked for, the date
words, the command and start lines) and dateparser's language data are compiled and loaded
there, once. Every reading process is forked from the forkserver and starts with them; without
this, each paid up to a second and a half of CPU over its first messages (up to 370 ms on one
"Bloqué"), and again each time one outlasting its budget was replaced. Nothing else imports
this module."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from email.message import EmailMessage

from mutualplan.mail.reading import read_reply, read_start_email

_PLANS = "Deals <plans@warm.invalid>"

# Per language: a new date asked for beside a "done", something blocked, a handover to someone
# named, a hedged or partial answer with a question, thanks and a greeting (in English, a
# slip too), and the line quoting the original. Not test data: what compiles the patterns
# replies of each kind ask for.
_SAMPLES: dict[str, tuple[tuple[str, ...], str]] = {
    "en": (
        (
            "Can we move this to 18 March? The rest is done.",
            "Blocked: we are waiting on legal until next week.",
            "Please give this to Jane Roe <jane@warm.invalid>, she is in charge of it now.",
            "I think it's almost finished, but not yet. Is the security review still needed?",
            "Thanks a lot! Sent. Have a nice weekend.",
            "Dnoe, thanks",  # a slip of the keyboard: what reads slips is built once
            "status",
        ),
        f"On Mon, Mar 2, 2026 at 9:15 AM {_PLANS} wrote:",
    ),
    "de": (
        (
            "Können wir das auf den 18. März verschieben? Der Rest ist erledigt.",
            "Blockiert: wir warten noch auf die Rechtsabteilung bis nächste Woche.",
            "Bitte an Jane Roe <jane@warm.invalid> weitergeben, sie ist jetzt zuständig.",
            "Ich glaube, es ist fast fertig, aber noch nicht. Brauchen wir die Prüfung noch?",
            "Vielen Dank! Unterschrieben und zurückgeschickt. Schönes Wochenende.",
            "Stand?",
        ),
        f"Am Mo., 2. März 2026 um 09:15 Uhr schrieb {_PLANS}:",
    ),
    "fr": (
        (
            "Peut-on décaler au 18 mars ? Le reste est fait.",
            "Bloqué : nous attendons le service juridique jusqu'à la semaine prochaine.",
            "Merci de transmettre à Jane Roe <jane@warm.invalid>, c'est elle qui s'en occupe.",
            "Je pense que c'est presque terminé, mais pas encore. La revue est-elle nécessaire ?",
            "Merci beaucoup ! Envoyé. Bonne fin de semaine.",
            "Où en est-on ?",
        ),
        f"Le lun. 2 mars 2026 à 09:15, {_PLANS} a écrit :",
    ),
    "es": (
        (
            "¿Podemos pasarlo al 18 de marzo? Lo demás está hecho.",
            "Bloqueado: esperamos al equipo legal hasta la semana que viene.",
            "Por favor, pásaselo a Jane Roe <jane@warm.invalid>, ahora se encarga ella.",
            "Creo que está casi terminado, pero todavía no. ¿Sigue haciendo falta la revisión?",
            "¡Muchas gracias! Ya está hecho. Buen fin de semana.",
            "¿Cómo vamos?",
        ),
        f"El lun, 2 mar 2026 a las 9:15, {_PLANS} escribió:",
    ),
    "it": (
        (
            "Possiamo spostarlo al 18 marzo? Il resto è fatto.",
            "Bloccato: aspettiamo l'ufficio legale fino alla prossima settimana.",
            "Per favore passalo a Jane Roe <jane@warm.invalid>, adesso se ne occupa lei.",
            "Penso che sia quasi finito, ma non ancora. Serve ancora la revisione?",
            "Grazie mille! Inviato. Buon fine settimana.",
            "A che punto siamo?",
        ),
        f"Il giorno lun 2 mar 2026 alle ore 09:15 {_PLANS} ha scritto:",
    ),
    "nl": (
        (
            "Kunnen we dit naar 18 maart verplaatsen? De rest is klaar.",
            "Geblokkeerd: we wachten tot volgende week op juridische zaken.",
            "Graag doorsturen naar Jane Roe <jane@warm.invalid>, zij is nu verantwoordelijk.",
            "Ik denk dat het bijna af is, maar nog niet. Is de review nog nodig?",
            "Hartelijk dank! Verstuurd. Fijn weekend.",
            "Hoe staat het ervoor?",
        ),
        f"Op ma 2 mrt 2026 om 09:15 schreef {_PLANS}:",
    ),
    "pt": (
        (
            "Podemos passar para 18 de março? O resto está feito.",
            "Bloqueado: estamos aguardando o jurídico até a semana que vem.",
            "Por favor, passe para Jane Roe <jane@warm.invalid>, agora é ela a responsável.",
            "Acho que está quase pronto, mas ainda não. A revisão ainda é necessária?",
            "Muito obrigado! Enviado. Bom fim de semana.",
            "Como estamos?",
        ),
        f"Em seg., 2 de mar. de 2026 às 09:15, {_PLANS} escreveu:",
    ),
    "ja": (
        (
            "3月18日に変更できますか？残りは完了しました。",
            "保留中です。来週まで法務の確認待ちです。",
            "担当は Jane Roe <jane@warm.invalid> さんに変わりました。",
            "ほぼ終わっていると思いますが、まだです。セキュリティレビューはまだ必要ですか？",
            "ありがとうございます。送付しました。よい週末を。",
            "進捗はどうですか？",
        ),
        f"2026年3月2日(月) 9:15 {_PLANS}:",
    ),
}

_START = """Hi all,

Here is the plan we discussed.

Go-live: {go_live}
Champion: Jane Roe <jane@warm.invalid>
Economic Buyer: Sam Poe <sam@warm.invalid>, German
Value: Globex cuts onboarding time from 6 weeks to 2.
Confirm: yes

Alex
"""


def _warm() -> None:
    for language, (replies, quoting) in _SAMPLES.items():
        for n, said in enumerate(replies):
            subject = f"Re: [Warm] Your turn: Security review ({language})"
            msg = _message(subject, f"{language}{n}", to="team@elsewhere.invalid")
            msg.set_content(f"{said}\n\n{quoting}\n> Your turn\n")
            read_reply(msg.as_bytes())
    start = _message("Globex rollout", "start", to="plans+warm@warm.invalid")
    start["Cc"] = "Jane Roe <jane@warm.invalid>, Sam Poe <sam@warm.invalid>"
    start.set_content(_START.format(go_live=date.today() + timedelta(days=90)))
    read_start_email(start.as_bytes(), template="warm", own_addresses={"plans@warm.invalid"})


def _message(subject: str, key: str, *, to: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Alex Reader <reader@elsewhere.invalid>"
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = f"<warm-{key}@elsewhere.invalid>"
    return msg


try:
    _warm()
except Exception:  # a reader that starts cold still reads: never stop one from starting
    logging.getLogger(__name__).exception("the reading processes start without their warm-up")
