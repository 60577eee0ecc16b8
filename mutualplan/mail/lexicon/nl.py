"""Dutch."""

from mutualplan.mail.lexicon import Lexicon

# fmt: off
LEXICON = Lexicon(
    code="nl",
    name="Nederlands",
    done=(
        r"afgevinkt", r"is rond", r"mag (?:\S+ ){0,2}?dicht",
        r"(?:mag|kan) (?:\S+ ){0,2}?afgevinkt(?: worden)?",
        r"(?:staat|is) (?:hier |er )?(?:niets|niks) meer open",
        r"helemaal af",
        r"klaar", r"gedaan", r"afgerond", r"voltooid", r"afgehandeld", r"afgesloten", r"geregeld",
        r"is af", r"het is af", r"uitgevoerd", r"opgeleverd",
        r"gereed",
    ),
    # the step's thing went out (sent, submitted, signed): done, asked about; not
    # "approved", which in a draft approves the plan (a person's to read)
    handed_in=(
        r"verstuurd", r"verzonden", r"ingediend", r"geüpload", r"ondertekend", r"getekend",
        r"ingevuld", r"teruggestuurd", r"opgestuurd",
    ),
    idioms=(r"klaar voor", r"klaar om", r"goed gedaan", r"klaarzetten"),
    mark=(r"markeren", r"gemarkeerd", r"afvinken", r"zetten", r"sluiten"),
    fillers=(
        r"namens (?:\S+ ){1,2}?laat ik (?:je|u|jullie) weten dat",
        # a formal lead-in: "I am pleased to confirm that ..."
        r"(?:hierbij )?bevestig(?:en)? (?:ik|we|wij) dat", r"ik kan bevestigen dat",
        # when, to the part of the day
        r"gisteravond", r"gistermiddag", r"gisterochtend", r"vanochtend", r"vanmorgen",
        r"(?:aan|van) (?:onze|mijn) kant", r"bij (?:ons|mij)",
        r"hoor", r"je mag", r"mag", r"hem", r"op", r"zetten",
        r"ja", r"jep", r"ok", r"oké", r"prima", r"top", r"super", r"perfect", r"mooi", r"bedankt",
        r"dank", r"dank je", r"dank u", r"dank je wel", r"dank u wel", r"dankjewel", r"graag",
        r"alsjeblieft", r"alstublieft", r"aub", r"is", r"zijn", r"was", r"waren", r"we", r"wij",
        r"ik", r"het", r"dit", r"dat", r"deze", r"de", r"stap", r"taak", r"punt", r"nu", r"al",
        r"inmiddels", r"eindelijk", r"vandaag", r"gisteren", r"vanochtend", r"hier", r"alles",
        r"helemaal", r"volledig", r"van (?:onze|mijn) kant", r"onzerzijds", r"zoals afgesproken",
        r"goed nieuws", r"markeren", r"gemarkeerd", r"als", r"kun je", r"kunt u", r"en", r"ook",
        r"hebben", r"heb", r"heeft", r"er", r"zitten", r"staan", r"nog", r"helaas", r"momenteel",
        r"nog steeds", r"plan", r"het plan", r"mails?", r"berichten",
        r"(?:hierbij )?(?:bevestig|bevestigen) (?:ik|we|wij) dat",
        r"hierbij",
        r"(?:en )?(?:goedgekeurd|gevalideerd) door (?:ons|onze|het) (?:team|ciso|securityteam)",
        r"(?:en )?door (?:ons|onze|het) (?:team|ciso|securityteam)",
        r"daarmee",
        r"dus",
        r"hiermee",
        r"daarom",
    ),
    articles=(r"de", r"het", r"een", r"onze", r"ons", r"jullie", r"uw", r"zijn", r"haar", r"hun"),
    acknowledgements=(
        r"ok", r"oké", r"prima", r"top", r"super", r"perfect", r"goed", r"begrepen", r"duidelijk",
        r"komt goed", r"genoteerd", r"akkoord",
        r"graag", r"alsjeblieft",
    ),
    negations=(
        # nobody did it: "Niemand heeft het afgerond"
        r"niemand", r"nauwelijks", r"amper",
        r"niet", r"geen", r"nooit", r"nog niet", r"niets", r"niks", r"nee", r"neen", r"niet meer",
    ),
    hedges=(
        r"denk", r"volgens mij", r"waarschijnlijk", r"misschien", r"wellicht", r"zou", r"zouden",
        r"moet (?:wel|eigenlijk)", r"eigenlijk", r"lijkt", r"schijnbaar", r"min of meer",
        r"zo goed als", r"hoop", r"hopelijk", r"niet zeker",
        r"(?:vrij|bijna|redelijk) zeker", r"als het goed is", r"voor zover ik weet", r"geloof",
        r"in principe", r"in theorie", r"moeten zijn", r"ik denk het wel",
    ),
    hedged_yes=(
        r"ik denk het wel", r"denk het wel", r"ik geloof het wel", r"geloof het wel",
        r"ik denk van wel", r"volgens mij wel", r"(?:vrij|bijna|redelijk) zeker",
        r"waarschijnlijk(?: wel)?",
    ),
    partial=(
        r"bijna", r"vrijwel", r"half", r"halverwege", r"gedeeltelijk", r"deels", r"grotendeels",
        r"voor een deel", r"een deel", r"onderhanden", r"bezig", r"begonnen", r"behalve",
        r"op .{1,20} na", r"zonder", r"rest", r"\d+ ?%",
    ),
    pending=(
        r"zodra", r"wanneer", r"indien", r"nadat", r"zal", r"zullen", r"gaat", r"gaan", r"morgen",
        r"later", r"binnenkort", r"straks", r"volgende week", r"laat ik weten", r"laten we weten",
        r"hoor je", r"moet", r"moeten", r"pas",
    ),
    conditions=(r"als", r"indien", r"tenzij", r"zodra", r"wanneer", r"mits"),
    contrast=(
        r"maar", r"echter", r"behalve", r"nog", r"alleen", r"niet", r"geen", r"ontbreekt",
        r"open", r"wachten",
    ),
    question_openers=(
        r"is (?:het|dit|dat|de)", r"zijn (?:we|wij|jullie|ze)", r"hebben (?:we|jullie)",
        r"heb je", r"heeft", r"kunnen", r"kun", r"kunt", r"moeten", r"wat", r"wie", r"wanneer",
        r"waar", r"waarom", r"hoe", r"welke?",
    ),
    question_words=(r"wat", r"wie", r"wanneer", r"waar", r"waarom", r"hoe", r"welke?"),
    requests=(
        r"kan het", r"kan dit", r"kan dat", r"mag dit",
        r"kunnen we", r"kunnen wij", r"zouden we", r"kun je", r"kunt u", r"zou je", r"zou u",
        r"is het mogelijk", r"zou het mogelijk zijn", r"graag", r"alsjeblieft", r"alstublieft",
        r"aub", r"mag het", r"mogen we", r"mogen wij",
        r"(?:geef je|geeft u|geven jullie) (?:ons|mij)",
        r"wil je",
        r"wilt u",
        r"willen jullie",
    ),
    tag_questions=(r"toch", r"klopt dat", r"oké", r"ok", r"niet"),
    blocked=(
        r"staat (?:dit|het|alles) (?:\S+ )?stil",
        r"(?:het |dit |dat )?ligt (?:even |nu |al |helemaal )?stil",
        r"(?:ze )?liggen (?:even |nu |al |helemaal )?stil",
        r"geblokkeerd", r"zitten (?:\S+ ){0,2}?vast", r"zit (?:\S+ ){0,2}?vast", r"vastgelopen",
        r"staat stil",
        r"in de wacht", r"on hold", r"gepauzeerd", r"stilgelegd", r"bevroren",
        r"(?:we )?(?:kunnen|kan) (?:hier )?niet verder",
        r"(?:komen|kom) (?:we |ik )?(?:hier )?niet (?:verder|vooruit)",
    ),
    resolved=(
        r"opgelost", r"verholpen", r"geregeld", r"niet meer geblokkeerd", r"weer vrijgegeven",
        r"van de baan",
        r"is (?:nu |inmiddels )?binnen",
        r"binnengekomen",
    ),
    updates=(
        r"(?:even )?(?:een )?(?:korte |kleine )?update",
        r"tussenstand",
        r"stand van zaken",
        r"voor de volledigheid",
        r"voor het verslag",
    ),
    stop_mail=(
        r"stop (?:met|alsjeblieft met) (?:mailen|herinneringen|die herinneringen)",
        r"afmelden",
        r"geen (?:herinneringen|mails) meer",
    ),
    hands=(
        r"draag",
        r"dragen",
        r"geef",
        r"geven",
        r"wijs",
        r"wijzen",
    ),
    hands_to=(
        r"(?:over |door |toe )?aan",
    ),
    approved=(
        r"goedgekeurd",
        r"akkoord",
    ),
    by_the_way=(
        r"trouwens",
        r"overigens",
        r"andere vraag",
        r"los daarvan",
    ),
    retracts=(
        r"foutje",
        r"mijn fout",
        r"vergeet (?:dat|dit)",
        r"correctie",
        r"negeer (?:dit|deze mail|dat|mijn vorige)",
        r"was voor een andere? (?:mail|thread|draad|stap)",
    ),
    agreed_first=(
        r"dan pas ik (?:het|dat|de datum) aan",
        r"dan (?:verzet|verschuif|wijzig) ik",
        r"voordat ik (?:het |dat |de datum )?(?:aanpas|wijzig|verschuif|verzet)",
        r"zodra (?:je|jij|u) (?:bevestigt|akkoord)",
    ),
    not_blocking=(
        r"niet blokkerend",
        r"blokkeert (?:het |de review |de oplevering )?niet",
        r"niets kritieks",
        r"maar de (?:review|audit|check|beoordeling) is (?:wel )?goedgekeurd",
    ),
    gone_days=(
        r"(?:afgelopen|vorige) (?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)",
        r"sinds (?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|gisteren)",
        r"vorige week",
    ),
    note_that=(
        r"(?:graag |even |let op,? )?(?:noteren|genoteerd) dat",
        r"houd er rekening mee dat",
    ),
    own_wait=(
        r"(?:in de|vast in de) file",
        r"(?:wachten|wacht) op (?:de|een|mijn|onze) (?:trein|bus|vlucht|taxi)", r"in de wacht bij",
    ),
    waiting=(
        r"wachten (?:\S+ ){0,2}?op", r"wacht (?:\S+ ){0,2}?op", r"in afwachting van",
        r"(?:kunnen|kan) (?:\S+ ){0,6}?(?:pas|niet) (?:\S+ ){0,6}?(?:als|wanneer|na|tot|zonder)",
        r"afhankelijk van",
    ),
    reasons=(
        r"door", r"vanwege", r"op", r"bij",
        r"tot", r"sinds", r"voor",
    ),
    reschedule=(
        r"zet (?:'m|hem|het|dit|de deadline|de datum)(?: \S+){0,4}? op",
        r"schuif (?:\S+ ){0,2}?(?:door|op) naar",
        r"verzetten", r"verzet",
        r"verplaatsen", r"verplaatst", r"verschuiven", r"verschoven", r"uitstellen",
        r"uitgesteld", r"opschuiven", r"nieuwe datum", r"nieuwe deadline", r"in plaats daarvan",
        r"liever", r"verlengen", r"hebben (?:\S+ ){0,4}?tot", r"nodig tot", r"omzetten naar",
        r"vervroegen", r"naar voren halen",
    ),
    reassign=(
        r"wordt (?:de )?(?:nieuwe )?(?:eigenaar|verantwoordelijke?)",
        r"neemt (?:\S+ ){1,4}?(?:dit |het )?over", r"op (?:de )?naam van",
        r"is voortaan (?:de )?(?:nieuwe )?(?:eigenaar|verantwoordelijk)",
        r"toewijzen", r"toegewezen", r"overdragen", r"overgedragen",
        r"neemt (?:dit |het )?(?:van (?:me|mij|ons) )?over",
        r"overnemen", r"is (?:nu )?(?:de )?(?:nieuwe )?eigenaar", r"is (?:nu )?verantwoordelijk",
        r"pakt (?:dit|het) op", r"doorgeven aan", r"doorsturen naar", r"nieuwe eigenaar",
        r"(?:het|dit) (?:\S+ ){0,2}?oppakt", r"draag(?:t|en)? (?:\S+ ){0,2}?over aan",
        r"ge(?:ef|eft|ven) (?:\S+ ){0,2}?door aan",
        r"stuur (?:de |je |alle )?(?:herinneringen|mails|e-mails)(?: \S+){0,3}? naar",
        r"overzetten naar",
        r"zet (?:dit|het|deze stap) (?:\S+ )?over naar",
        r"overdragen aan",
    ),
    # names someone else as the right person: the handover is asked about
    reported=(
        r"vroeg(?:en)? (?:\S+ ){0,2}?of", r"(?:heeft|hebben) (?:\S+ ){0,2}?gevraagd of",
        r"wilde weten of",
    ),
    answer_later=(
        r"(?:ik )?(?:reageer|antwoord|kom) (?:\S+ ){0,2}?(?:later|straks|morgen)(?: terug)?",
    ),
    sarcasm=(r"ja hoor", r"zoals altijd",
        r"even serieus",
        r"grapje",
        r"geintje",
        r"zonder grappen",
        r"ironie",
        r"sarcasme",
    ),
    suggests_owner=(
        r"neem contact op met", r"wend (?:u|je) (?:zich )?tot", r"mail naar",
    ),
    status=(
        r"wat is de (?:huidige )?(?:status|stand)(?: van zaken)?", r"hoe staan we ervoor",
        r"waar staan we", r"hoe staat het (?:er|hier|daar)?(?:mee|voor)",
        r"status", r"stand van zaken", r"wat staat er (?:bij ons )?nog open", r"hoe gaat het ermee",
        r"nieuws", r"updates?",
        r"hoe staat het plan er (?:nu )?(?:in z'n geheel |in zijn geheel )?voor",
        r"hoe staat (?:het|het hele plan|de boel|alles|het plan) er(?: \S+)? voor",
    ),
    help=(
        r"hoe werkt (?:dit|het) precies", r"wat moet ik terugsturen",
        r"wat kan ik (?:hier )?(?:antwoorden|terugschrijven|reageren)",
        r"help", r"hulp", r"hoe werkt (?:dit|het)", r"wat kan ik antwoorden", r"hoe antwoord ik",
        r"wat moet ik (?:antwoorden|schrijven)",
        r"wat kan ik (?:terugmailen|terugsturen|antwoorden|terugschrijven|reageren)",
    ),
    question_asides=(
        r"met het plan", r"van het plan",
        r"hier", r"eigenlijk", r"korte vraag", r"even", r"nou",
        r"met het (?:hele |gehele )?plan",
        r"in het algemeen",
        r"behalve \W?\s?\w+\s?\W?",
        r"allemaal",
        r"ergens",
        r"hele",
        r"eigenlijk",
    ),
    note=(r"notitie", r"opmerking", r"ter info", r"ter informatie", r"info", r"nb", r"let op"),
    pointers=(
        r"zie (?:hieronder|hierboven|bijlage|onderstaande mail|onderstaand bericht)", r"hieronder",
        r"onderstaand", r"in de bijlage", r"bijgevoegd", r"doorgestuurd",
    ),
    greetings=(r"hoi", r"hallo", r"hey", r"beste", r"goedemorgen", r"goedemiddag", r"dag",
               r"geachte"),  # "Geachte heer De Vries,"
    pleasantries=(
        r"(?:sorry|excuses) voor (?:de|mijn) (?:late|trage|vertraagde) (?:reactie|reply|antwoord)",
        r"(?:ik )?hoop dat (?:alles|het) (?:goed|prima) (?:gaat|is)",
        r"(?:ik )?hoop (?:dat|je|jullie|u|alles)", r"we hopen",
        r"hoe (?:gaat het|was (?:je|jullie|uw|het))",
        r"fijne (?:week|dag|weekend|feestdagen)", r"fijn (?:weekend|je te)",
        r"(?:leuk|goed|prettig) (?:je|jullie|u) (?:te )?(?:spreken|zien)",
    ),
    thanks=(r"(?:nogmaals|nog(?: eens)?) bedankt", r"bedankt", r"dank je(?: wel)?",
            r"dank u(?: wel)?", r"dankjewel", r"dank"),
    sign_offs=(
        r"groeten", r"groet", r"met vriendelijke groet(?:en)?", r"vriendelijke groet(?:en)?",
        r"hartelijke groet(?:en)?", r"mvg", r"gr", r"fijne dag", r"tot snel", r"bedankt",
        r"dank je", r"dank u",
        r"fijne (?:dag|avond|week|middag)(?: allemaal)?",
        r"fijn weekend(?: allemaal)?",
    ),
    yes=(r"ja", r"jep", r"jazeker", r"ja graag", r"klopt", r"precies", r"correct",
         r"doe maar", r"zeker"),
    months=(
        r"jan(?:uari)?", r"feb(?:ruari)?", r"maart|mrt", r"apr(?:il)?", r"mei", r"jun(?:i)?",
        r"jul(?:i)?", r"aug(?:ustus)?", r"sep(?:t|tember)?", r"okt(?:ober)?", r"nov(?:ember)?",
        r"dec(?:ember)?",
    ),
    next_week=(r"volgende week",),
    weekdays=(
        r"maandag", r"dinsdag", r"woensdag", r"donderdag", r"vrijdag", r"zaterdag", r"zondag",
    ),
    next_weekday=(r"volgende",),
    day_only=(r"(?:de|op de|tot de) \d{1,2}(?:e|ste|de)",),
    relative_days=(r"vandaag", r"morgen", r"overmorgen", r"over \d+ dagen"),
    numbers=(r"een|één", r"twee", r"drie", r"vier"),
    weeks_from_today=(r"(?:vandaag )?over {n} weken?",),
    month_end=(r"(?:het )?eind(?:e)? (?:van )?(?:de|deze) maand", r"einde maand"),
    week_numbers=(r"week {n}", r"wk ?{n}"),
    approximate=(
        r"ongeveer", r"rond", r"rondom", r"zo'n", r"circa", r"ca", r"of twee", r"of drie",
        r"of zo", r"of later",
    ),
    week_end=(
        r"eind(?:e)?(?: van)?",
    ),
    proposes=(
        r"(?:kan|kunnen|mag) (?:het|dit|dat|we (?:het|dit|dat)) naar",
        # a date offered in its place: "wat dacht je van de 11e?", "wat vindt u van vrijdag?"
        r"wat (?:dacht|denk|vind|vindt|denkt) (?:je|jij|u|jullie) van",
    ),
    moves=(r"verplaatsen", r"verplaatst", r"verschuiven", r"verschoven", r"opschuiven"),
    both=(r"allebei", r"beide", r"alle twee",),
    passive=(r"is", r"zijn", r"werd", r"werden", r"wordt", r"worden"),
    step_objects=(
        r"het", r"dit", r"dat",
        r"(?:deze|de) (?:stap|taak|deadline|datum|review|mijlpaal|handtekening|oplevering)",
        r"ons (?:deel|gedeelte)",
    ),
    verb_last=True,
    verb_particles=(r"even", r"nog", r"nog even", r"wat", r"graag"),
    to_places=(r"naar", r"in"),
    on_days=(r"op",),
    new_date_to=(r"naar", r"tot", r"tot en met", r"t/m"),
    reason_clauses=(
        r"omdat", r"dus", r"daarom", r"waardoor", r"want", r"aangezien", r"doordat", r"zodra",
        r"wanneer", r"terwijl", r"hoewel",
    ),
    no_findings=(r"geen (?:\S+ )?(?:bevindingen|opmerkingen|issues|punten|bezwaren)",),
    delay_reasons=(
        r"gaat (?:\S+ ){0,2}?niet lukken", r"(?:is|wordt) niet (?:haalbaar|realistisch)",
        r"(?:vakantie|feestdagen|ziek)",
    ),
    needs_time=(
        # the date will not be made: "we won't make it by Friday"
        r"lukt (?:\S+ ){0,2}?niet", r"(?:halen|redden) (?:\S+ ){0,3}?niet",
        r"(?:hebben|heb|hebt) (?:\S+ ){0,4}?(?:tijd|dagen|weken) nodig", r"(?:meer|extra) tijd",
        r"(?:lopen|loop) (?:wat |een beetje |iets )?(?:achter|vertraging op)",
    ),
    events=(
        r"calls?", r"vergadering(?:en)?", r"overleg", r"afspraak", r"afspraken", r"meetings?",
        r"demo's?", r"sessies?", r"gesprek(?:ken)?", r"workshops?",
    ),
    copies=(
        r"in (?:de )?(?:cc|kopie)", r"cc",
    ),
    owner_pronouns=(r"hem", r"haar", r"ze"),
    keeps_owner=(
        r"(?<!verantwoordelijk )(?<!eigenaar )"
        r"voor (?:een |zijn |haar |hun )?(?:(?:tweede|second|snelle|laatste) )?(?:opinion|mening|"
        r"review|controle|check|feedback|input|blik|akkoord|goedkeuring|info|informatie|"
        r"beoordeling)",
        r"ter (?:info|informatie|controle|review|beoordeling|goedkeuring|kennisname|inzage|"
        r"validatie)",
        r"om (?:\S+ ){0,3}?(?:te (?:bekijken|controleren|reviewen|checken|beoordelen|lezen|"
        r"valideren)|naar te kijken|mee te kijken)",
        r"fyi", r"second opinion", r"tweede mening",
        r"blijft bij mij",
        r"houd ik",
    ),
    purpose=(
        r"(?<!verantwoordelijk )(?<!eigenaar )voor", r"ter", r"om",
    ),
    copulas=(
        r"is", r"zijn", r"wordt",
    ),
    leads_to=(
        r"dus", r"en", r"en dus", r"daarmee", r"daarmee is het", r"zodat", r"waarmee", r"dan",
        r"is het", r"het is", r"is", r"alles", r"dat is", r"dus het is",
    ),
    apologies=(
        r"sorry", r"excuus", r"excuses", r"mijn excuses", r"pardon",
        r"(?:sorry|excuses) voor (?:de|het) (?:vertraging|late antwoord|late reactie)",
        r"(?<=sorry )voor (?:de|het) (?:vertraging|late antwoord|late reactie)",
        r"(?:was |ben )?vergeten (?:te melden|door te geven|te laten weten|te reageren)",
    ),
    asides=(
        r"zoals (?:afgesproken|besproken|beloofd|gevraagd|gepland|verwacht|altijd|vermeld|"
        r"aangegeven)",
    ),
    for_good=(r"voortaan", r"vanaf nu", r"vanaf vandaag", r"definitief"),
    stand_in=(
        r"vakantie", r"afwezig", r"niet op kantoor", r"ziek", r"spoed", r"dringend", r"urgent",
        r"vervanging", r"vervangt", r"tijdens mijn afwezigheid",
    ),
    vague_days=(
        r"volgende week", r"volgende maand",
        r"eind (?:deze|volgende) week", r"later", r"binnenkort",
    ),
    # an amount a date moves by (mail/amounts.py): "een week", "nog twee dagen"
    counts=(r"een|één", r"twee", r"drie", r"vier", r"vijf", r"zes"),
    week_units=(r"weken", r"week"),
    day_units=(r"(?:werk)?dag(?:en)?",),
    month_units=(r"maand(?:en)?",),
    more=(r"nog", r"extra", r"verlenging", r"uitstel"),
    later=(r"later",),
    given=(r"krijg\w*", r"hebben", r"geef\w*", r"geven", r"gun\w*"),
    possible=(r"mogelijk", r"haalbaar", r"oké", r"ok"),
    earlier=(r"eerder", r"vervroeg\w*", r"naar voren"),
    needs=(r"nodig",),
    since_today=(r"in", r"binnen", r"over", r"naaste"),
    since_today_after=(r"geleden",),
    ranges=(r"of",),
)
# fmt: on
