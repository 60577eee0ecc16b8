"""German."""

from mutualplan.mail.lexicon import Lexicon

# fmt: off
LEXICON = Lexicon(
    code="de",
    name="Deutsch",
    done=(
        r"(?:können|kannst|könnt|kann) (?:\S+ ){0,3}?abhaken", r"haken dran",
        r"(?:ist |sind )?(?:hier |da )?nichts mehr offen",
        r"erledigt", r"fertig", r"abgeschlossen", r"abgehakt", r"erfolgt",
        r"ist (?:damit |jetzt |nun )?durch",
        r"fertiggestellt", r"umgesetzt", r"geschafft", r"gemacht",
    ),
    # the step's thing went out (sent, submitted, signed): done, asked about; not
    # "approved", which in a draft approves the plan (a person's to read)
    handed_in=(
        r"gesendet", r"geschickt", r"verschickt", r"versendet", r"zurückgeschickt", r"eingereicht",
        r"hochgeladen", r"unterschrieben", r"unterzeichnet",
        r"ausgefüllt", r"übermittelt", r"ist raus", r"sind raus",
    ),
    idioms=(r"gut gemacht", r"termin gemacht", r"fertig machen", r"fertig werden"),
    mark=(r"markieren", r"markiert", r"abhaken", r"setzen", r"schließen"),
    fillers=(
        r"(?:hiermit )?teilen? (?:ich|wir) ihnen mit,? dass",
        r"seitens (?:der|des) \w+",
        r"im auftrag von (?:\S+ ){1,3}?teile? (?:ich|wir) ihnen mit,? dass",
        # a formal lead-in: "I am pleased to confirm that ..."
        r"(?:ich|wir) freue?n? (?:mich|uns),? (?:ihnen |dir )?mitteilen zu können,? dass",
        r"hiermit bestätige?n? (?:ich|wir),? dass",
        # when, to the part of the day
        r"gestern (?:abend|nachmittag|früh|morgen)", r"heute (?:früh|nachmittag|vormittag)",
        r"ja", r"jep", r"jo", r"ok", r"okay", r"gut", r"super", r"prima", r"perfekt", r"klasse",
        r"danke", r"vielen dank", r"danke schön", r"dankeschön", r"besten dank", r"bitte", r"ist",
        r"sind", r"war", r"wurde", r"wurden", r"haben", r"habe", r"hab", r"hat", r"wir", r"ich",
        r"es", r"das", r"dies", r"dieser", r"diese", r"dieses", r"der", r"die", r"schritt",
        r"punkt", r"aufgabe", r"jetzt", r"nun", r"schon", r"bereits", r"endlich", r"heute",
        r"gestern", r"heute morgen", r"hier", r"alles", r"komplett", r"vollständig",
        r"von (?:unserer|meiner) seite", r"unsererseits", r"meinerseits", r"hiermit", r"als",
        r"markieren", r"markiert", r"setzen", r"gesetzt", r"auf", r"kann", r"kannst du",
        r"können sie", r"gute nachricht", r"wie besprochen", r"wie vereinbart", r"also", r"und",
        r"auch", r"soeben", r"eben", r"gerade", r"liegt", r"liegen", r"steht", r"stehen",
        r"leider", r"derzeit", r"aktuell", r"momentan", r"immer noch", r"noch", r"plan",
        r"zum plan", r"beim plan", r"mails?", r"e-mails?",
        r"dass",
        r"(?:ich|wir) bestätigen?",
        r"(?:ich|wir) teilen? ihnen mit",
        r"(?:und )?(?:freigegeben|abgenommen) (?:von|durch) (?:unserem|unser|unseren) "
        r"(?:team|ciso|sicherheitsteam)",
        r"(?:und )?(?:von|durch) (?:unserem|unser|unseren) (?:team|ciso|sicherheitsteam)",
        r"damit",
        r"somit",
        r"daher",
        r"folglich",
        r"im auftrag von (?:[^\s,]+ ){0,4}?teile ich ihnen mit,? dass",
        r"(?:ich )?teile (?:ich )?ihnen mit,? dass",
        r"erfolgreich",
    ),
    articles=(
        r"der", r"die", r"das", r"den", r"dem", r"ein", r"eine", r"einen", r"unser", r"unsere",
        r"ihr", r"ihre", r"ihren", r"sein", r"seine", r"seinen", r"seinem", r"ihrem",
    ),
    acknowledgements=(
        r"ok", r"okay", r"gut", r"super", r"prima", r"perfekt", r"klasse", r"alles klar",
        r"verstanden", r"passt", r"in ordnung", r"mach ich", r"machen wir", r"notiert",
        r"bitte", r"gerne",
    ),
    negations=(
        # nobody did it: "Niemand hat das erledigt"
        r"niemand", r"keiner", r"kaum",
        r"nicht", r"nich", r"kein", r"keine", r"keinen", r"nie", r"niemals", r"nix", r"nichts",
        r"noch nicht", r"nicht mehr", r"nein",
    ),
    hedges=(
        r"glaube", r"glaub", r"denke", r"vermutlich", r"wahrscheinlich", r"wohl", r"vielleicht",
        r"eventuell", r"sollte", r"sollten", r"müsste", r"dürfte", r"eigentlich", r"anscheinend",
        r"scheint", r"im grunde", r"mehr oder weniger", r"so gut wie", r"soweit ich weiß",
        r"hoffe", r"hoffentlich", r"nicht sicher",
        r"ziemlich sicher", r"fast sicher", r"relativ sicher", r"vermute", r"meines wissens",
        r"theoretisch", r"im prinzip", r"wenn ich mich nicht irre",
    ),
    hedged_yes=(
        r"ich glaube schon", r"glaube schon", r"ich denke schon", r"denke schon",
        r"(?:ziemlich|fast|relativ) sicher", r"wahrscheinlich(?: schon| ja)?",
        r"vermutlich(?: schon| ja)?",
    ),
    partial=(
        r"fast", r"beinahe", r"halb", r"zur hälfte", r"hälfte", r"teilweise", r"teils",
        r"größtenteils", r"grösstenteils", r"überwiegend", r"zum teil", r"teil", r"in arbeit",
        r"läuft noch", r"angefangen", r"begonnen", r"außer", r"ausser", r"bis auf", r"ohne",
        r"rest", r"\d+ ?%",
    ),
    pending=(
        r"wird", r"werde", r"werden", r"wirst", r"sobald", r"wenn", r"falls", r"nachdem", r"bald",
        r"morgen", r"später", r"demnächst", r"nächste woche", r"bis (?:ende|freitag)",
        r"melde mich", r"melden uns", r"geben bescheid", r"gebe bescheid", r"müssen", r"muss",
        r"soll",
    ),
    conditions=(r"wenn", r"falls", r"sofern", r"sobald", r"außer wenn"),
    contrast=(
        r"aber", r"allerdings", r"jedoch", r"doch", r"noch", r"nur", r"außer", r"ausser",
        r"nicht", r"kein", r"keine", r"fehlt", r"offen", r"ausstehend",
    ),
    question_openers=(
        r"ist (?:das|es|der|die|dies)", r"sind (?:wir|sie|das)", r"habt", r"haben sie", r"hast",
        r"hat (?:das|es|der|die)", r"wurde (?:das|es|der|die)", r"kann", r"können", r"könnt",
        r"soll", r"sollen", r"wann", r"was", r"wer", r"wie", r"wo", r"warum", r"wieso",
        r"weshalb", r"welche[rsnm]?",
    ),
    question_words=(
        r"was", r"wer", r"wen", r"wem", r"wie", r"wo", r"wann", r"warum", r"wieso", r"weshalb",
        r"welche[rsnm]?",
    ),
    requests=(
        r"lässt sich", r"ließe sich", r"geht (?:das|es)",
        r"können wir", r"könnten wir", r"kann man", r"können sie", r"könnten sie", r"kannst du",
        r"könntest du", r"würden sie", r"wären sie so freundlich", r"wäre es möglich",
        r"ist es möglich", r"geht es",
        r"bitte", r"lass uns", r"lasst uns",
        r"(?:gibst du|geben sie|gebt ihr) (?:uns|mir)",
    ),
    tag_questions=(r"oder", r"richtig", r"gell", r"ne", r"nicht wahr", r"stimmt's"),
    blocked=(
        r"(?:müssen|muss) (?:\S+ ){0,2}?(?:stoppen|pausieren|anhalten)",
        r"geht (?:\S+ ){0,2}?nicht weiter",
        r"kommen (?:\S+ ){0,2}?nicht (?:weiter|voran)", r"kommt (?:\S+ ){0,2}?nicht voran",
        r"häng(?:e|en|t) (?:noch |gerade |immer noch )(?:an|bei|fest)",
        r"blockiert", r"blockieren", r"hängt(?: fest)?", r"hängen fest", r"stecken fest",
        r"stecke fest", r"steckt fest", r"auf eis", r"pausiert", r"gestoppt", r"angehalten",
        r"kommen nicht weiter", r"geht nicht weiter", r"blocker",
        r"häng(?:e|en|t) (?:an|bei|fest)", r"häng(?:e|en|t) (?:\S+ ){1,3}?fest",
        r"(?:wir )?(?:kommen|komme) (?:hier )?nicht weiter",
    ),
    resolved=(
        r"gelöst", r"behoben", r"geklärt", r"ausgeräumt", r"nicht mehr (?:blockiert|hängen|fest)",
        r"läuft wieder", r"(?:wieder )?freigegeben", r"vom tisch",
        r"(?:ist|sind) (?:jetzt |inzwischen )?(?:da|angekommen|eingetroffen)",
    ),
    updates=(
        r"(?:ein )?(?:kurzes |kleines )?(?:status-?)?update",
        r"zwischenstand",
        r"(?:kurzer )?stand der dinge",
        r"kurze rückmeldung",
        r"(?:zur info )?fürs protokoll",
        r"nur fürs protokoll",
    ),
    stop_mail=(
        r"hören sie auf",
        r"hör auf",
        r"keine (?:weiteren )?(?:erinnerungen|mails|e-mails)",
        r"abmelden",
        r"austragen",
    ),
    hands=(
        r"übergebe",
        r"übergeben",
        r"übertrage",
        r"übertragen",
        r"gebe",
        r"geben",
        r"delegiere",
        r"delegieren",
    ),
    hands_to=(
        r"(?:weiter )?an",
    ),
    approved=(
        r"freigegeben",
        r"genehmigt",
        r"abgenommen",
    ),
    by_the_way=(
        r"übrigens",
        r"nebenbei",
        r"apropos",
        r"andere frage",
        r"ganz anderes thema",
    ),
    retracts=(
        r"mein fehler",
        r"korrektur",
        r"vergiss das",
        r"vergessen sie das",
        r"falsche(?:r|s)? (?:mail|thread|schritt)",
        r"bitte ignorier(?:en|t)?",
        r"ignorier(?:t|en sie|e)? (?:das|diese)",
        r"war für (?:einen |eine |ein )?andere(?:n|s)? (?:thread|mail|e-mail|schritt|projekt)",
    ),
    agreed_first=(
        r"(?:bitte )?erst (?:mal )?(?:kurz )?bestätigen",
        r"dann (?:trage|passe|ändere|verschiebe|stelle) ich (?:es|das|ihn|den termin)",
        r"bevor ich (?:es |das |den termin )?(?:ändere|eintrage|anpasse|verschiebe|umstelle)",
        r"sobald (?:du|sie) (?:bestätigst|bestätigen|zustimmst|zustimmen)",
        r"(?:deine|ihre|eure) entscheidung",
        r"wenn (?:dir|ihnen|euch) das lieber ist",
        r"falls (?:du|sie|ihr) (?:möchtest|möchten|wollt|willst)",
    ),
    not_after=(
        r"(?:sind|ist|bin|seid|waren|war) (?:wir|ich|es|das|die|sie)"
        r"(?: (?:eigentlich|gar|aktuell|derzeit|momentan|jetzt))? (?:nicht|nichts|keineswegs)",
        r"ist da nichts",
    ),
    unrelated=(
        r"nichts (?:zu tun )?mit",
        r"nichts zu tun",
        r"unabhängig von",
        r"betrifft nicht",
    ),
    took_long=(
        r"(?:das |es )?(?:hat|hatte) (?:ewig|lange|eine weile|länger als (?:gedacht|geplant"
        r"|erwartet)|etwas gedauert)[^.!?\n]{0,60}?,? aber",
        r"(?:das |es )?hat (?:ewig|lange|eine weile|länger als (?:gedacht|geplant|erwartet))"
        r" gedauert,? aber",
        r"(?:war|das war) (?:eine schwere geburt|zäh|mühsam|ein langer weg)[^.!?\n]{0,60}?,? aber",
    ),
    not_blocking=(
        r"blockiert (?:aber |also )?(?:nicht|nix|nichts)",
        r"nicht blockierend",
        r"kein (?:blocker|showstopper)",
        r"nichts kritisches",
        r"gilt (?:trotzdem |aber )?als (?:bestanden|abgeschlossen|freigegeben)",
    ),
    gone_days=(
        r"(?:seit|letzten|vergangenen|am vergangenen|am letzten) (?:montag|dienstag|mittwoch"
        r"|donnerstag|freitag|samstag|sonntag)",
        r"(?:letzte|vergangene) woche",
        r"seit (?:gestern|letzter woche)",
    ),
    note_that=(
        r"bitte (?:notieren|beachten|vermerken)(?: sie)?,? dass",
        r"zur kenntnis:? ",
    ),
    nagged=(
        r"erinner\w*",
        r"mahnung(?:en)?",
        r"(?:diese|ihre) (?:mails|e-mails)",
    ),
    not_mine=(
        r"(?:ich bin |bin )?(?:dafür |hierfür )?nicht mehr zuständig",
        r"liegt nicht mehr bei mir",
        r"nicht mehr meine baustelle",
    ),
    good_news=(
        r"(?:und )?(?:jetzt )?die gute(?: nachricht)?(?: ist)?",
    ),
    bad_news=(
        r"(?:die )?schlechte(?: nachricht)?(?: zuerst| ist)?",
    ),
    own_wait=(
        r"(?:warten|warte|wartet) (?:\S+ ){0,2}?auf (?:den|einen|meinen|unseren) "
        r"(?:zug|bus|flug|flieger|anschluss|taxi)",
        r"(?:im|in einem) stau", r"in der warteschleife",
        r"(?:im|in meinem|in unserem) kalender (?:\S+ ){0,3}?geblockt",
        r"(?:zeit|termin|slot) (?:\S+ ){0,3}?geblockt",
        r"geblockt (?:\S+ ){0,3}?im kalender",
    ),
    waiting=(
        r"warten (?:\S+ ){0,2}?auf", r"wartet (?:\S+ ){0,2}?auf", r"warte (?:\S+ ){0,2}?auf",
        r"in erwartung", r"ausstehend",
        r"(?:können|kann) (?:\S+ ){0,6}?(?:erst|nicht) (?:\S+ ){0,6}?"
        r"(?:wenn|sobald|nachdem|bis|ohne)",
        r"hängt (?:\S+ ){0,2}?ab",
    ),
    reasons=(
        r"durch", r"wegen", r"an", r"bei", r"von",
        r"bis", r"seit", r"wegen",
        r"weil",
        r"da",
        r"denn",
        r"solange",
    ),
    reschedule=(
        r"(?:um )?verlängerung der frist",
        r"fristverlängerung",
        r"verschiebe",
        r"schieben", r"schiebt", r"schieb",
        r"verschieben", r"verschoben", r"verschiebt", r"verlegen", r"verlegt", r"neues datum",
        r"neuer termin", r"neue frist", r"neues fälligkeitsdatum", r"stattdessen", r"vertagen",
        r"nach hinten", r"verlängern", r"brauchen bis", r"brauchen (?:\S+ ){0,4}?bis",
        r"fällig am", r"fälligkeit", r"vorziehen", r"vorverlegen",
        r"(?:fälligkeitsdatum|zieldatum|zieltermin|termin|datum|deadline|frist) (?:bitte )?auf",
        r"neues zieldatum",
        r"neuer zieltermin",
    ),
    reassign=(
        r"als (?:verantwortliche[nr]?|zuständige[nr]?|owner|ansprechpartner(?:in)?) eintragen",
        r"eintragen als", r"ist (?:ab jetzt |ab sofort |künftig )(?:zuständig|verantwortlich)",
        r"übergeben", r"übergebe", r"übergabe an", r"übernimmt", r"übernehmen", r"weitergeben an",
        r"weitergeleitet an", r"zuweisen", r"zugewiesen", r"neu zuweisen",
        r"ist (?:jetzt |nun )?zuständig", r"ist (?:jetzt |nun )?verantwortlich", r"kümmert sich",
        r"neuer? (?:ansprechpartner|verantwortlicher?|owner|eigentümer)",
        # the object first: "bitte an Frau Schmidt weitergeben", "zuständig ist jetzt X"
        r"weitergeben", r"(?:zuständig|verantwortlich) ist(?: jetzt| nun| ab sofort)?",
        r"(?:schick|send)(?:en sie|e|t)? (?:die |alle )?(?:erinnerungen|mails|e-mails)(?: "
        r"\S+){0,3}? an",
        r"zuständig (?:für diesen schritt |dafür |hierfür )?ist (?:ab sofort |ab jetzt |jetzt "
        r"|nun )?",
        r"(?:auf \S+ )?umhängen",
    ),
    # names someone else as the right person: the handover is asked about
    reported=(
        r"(?:hat|haben|hatte) (?:\S+ ){0,2}?gefragt,? ob", r"fragte,? ob", r"wollte wissen,? ob",
    ),
    answer_later=(
        r"(?:ich )?melde mich (?:\S+ ){0,2}?(?:später|nachher|morgen|gleich)",
        r"antworte (?:dir |ihnen |euch )?(?:später|nachher|morgen)",
    ),
    sarcasm=(r"na klar", r"wer's glaubt", r"wie immer halt",
        r"spa(?:ß|ss) beiseite",
        r"im ernst",
        r"kleiner scherz",
        r"war ein scherz",
        r"ironie",
        r"sarkasmus",
    ),
    suggests_owner=(
        # "ich bin dafür nicht zuständig, bitte an X wenden"
        r"(?:ich bin|bin) (?:dafür |hier )?nicht (?:der |die )?(?:richtige|zuständig)",
        r"(?:wenden sie sich|wende dich) (?:bitte )?an", r"kontaktieren sie",
        r"wenden sie sich (?:bitte )?(?:direkt )?an",
    ),
    status=(
        r"(?:wie|was) ist (?:der|die) (?:aktuelle |neueste )?(?:stand|status|lage)", r"stand",
        r"status", r"wo stehen wir", r"wie weit sind wir", r"gibt es neuigkeiten", r"neuigkeiten",
        r"wie sieht es aus", r"wie läuft es", r"sachstand",
        r"was ist (?:bei uns |von uns |auf unserer seite )?(?:noch )?offen",
        r"was fehlt (?:uns )?noch",
        r"ist (?:der|die|das) (?:bei euch |bei ihnen )?noch offen",
    ),
    help=(
        r"welche (?:befehle|antworten|optionen|möglichkeiten) gibt es",
        r"was kann ich (?:hier )?antworten",
        r"hilfe", r"wie funktioniert (?:das|es|dies)", r"was kann ich antworten",
        r"wie antworte ich", r"was (?:soll|muss) ich (?:hier )?(?:antworten|schreiben)",
        r"anleitung",
        r"welche antworten versteht (?:das system|das tool|ihr system|es)",
        r"was versteht (?:das system|das tool)",
        r"was kann ich (?:hier )?(?:eigentlich )?(?:alles )?antworten",
    ),
    plan_words=(
        r"(?:gesamt|projekt|zeit)?plans?",
        r"gesamtplans",
        r"schritte",
        r"meilensteine?",
        r"punkte",
    ),
    state_words=(
        r"stand",
        r"status",
        r"offen",
        r"stehen (?:noch )?aus",
        r"ausstehend",
        r"fehlen",
        r"fortschritt",
    ),
    reply_verbs=(
        r"antworten",
        r"zurückschreiben",
        r"zurückmailen",
        r"beantworten",
    ),
    i_should=(
        r"soll ich",
        r"muss ich",
        r"kann ich",
        r"sollte ich",
        r"ich (?:soll|muss)",
    ),
    question_asides=(
        r"genau",
        r"hier", r"eigentlich", r"denn", r"mal", r"kurze frage", r"damit", r"dazu", r"gerade",
        r"so",
        r"(?:beim|im|vom|zum) (?:gesamt)?(?:plan|projekt)",
        r"gesamtplan",
        r"insgesamt",
        r"(?:außer|neben) \W?\s?\w+\s?\W?",
        r"noch",
        r"irgendwo",
        r"denn",
        r"(?:beim|im) (?:gesamten |ganzen )?plan",
        r"außer diesem punkt",
        r"insgesamt",
        r"mit dem plan",
        r"kurze frage",
        r"eigentlich",
        r"bei diesem (?:meilenstein|schritt|punkt)",
        r"bei euch",
    ),
    note=(
        r"(?:hinweis )?fürs protokoll",
        r"zur dokumentation",
        r"notiz", r"hinweis", r"zur info", r"info", r"anmerkung", r"nb", r"kommentar",
        r"zu ihrer information", r"zur kenntnis",
        r"kurze info",
    ),
    pointers=(
        r"siehe (?:unten|oben|anhang|anlage|weiterleitung|mail unten|e-mail unten)",
        r"s\. (?:unten|anhang)", r"unten", r"anbei", r"im anhang", r"weitergeleitet",
        r"zur weiterleitung",
    ),
    greetings=(
        r"sehr geehrte damen und herren",
        r"hallo", r"hi", r"hey", r"moin", r"servus", r"guten (?:morgen|tag|abend)", r"liebe[rs]?",
        r"sehr geehrte[rs]?", r"grüß gott",
    ),
    pleasantries=(
        r"(?:sorry|entschuldig(?:e|en sie|ung)) (?:für die|wegen der) späte[n]? "
        r"(?:antwort|rückmeldung)",
        r"(?:ich )?hoffe", r"wir hoffen", r"wie war (?:ihr|dein|euer|das)", r"wie geht (?:es|'s)",
        r"schöne[ns]? (?:wochenende|woche|tag|feiertage)", r"frohe[ns]? (?:feiertage|weihnachten)",
        r"(?:es war )?schön, (?:sie|dich|euch)",
    ),
    thanks=(r"danke (?:nochmals|noch einmal|nochmal)", r"danke", r"vielen dank", r"danke schön",
            r"dankeschön", r"besten dank"),
    sign_offs=(
        r"mit vorzüglicher hochachtung",
        r"hochachtungsvoll",
        r"viele grüße", r"beste grüße", r"liebe grüße", r"schöne grüße", r"herzliche grüße",
        r"freundliche grüße", r"mit freundlichen grüßen", r"mit besten grüßen", r"grüße",
        r"gruß", r"vg", r"lg", r"mfg", r"bg", r"bis bald", r"schönen tag", r"danke",
        r"vielen dank",
        r"schönen (?:abend|feierabend|tag|nachmittag)(?: noch)?",
        r"schönes wochenende",
        r"einen schönen (?:abend|tag)(?: noch)?",
    ),
    yes=(r"ja", r"jep", r"jawohl", r"ja bitte", r"genau", r"richtig", r"korrekt", r"stimmt",
         r"mach das", r"gerne", r"auf jeden fall"),
    months=(
        r"j[aä]n(?:uar|ner)?", r"feb(?:ruar)?", r"mär(?:z)?|maerz", r"apr(?:il)?", r"mai",
        r"jun(?:i)?", r"jul(?:i)?", r"aug(?:ust)?", r"sep(?:t|tember)?", r"okt(?:ober)?",
        r"nov(?:ember)?", r"dez(?:ember)?",
    ),
    next_week=(r"nächste[rn]? woche", r"kommende[rn]? woche"),
    weekdays=(
        r"montag", r"dienstag", r"mittwoch", r"donnerstag", r"freitag", r"samstag|sonnabend",
        r"sonntag",
    ),
    next_weekday=(r"nächste[nmr]?", r"kommende[nmr]?"),
    day_only=(
        r"(?:den|dem|zum|am|bis zum) \d{1,2}\.",
        # typed on a phone, without its dot: "auf den 18 schieben" (not "am 18 Uhr", "den 18
        # Teilnehmern")
        r"(?:den|zum|am|bis zum) \d{1,2}(?![\d.:]|,\d)(?!\s*(?:uhr|h|%|prozent|euro|€|tage?n?|"
        r"wochen?|monate?n?|stunden?|minuten?|mal|teilnehmer\w*|leute\w*|personen)\b)",
    ),
    relative_days=(r"heute", r"morgen", r"übermorgen", r"in \d+ tagen"),
    numbers=(r"einer|eine|ein", r"zwei", r"drei", r"vier"),
    weeks_from_today=(r"(?:heute )?in {n} wochen?",),
    month_end=(r"monatsende", r"(?:das |zum )?ende (?:des|dieses) monats"),
    week_numbers=(r"kw ?{n}", r"kalenderwoche {n}"),
    approximate=(
        r"etwa", r"ungefähr", r"circa", r"ca", r"rund", r"gegen", r"irgendwann", r"oder so",
        r"oder zwei", r"oder drei", r"oder später",
    ),
    week_end=(
        r"ende(?: der)?", r"zum ende(?: der)?",
    ),
    proposes=(
        # a date offered in its place: "wie wäre es mit dem 11.?", "wie wär's mit Freitag?"
        r"wie w(?:ä|ae)r(?:e|'s|s)(?: es)? mit(?: dem| einem)?",
    ),
    moves=(
        r"schieben", r"schiebt", r"schieb", r"verschieben", r"verschiebt", r"verschoben",
        r"verlegen", r"verlegt",
    ),
    both=(r"beide",),
    passive=(r"wurde", r"wurden", r"wird", r"werden", r"ist", r"sind"),
    step_objects=(
        r"das", r"es", r"dies", r"dieses", r"ihn", r"das ganze",
        r"(?:den|diesen|unseren) (?:schritt|termin|meilenstein|teil)",
        r"(?:die|diese|unsere) (?:aufgabe|frist|deadline|prüfung|abnahme|unterschrift|freigabe)",
        r"das datum", r"das fälligkeitsdatum",
    ),
    verb_last=True,
    verb_particles=(r"nach hinten", r"nach vorne", r"noch", r"nochmal", r"kurz", r"bitte"),
    to_places=(r"nach", r"ins", r"in die", r"in den", r"in das", r"zu", r"zum", r"zur", r"auf"),
    on_days=(r"am", r"an", r"um"),
    new_date_to=(r"auf", r"bis", r"bis zum", r"bis zur", r"bis auf", r"zum", r"in die"),
    reason_clauses=(
        r"weil", r"deshalb", r"daher", r"darum", r"deswegen", r"nachdem", r"sobald", r"obwohl",
        r"zumal", r"während", r"wenn",
    ),
    no_findings=(
        r"keine (?:\S+ )?(?:befunde|findings|punkte|einwände|anmerkungen|mängel|auffälligkeiten)",
        r"nichts (?:kritisches|zu beanstanden)",
        r"es gab keine (?:beanstandungen|befunde|findings|auffälligkeiten)",
    ),
    delay_reasons=(
        r"(?:bekommen|kriegen) wir (?:\S+ ){0,4}?nicht (?:mehr )?hin",
        r"(?:betriebsferien|urlaub|feiertage|krank)", r"nicht (?:realistisch|machbar|zu schaffen)",
    ),
    needs_time=(
        # the date will not be made: "we won't make it by Friday"
        r"(?:schaffen|schaffe|schafft) (?:\S+ ){0,3}?nicht",
        r"(?:brauche|brauchen|benötige|benötigen) (?:\S+ ){0,4}?(?:zeit|tage|wochen)",
        r"mehr zeit", r"(?:im verzug|spät dran|hinter dem zeitplan)",
        r"dauert (?:etwas |noch etwas |ein bisschen )?länger",
    ),
    events=(
        r"calls?", r"meetings?", r"besprechung(?:en)?", r"telefonat(?:e)?", r"anruf", r"workshops?",
        r"demo", r"präsentation", r"schulung", r"sitzung", r"kick-?off", r"jour fixe",
    ),
    copies=(
        r"in (?:kopie|cc)", r"cc", r"kopiere", r"kopiert",
    ),
    owner_pronouns=(r"ihn", r"sie", r"ihm", r"ihr"),
    keeps_owner=(
        r"zur (?:prüfung|info|information|kenntnis|kenntnisnahme|durchsicht|ansicht|freigabe|"
        r"abstimmung|kontrolle|gegenprüfung|begutachtung|stellungnahme|einschätzung)",
        r"zum (?:gegenlesen|review|prüfen|drüberschauen|korrekturlesen|check|abnicken|feedback)",
        r"(?<!zuständig )(?<!verantwortlich )"
        r"für (?:eine |ein |seine |ihre |einen )?(?:zweite meinung|meinung|einschätzung|feedback|"
        r"review|prüfung|rückmeldung|freigabe|durchsicht|input|kurzen blick|blick|check)",
        r"(?:um|damit) (?:\S+ ){0,4}?(?:drüberschaut|drüberzuschauen|prüft|zu prüfen|anschaut|"
        r"anzuschauen|gegenliest|gegenzulesen|freigibt|freizugeben)",
        r"fyi", r"zweite meinung",
        r"bleibt bei mir",
        r"behalte ich",
    ),
    purpose=(
        r"(?<!zuständig )(?<!verantwortlich )für", r"zur", r"zum", r"damit", r"um",
    ),
    copulas=(
        r"ist", r"sind", r"wird",
    ),
    leads_to=(
        r"also", r"und", r"und damit", r"damit", r"somit", r"daher", r"deshalb", r"deswegen",
        r"dann", r"d\.h\.", r"das heißt", r"ist", r"es ist", r"ist es", r"das ist", r"ist das",
        r"alles", r"sind wir", r"wir sind", r"damit ist es", r"damit ist das", r"somit ist es",
    ),
    apologies=(
        r"sorry", r"entschuldigung", r"entschuldige", r"entschuldigen sie", r"pardon",
        r"tut mir leid", r"verzeihung",
        r"(?:sorry|entschuldigung|entschuldige|verzeihung) (?:für die|wegen der) "
        r"(?:verspätung|verzögerung|späte antwort)",
        r"(?<=sorry )(?:für die|wegen der) (?:verspätung|verzögerung|späten antwort)",
        r"(?:hatte |habe )?(?:nur |leider )?vergessen,? (?:bescheid zu geben|es zu melden|mich zu"
        r" melden|zu antworten|das zu melden)",
        r"(?:es )?tut (?:mir|uns) (?:wirklich |sehr |echt |furchtbar )?leid",
    ),
    asides=(
        r"wie (?:besprochen|vereinbart|abgesprochen|gewünscht|angekündigt|erwähnt|gesagt|geplant|"
        r"versprochen|erwartet|immer|gewohnt|zugesagt)",
        r"keine blocker mehr",
        r"nicht viel zu sagen",
        r"nichts weiter zu sagen",
        r"fast vergessen",
        r"das wichtigste",
        r"wie (?:in meiner letzten mail|zuletzt) (?:geschrieben|erwähnt)",
        r"(?:nur )?kurz zwischen zwei (?:meetings|calls|terminen)",
        r"zwischen zwei (?:meetings|calls|terminen)",
        r"kurze frage zwischen zwei (?:meetings|calls|terminen)",
        r"kein action item für dich",
        r"keine aktion (?:für dich|nötig)",
    ),
    for_good=(
        r"ab sofort", r"ab jetzt", r"künftig", r"zukünftig", r"dauerhaft", r"von nun an",
        r"ab heute",
    ),
    stand_in=(
        r"urlaub", r"abwesend", r"nicht im büro", r"außer haus", r"krank", r"vertretung",
        r"vertritt", r"dringend(?:e|en|es)?", r"notfall", r"notfällen", r"elternzeit", r"weg",
    ),
    vague_days=(
        r"nächste woche", r"nächsten monat",
        r"ende (?:der|nächster) woche", r"später", r"bald",
    ),
    # an amount a date moves by (mail/amounts.py): "um eine Woche", "noch zwei Tage"
    counts=(r"ein|eine|einen|einer|einem", r"zwei", r"drei", r"vier", r"fünf", r"sechs"),
    week_units=(r"wochen?",),
    day_units=(r"(?:werk|arbeits)?tag(?:e|en)?",),
    month_units=(r"monate?n?",),
    more=(r"noch", r"weitere[nm]?", r"verlängerung"),
    later=(r"später",),
    given=(r"bekomm\w*", r"krieg\w*", r"haben", r"gib\w*", r"geb\w*", r"gewähr\w*", r"einräum\w*"),
    possible=(r"möglich", r"machbar", r"ok(?:ay)?", r"drin"),
    earlier=(r"früher", r"vorziehen", r"vorverlegen"),
    needs=(r"brauch\w*", r"benötig\w*"),
    since_today=(r"in", r"innerhalb", r"nächsten?", r"vor"),
    ranges=(r"oder", r"bis"),
)
# fmt: on
