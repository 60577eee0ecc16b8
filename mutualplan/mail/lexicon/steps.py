"""The words steps of a sales plan are named with, in each language the reader knows.

A buyer often names the step in their own language while the plan's title is in another ("Die
Sicherheitsprüfung ist abgeschlossen" about "Security review complete"): each group below is
one thing a step's title may name, and a title that uses a word of a group is named by every
word of it. Lowercase, whole words (German compounds as one word, and under each thing they
name); Japanese as it is written.
"""

from __future__ import annotations

# fmt: off
GROUPS: tuple[frozenset[str], ...] = tuple(frozenset(group) for group in (
    {"security", "sicherheit", "sicherheits", "sicherheitsprüfung", "sicherheitsreview",
     "sicherheitsüberprüfung", "sécurité", "securite", "seguridad", "segurança", "seguranca",
     "sicurezza", "beveiliging", "beveiligingsreview", "infosec", "セキュリティ",
     "beveiligingsbeoordeling", "sicherheitsanalyse", "sec", "secu", "sécu", "seg",
     "veiligheid", "veiligheidsaudit", "securityreview", "ciberseguridad", "cybersécurité",
     "cybersecurity", "cibersegurança", "cybersicherheit", "informationssicherheit", "isms"},
    {"review", "prüfung", "pruefung", "überprüfung", "sicherheitsprüfung", "sicherheitsreview",
     "sicherheitsüberprüfung", "revue", "examen", "revisión", "revision", "revisão", "revisao",
     "revisione", "beoordeling", "controle", "beveiligingsreview", "レビュー", "審査", "確認",
     "verifica", "analyse", "análisis", "analisis", "análise", "analise", "analisi",
     "beveiligingsbeoordeling", "sicherheitsanalyse", "check", "assessment", "audit",
     "sicherheitscheck", "securitycheck", "évaluation", "vérification", "evaluación",
     "auditoría", "avaliação", "auditoria", "verificação", "controllo", "valutazione", "チェック"},
    {"legal", "rechtlich", "rechtliche", "juristisch", "juristische", "rechtsprüfung",
     "juridique", "jurídica", "juridica", "jurídico", "juridico", "legale", "juridisch",
     "juridische", "法務"},
    {"contract", "contracts", "vertrag", "verträge", "contrat", "contrato", "contratto",
     "契約"},
    {"signature", "signed", "signing", "unterschrift", "unterzeichnung", "firma", "assinatura",
     "handtekening", "ondertekening", "署名"},
    {"pentest", "penetration", "penetrationstest", "intrusion", "penetración", "penetração",
     "penetrazione", "ペネトレーション", "ペンテスト"},
    {"approval", "approved", "freigabe", "genehmigung", "approbation", "validation",
     "aprobación", "aprobacion", "aprovação", "aprovacao", "approvazione", "goedkeuring",
     "承認"},
    {"budget", "budgets", "presupuesto", "orçamento", "orcamento", "予算"},
    {"proposal", "angebot", "proposition", "propuesta", "proposta", "voorstel", "offerte",
     "提案"},
    {"pilot", "piloto", "pilota", "pilotproject", "pilotprojekt", "パイロット"},
    {"training", "schulung", "formation", "formación", "formacion", "treinamento",
     "formazione", "研修", "トレーニング"},
    {"migration", "datenmigration", "migración", "migracion", "migração", "migracao",
     "migrazione", "migratie", "移行"},
    {"integration", "intégration", "integración", "integracion", "integração", "integracao",
     "integrazione", "integratie", "連携"},
    {"onboarding", "einarbeitung", "intégration", "incorporación", "オンボーディング"},
    {"kickoff", "kick", "auftakt", "lancement", "arranque", "lançamento", "lancio", "キックオフ"},
    {"procurement", "purchasing", "einkauf", "beschaffung", "achats", "compras", "acquisti",
     "inkoop", "購買", "調達"},
    {"order", "bestellung", "commande", "pedido", "ordine", "bestelling", "発注", "注文"},
    {"questionnaire", "fragebogen", "cuestionario", "questionário", "questionario",
     "vragenlijst", "アンケート", "質問票"},
    {"report", "bericht", "rapport", "informe", "relatório", "relatorio", "報告書"},
    {"invoice", "rechnung", "facture", "factura", "fatura", "fattura", "factuur", "請求書"},
))
# fmt: on


def named_alike(words: frozenset[str]) -> frozenset[str]:
    """`words` of a title, with every word of each group one of them is in."""
    found = set(words)
    for group in GROUPS:
        if words & group:
            found |= group
    return frozenset(found)
