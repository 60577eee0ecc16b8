"""Recognise the legal footer a company's mail system puts under what a person wrote, and the
warning a receiving one puts above it.

Disclaimers ("This e-mail may contain confidential information ...") and the company details the
law asks for in some countries ("Sitz der Gesellschaft: München | Registergericht ...") are no
part of a reply, and in some companies they are longer than the reply itself. They open with one
of a few stock phrases in each language, which is what is looked for here, in the first
`MAX_FOOTER_LINE` characters of a paragraph's first line, on RE2 (which never backtracks, so the
gaps allowed between a phrase's words cost time linear in the line).
"""

from __future__ import annotations

from typing import Final

import re2

__all__ = ["MAX_FOOTER_LINE", "is_external_warning", "opens_legal_footer"]

MAX_FOOTER_LINE: Final = 400

# Other words between two words of a stock phrase ("This e-mail and any attachments are
# confidential"). Not a counted repetition: RE2 compiles each count into states of its own.
_GAP: Final = r"[^\n]*?"

_PHRASES: Final = (
    # a heading alone on its line, in each language
    r"^\W*(?:disclaimer|legal notice|haftungsausschluss|rechtlicher hinweis|avertissement"
    r"|mentions légales|aviso legal|avviso legale|juridische kennisgeving|免責事項)\W*$",
    # English
    r"\bconfidentiality (?:notice|note|statement|warning)",
    r"\b(?:this|the) (?:e-?mail|message|communication|transmission)"
    rf"{_GAP}\b(?:is|are|may be|may contain|contains?) {_GAP}(?:confidential|privileged)",
    rf"\bthe information (?:contained )?in this {_GAP}(?:e-?mail|message|communication)",
    r"\bif you (?:are not|have received this)"
    rf"{_GAP}(?:intended recipient|in error|by mistake)",
    r"\bregistered (?:in England|office|in Ireland)\b",
    # German
    rf"\bdiese (?:E-?Mail|Nachricht|Mitteilung){_GAP}\b(?:enthält|ist) {_GAP}vertraulich",
    r"\bwenn sie nicht der (?:richtige|beabsichtigte) (?:Adressat|Empfänger)",
    r"\bvertraulichkeitshinweis\b",
    r"\bSitz der Gesellschaft\b",
    r"\bRegistergericht\b",
    r"\bAmtsgericht\b[^\n]*?\bHRB?\b",
    # French
    rf"\bce (?:message|courriel|e-?mail){_GAP}\b(?:est|sont) {_GAP}confidentiel",
    r"\bsi vous n'(?:êtes|etes) pas (?:le|la|les) destinataire",
    r"\bavis de confidentialit[ée]",
    r"\bsiège social\b",
    # Spanish
    rf"\beste (?:mensaje|correo|e-?mail){_GAP}\b(?:es|son|contiene|puede contener) {_GAP}"
    r"confidencial",
    r"\bsi (?:usted )?no es el destinatario",
    r"\baviso (?:de confidencialidad|legal)\b",
    r"\bcláusula de confidencialidad",
    # Dutch
    rf"\b(?:dit|deze) (?:e-?mail(?:bericht)?|bericht){_GAP}\b(?:is|zijn) {_GAP}"
    r"(?:vertrouwelijk|uitsluitend bestemd)",
    r"\bindien u (?:dit|deze) (?:e-?mail(?:bericht)?|bericht) (?:onterecht|ten onrechte|per abuis)",
    # Portuguese
    rf"\besta (?:mensagem|e-?mail){_GAP}\b(?:é|são|contém|pode conter) {_GAP}confidencia",
    r"\bse (?:você |vocę )?não (?:for|é) o destinatário",
    r"\baviso de confidencialidade",
    # Italian
    rf"\bquest[oa] (?:messaggio|e-?mail|comunicazione){_GAP}"
    rf"\b(?:è|sono|contiene|contengono|può contenere|possono contenere) {_GAP}riservat",
    r"\ble informazioni contenute (?:nel|in) quest",
    r"\bavviso di riservatezza",
    r"\bse (?:avete|hai|ha) ricevuto quest[oa] (?:messaggio|e-?mail|comunicazione) per errore",
    r"\bai sensi del (?:D\.? ?Lgs|Reg)",
    # Japanese
    r"(?:本|この)(?:メール|電子メール|メッセージ)[^\n]*?(?:機密|秘密)",
    r"機密保持(?:に関する)?(?:注意|通知)",
    r"誤って(?:受信|届いた)",
    r"誤送信",
)
_LEGAL_FOOTER: Final = re2.compile("(?i)" + "|".join(f"(?:{phrase})" for phrase in _PHRASES))

# The warning a receiving mail system (Exchange Online, Mimecast, Proofpoint) puts above a message
# from outside the organisation, or from a first-time sender: above the reply, so above its
# command. In each language Microsoft 365 writes it.
_WARNINGS: Final = (
    r"^\W*\[external\]\W*$",  # the tag alone: "[EXTERNAL] Done." is a reply
    r"^\W*external (?:e-?mail|sender|message)\b",
    rf"\b(?:this|the) (?:e-?mail|message){_GAP}\b(?:originated|came|comes|is) from outside",
    r"\byou don'?t often get (?:e-?mail|messages) from\b",
    r"\bstammt von (?:außerhalb|ausserhalb|einem externen)",
    r"\bsie erhalten nicht oft E-?Mails? von\b",
    r"\b(?:provient|vient|provenant) de l'extérieur",
    r"\bvous n'obtenez pas souvent d'e-?mail",
    r"\bse originó fuera de\b",
    r"\bno suele recibir correos? electrónicos? de\b",
    r"\bis afkomstig van buiten\b",
    r"\bu ontvangt niet vaak e-?mail van\b",
    r"\b(?:foi originado|se originou|teve origem) fora d",
    r"\bvocê não costuma receber e-?mails? de\b",
    r"\bproviene dall'esterno",
    r"\bnon si ricevono spesso messaggi",
    r"組織外から(?:送信|届)",
    r"からメールを受信しません",
    # the rest of a warning its client wrapped over lines, and Microsoft's "Learn why ..." link
    r"\bopen attachments unless\b",
    r"\brecogni[sz]e the sender\b",
    r"\bknow the content is safe\b",
    r"\blearn why this is important\b",
    r"\berfahren sie, warum dies wichtig ist",
    r"\bdécouvrez pourquoi (?:ceci|cela) est important",
    r"\bpor qué esto es importante",
    r"\bontdek waarom dit belangrijk is",
    r"\bsaiba por que isso é importante",
    r"\binformazioni sul perché è importante",
    r"これが重要な理由",
    # the hidden marks around Proofpoint's (and Microsoft's) banner, which HTML-to-text shows
    r"^\W*ZjQcmQRYFpfptBanner(?:Start|End)\W*$",
)
_EXTERNAL_WARNING: Final = re2.compile("(?i)" + "|".join(f"(?:{w})" for w in _WARNINGS))


def opens_legal_footer(line: str) -> bool:
    """Whether `line`, the first of a paragraph, opens a disclaimer or a company's legal details."""
    return _LEGAL_FOOTER.search(line[:MAX_FOOTER_LINE]) is not None


def is_external_warning(line: str) -> bool:
    """Whether `line` is a receiving system's warning that the sender is outside or new."""
    return _EXTERNAL_WARNING.search(line[:MAX_FOOTER_LINE]) is not None
