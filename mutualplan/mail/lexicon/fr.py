"""French."""

from mutualplan.mail.lexicon import Lexicon

# fmt: off
LEXICON = Lexicon(
    code="fr",
    name="Français",
    done=(
        r"(?:on peut|vous pouvez|tu peux) (?:\S+ ){0,2}?(?:clore|clôturer|cocher)",

        r"(?:(?:vous pouvez|on peut|tu peux) )?consid[ée]rer (?:\S+ ){0,3}?comme "
        r"(?:close?|clôturée?|terminée?|faite?)",
        r"(?:il )?(?:ne )?(?:nous )?reste plus rien(?: à faire)?",
        r"réglée?s?", r"(?:c'est|c) finit",
        r"fait", r"faite", r"terminée?s?", r"finie?s?", r"complétée?s?", r"réalisée?s?",
        r"bouclée?s?", r"achevée?s?", r"clôturée?s?", r"effectuée?s?", r"validée?s?",
        r"c'est fait", r"c'est bon", r"c'est termin[eé]",
        r"finalisée?s?",
    ),
    # the step's thing went out (sent, submitted, signed): done, asked about; not
    # "approved", which in a draft approves the plan (a person's to read)
    handed_in=(
        r"envoyée?s?", r"soumise?s?", r"transmise?s?", r"téléversée?s?", r"déposée?s?",
        r"signée?s?", r"renvoyée?s?", r"remplie?s?", r"retournée?s?",
    ),
    idioms=(
        r"en fait", r"tout à fait", r"le fait", r"du fait", r"fait que", r"au fait", r"bien fait",
        r"fait partie", r"fait suite", r"fait le point", r"c'est bon pour moi",
        r"ça fait (?:déjà )?(?:\d+|deux|trois|quatre|cinq|plusieurs|des)",
        r"cela fait (?:déjà )?(?:\d+|deux|trois|quatre|cinq|plusieurs|des)",
    ),
    mark=(r"marquer", r"marquée?", r"passer", r"clôturer", r"cocher"),
    fillers=(
        r"(?:\S+ ){1,3}?m'a demandé de vous (?:informer|dire|faire savoir) que",
        # a formal lead-in: "I am pleased to confirm that ..."
        r"(?:je|nous) vous confirm(?:e|ons) que",
        r"j'ai le plaisir de vous (?:informer|confirmer) que",
        # when, to the part of the day
        r"hier (?:soir|matin|après-midi)", r"ce matin", r"cet après-midi",
        r"c",
        r"oui", r"ok", r"okay", r"d'accord", r"parfait", r"super", r"génial", r"top", r"bien",
        r"merci", r"merci beaucoup", r"mille mercis", r"svp", r"s'il vous plaît",
        r"s'il te plaît", r"stp", r"c'est", r"cest", r"c'était", r"est", r"sont", r"était",
        r"a été",
        r"ont été", r"été", r"j'ai", r"nous avons", r"on a", r"avons", r"ai", r"a", r"ça",
        r"cela", r"c'", r"ce", r"cette", r"étape", r"tâche", r"point", r"le", r"la", r"les",
        r"l'", r"tout", r"toute", r"tous", r"voilà", r"voila", r"déjà", r"enfin", r"maintenant",
        r"aujourd'hui", r"hier", r"ce matin", r"de notre côté", r"de mon côté", r"pour nous",
        r"bien", r"bon", r"comme convenu", r"comme prévu", r"comme demandé", r"bonne nouvelle",
        r"marquer", r"marquée?", r"comme", r"vous pouvez", r"pouvez-vous", r"et", r"aussi",
        r"entièrement", r"complètement", r"nous sommes", r"on est", r"je suis", r"sommes",
        r"suis", r"malheureusement", r"actuellement", r"toujours", r"encore", r"plan", r"du plan",
        r"ces", r"e-mails?", r"mails?", r"messages?", r"nous", r"on",
        r"(?:je|nous) vous (?:confirme|confirmons|informe|informons) (?:que|qu')",
        r"(?:je|nous) (?:confirme|confirmons) (?:que|qu')",
        r"(?:et )?(?:validée?s?|approuvée?s?) par (?:notre|mon|l') ?(?:équipe|rssi|ciso)",
        r"par (?:notre|mon) (?:équipe|rssi|ciso)",
        r"(?:et )?par (?:notre|mon|l') ?(?:équipe|rssi|ciso)",
        r"donc",
        r"ainsi",
        r"de ce fait",
        r"par conséquent",
        r"à la demande de (?:[^\s,]+ ){0,2}[^\s,]+",
        r"de la part de (?:[^\s,]+ ){0,2}[^\s,]+",
        r"avec succès",
    ),
    articles=(r"le", r"la", r"les", r"l'", r"un", r"une", r"notre", r"votre", r"ce", r"cette"),
    acknowledgements=(
        r"ok", r"okay", r"d'accord", r"parfait", r"super", r"génial", r"top", r"très bien",
        r"bien reçu", r"entendu", r"noté", r"ça marche", r"compris",
        r"s'il vous plaît", r"svp", r"merci",
    ),
    negations=(
        # nobody did it: "Personne n'a terminé"
        r"personne n'", r"à peine",
        r"pas", r"plus", r"jamais", r"rien", r"aucune?", r"non", r"n'", r"ni", r"pas encore",
        r"toujours pas",
    ),
    hedges=(
        r"je pense", r"je crois", r"il me semble", r"semble", r"normalement", r"probablement",
        r"sans doute", r"peut-être", r"devrait", r"devraient", r"en principe", r"a priori",
        r"à priori", r"plus ou moins", r"en gros", r"pratiquement", r"j'espère", r"je suppose",
        r"pas sûr",
        r"(?:presque|à peu près|quasi(?:ment)?|plutôt) sûre?", r"je pense que oui",
        r"je crois que oui", r"à ma connaissance", r"en théorie", r"si je ne me trompe pas",
    ),
    hedged_yes=(
        r"je pense que oui", r"je crois que oui", r"il me semble que oui",
        r"(?:presque|à peu près|quasi(?:ment)?|plutôt) sûre?", r"probablement(?: oui)?",
        r"normalement oui",
    ),
    partial=(
        r"suit son cours", r"en cours",
        r"presque", r"quasiment", r"quasi", r"à moitié", r"moitié", r"partiellement",
        r"en partie", r"une partie", r"en cours", r"commencée?", r"sauf", r"excepté", r"hormis",
        r"à part", r"sans", r"reste", r"bientôt", r"\d+ ?%",
    ),
    pending=(
        r"dès que", r"quand", r"lorsque", r"une fois", r"si", r"après", r"sera", r"seront",
        r"serai", r"serons", r"va", r"vais", r"allons", r"vont", r"demain", r"plus tard",
        r"la semaine prochaine", r"je vous dirai", r"je te dirai", r"je reviens", r"on revient",
        r"je vous tiens au courant", r"doit", r"devons", r"faut",
    ),
    conditions=(r"si", r"sauf si", r"à condition", r"dès que", r"quand", r"lorsque"),
    contrast=(
        r"mais", r"cependant", r"pourtant", r"toutefois", r"sauf", r"encore", r"seulement",
        r"pas", r"manque", r"reste", r"attente",
    ),
    question_openers=(
        r"est-ce", r"est-il", r"est-elle", r"sommes-nous", r"avez-vous", r"as-tu", r"a-t-on",
        r"a-t-il", r"peut-on", r"pouvons-nous", r"pouvez-vous", r"qui", r"quoi", r"que", r"qu'",
        r"quand", r"où", r"pourquoi", r"comment", r"quel(?:le)?s?",
    ),
    question_words=(
        r"qui", r"quoi", r"quand", r"où", r"pourquoi", r"comment", r"quel(?:le)?s?", r"qu'est-ce",
    ),
    requests=(
        r"possible de", r"(?:ce serait|serait-ce) possible de",
        r"pouvons-nous", r"pourrions-nous", r"peut-on", r"pourrait-on", r"on peut",
        r"on pourrait", r"tu peux", r"tu pourrais", r"vous pouvez", r"vous pourriez",
        r"pouvez-vous", r"pourriez-vous", r"peux-tu", r"pourrais-tu", r"est-il possible",
        r"serait-il possible", r"est-ce qu'on peut", r"est-ce que nous pouvons",
        r"est-ce que vous pouvez", r"est-ce qu'on pourrait",
        r"est-ce que (?:nous pourrions|vous pourriez|tu pourrais)",
        r"merci de", r"svp", r"s'il vous plaît", r"stp",
        r"je vous prie de", r"auriez-vous l'amabilité de",
        r"(?:vous nous|tu nous|vous me|tu me) (?:donnez|donnes|accordez|accordes|laissez|laisses)",
    ),
    tag_questions=(r"non", r"n'est-ce pas", r"d'accord", r"c'est ça", r"ok"),
    blocked=(
        r"(?:devons|dois) (?:\S+ ){0,2}?(?:suspendre|arrêter|mettre en pause)",
        r"(?:on ne peut|nous ne pouvons) pas avancer",
        r"bloquée?s?", r"coincée?s?", r"en suspens", r"en pause", r"à l'arrêt", r"à l'arret",
        r"gelée?s?", r"suspendue?s?", r"au point mort", r"bloquant",
        r"(?:on ne peut|nous ne pouvons|je ne peux) pas (?:avancer|continuer|poursuivre)",
    ),
    resolved=(
        r"réglée?s?", r"résolue?s?", r"débloquée?s?", r"corrigée?s?",
        r"(?:ne sommes|n'est|est) plus bloquée?s?", r"c'est bon maintenant",
        r"rentré dans l'ordre",
        r"(?:est|sont) (?:enfin )?arrivée?s?",
        r"on l'a reçue?",
    ),
    updates=(
        r"(?:petit |bref )?point d'étape",
        r"(?:petite |rapide )?mise à jour",
        r"(?:petit |bref )?point",
        r"(?:petit )?update",
        r"pour mémoire",
    ),
    stop_mail=(
        r"arrêtez (?:de m'envoyer|les relances|les rappels)",
        r"désabonner",
        r"désinscri",
        r"plus de (?:relances|rappels|mails)",
    ),
    hands=(
        r"confie",
        r"confions",
        r"passe",
        r"passons",
        r"transfère",
        r"transférons",
        r"délègue",
        r"déléguons",
        r"réassigne",
        r"réattribue",
        r"laisse",
    ),
    hands_to=(
        r"à",
        r"a",
    ),
    approved=(
        r"approuvée?s?",
        r"validée?s?",
    ),
    by_the_way=(
        r"au fait",
        r"d'ailleurs",
        r"autre (?:chose|question)",
        r"sinon",
    ),
    retracts=(
        r"erreur de ma part",
        r"je me suis trompée?",
        r"oubliez(?: ça| ce message)?",
        r"oublie ça",
        r"correction",
        r"ignorez(?: ce (?:message|mail|e-mail)| ça)?",
        r"c'était pour un autre (?:fil|mail|e-mail|échange|sujet)",
        r"mauvais (?:fil|mail|e-mail|destinataire)",
    ),
    agreed_first=(
        r"avant que je ne? (?:\S+ ){0,3}?(?:modifie|change|décale|touche)",
        r"avant de (?:\S+ )?(?:modifier|changer|décaler|mettre à jour)",
        r"(?:et|puis) je (?:le |la )?(?:modifie|change|décale|mets à jour)",
        r"dès que (?:tu|vous) (?:confirmes|confirmez|valides|validez)",
    ),
    not_blocking=(
        r"ne bloque pas",
        r"non bloquant",
        r"rien de (?:critique|bloquant|grave)",
        r"sans impact sur",
    ),
    gone_days=(
        r"depuis (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|la semaine dernière)",
        r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) dernier",
        r"la semaine dernière",
    ),
    note_that=(
        r"(?:merci de|veuillez|prière de) noter que",
        r"à noter que",
        r"je note que",
    ),
    nagged=(
        r"relances?",
        r"rappels?",
    ),
    not_mine=(
        r"ce n'est plus moi qui (?:gère|m'occupe|suis)",
        r"je ne (?:gère|suis|m'occupe) plus (?:ce dossier|ce sujet|ça|de ce dossier|de ça)",
        r"je ne suis plus en charge",
    ),
    good_news=(
        r"(?:et )?(?:maintenant )?la bonne(?: nouvelle)?(?: est que)?",
    ),
    own_wait=(
        r"(?:coincée?s?|bloquée?s?) dans (?:les |un |le )?(?:bouchons?|embouteillages?|trafic)",
        r"(?:attends?|attendons) (?:le|mon|notre|un) (?:train|bus|vol|taxi)", r"en salle d'attente",
        r"bloqué (?:un |le |ce |du |mon )?(?:créneau|moment|temps|après-midi|matin|agenda)",
        r"bloqué (?:\S+ ){0,4}?dans (?:mon|l'|son|notre) agenda",
    ),
    waiting=(
        r"en attente", r"on attend", r"nous attendons", r"j'attends", r"attendons",
        r"dans l'attente",
        r"(?:ne )?(?:pouvons|peut|peux|pourrons|pourra) (?:\S+ ){0,6}?pas (?:\S+ ){0,6}?"
        r"(?:avant|tant que|sans|jusqu'à)",
        r"impossible d'avancer", r"dépend(?:ons)? de",
    ),
    reasons=(
        r"par", r"à cause de", r"à cause d'", r"sur", r"de", r"du", r"des",
        r"jusqu'", r"jusqu'à", r"depuis", r"pour",
        r"parce que",
        r"car",
        r"puisque",
        r"tant que",
    ),
    reschedule=(
        r"décal(?:e|ons|ez)", r"repouss(?:e|ons|ez)", r"report(?:e|ons|ez)",
        r"déplac(?:e|ez)|déplaçons",
        r"décaler",
        r"décalé",
        r"decaler",
        r"decale",
        r"décalage",
        r"reporter",
        r"reporté",
        # the noun, before what it moves to ("un report au 18"): not the English "report" of an
        # Italian or Dutch reply ("il report del pentest")
        r"report(?= (?:à|au|aux|de la date|de l'échéance|d'une|d'un|jusqu))",
        r"repousser",
        r"repoussé", r"déplacer", r"déplacé", r"remettre", r"nouvelle date", r"nouvelle échéance",
        r"nouveau délai", r"plutôt", r"au lieu", r"à la place", r"prolonger", r"reprogrammer",
        r"avoir jusqu'", r"besoin (?:\S+ ){0,4}?jusqu'", r"échéance",
        r"avancer", r"avancée?",
        r"reportée?s?",
        r"décalée?s?",
        r"repoussée?s?",
        r"déplacée?s?",
    ),
    reassign=(
        r"reprendra", r"reprend (?:ce|le) (?:sujet|dossier|point)",
        r"(?:envoyer|adresser) (?:désormais )?les relances à",
        r"pass(?:e|er) la main à", r"pass(?:e|er) le relais à",
        r"(?:ré)?attribuer", r"(?:ré)?attribuée?", r"(?:ré)?assigner", r"(?:ré)?assignée?",
        r"transférer à", r"transmettre à", r"transmis à", r"prend le relais", r"reprend",
        r"s'en occupe", r"s'en charge", r"se charge",
        r"est (?:désormais |maintenant )?responsable", r"nouveau responsable",
        r"nouvelle responsable", r"confier à", r"confiée? à",
        r"(?:merci d'|veuillez |pouvez-vous )?envoyer (?:les |vos "
        r")?(?:relances|rappels|mails|e-mails)(?: \S+){0,3}? à",
        r"réaffect(?:er|ez|e|é|ée)",
        r"transférer (?:\S+ ){1,3}?à",
    ),
    # names someone else as the right person: the handover is asked about
    reported=(r"(?:m'a|nous a|a|ont|m'ont|nous ont) demandé s(?:i|')", r"voulait savoir s(?:i|')"),
    answer_later=(
        r"(?:je )?(?:te|vous) (?:réponds|répondrai|recontacte|rappelle) "
        r"(?:plus tard|tout à l'heure|demain|après)",
        r"je reviens vers (?:toi|vous)",
    ),
    sarcasm=(r"mais bien sûr", r"comme d'habitude", r"c'est ça,? oui",
        r"blague à part",
        r"plus sérieusement",
        r"je plaisante",
        r"sérieusement",
        r"ironie",
        r"sarcasme",
    ),
    suggests_owner=(
        # "ce n'est pas moi qui gère, voyez avec Claire": the one to see instead
        r"(?:voyez|voir|vois) (?:directement )?avec",
        r"contactez", r"adressez-vous à", r"merci de contacter", r"voir avec",
    ),
    status=(
        r"où en (?:sommes-nous|est-on|êtes-vous|est le plan|sommes nous|on est)", r"on en est où",
        r"quel est (?:le|l') (?:statut|état|avancement)", r"(?:le )?statut", r"état d'avancement",
        r"avancement", r"des nouvelles", r"état",
        r"qu'est-ce qui (?:nous )?reste(?: à faire)?",
        r"qu'est-ce qu'il (?:nous )?reste(?: à faire)?",
        r"que (?:nous )?reste-t-il(?: à faire)?",
    ),
    help=(
        r"(?:je peux|puis-je) répondre quoi", r"quelles sont (?:les|mes) options",
        r"qu'est-ce que je peux répondre",
        r"aide", r"à l'aide", r"comment (?:ça|cela) (?:marche|fonctionne)", r"comment répondre",
        r"comment dois-je répondre", r"que (?:puis-je|dois-je) (?:répondre|écrire)",
        r"mode d'emploi",
        r"je peux répondre quoi",
        r"que puis-je répondre",
        r"y a-t-il des mots-clés",
        r"(?:quels sont les|y a-t-il des) (?:mots-clés|commandes)",
        r"comment (?:est-ce que je|puis-je|je peux|faire pour|fait-on pour|on fait pour)"
        r" (?:réassign|réaffect|modifi|chang|décal|report)\w*(?: \S+){0,8}",
    ),
    question_asides=(
        r"sur ce point",
        r"exactement",
        r"sur l'ensemble du plan", r"(?:sur|pour) le plan", r"du plan",
        r"ici", r"au juste", r"petite question", r"là-dessus", r"de ce côté", r"alors", r"donc",
        r"sur le plan global",
        r"global(?:ement)?",
        r"dans (?:son|l')ensemble",
        r"(?:à part|en dehors de|sauf|hormis|outre) \W?\s?\w+\s?\W?",
        r"à (?:ces|ce|vos|tes) (?:courriels|mails|e-mails|messages|relances)(?:-là)?",
    ),
    note=(
        r"note", r"remarque", r"pour info", r"pour information", r"info", r"nb", r"à noter",
        r"commentaire",
    ),
    pointers=(
        r"voir (?:ci-dessous|ci-dessus|pj|pièce jointe|en pièce jointe)",
        r"voir (?:le mail|l'e-mail) ci-dessous",
        r"ci-dessous", r"ci-joint", r"en pj", r"pj", r"je transfère", r"transféré",
    ),
    greetings=(r"bonjour", r"bonsoir", r"salut", r"coucou", r"cher", r"chère", r"hello",
               # the formal salutation: "Madame, Monsieur,", "Messieurs,"
               r"madame", r"monsieur", r"mesdames", r"messieurs"),
    pleasantries=(
        r"(?:désolée?|(?:toutes )?(?:mes|nos) excuses) pour (?:le|ce) retard",
        r"j'espère", r"espérant", r"nous espérons", r"comment (?:allez-vous|vas-tu|ça va)",
        r"bonne (?:semaine|journée|fin de semaine)", r"bon (?:week-end|weekend|lundi)",
        r"(?:c'était|ravi|ravie) (?:un plaisir|de)",
    ),
    thanks=(r"merci encore", r"encore merci", r"merci", r"merci beaucoup", r"mille mercis"),
    sign_offs=(
        r"cordialement", r"bien cordialement", r"bien à vous", r"bonne journée",
        r"belle journée", r"bonne soirée", r"à bientôt", r"salutations", r"amicalement",
        r"bien amicalement", r"merci", r"merci beaucoup",
        r"bonne (?:journée|soirée|semaine|fin de journée)(?: à tous)?",
        r"bon week-end(?: à tous)?",
    ),
    yes=(r"oui", r"ouais", r"oui merci", r"exactement", r"c'est (?:bien )?ça", r"correct",
         r"allez-y", r"vas-y", r"tout à fait", r"volontiers", r"bien sûr"),
    months=(
        r"janv(?:ier)?", r"févr?(?:ier)?|fevr?(?:ier)?", r"mars", r"avr(?:il)?", r"mai", r"juin",
        r"juil(?:let)?", r"août|aout", r"sept(?:embre)?", r"oct(?:obre)?", r"nov(?:embre)?",
        r"déc(?:embre)?|dec(?:embre)?",
    ),
    next_week=(r"la semaine prochaine", r"semaine prochaine"),
    weekdays=(r"lundi", r"mardi", r"mercredi", r"jeudi", r"vendredi", r"samedi", r"dimanche"),
    next_weekday=(r"prochain",),
    day_only=(r"(?:le|au|du|jusqu'au) \d{1,2}(?:er)?",),
    relative_days=(r"aujourd'hui", r"demain", r"après-demain", r"dans \d+ jours"),
    numbers=(r"une", r"deux", r"trois", r"quatre"),
    weeks_from_today=(r"(?:à )?dans {n} semaines?", r"d'ici {n} semaines?"),
    month_end=(r"(?:la )?fin (?:du|de ce|de) mois",),
    week_numbers=(r"semaine {n}",),
    approximate=(
        r"environ", r"vers", r"aux alentours de", r"à peu près", r"approximativement",
        r"ou deux", r"ou trois", r"ou plus tard",
    ),
    week_end=(
        r"(?:à la |la )?fin(?: de(?: la)?)?",
    ),
    proposes=(
        # "le passer à vendredi", "remettre ça au lundi 7": only with the date right after (not
        # "mettre ça en place pour lundi", a plan for Monday)
        r"(?:passer|remettre|basculer|glisser) (?:\S+ ){0,3}?(?:à|au)",
        # a date offered in its place: "que diriez-vous du 11 ?", "et si on disait le 18 ?"
        r"que (?:diriez|dites)-vous (?:du|de la|de|d')", r"que dis-tu (?:du|de la|de|d')",
        r"(?:et )?si on disait",
    ),
    moves=(r"déplac(?:e|ez)|déplaçons", r"déplacer", r"déplacé"),
    both=(r"tou(?:s|tes) les deux",),
    passive=(
        r"a été", r"ont été", r"est", r"sont", r"était", r"étaient",
        r"s'est", r"se sont",
    ),
    step_objects=(
        r"le", r"la", r"l'", r"ça", r"cela", r"ceci",
        r"(?:cette|l'|la|notre) ?(?:étape|tâche|échéance|partie|validation|signature)",
        r"(?:la|cette) (?:date|deadline|revue)", r"(?:le|ce) jalon",
    ),
    to_places=(r"à", r"au", r"aux", r"vers", r"dans"),
    on_days=(r"le", r"ce"),
    new_date_to=(r"à", r"au", r"aux", r"jusqu'à", r"jusqu'au", r"pour", r"en"),
    reason_clauses=(
        r"parce que", r"donc", r"du coup", r"parce qu'", r"car", r"puisque", r"puisqu'",
        r"étant donné que", r"vu que", r"dès que", r"lorsque", r"quand", r"pendant que",
        r"bien que",
    ),
    no_findings=(
        r"aucune (?:\S+ )?(?:réserve|remarque|observation|anomalie)",
        r"aucun (?:point|problème|écart)(?: bloquant| critique)?", r"rien à signaler",
        r"aucun point bloquant",
        r"tout (?:est )?au vert",
    ),
    delay_reasons=(
        r"(?:n'est|ne sera) pas (?:réaliste|faisable|tenable)",
        r"(?:congés|vacances|pont|fêtes|malade)",
    ),
    needs_time=(
        # the date will not be made: "we won't make it by Friday"
        r"(?:ne )?ser(?:a|ons|ai) pas prête?s?", r"(?:n')?y arriver(?:ons|ai|a) pas",
        r"besoin (?:\S+ ){0,4}?(?:temps|jours|semaines)", r"(?:plus|davantage) de temps",
        r"il (?:nous|me) faut (?:\S+ ){0,4}?(?:temps|jours|semaines)",
        r"(?:un peu |légèrement )?en retard",
    ),
    events=(
        r"appels?", r"réunions?", r"rendez-vous", r"rdv", r"calls?", r"démos?", r"ateliers?",
        r"présentations?", r"visios?", r"formations?",
        r"kick-?offs?",
        r"lancements?",
    ),
    copies=(
        r"en copie", r"en cc", r"cc", r"copie",
    ),
    owner_pronouns=(r"le", r"la", r"l'", r"lui", r"les"),
    keeps_owner=(
        # a purpose in the subjunctive: "je passe le relais à tom@, qu'il relise"
        r"qu'(?:il|elle|ils|elles) (?:\S+ ){0,2}?(?:relise|regarde|valide|vérifie|jette|commente)",
        r"pour (?:(?:un|une|son|sa|leur|votre|ton|ta) )?(?:(?:second|seconde|deuxième|petit|"
        r"petite|dernier|dernière) )?(?:avis|relecture|validation|info|information|vérification|"
        r"contrôle|approbation|regard|coup d'œil|coup d'oeil|feedback|retours?|commentaires?|"
        r"review|revue|accord|consultation)",
        r"pour (?:qu'il|qu'elle|qu'ils|qu'elles) (?:\S+ ){0,3}?(?:relise|regarde|valide|vérifie|"
        r"jette|donne|commente|approuve)",
        r"pour (?:relire|valider|vérifier|regarder|jeter un (?:œil|oeil)|commenter|approuver|avis)",
        r"fyi", r"second avis", r"je reste (?:responsable|en charge)",
        r"reste (?:chez|avec) moi",
        r"je garde",
    ),
    purpose=(
        r"pour", r"afin",
    ),
    copulas=(
        r"c'est", r"ce sera", r"est", r"sera",
    ),
    leads_to=(
        r"donc", r"et", r"et donc", r"alors", r"ainsi", r"du coup", r"par conséquent", r"c'est",
        r"c'est donc", r"ce qui veut dire", r"tout est", r"est", r"c'est bon",
    ),
    apologies=(
        r"désolée?", r"pardon", r"excusez-moi", r"excuse-moi", r"mes excuses",
        r"(?:désolée?|pardon|excusez-moi|excuse-moi) (?:pour le|du) retard",
        r"(?:désolée?|pardon) pour la réponse tardive",
        r"(?<=pardon )pour le retard",
        r"j'avais oublié de (?:vous le dire|vous prévenir|le signaler|répondre|vous le signaler)",
        r"j'ai oublié de (?:vous le dire|vous prévenir|le signaler|répondre)",
        r"(?:je suis |nous sommes )?(?:vraiment |sincèrement |profondément )désolée?s?",
    ),
    asides=(
        r"comme (?:convenu|prévu|promis|discuté|demandé|annoncé|indiqué|évoqué|d'habitude|"
        r"toujours)",
    ),
    for_good=(
        r"désormais", r"dorénavant", r"à partir de maintenant", r"à partir d'aujourd'hui",
        r"définitivement",
    ),
    stand_in=(
        r"absente?s?", r"en congés?", r"en vacances", r"hors du bureau", r"urgences?",
        r"urgente?s?", r"en mon absence", r"remplace", r"me remplace",
    ),
    vague_days=(
        r"la semaine prochaine", r"le mois prochain",
        r"fin de (?:la )?semaine", r"plus tard", r"bientôt",
    ),
    # an amount a date moves by (mail/amounts.py): "d'une semaine", "deux jours de plus"
    counts=(
        r"un|une|d'un|d'une", r"deux|de deux", r"trois|de trois", r"quatre", r"cinq", r"six",
    ),
    week_units=(r"semaines?",),
    day_units=(r"jours?(?: ouvrés| ouvrables)?",),
    month_units=(r"mois",),
    more=(r"de plus", r"supplémentaires?", r"autres?", r"prolongation"),
    later=(r"plus tard",),
    given=(r"(?:d')?avoir", r"(?:d')?obten\w*", r"(?:d')?obtien\w*", r"(?:nous )?accord\w*",
           r"donn\w*", r"laiss\w*"),
    possible=(r"possible", r"envisageable", r"faisable", r"ok"),
    earlier=(r"avancer", r"avancée?", r"plus tôt"),
    needs=(r"faut", r"besoin"),
    since_today=(r"dans", r"d'ici", r"en", r"prochaine?", r"il y a"),
    ranges=(r"ou",),
)
# fmt: on
