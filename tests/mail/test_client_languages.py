# ruff: noqa: RUF001 (the names clients write in Greek, Cyrillic, Turkish and Hebrew)
"""A buyer writes in one of the plan's languages, but their mail client speaks its own.

Outlook writes its header block over the quoted email ("Od: / Wysłano: / Do: / Temat:") and Gmail
or Apple Mail their opening line ("út 1. 12. 2026 v 17:02 odesílatel Acme <x@y.z> napsal:") in the
language of the client, not of the reply. What the seller is shown, and what the reader reads, is
the reply alone: the quoted "Your turn" email under it never reaches either.
"""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from mutualplan.mail.reading import read_reply
from mutualplan.mail.trimming import fresh_text
from mutualplan.models.commands import Intent

PLANS = "Acme Deals <plans@deals.acme.example>"
BUYER = "Jan <jan@globex.example>"
SUBJECT = "[Globex rollout] Your turn: Security review complete (due 2026-12-04)"
QUOTED = """Hi Jan,

Your turn: Security review complete (due 2026-12-04).
Reply "done" when it is complete, "blocked: <reason>" if something is in the way,
or "new date: <date>" to move it.

Plan: https://plans.acme.example/p/7f3a"""

# Outlook's header block, as each language's Outlook writes it (From, Sent, To, Cc, Subject).
OUTLOOK_BLOCKS = {
    "pl": ("Od", "Wysłano: wtorek, 1 grudnia 2026 17:02", "Do", "DW", "Temat"),
    "cs": ("Od", "Odesláno: úterý 1. prosince 2026 17:02", "Komu", "Kopie", "Předmět"),
    "sk": ("Od", "Odoslané: utorok 1. decembra 2026 17:02", "Komu", "Kópia", "Predmet"),
    "ko": ("보낸 사람", "보낸 날짜: 2026년 12월 1일 화요일 오후 5:02", "받는 사람", "참조", "제목"),
    "tr": ("Kimden", "Gönderildi: 1 Aralık 2026 Salı 17:02", "Kime", "Bilgi", "Konu"),
    "ru": ("От", "Отправлено: 1 декабря 2026 г. 17:02", "Кому", "Копия", "Тема"),
    "uk": ("Від", "Надіслано: 1 грудня 2026 р. 17:02", "Кому", "Копія", "Тема"),
    "bg": ("От", "Изпратено: вторник, 1 декември 2026 г. 17:02", "До", "Копие", "Тема"),
    "fi": (
        "Lähettäjä",
        "Lähetetty: tiistai 1. joulukuuta 2026 17.02",
        "Vastaanottaja",
        "Kopio",
        "Aihe",
    ),
    "hu": (
        "Feladó",
        "Elküldve: 2026. december 1., kedd 17:02",
        "Címzett",
        "Másolatot kap",
        "Tárgy",
    ),
    "ro": ("De la", "Trimis: marți, 1 decembrie 2026 17:02", "Către", "Cc", "Subiect"),
    "el": ("Από", "Στάλθηκε: Τρίτη, 1 Δεκεμβρίου 2026 5:02 μμ", "Προς", "Κοιν.", "Θέμα"),
    "zh-tw": ("寄件者", "寄件日期: 2026年12月1日 下午 05:02", "收件者", "副本", "主旨"),
    "he": ("מאת", "נשלח: יום שלישי 1 דצמבר 2026 17:02", "אל", "עותק", "נושא"),
    "ar": ("من", "تاريخ الإرسال: الثلاثاء، 1 ديسمبر 2026 05:02 م", "إلى", "نسخة", "الموضوع"),
    "id": ("Dari", "Dikirim: Selasa, 01 Desember 2026 17.02", "Kepada", "Tembusan", "Subjek"),
    "vi": ("Từ", "Đã gửi: Thứ Ba, ngày 1 tháng 12 năm 2026 17:02", "Đến", "CC", "Chủ đề"),
    "th": ("จาก", "ส่ง: 1 ธันวาคม 2026 17:02", "ถึง", "สำเนาถึง", "เรื่อง"),
    "hr": ("Šalje", "Poslano: utorak, 1. prosinca 2026. 17:02", "Prima", "Kopija", "Predmet"),
    "sl": ("Od", "Poslano: torek, 01. december 2026 17:02", "Za", "Kp", "Zadeva"),
    "et": (
        "Saatja",
        "Saadetud: teisipäev, 1. detsember 2026 17:02",
        "Adressaat",
        "Koopia",
        "Teema",
    ),
    "lv": ("No", "Nosūtīts: otrdiena, 2026. gada 1. decembris 17:02", "Kam", "Kopija", "Tēma"),
    "lt": ("Nuo", "Išsiųsta: 2026 m. gruodžio 1 d. 17:02", "Kam", "Kopija", "Tema"),
    "ca": ("De", "Enviat el: dimarts, 1 de desembre de 2026 17:02", "Per a", "A/c", "Tema"),
    "nb": ("Fra", "Sendt: tirsdag 1. desember 2026 17:02", "Til", "Kopi", "Emne"),
    "sv": ("Från", "Skickat: den 1 december 2026 17:02", "Till", "Kopia", "Ämne"),
}

# The line over a quoted email, as Gmail, Apple Mail and webmails write it in each language.
OPENING_LINES = {
    "cs": f"út 1. 12. 2026 v 17:02 odesílatel {PLANS} napsal:",
    "sk": f"ut 1. 12. 2026 o 17:02 {PLANS} napísal(a):",
    "ko": f"2026년 12월 1일 (화) 오후 5:02, {PLANS}님이 작성:",
    "tr": f"1 Ara 2026 Sal, saat 17:02 tarihinde {PLANS} şunu yazdı:",
    "ru": f"вт, 1 дек. 2026 г. в 17:02, {PLANS}:",
    "bg": f"вт, 1.12.2026 г. в 17:02 ч. {PLANS} написа:",
    "fi": f"ti 1. jouluk. 2026 klo 17.02 {PLANS} kirjoitti:",
    "hu": f"{PLANS} ezt írta (időpont: 2026. dec. 1., K, 17:02):",
    "ro": f"Pe mar., 1 dec. 2026 la 17:02, {PLANS} a scris:",
    "el": f"Στις Τρί 1 Δεκ 2026 στις 5:02 μ.μ., ο/η {PLANS} έγραψε:",
    "zh-tw": f"{PLANS} 於 2026年12月1日 週二 下午5:02寫道：",
    "zh-cn": f"{PLANS} 于2026年12月1日周二 17:02写道：",
    "da": f"tir. 1. dec. 2026 kl. 17.02 skrev {PLANS}:",
    "nb": f"tir. 1. des. 2026 kl. 17:02 skrev {PLANS}:",
    "he": f"בתאריך יום ג׳, 1 בדצמ׳ 2026 ב-17:02 מאת {PLANS}:",
    "ar": f"في الثلاثاء، 1 ديسمبر 2026 في 5:02 م، كتب {PLANS}:",
    "id": f"Pada tanggal Sel, 1 Des 2026 pukul 17.02 {PLANS} menulis:",
    "vi": f"Vào Th 3, 1 thg 12, 2026 vào lúc 17:02 {PLANS} đã viết:",
    "th": f"เมื่อ อ. 1 ธ.ค. 2026 เวลา 17:02 {PLANS} เขียนว่า:",
    "hr": f"uto, 1. pro 2026. u 17:02 {PLANS} napisao je:",
    "ca": "El dt., 1 de des. 2026 a les 17:02, Acme Deals (<plans@deals.acme.example>)"
    " va escriure:",
    "fi-paren": "ti 1.12.2026 klo 17.02 Acme Deals (plans@deals.acme.example) kirjoitti:",
}

# Outlook's banner over the quoted email in plain text, in each language.
BANNERS = {
    "pl": "-----Oryginalna wiadomość-----",
    "cs": "-----Původní zpráva-----",
    "ko": "-----원본 메시지-----",
    "tr": "-----Orijinal İleti-----",
    "ru": "-----Исходное сообщение-----",
    "fi": "-----Alkuperäinen viesti-----",
    "hu": "-----Eredeti üzenet-----",
    "ro": "-----Mesaj original-----",
    "el": "-----Αρχικό μήνυμα-----",
    "da": "-----Oprindelig meddelelse-----",
    "nb": "-----Opprinnelig melding-----",
    "sv": "-----Ursprungligt meddelande-----",
    "ru-forward": "---------- Пересылаемое сообщение ---------",
    "pl-forward": "---------- Wiadomość przekazana dalej ---------",
}

REPLIES = [
    ("Done, thanks.\n\nJan", Intent.DONE, ""),
    ("Blocked: waiting for our legal team.\n\nJan", Intent.BLOCKED, "waiting for our legal team."),
]


def _outlook_block(lang: str) -> str:
    sender, sent, to, copy, subject = OUTLOOK_BLOCKS[lang]
    return (
        f"{sender}: {PLANS}\n{sent}\n{to}: {BUYER}\n{copy}: Anna <anna@globex.example>\n"
        f"{subject}: {SUBJECT}\n\n{QUOTED}"
    )


def _gmail_quote(opening: str) -> str:
    return opening + "\n" + "\n".join(f"> {line}" if line else ">" for line in QUOTED.split("\n"))


def _wrapped(line: str, width: int = 60) -> str:
    cut = line.rfind(" ", 0, width)
    return line if cut < 0 else f"{line[:cut]}\n{line[cut + 1 :]}"


def _reply_email(body: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = BUYER
    msg["To"] = "plans+ms-1@deals.acme.example"
    msg["Subject"] = f"RE: {SUBJECT}"
    msg["Message-ID"] = "<reply-1@globex.example>"
    msg["In-Reply-To"] = "<mp.ms-1.1@deals.acme.example>"
    msg.set_content(body)
    return bytes(msg)


HISTORIES = {
    **{f"outlook-{lang}": _outlook_block(lang) for lang in OUTLOOK_BLOCKS},
    **{f"banner-{lang}": f"{banner}\n{_outlook_block('pl')}" for lang, banner in BANNERS.items()},
    **{f"gmail-{lang}": _gmail_quote(line) for lang, line in OPENING_LINES.items()},
    **{
        f"gmail-{lang}-wrapped": _gmail_quote(_wrapped(line))
        for lang, line in OPENING_LINES.items()
    },
}


@pytest.mark.parametrize(("fresh", "intent", "argument"), REPLIES, ids=["done", "blocked"])
@pytest.mark.parametrize("history", list(HISTORIES.values()), ids=list(HISTORIES))
def test_the_reply_is_read_without_the_quote_whatever_the_clients_language(
    history: str, fresh: str, intent: Intent, argument: str
) -> None:
    reply = read_reply(_reply_email(f"{fresh}\n\n{history}"))
    assert (reply.intent, reply.argument) == (intent, argument)
    assert reply.text == fresh


@pytest.mark.parametrize("lang", sorted(OPENING_LINES))
def test_a_reply_written_under_the_quote_is_found(lang: str) -> None:
    assert fresh_text(f"{_gmail_quote(OPENING_LINES[lang])}\n\nDone.\n\nJan") == "Done.\n\nJan"


@pytest.mark.parametrize(
    "body",
    [
        # An address, a time and a colon, but nothing quoted under it: what someone wrote.
        "Blocked: ask Priya <priya@globex.example> at 10:30:\nshe holds the keys.\n\nJan",
        "Done. Next up, the call on 2026-12-10 with Kim (kim@globex.example):\nagenda to follow.",
        # Header-like prose of one or two lines.
        "Done.\nDo: nothing more on our side.\n\nJan",
        "Blocked.\nTemat: the DPA, 2 clauses left.\nOd: legal, expected Friday.",
        # a command above a line with an address, a date and a time (red-team, 2026-12-08)
        "Erledigt, der Vertrag ist unterschrieben.\nDie Übergabe habe ich mit anna@globex.example"
        " am 4.12.2026 um 10:30 Uhr angesetzt, Agenda:\n- Übergabe\n- Schulung",
        "New date: 2026-12-11\nReason: kim@globex.example is out until 2026-12-10, back 9:00:\n"
        "- then the review",
        "Hecho.\n\nPróxima reunión:\nFecha: 11/12/2026\nHora: 10:30\nTema: arranque",
        "No: legal hasn't signed yet\nwe expect it by Friday\nDo: ping me then",
    ],
)
def test_what_only_looks_like_a_clients_lines_is_kept(body: str) -> None:
    assert fresh_text(body) == body


REPLY = "Signed off by our CISO this morning.\n\nJan"
EARLIER = "Hi Jan,\nthe questionnaire is attached.\nAcme"
# How other clients and other projects' test mail open or frame the earlier email (written for
# this test, after the shapes of discourse's, github's, mailgun's and willdurand's trimmers).
OTHER_SHAPES = {
    # an address and "wrote", or an address, a year and a time: whatever follows
    "pl-napisal": f"W dniu 1 grudnia 2026 17:02 użytkownik {PLANS} napisał:\n\n{EARLIER}",
    "pl-pisze": f"W dniu 2026-12-01 17:02, plans@deals.acme.example pisze:\n\n{EARLIER}",
    "ca-ha-escrit": f"El 01/12/2026 17:02, {PLANS} ha escrit:\n\n{EARLIER}",
    "de-no-date": f"{PLANS} schrieb:\n\n{EARLIER}",
    "sv-parens": "Den 1 december, 2026 17:02:09, Acme (plans@deals.acme.example) skrev:\n\n"
    + EARLIER,
    # a date and an address, no verb: over a quote
    "no-verb": '01.12.2026, 17.02, "Acme - Deals" <plans@deals.acme.example>:\n> '
    + EARLIER.replace("\n", "\n> "),
    "no-verb-en": '5:02 PM, December 1, 2026, "Acme" <plans@deals.acme.example>:\n> '
    + EARLIER.replace("\n", "\n> "),
    "nb-bracket-wrapped": "tir. 1. des. 2026 kl. 17:02 skrev Acme <plans@deals.acme.example"
    + "\n>:\n\n"
    + "\n".join(f"> {line}" for line in EARLIER.split("\n")),
    # a name, no address: only over a quote
    "hu-no-address": '2026.12.01. 17:02 keltezéssel, "Acme Deals" írta:\n> '
    + EARLIER.replace("\n", "\n> "),
    # framed by dashes
    "android-wrote": f"---- Acme Deals wrote ----\n\n{EARLIER}",
    "da-banner": f"-------- Oprindelig besked --------\nFra: {PLANS}\nDato: 1. dec. 2026\n"
    + f"Til: {BUYER}\nEmne: Review\n\n{EARLIER}",
    # Outlook's header block in bold, its From wrapped
    "bold-block": "  *From:* plans@deals.acme.example [mailto:\n  plans@deals.acme.example]\n"
    "  *Sent:* Tuesday, December 1, 2026 5:02 PM\n  *To:* jan@globex.example\n  *Subject:* Review"
    f"\n\n{EARLIER}",
}


@pytest.mark.parametrize("history", list(OTHER_SHAPES.values()), ids=list(OTHER_SHAPES))
def test_other_clients_openings_and_frames_are_cut(history: str) -> None:
    assert fresh_text(f"{REPLY}\n\n{history}") == REPLY


@pytest.mark.parametrize(
    "body",
    [
        "Done.\n\nEnvoyé à partir de Outlook pour iOS<https://aka.ms/o0ukef>",
        "Done.\n\nSent from my iPhone",
    ],
)
def test_an_apps_line_is_cut(body: str) -> None:
    assert fresh_text(body) == "Done."


def test_a_sentence_that_opens_like_an_apps_line_is_kept() -> None:
    body = "Done.\n\nSent from my desk, which is much easier than from my phone.\n\nJan"
    assert fresh_text(body) == body
