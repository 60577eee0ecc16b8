"""What mail clients write around a reply, line by line, in the languages their users write.

Quote markers ("On <date>, <someone> wrote:" and its equivalents, Outlook's and Samsung's banners,
Apple Mail's forward headings), the header block over a quoted email ("From:/Sent:/To:/Subject:"
as each client and language spells it) and the line a phone or mail app adds ("Sent from my
iPhone"). `trimming` gives each line of a body its kind with these; the patterns here see one line
of at most `trimming._MAX_MARKER_LINE` characters, or a window of a few short ones (the wrappable
markers), so the backtracking some of them allow stays bounded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, Protocol

__all__ = [
    "APP_SIGNATURE",
    "BLANK",
    "EMAIL_HEADERS",
    "EMBEDDED_MARKERS",
    "FLATTENED_QUOTE",
    "MARKDOWN_LINK",
    "WRAPPABLE_MARKERS",
]

# Horizontal whitespace, for use inside character classes ([[:blank:]] in Ruby).
BLANK: Final = r"\t \u00a0\u2000-\u200a\u202f\u205f\u3000"


class Marker(Protocol):
    def search(self, string: str) -> re.Match[str] | None: ...

    def match(self, string: str) -> re.Match[str] | None: ...


class _Said:
    """A marker that can only match where one of `words` is written: they are looked for first,
    with `in` (a fast scan of the text), and the pattern is tried only where one is. Its
    bounded backtracking then costs nothing on the lines that cannot be it: a 1 MB body of
    lines like "2013 пользователь 2013 пользователь ..." took 0.8 s of CPU to trim, four
    fifths of it in the two patterns below that end in "написал:" or "napisał(a):"."""

    def __init__(self, pattern: re.Pattern[str], words: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.words = words

    def search(self, string: str) -> re.Match[str] | None:
        return self.pattern.search(string) if self._said(string) else None

    def match(self, string: str) -> re.Match[str] | None:
        return self.pattern.match(string) if self._said(string) else None

    def _said(self, string: str) -> bool:
        return any(word in string for word in self.words)


def _compile_all(patterns: Iterable[str], flags: int = 0) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, flags) for p in patterns)


def _wrappable(marker: re.Pattern[str] | _Said) -> Marker:
    """`marker` matched from the start of a window of lines, on its first line."""
    pattern = marker.pattern if isinstance(marker, _Said) else marker
    wrapped = re.compile(rf"\A[^\n]*?(?:{pattern.pattern})", pattern.flags)
    return _Said(wrapped, marker.words) if isinstance(marker, _Said) else wrapped


def _on_date_someone_wrote(starts: str, ends: str, stops: str) -> str:
    """Build a regex for "<On> <date>, <someone> <wrote>:" in one language.

    The middle part may not run over any of ``stops``, so that "On this day ...
    I wrote something" is not mistaken for a marker.
    """
    # The colon may be wrapped onto a line of its own ("a écrit\n:"). The date puts a digit before
    # the colon: "Le juriste a écrit :" is what someone wrote.
    return (
        rf"^(?=[^:]{{0,300}}?\d)[{BLANK}<>-]*(?:{starts})\s(?:(?!\b(?:{stops})\b).)+?(?:{ends})"
        rf"[{BLANK}.:\uff1a>-]*"
        rf"(?:\n[{BLANK}]*[:\uff1a][{BLANK}]*)?$"
    )


# (opening words, closing words, words the middle may not contain) per language.
_ON_DATE_SOMEONE_WROTE: Final = _compile_all(
    (
        _on_date_someone_wrote("在", "写道", "在|写道"),
        _on_date_someone_wrote(
            "Op",
            r"het\svolgende\sgeschreven|schreef(?:\s[^:]+)?",
            r"Op|het\svolgende\sgeschreven|schreef",
        ),
        _on_date_someone_wrote("In message", "writes", "In message|writes"),
        # "at" is left out of the stops: "On Wed, Sep 25, 2013, at 03:57 PM, x wrote:".
        _on_date_someone_wrote("On|At", "wrote|writes|says|said", "On|wrote|writes|says|said"),
        _on_date_someone_wrote("Le", r"nous\sa\sdit|a\s+écrit", r"Le|nous\sa\sdit|a\s+écrit"),
        _on_date_someone_wrote("Am", r"schrieben\sSie", r"Am|schrieben\sSie"),
        _on_date_someone_wrote("Am", r"geschrieben|schrieb(?:\s[^:]+)?", "Am|geschrieben"),
        _on_date_someone_wrote("Il", r"ha\sscritto", r"Il|ha\sscritto"),
        _on_date_someone_wrote("Dnia|Dňa", r"napisał(?:\(a\))?", "Dnia|Dňa|napisał"),
        _on_date_someone_wrote("Em", "escreveu", "Em|escreveu"),
        _on_date_someone_wrote("El", "escribió", "El|escribió"),
        # The Bat!: "martedì 1 dicembre 2026, 17:02:09, hai scritto:", "Tuesday, December 1,
        # 2026, 5:02:09 PM, you wrote:": a date with its year, then "you wrote", nothing else
        rf"^[{BLANK}]*(?=[^:\n]{{0,80}}?(?<!\d)\d{{4}}(?!\d))[^\n]{{0,100}}?,\s*"
        r"(?:you\swrote|hai\sscritto|avete\sscritto|schrieben\sSie|schriebst\sdu|"
        r"vous\savez\sécrit|tu\sas\sécrit|escribiste|usted\sescribió|schreef\s(?:u|je)|"
        r"você\sescreveu|escreveste)"
        rf"[{BLANK}]*[:\uff1a][{BLANK}]*$",
    ),
    # DOTALL + MULTILINE: applied to a window of lines, the date and name may wrap.
    re.IGNORECASE | re.MULTILINE | re.DOTALL,
)

# "Am 18.09.2013 um 16:24 schrieb someone <x@y.z>:", "Den 15. jun. 2016 kl. 20.42 skrev ..."
# The colon closes the line: "Am Montag schrieb uns die IT: alles ok." is what someone wrote.
_ON_DATE_WROTE_SOMEONE: Final = _compile_all(
    rf"^(?=[^\n]*:[{BLANK}]*$)[{BLANK}>]*{on}\s.+\s{wrote}\s[^:]+:"
    for on, wrote in (("Op", "schreef"), ("Am", "schrieb"), ("Den", "skrev"), (r"søn\.", "skrev"))
)

# A year: a standalone four-digit number (a longer digit run would make every offset a
# candidate start for the bounded-but-backtracking patterns below).
_YEAR: Final = r"(?<!\d)\d{4}(?!\d)"

# "<date> пользователь etewiah написал:", "23 mar 2017 ... napisał(a):"
_DATE_SOMEONE_WROTE: Final[tuple[_Said, ...]] = (
    # The name may wrap once; each alternative keeps backtracking linear in length.
    _Said(
        re.compile(
            rf"{_YEAR}[^\n]{{1,80}}?пользователь"
            r"(?:[^\n]{0,160}?|[^\n]{0,80}\n[^\n]{0,80}?)написал:"
        ),
        ("написал:",),
    ),
    _Said(
        re.compile(
            rf"{_YEAR}(?:[^\n]{{1,160}}?|[^\n]{{1,80}}\n[^\n]{{0,80}}?)(?:napisał\(a\)|пише):"
        ),
        ("napisał(a):", "пише:"),
    ),
)

# "2015-10-18 0:17 GMT+03:00 Matt Palmer <x@y.z>:", "2013/7/20 sam via Discourse <x@y.z>": a
# line that opens with a year-first date; the address part may wrap. A four-digit number anywhere
# in the line was enough before, so "Blocked until 2027-01-10, ask Priya <priya@x.com>" and a
# start email's "Champion: Jane Doe 1000 <jane@x.com>" were cut off with all after them.
_DATE_SOMEONE_EMAIL: Final = re.compile(
    rf"^[{BLANK}>]*\d{{4}}(?:[-/.]|年)\d{{1,2}}(?:[-/.]|月)\d{{1,2}}(?!\d)"
    r"(?:.{0,80}|.{0,80}\n.{0,80})<[^@<>]+@[^@<>.]+\.[^@<>]+>:?$",
    re.MULTILINE,
)

# "Max <x@y.z> schrieb am Fr., 28. Apr. 2017 um 11:53 Uhr:" -- demanding a digit before
# the final colon keeps "I wrote on the whiteboard:" out.
_SOMEONE_WROTE_ON_DATE: Final = re.compile(
    rf"^[^\n]+\b(?:wrote\s+on|schrieb\s+am)\b(?=\D*+\d).*?:[{BLANK}]*$", re.MULTILINE | re.DOTALL
)

# Markers that mail clients wrap over several lines, hence re-joined before classifying.
# Matched against a window of lines, they must start on the window's first line.
# Japanese clients: "2026/12/01 8:02 に Name さんは書きました:", "2026/12/01 8:02、Name のメール:";
# the line may wrap once.
_JAPANESE_WROTE: Final = re.compile(
    rf"^[{BLANK}>]*\d{{4}}[/年.-](?:[^\n]{{0,160}}|[^\n]{{0,80}}\n[^\n]{{0,80}})"
    rf"(?:書きました|のメール)[:：]?[{BLANK}]*$",
    re.MULTILINE,
)

_WRAPPED: tuple[re.Pattern[str] | _Said, ...] = (
    *_ON_DATE_SOMEONE_WROTE,
    _SOMEONE_WROTE_ON_DATE,
    *_DATE_SOMEONE_WROTE,
    _DATE_SOMEONE_EMAIL,
    _JAPANESE_WROTE,
)
WRAPPABLE_MARKERS: Final[tuple[Marker, ...]] = tuple(_wrappable(marker) for marker in _WRAPPED)

# "wrote" in the languages whose clients write "<someone> wrote:" lines.
_WROTE: Final = (
    r"wrote|schrieb|(?:Folgendes\s)?geschrieben|a\s+écrit|escribió|schreef|escreveu|ha\s+scritto"
    r"|skrev|napisał|書きました"
)
# Yahoo's Android app flattens the quoted email onto its "On <date>, <someone> wrote:" line, so the
# marker opens a line of any length: only its opening is read (the name runs up to the address).
FLATTENED_QUOTE: Final = re.compile(
    rf"[{BLANK}]*(?:On|Le|Am|El|Op|Em|Il(?: giorno)?)\s[^<>\n]{{1,200}}<[^<>@\s]+@[^<>\s]+>"
    rf"\)?[{BLANK}]*(?:{_WROTE})[{BLANK}]?:[{BLANK}]{{2,}}\S",
    re.IGNORECASE,
)
# Apple Mail's heading over a forwarded message, in each language.
_FORWARDED_HEADINGS: Final = (
    "Begin forwarded message|Début du message (?:transféré|réexpédié)"
    "|Anfang der weitergeleiteten Nachricht|Inicio del mensaje reenviado"
    "|Begin doorgestuurd bericht|Inizio messaggio inoltrato"
    "|Início da mensagem (?:reencaminhada|encaminhada)|転送されたメッセージ"
)
# What clients write between dashes over a quoted or forwarded message: Outlook's "-----Original
# Message-----", Gmail's "---------- Forwarded message ---------", Samsung's "-------- Original
# message --------", Zimbra's "----- Original Message -----", each in the writer's language.
_BANNERS: Final = (
    "(?:Forwarded|Original|Reply) Message|Message transféré|Message d'origine|Mail original"
    "|Ursprüngliche (?:Nachricht|Mail|Message)|Original-?Nachricht|Weitergeleitete Nachricht"
    "|Mensaje original|Mensaje reenviado|Oorspronkelijk bericht|Origineel bericht"
    "|Doorgestuurd bericht|Mensagem original|Mensagem encaminhada|Messaggio originale"
    "|Messaggio inoltrato|Messaggio di origine|Message original|元のメッセージ|転送されたメッセージ"
    "|転送メッセージ|オリジナル ?メッセージ|原始邮件"
    # Outlook's and Gmail's banners in the languages of the header names below
    "|Oryginalna wiadomość|Wiadomość przekazana dalej|Původní zpráva|Přeposlaná zpráva"
    "|Pôvodná správa|원본 메시지|전달된 메시지|Orijinal İleti|Özgün İleti|Yönlendirilen ileti"
    "|Исходное сообщение|Пересылаемое сообщение|Пересланное сообщение|Оригінальне повідомлення"
    "|Вихідне повідомлення|Оригинално съобщение|Alkuperäinen viesti|Välitetty viesti"
    "|Eredeti üzenet|Továbbított levél|Mesaj original|Mesaj redirecționat|Αρχικό μήνυμα"
    "|原始郵件|轉寄的郵件|הודעה מקורית|الرسالة الأصلية|Pesan Asli|Thư gốc|ข้อความต้นฉบับ"
    "|Originalna poruka|Izvirno sporočilo|Algne kiri|Sākotnējais ziņojums|Pradinis laiškas"
    "|Missatge original|Oprindelig meddelelse|Oprindelig besked|Videresendt meddelelse"
    "|Opprinnelig melding|Antwort Nachricht"
    "|Videresendt melding|Ursprungligt meddelande|Vidarebefordrat meddelande"
)

EMBEDDED_MARKERS: Final[tuple[Marker, ...]] = (
    *_ON_DATE_SOMEONE_WROTE,
    *_ON_DATE_WROTE_SOMEONE,
    *_DATE_SOMEONE_WROTE,
    _DATE_SOMEONE_EMAIL,
    _SOMEONE_WROTE_ON_DATE,
    # "2016-03-03 17:21 GMT+01:00 Some One"
    re.compile(rf"^[{BLANK}>]*20\d\d-\d\d-\d\d \d\d:\d\d GMT\+\d\d:\d\d [\w{BLANK}]+$"),
    # "someone via Discourse Meta wrote:"
    re.compile(rf"^.+ via .+ (?:wrote|schrieb):?[{BLANK}]*$"),
    # "Some One <x@y.z> wrote:", "Gavin (g@example.com) wrote:"
    re.compile(r"[\w.+-]@[\w.-]+\.\w{2,}\b.+wrote:?$"),
    re.compile(rf"^[{BLANK}>]*Posted by .+ on \d{{2}}/\d{{2}}/\d{{4}}$", re.IGNORECASE),
    _JAPANESE_WROTE,
    # "1 Dec 2026, 08:02 by plans@x.example:" (Tutanota, and other webmails in any language): a
    # date with a time, an address, and the colon that closes the line
    re.compile(
        rf"^[{BLANK}>]*\d[^\n]{{0,40}}\b\d{{1,2}}:\d{{2}}\b[^\n@]{{0,60}}"
        rf"<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?[{BLANK}]*:[{BLANK}]*$"
    ),
    # Lotus Notes: -----"Name" <x@y.z> wrote: -----, in the writer's language
    re.compile(
        rf"^[{BLANK}>]*-{{3,}}+[^\n]{{1,200}}?(?:{_WROTE})[{BLANK}]?:[{BLANK}]*-{{3,}}[{BLANK}]*$"
    ),
    *_compile_all(
        (
            rf"^[{BLANK}>]*(?:{_FORWARDED_HEADINGS})[{BLANK}]*:",
            rf"^[{BLANK}>*]*-{{2,}}[{BLANK}]*(?:{_BANNERS})[{BLANK}]*-{{2,}}",
            # Android's "---- John Smith wrote ----"
            # (a word right after the dashes: spaces there and in the name made it quadratic)
            rf"^[{BLANK}>]*-{{2,}} ?(?=[^\s-])[^\n]{{1,80}}?\s(?:{_WROTE}) ?-{{2,}}[{BLANK}]*$",
        ),
        re.IGNORECASE,
    ),
)

_DATE_HEADER_NAMES: Final = (
    "Sendt|Sent|Date|Le|Gesendet|Enviada em|Enviado em|Enviado el|Enviado|Envoyé|Fecha|Data"
    "|Datum|Verzonden|Verstuurd|Inviato|Skickat|发送时间|送信日時|日付|日時"
    # Outlook in the languages of buyers who answer in one of ours: Polish, Czech, Slovak,
    # Korean, Turkish, Russian, Ukrainian, Bulgarian, Finnish, Hungarian, Romanian, Greek,
    # Chinese (Taiwan), Hebrew, Arabic, Indonesian, Vietnamese, Thai, Croatian and Slovenian,
    # Estonian, Latvian, Lithuanian, Catalan, Danish and Norwegian
    "|Wysłano|Odesláno|Odoslané|보낸 날짜|날짜|Gönderildi|Gönderilme|Tarih|Отправлено|Дата"
    "|Надіслано|Изпратено|Lähetetty|Päivämäärä|Elküldve|Dátum|Trimis|Στάλθηκε|Ημερομηνία"
    "|寄件日期|日期|נשלח|תאריך|تاريخ الإرسال|التاريخ|Dikirim|Tanggal|Đã gửi|Ngày|ส่ง|วันที่"
    "|Poslano|Saadetud|Kuupäev|Nosūtīts|Datums|Išsiųsta|Enviat el|Enviat|Dato"
)
_TEXT_HEADER_NAMES: Final = (
    "Fra|Til|Emne|From|To|Cc|Reply-To|Subject|De|Expéditeur|À|Destinataire|Répondre à"
    "|Objet|Von|An|Betreff|Para|Assunto|Asunto|Da|Risposta|A|Oggetto|Van"
    "|Beantwoorden - Aan|Aan|Onderwerp|Från|Till|Ämne|发件人|收件人|主题"
    "|Per|Kopie|Copie à|Copia|Cópia|CC|差出人|送信者|宛先|件名"
    # the languages of the date names above
    "|Od|DW|UDW|Temat|Komu|Předmět|Kópia|Predmet|보낸 사람|받는 사람|참조|제목|Kimden|Kime"
    "|Bilgi|Konu|От|Кому|Копия|Тема|Від|Копія|До|Копие|Lähettäjä|Vastaanottaja|Kopio|Aihe"
    "|Feladó|Címzett|Másolatot kap|Másolat|Tárgy|De la|Către|Subiect|Από|Προς|Κοιν\\.|Θέμα"  # noqa: RUF001
    "|寄件者|收件者|副本|主旨|抄送|מאת|אל|עותק|נושא|من|إلى|نسخة|الموضوع|Dari|Kepada|Subjek"
    "|Tembusan|Perihal|Từ|Đến|Chủ đề|จาก|ถึง|เรื่อง|สำเนาถึง|Šalje|Prima|Kopija|Zadeva"
    "|Saatja|Adressaat|Teema|Koopia|Kam|Tēma|Nuo|Per a|Kopi|Kopia"
)
# Names that are also words a reply may open a line with ("No: not yet", "Do: call Kim"):
# a header only with an address ("No: Acme Deals <plans@...>", Latvian; Polish "Do:").
_SHORT_HEADER_NAMES: Final = "No|Do|Za|Tema|Data"
EMAIL_HEADERS: Final = (
    re.compile(rf"^[{BLANK}*]*(?:{_DATE_HEADER_NAMES})[{BLANK}*]*[:\uff1a].*\d"),
    re.compile(rf"^[{BLANK}*]*(?:{_TEXT_HEADER_NAMES})[{BLANK}*]*[:\uff1a].*\w", re.IGNORECASE),
    re.compile(rf"^[{BLANK}*]*(?:{_SHORT_HEADER_NAMES})[{BLANK}*]*:[^\n@]{{0,100}}@[\w-]+\."),
)

# The line a phone or a mail app adds under what was written ("Sent from my iPhone", "Get Outlook
# for iOS", "Sent with Proton Mail ..."), in each language its app speaks.
# What a phone or an app calls itself in its line ("Envoyé de mon iPhone", "Inviato dal mio
# smartphone Samsung Galaxy"): the lines in languages whose "sent from my" also opens sentences
# ("Envoyé de mon côté hier ...") must name one.
_DEVICE: Final = (
    r"(?:iPhone|iPad|iPod|Android|Galaxy|Samsung|Xperia|AQUOS|Pixel|Huawei|Xiaomi|Redmi|BlackBerry"
    r"|Windows|Outlook|Yahoo|Proton\w*|Tuta\w*|Spark|Airmail|BlueMail|Edison|Newton|Spike|Canary"
    r"|Polymail|Mailbird|Nine|Mail|smartphone|téléphone|telefone|telefono|teléfono"
    r"|telefoon|Handy|Mobil\w*|mobile?|móvil|celular|cellulare|appareil|dispositivo|apparaat"
    r"|Gerät|tablet\w*|スマートフォン|タブレット|携帯|モバイル)"
)
# After what names the phone or app, the line ends soon ("Envoyé de mon iPhone 15 Pro").
_LINE_END: Final = r"[^\n]{0,40}$"
APP_SIGNATURE: Final = re.compile(
    rf"^[{BLANK}]*(?:"
    r"從我的 iPhone 傳送"
    r"|\w+ from mobile\s*$"
    # ... but not a sentence going on past the comma ("Sent from my desk, is much easier ...")
    r"|[(<]*Sent (?:from|via|with|by|using) (?![^\n]*,(?:\s+\S+){5})."
    r"|From my \S.{0,19}$"  # "From My Iphone 6", but not a sentence opening "From my ..."
    r"|Get Outlook for "
    r"|Outlook (?:für|voor) \S{1,60} (?:beziehen|downloaden)"
    r"|(?:Obtenir|Obtener|Obter o|Scarica|Télécharger|Descargar|Baixe o|Baixar o) Outlook"
    r" (?:pour|para|per) "
    r"|(?:Get|Obtenir|Obtener|Obter o|Scarica|Télécharger|Descargar) (?:BlueMail|Spark|Edison|"
    r"Yahoo Mail|Airmail)\b"
    r"|[^\n]{0,30}Outlook を入手"
    r"|Envoyé depuis (?:mon|Yahoo Mail)"
    rf"|Envoyé (?:de|depuis|avec|à partir de) [^\n]{{0,30}}\b{_DEVICE}\b{_LINE_END}"
    r"|Envoyé avec (?:la messagerie|Proton)"
    r"|Von meinem .+ gesendet"
    rf"|Von [^\n]{{0,30}}{_DEVICE}[^\n]{{0,30}} gesendet"
    rf"|Gesendet (?:von|mit) [^\n]{{0,30}}\b{_DEVICE}\b{_LINE_END}"
    r"|Gesendet mit der sicheren E-Mail"
    r"|Diese Nachricht wurde von .+ gesendet"
    r"|Inviato da "
    rf"|Inviato (?:dal|dalla|dall'|con) ?[^\n]{{0,30}}\b{_DEVICE}\b{_LINE_END}"
    r"|Inviato con l'email sicura"
    r"|Sendt fra min "
    r"|Enviado do meu "
    r"|Enviado desde mi "
    rf"|Envia(?:do|da) (?:do|desde|de|con|com) [^\n]{{0,30}}\b{_DEVICE}\b{_LINE_END}"
    r"|Enviado con el correo electrónico seguro"
    r"|Verzonden met "
    r"|Verstuurd vanaf mijn "
    rf"|(?:Verzonden|Verstuurd) (?:vanaf|vanuit|van|met) [^\n]{{0,30}}\b{_DEVICE}\b{_LINE_END}"
    r"|från min "
    rf"|[^\n]{{0,20}}{_DEVICE}[^\n]{{0,20}}からの?送信(?:されました|しました)?。?\s*$"
    r"|Proton Mail[^\n]{0,30}送信"
    r")",
    re.IGNORECASE,
)
# "Sent from [Mail](https://...)" should read as "Sent from Mail".
MARKDOWN_LINK: Final = re.compile(r"\[([^\]]+)\]\([^)]+\)")
