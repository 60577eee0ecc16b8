"""Tests for :func:`mutualplan.mail.trimming.fresh_text`.

The reference corpus comes from discourse's ``email_reply_trimmer`` gem (MIT):
``emails/NAME`` is a reply body, ``trimmed/NAME`` what should be left of it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutualplan.mail.trimming import fresh_text
from tests.support.corpora import REPLY_TRIMMING

CORPUS = REPLY_TRIMMING.path

# Corpus files whose expected output contradicts a deliberate choice of ours (none now).
KNOWN_DIFFERENCES: dict[str, str] = {}


def _corpus_params() -> list[object]:
    names = sorted(p.name for p in (CORPUS / "emails").glob("*.txt"))
    return [
        pytest.param(
            name,
            id=name,
            marks=(
                [pytest.mark.xfail(strict=True, reason=KNOWN_DIFFERENCES[name])]
                if name in KNOWN_DIFFERENCES
                else []
            ),
        )
        for name in names
    ]


def _read(kind: str, name: str) -> str:
    # newline="" keeps CRLF bodies intact, so line-ending normalisation is exercised.
    with (CORPUS / kind / name).open(encoding="utf-8", newline="") as handle:
        return handle.read()


def test_corpus_is_complete() -> None:
    assert len(list((CORPUS / "emails").glob("*.txt"))) == 64


@pytest.mark.parametrize("name", _corpus_params())
def test_corpus(name: str) -> None:
    expected = _read("trimmed", name).replace("\r\n", "\n")
    assert fresh_text(_read("emails", name)).strip() == expected.strip()


REPLY = "Tuesday works for the security review.\n\nThanks,\nBob"


@pytest.mark.parametrize(
    "history",
    [
        pytest.param(
            "On Tue, Dec 1, 2026 at 10:00 AM Jane <j@x> wrote:\n\n> Can we meet next week?\n> Jane",
            id="gmail",
        ),
        pytest.param(
            "On Tue, Dec 1, 2026 at 10:00 AM Jane Doe <jane@example.com>\nwrote:\n\n"
            "> Can we meet next week?\n",
            id="gmail-wrapped-wrote",
        ),
        pytest.param(
            "On Tue, Dec 1, 2026 at 10:00 AM Jane Doe <\njane@example.com> wrote:\n\n"
            "> Can we meet next week?\n",
            id="gmail-wrapped-address",
        ),
        pytest.param(
            "From: Jane Doe <jane@example.com>\nSent: Tuesday, December 1, 2026 10:00 AM\n"
            "To: Bob <bob@example.com>\nSubject: RE: Mutual action plan\n\n"
            "Hi Bob,\n\nCan we meet next week?\n\nJane",
            id="outlook-headers",
        ),
        pytest.param(
            "-----Original Message-----\nFrom: Jane Doe\nSent: Tuesday, December 1, 2026\n"
            "To: Bob\nSubject: plan\n\nCan we meet next week?",
            id="original-message",
        ),
        pytest.param(
            "2026-12-01 10:00 GMT+03:00 пользователь Иван Петров <ivan@example.ru> написал:\n"
            "> Can we meet next week?\n",
            id="russian-wrote",
        ),
        pytest.param(
            "2026-12-01 10:00 GMT+03:00 пользователь Иван Петров\n<ivan@example.ru> написал:\n"
            "> Can we meet next week?\n",
            id="russian-wrote-wrapped",
        ),
        pytest.param(
            "wt., 1 gru 2026 o 10:00 Jan Kowalski <jan@example.pl> napisał(a):\n"
            "> Can we meet next week?\n",
            id="polish-wrote",
        ),
        pytest.param(
            "вт, 1 груд. 2026 о 10:00 Олена <olena@example.ua> пише:\n"  # noqa: RUF001
            "> Can we meet next week?\n",
            id="ukrainian-wrote",
        ),
        pytest.param("> Can we meet next week?\n>\n> Jane\n", id="quoted-lines"),
        pytest.param("-- \nBob Example\nVP Sales, Example Corp\n+1 555 0100", id="sig-dash"),
        pytest.param("Sent from my iPhone", id="sent-from-iphone"),
    ],
)
def test_history_is_removed(history: str) -> None:
    assert fresh_text(f"{REPLY}\n\n{history}") == REPLY


def test_crlf_line_endings() -> None:
    body = (
        "Yes, legal approved.\r\n\r\nOn Tue, Dec 1, 2026 at 10:00 AM Jane <j@x> wrote:\r\n> ok?\r\n"
    )
    assert fresh_text(body) == "Yes, legal approved."


def test_signature_line_inside_reply_is_removed() -> None:
    assert fresh_text("Confirmed.\nSent from my iPhone\n\nSee you then.") == (
        "Confirmed.\n\nSee you then."
    )


def test_inline_answers_are_kept() -> None:
    body = "> Is Tuesday ok?\nYes.\n\n> And the budget?\nApproved.\n\n> Anything else?\n"
    assert fresh_text(body) == "> Is Tuesday ok?\nYes.\n\n> And the budget?\nApproved."


def test_bottom_posted_reply() -> None:
    body = "On Tue, Dec 1, 2026 at 10:00 AM Jane <j@x> wrote:\n> Can we meet?\n\nSure, Tuesday."
    assert fresh_text(body) == "Sure, Tuesday."


@pytest.mark.parametrize(
    "body",
    [
        "On Tue, Dec 1, 2026 at 10:00 AM Jane <j@x> wrote:\n> Can we meet?",
        "",
        "  \n\r\n\t",
    ],
)
def test_nothing_new_gives_empty_string(body: str) -> None:
    assert fresh_text(body) == ""


def test_a_body_of_only_plain_quotes_is_kept_as_the_reference_does() -> None:
    assert fresh_text("> one\n>\n> two\r\n") == "> one\n>\n> two"


def test_ordinary_sentences_are_not_taken_for_markers() -> None:
    body = "From my side the plan looks good.\n\nI wrote on the whiteboard:\n\n- sign by Friday"
    assert fresh_text(body) == body


@pytest.mark.parametrize(
    "body",
    [
        "Blocked until 2027-01-10, ask Priya Patel <priya@globex.example>\n\nThanks",
        "Done. The 2026 contract is with Sam Lee <sam@globex.example>",
        "Champion: Jane Doe 1000 <jane1000@globex.example>\nConfirm: yes",
    ],
)
def test_a_date_or_number_before_an_address_is_not_a_marker(body: str) -> None:
    assert fresh_text(body) == body


def test_a_line_opening_with_a_date_before_an_address_is_a_marker() -> None:
    body = "Agreed.\n\n2013/7/20 sam via Discourse Meta <info@discourse.org>\n\n> the plan"
    assert fresh_text(body) == "Agreed."


def _normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_LINE = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "> quoted",
            ">",
            "| piped",
            "--",
            "-- ",
            "```",
            "On Tue, Dec 1, 2026 at 10:00 AM Jane <j@x.com>",
            "wrote:",
            "From: Jane <j@x.com>",
            "Sent: Tuesday, December 1, 2026",
            "To: Bob",
            "Subject: plan",
            "-----Original Message-----",
            "Sent from my iPhone",
            "2016-10-24 15:36 GMT+02:00 Foo <",
            "foo@bar.com>:",
            "",
        ]
    ),
)
_BODY = st.one_of(
    st.text(),
    st.lists(_LINE, max_size=30).flatmap(
        lambda lines: st.sampled_from(["\n", "\r\n", "\r"]).map(lambda eol: eol.join(lines))
    ),
)


@settings(max_examples=300, deadline=None)
@given(_BODY)
def test_never_raises_nor_grows(body: str) -> None:
    result = fresh_text(body)
    assert isinstance(result, str)
    assert len(result) <= len(_normalised(body))


def test_lone_header_like_line_is_kept() -> None:
    body = "Hi Jane,\nDate: Dec 3 works for us.\nThanks"
    assert fresh_text(body) == body


def test_header_like_reply_line_is_not_merged_into_header_block() -> None:
    body = (
        "Hi Jane,\n\nTo: everyone on the call, thanks!\n\nBob\n\n"
        "From: Jane <jane@example.com>\nSent: Tuesday, December 1, 2026 10:00 AM\n"
        "To: Bob\nSubject: plan\n\nold text"
    )
    assert fresh_text(body) == "Hi Jane,\n\nTo: everyone on the call, thanks!\n\nBob"


# -- clients and languages beyond the reference corpus (see also test_held_out_clients.py) --------

LOCALIZED_REPLY = "Done.\n\nThanks,\nAna"
LOCALIZED_QUOTE = '> Reply "done" when it is complete.\n> Plan: https://x.example/p'
LOCALIZED_HISTORY = {
    "outlook-es-enviado-el": (
        "De: Acme <p@a.example>\n"
        "Enviado el: martes, 1 de diciembre de 2026 17:02\n"
        "Para: Ana <a@g.example>\n"
        "CC: Bob <b@g.example>\n"
        "Asunto: RE: plan\n"
        "\n"
        "old"
    ),
    "outlook-ptbr": (
        "De: Acme <p@a.example>\n"
        "Enviada em: terça-feira, 1 de dezembro de 2026 17:02\n"
        "Para: Ana <a@g.example>\n"
        "Assunto: RE: plan\n"
        "\n"
        "old"
    ),
    "outlook-ja-cc": (
        "差出人: Acme <p@a.example>\n"
        "送信日時: 2026年12月1日 17:02\n"
        "宛先: Ana <a@g.example>\n"
        "CC: Bob <b@g.example>\n"
        "件名: RE: plan\n"
        "\n"
        "old"
    ),
    "outlook-orig-nl": (
        "-----Oorspronkelijk bericht-----\n"
        "Van: Acme <p@a.example>\n"
        "Verzonden: dinsdag 1 december 2026 17:02\n"
        "Aan: Ana\n"
        "Onderwerp: plan\n"
        "\n"
        "old"
    ),
    "outlook-orig-it": (
        "-----Messaggio originale-----\n"
        "Da: Acme <p@a.example>\n"
        "Inviato: martedì 1 dicembre 2026 17:02\n"
        "A: Ana\n"
        "Oggetto: plan\n"
        "\n"
        "old"
    ),
    "gmx-de": (
        "Gesendet: Dienstag, 01. Dezember 2026 um 17:02 Uhr\n"
        'Von: "Acme" <p@a.example>\n'
        "An: ana@g.example\n"
        "Betreff: plan\n"
        "\n"
        "old"
    ),
    "gmail-ja-wrapped": (
        "2026年12月1日(火) 8:02 Acme Deals Incorporated Worldwide Sales <\n"
        "plans@deals.acme.example>:\n"
        "\n" + LOCALIZED_QUOTE
    ),
    "gmail-pt-wrapped": (
        "Em ter., 1 de dez. de 2026 às 08:02, Acme Deals <\n"
        "plans@deals.acme.example> escreveu:\n"
        "\n" + LOCALIZED_QUOTE
    ),
    "gmail-it-wrapped": (
        "Il giorno mar 1 dic 2026 alle ore 08:02 Acme Deals"
        " <plans@deals.acme.example>\n"
        "ha scritto:\n"
        "\n" + LOCALIZED_QUOTE
    ),
    "gmail-nl-wrapped": (
        "Op di 1 dec 2026 om 08:02 schreef Acme Deals"
        " <plans@deals.acme.example\n"
        ">:\n"
        "\n" + LOCALIZED_QUOTE
    ),
    "android-gmail-en": (
        "On Tue, 1 Dec 2026, 08:02 Acme Deals, <plans@deals.acme.example>"
        " wrote:\n"
        "\n" + LOCALIZED_QUOTE
    ),
    "thunderbird-es": ("El 1/12/26 a las 8:02, Acme Deals escribió:\n" + LOCALIZED_QUOTE),
    "thunderbird-pt": ("Em 01/12/2026 08:02, Acme Deals escreveu:\n" + LOCALIZED_QUOTE),
    "thunderbird-it": ("Il 01/12/26 08:02, Acme Deals ha scritto:\n" + LOCALIZED_QUOTE),
    "iphone-ja-sig": (
        "iPhoneから送信\n\n> 2026/12/01 8:02、Acme <p@a.example>のメール:\n" + LOCALIZED_QUOTE
    ),
    "iphone-pt-sig": (
        "Enviado do meu iPhone\n"
        "\n"
        "> Em 1 de dez. de 2026, à(s) 08:02, Acme <p@a.example> escreveu:\n" + LOCALIZED_QUOTE
    ),
    "android-ja": ("Android から送信\n\n" + LOCALIZED_QUOTE),
    "outlook-android-it": (
        "Scarica Outlook per Android<https://aka.ms/ghei36>\n"
        "________________________________\n"
        "Da: Acme <p@a.example>\n"
        "Inviato: martedì 1 dicembre 2026 17:02\n"
        "A: Ana\n"
        "Oggetto: plan\n"
        "\n"
        "old"
    ),
    "samsung-de-datum": (
        "-------- Ursprüngliche Nachricht --------\n"
        "Von: Acme <p@a.example> \n"
        "Datum: 01.12.26 17:02 (GMT+01:00) \n"
        "An: Ana \n"
        "Betreff: plan \n"
        "\n"
        "old"
    ),
    "zimbra-it": (
        "----- Messaggio originale -----\n"
        'Da: "Acme" <p@a.example>\n'
        'A: "Ana" <a@g.example>\n'
        "Inviato: Martedì, 1 dicembre 2026 17:02:00\n"
        "Oggetto: plan\n"
        "\n"
        "old"
    ),
    "yahoo-es": (
        "Enviado desde Yahoo Mail para Android\n"
        " \n"
        "  El mar., 1 dic. 2026 a las 8:02, Acme<p@a.example> escribió:   old"
        " old old"
    ),
    "yahoo-it": (
        "Inviato da Yahoo Mail su Android\n"
        "\n"
        "    Il mar, 1 dic 2026 alle 8:02, Acme<p@a.example> ha scritto:   old"
    ),
    "proton-fr": (
        "Envoyé avec la messagerie sécurisée Proton Mail.\n"
        "\n"
        "Le mardi 1 décembre 2026 à 08:02, Acme <p@a.example> a écrit :\n"
        "\n" + LOCALIZED_QUOTE
    ),
    "proton-es": (
        "Enviado con el correo electrónico seguro de Proton Mail.\n"
        "\n"
        "El martes, 1 de diciembre de 2026 a las 8:02, Acme <p@a.example>"
        " escribió:\n"
        "\n" + LOCALIZED_QUOTE
    ),
    "notes-en": (
        "Acme Deals <p@a.example> wrote on 12/01/2026 08:02:24 AM:\n"
        "\n"
        "> From: Acme\n"
        "> To: Ana\n" + LOCALIZED_QUOTE
    ),
    "notes-fr": (
        '-----"Acme Deals" <p@a.example> a écrit : -----\n'
        "A: Ana\n"
        "De: Acme\n"
        "Date: 01/12/2026 17:02\n"
        "Objet: plan\n"
        "\n"
        "old"
    ),
    "disclaimer-es": (
        "AVISO DE CONFIDENCIALIDAD: Este mensaje y sus anexos son"
        " confidenciales y para uso exclusivo del destinatario.\n"
        "\n"
        "El mar, 1 dic 2026 a las 8:02, Acme <p@a.example> escribió:\n" + LOCALIZED_QUOTE
    ),
    "disclaimer-it": (
        "Questo messaggio e i suoi allegati sono indirizzati esclusivamente"
        " alle persone indicate e possono contenere informazioni riservate.\n"
        "\n" + LOCALIZED_QUOTE
    ),
    "disclaimer-pt": (
        "Esta mensagem pode conter informação confidencial. Se você não for o"
        " destinatário, apague-a.\n"
        "\n" + LOCALIZED_QUOTE
    ),
    "disclaimer-en-only": (
        "The information contained in this e-mail is confidential and intended"
        " for the addressee only.\n"
        "\n"
        "From: Acme <p@a.example>\n"
        "Sent: Tuesday, December 1, 2026 8:02 AM\n"
        "To: Ana\n"
        "Subject: plan\n"
        "\n"
        "old"
    ),
    "fwd-es-gmail": (
        "---------- Mensaje reenviado ---------\n"
        "De: Chris <c@g.example>\n"
        "Date: lun, 30 nov 2026 a las 16:11\n"
        "Subject: ok\n"
        "To: Ana <a@g.example>\n"
        "\n"
        "Aprobado."
    ),
    "fwd-nl-apple": (
        "Begin doorgestuurd bericht:\n"
        "\n"
        "Van: Chris <c@g.example>\n"
        "Onderwerp: ok\n"
        "Datum: 30 november 2026 om 16:11:00 CET\n"
        "Aan: Ana\n"
        "\n"
        "Goedgekeurd."
    ),
    "fwd-ja-gmail": (
        "---------- 転送されたメッセージ ---------\n"
        "差出人: Chris <c@g.example>\n"
        "Date: 2026年11月30日(月) 16:11\n"
        "Subject: ok\n"
        "To: Ana\n"
        "\n"
        "承認"
    ),
    "sig-dash-then-disclaimer": ("-- \nAna Souza\nGlobex\n\nEsta mensagem é confidencial."),
}


@pytest.mark.parametrize("history", list(LOCALIZED_HISTORY.values()), ids=list(LOCALIZED_HISTORY))
def test_history_in_each_client_and_language_is_removed(history: str) -> None:
    assert fresh_text(f"{LOCALIZED_REPLY}\n\n{history}") == LOCALIZED_REPLY


FRESH_TEXT_LIKE_HISTORY = [
    "Done.\n\nDisclaimer: I am not the approver, Bob is.\n\nAna",
    "Blocked.\nFrom: legal (Kim) - they need the DPA signed first.\nDate: we expect it by Dec 10.",
    "Erledigt.\nAm Montag schrieb uns die IT: alles in Ordnung.\n\nJörg",
    "Klaar.\nOp maandag schreef de jurist: akkoord.\n\nSanne",
    "C'est fait.\n\nLe juriste a écrit :\n« c'est bon pour nous »\n\nClaire",
    "Done. This message is confidential, please keep it inside the deal team.",
    "Blocked.\nEnviado: the form, but nobody answered.\n\nAna",
    "Done.\n\nOn Monday, our CISO wrote: looks fine.\n\nAna",
    "Done. Sent from the airport, so short.",
    "Done.\n\nEl lunes el jurídico escribió: aprobado.",
    "new date: 2026/12/18\n\nAna",
]


@pytest.mark.parametrize("body", FRESH_TEXT_LIKE_HISTORY)
def test_fresh_text_that_looks_like_history_is_kept(body: str) -> None:
    assert fresh_text(body) == body


def test_answers_between_quoted_lines_below_a_marker_are_kept_without_the_quotes() -> None:
    body = (
        "On Tue, Dec 01, 2026 at 08:02:00AM -0800, Acme wrote:\n> Is it done?\n\ndone\n\n"
        "> Anything blocking?\n\nno\n\n> Thanks\n"
    )
    assert fresh_text(body) == "done\n\nno"


EXTERNAL_WARNINGS = [
    "CAUTION: This email originated from outside of the organization. Do not click links or open\n"
    "attachments unless you recognize the sender and know the content is safe.\n\n",
    "You don't often get email from jane.doe@globex.example. Learn why this is important"
    "<https://aka.ms/LearnAboutSenderIdentification>\n",
    "[EXTERNAL]\n",
    "Sie erhalten nicht oft E-Mails von jane@globex.example. Erfahren Sie, warum dies wichtig ist"
    "<https://aka.ms/LearnAboutSenderIdentification>\n\n",
    "ACHTUNG: Diese E-Mail stammt von außerhalb der Organisation. Klicken Sie nicht auf Links.\n",
    "PRECAUCIÓN: Este correo electrónico se originó fuera de la organización.\n\n",
    "ATTENTION : Ce courriel provient de l'extérieur de l'organisation.\n",
]


@pytest.mark.parametrize("warning", EXTERNAL_WARNINGS)
def test_a_receiving_systems_warning_above_the_reply_is_removed(warning: str) -> None:
    quote = "On Tue, Dec 1, 2026 at 8:02 AM Acme <p@a.example> wrote:\n> x"
    body = f"{warning}{LOCALIZED_REPLY}\n\n{quote}"
    assert fresh_text(body) == LOCALIZED_REPLY


def test_a_reply_on_the_line_of_an_external_tag_is_kept() -> None:
    assert fresh_text("[EXTERNAL] Done.\n\n> x") == "[EXTERNAL] Done."


APP_LINES = [
    "Envoyé de mon iPhone",
    "Envoyé depuis mon appareil Galaxy",
    "Von meinem Samsung Galaxy Smartphone gesendet.",
    "Gesendet von meinem iPad",
    "Gesendet mit der sicheren E-Mail von Proton Mail.",
    "Von Yahoo Mail auf Android gesendet",
    "Inviato dal mio smartphone Samsung Galaxy.",
    "Inviato con l'email sicura di Proton Mail.",
    "Enviado con el correo electrónico seguro de Proton Mail.",
    "Enviado do Yahoo Mail no Android",
    "Enviado de mi teléfono Huawei",
    "Verzonden vanaf mijn Samsung Galaxy-smartphone.",
    "Verzonden vanuit Outlook voor iOS",
    "iPhoneから送信",
    "Galaxy スマートフォンから送信されました。",
    "Xperia から送信",
    "Obtenir Outlook pour Android",
    "iOS 版の Outlook を入手",
    "Gesendet mit Spark",
    "Envoyé avec Spark",
    "Enviado com Spark",
    "Envoyé depuis BlueMail",
    "Envoyé de mon iPhone 15 Pro",
    "Android携帯からの送信",
]


@pytest.mark.parametrize("line", APP_LINES)
def test_a_phone_or_app_line_in_each_language_is_removed(line: str) -> None:
    assert fresh_text(f"Done.\n\n{line}") == "Done."


SENTENCES_LIKE_APP_LINES = [
    "Envoyé de mon côté hier, le contrat est signé.",
    "Von meinem Team kommt morgen die Freigabe.",
    "Gesendet mit der Post am Montag.",
    "Enviado con retraso, pero ya está firmado.",
    "Inviato dal mio collega ieri, è fatto.",
    "完了です。署名済みの契約書を法務から送信しました。",
    "Verzonden van ons kantoor gisteren.",
    "Envoyé avec retard, désolée.",
    "Inviato con il corriere ieri.",
]


@pytest.mark.parametrize("sentence", SENTENCES_LIKE_APP_LINES)
def test_a_sentence_opening_like_an_app_line_is_kept(sentence: str) -> None:
    body = f"Done.\n\n{sentence}\n\nAna"
    assert fresh_text(body) == body


@pytest.mark.parametrize(
    "heading", ["DISCLAIMER", "Haftungsausschluss:", "Aviso legal", "免責事項"]
)
def test_a_footer_under_a_heading_of_its_own_is_removed(heading: str) -> None:
    body = f"Done.\n\nAna\n\n{heading}\nThe contents of this message are not binding."
    assert fresh_text(body) == "Done.\n\nAna"


ATTRIBUTIONS = {
    "gmail-en": "On Tue, Dec 1, 2026 at 8:02\u202fAM Acme Deals <plans@deals.acme.example> wrote:",
    "gmail-de": "Am Di., 1. Dez. 2026 um 08:02 Uhr schrieb Acme Deals <plans@deals.acme.example>:",
    "gmail-fr": "Le mar. 1 déc. 2026 à 08:02, Acme Deals <plans@deals.acme.example> a écrit :",
    "gmail-es": "El mar, 1 dic 2026 a las 8:02, Acme Deals (<plans@deals.acme.example>) escribió:",
    "gmail-nl": "Op di 1 dec 2026 om 08:02 schreef Acme Deals <plans@deals.acme.example>:",
    "gmail-pt": "Em ter., 1 de dez. de 2026 às 08:02, Acme Deals <plans@deals.acme.example> "
    "escreveu:",
    "gmail-it": "Il giorno mar 1 dic 2026 alle ore 08:02 Acme Deals <plans@deals.acme.example> ha "
    "scritto:",
    "gmail-ja": "2026年12月1日(火) 8:02 Acme Deals <plans@deals.acme.example>:",
    "apple-nl": "Op 1 dec. 2026 om 08:02 heeft Acme Deals <plans@deals.acme.example> het volgende "
    "geschreven:",
    "apple-ja": "2026/12/01 8:02、Acme Deals <plans@deals.acme.example>のメール:",
    "thunderbird-ja": "2026/12/01 8:02 に Acme Deals さんは書きました:",
}


@pytest.mark.parametrize("attribution", list(ATTRIBUTIONS.values()), ids=list(ATTRIBUTIONS))
def test_an_attribution_wrapped_at_any_space_is_removed(attribution: str) -> None:
    """Clients wrap a long "On ... wrote:" line where it passes their width, at any space (or
    after the "<" of the address)."""
    for at, char in enumerate(attribution):
        if char == " ":
            wrapped = f"{attribution[:at]}\n{attribution[at + 1 :]}"
        elif char == "<":
            wrapped = f"{attribution[: at + 1]}\n{attribution[at + 1 :]}"
        else:
            continue
        for history in (f"{wrapped}\n\n> old\n> text", f"{wrapped}\nold unquoted text\n"):
            assert fresh_text(f"Done.\n\nAna\n\n{history}") == "Done.\n\nAna", wrapped


def test_short_answers_between_long_quoted_lines_are_kept() -> None:
    """A line between two quoted lines is an answer, however short, capital or not."""
    body = (
        "On Tue, Dec 1, 2026 at 8:02 AM Acme <plans@deals.acme.example> wrote:\n"
        "> Can you confirm the budget of 50k is approved by finance and legal before Friday\n"
        "Yes, approved.\n"
        "> And is the security review on track for the fourth of December, as planned\n"
        "no, it slips a week.\n"
        "> Security questionnaire, owner Jane Doe, due Friday 4 December 2026\n"
        "done, sent it\n"
        "> Thanks"
    )
    assert fresh_text(body) == "Yes, approved.\nno, it slips a week.\ndone, sent it"
