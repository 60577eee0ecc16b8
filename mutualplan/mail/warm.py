"""Imported once by the reading pool's forkserver (`ReadingPool(preload=...)`): reads a short
reply in each language we read, so that the reader's regular expressions (the eight lexicons'
patterns, the date words, the command lines) and dateparser's language data are compiled and
loaded there, once. Every reading process is forked from the forkserver and starts with them;
without this, each paid about a second of CPU on its first message, and again each time a
reader outlasting its budget was replaced. Nothing else imports this module."""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage

from mutualplan.mail.reading import read_reply

# one reply a language: a new date asked for, a "done" said, and the line quoting the original
_SAMPLES = {
    "en": ("Can we move this to 18 March? The rest is done.", "On Mon, Alex wrote:"),
    "de": (
        "Können wir das auf den 18. März verschieben? Der Rest ist erledigt.",
        "Am Montag schrieb Alex:",
    ),
    "fr": ("Peut-on décaler au 18 mars ? Le reste est fait.", "Le lundi, Alex a écrit :"),
    "es": ("¿Podemos pasarlo al 18 de marzo? Lo demás está hecho.", "El lunes, Alex escribió:"),
    "it": ("Possiamo spostarlo al 18 marzo? Il resto è fatto.", "Il lunedì, Alex ha scritto:"),
    "nl": (
        "Kunnen we dit naar 18 maart verplaatsen? De rest is klaar.",
        "Op maandag schreef Alex:",
    ),
    "pt": ("Podemos passar para 18 de março? O resto está feito.", "Na segunda, Alex escreveu:"),
    "ja": ("3月18日に変更できますか？残りは完了しました。", "月曜日 Alex のメッセージ:"),
}


def _warm() -> None:
    for language, (said, quoting) in _SAMPLES.items():
        msg = EmailMessage()
        msg["From"] = "reader@warm.invalid"
        msg["To"] = "plans@warm.invalid"
        msg["Subject"] = f"Re: {language}"
        msg["Message-ID"] = f"<warm-{language}@warm.invalid>"
        msg.set_content(f"{said}\n\n{quoting}\n> Your turn\n")
        read_reply(msg.as_bytes(), today=date.today())


_warm()
