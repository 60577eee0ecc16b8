"""Italian."""

from mutualplan.mail.lexicon import Lexicon

# fmt: off
LEXICON = Lexicon(
    code="it",
    name="Italiano",
    done=(

        r"(?:(?:puoi|potete|può|possiamo) )?considerar(?:lo|la) "
        r"(?:chius[oa]|completat[oa]|fatt[oa])",
        r"non c'è (?:più )?(?:niente|nulla) da fare",
        r"ce l'abbiamo fatta",  # we made it
        r"sistemat[oaie]",
        r"fatto", r"fatta", r"completat[oaie]", r"terminat[oaie]", r"finit[oaie]",
        r"conclus[oaie]", r"chius[oaie]", r"eseguit[oaie]", r"realizzat[oaie]", r"svolt[oaie]",
        r"risolt[oaie]", r"abbiamo finito", r"ho finito", r"è fatta",
        # brought to an end: "la revisione è stata portata a termine"
        r"portat[oaie] a (?:termine|compimento)",
    ),
    # the step's thing went out (sent, submitted, signed): done, asked about; not
    # "approved", which in a draft approves the plan (a person's to read)
    handed_in=(
        r"inviat[oaie]", r"caricat[oaie]", r"firmat[oaie]",
        r"consegnat[oaie]", r"compilat[oaie]", r"trasmess[oaie]", r"spedit[oaie]",
    ),
    idioms=(
        r"il fatto", r"di fatto", r"fatto sta", r"in fatto di", r"ben fatto", r"fatto che",
        r"fatto presente", r"fatto sapere",
        # a change freeze, not a blocker of the step: "a causa del blocco delle modifiche"
        r"blocco (?:delle modifiche|dei rilasci|del codice)",
    ),
    mark=(
        r"segnare", r"segnat[oa]", r"marcare", r"chiudere", r"impostare come",
        r"segna(?:rlo|rla|lo|la)?",
    ),
    fillers=(
        r"\S+ mi ha chiesto di (?:comunicarvi|comunicarle|dirvi|informarvi) che",
        r"(?:con la presente )?(?:vi|le|ti) comunico che",
        r"(?:vi|le) informo che",
        r"su richiesta d(?:i|el|ella) (?:\S+ ){1,3}?(?:le|ti|vi) comunico che",
        # a formal lead-in: "I am pleased to confirm that ..."
        r"(?:le |vi )?conferm(?:o|iamo) che", r"sono liet[oa] di (?:comunicarle|confermarle) che",
        # when, to the part of the day
        r"ieri (?:sera|mattina|pomeriggio)", r"stasera", r"oggi pomeriggio",
        r"tutto a posto", r"tutto ok", r"puoi", r"segnarlo", r"segnarla",
        r"sì", r"si", r"ok", r"okay", r"va bene", r"perfetto", r"ottimo", r"benissimo", r"bene",
        r"grazie", r"grazie mille", r"molte grazie", r"per favore", r"per piacere", r"è", r"e'",
        r"sono", r"era", r"stato", r"stata", r"già", r"gia", r"ora", r"adesso", r"oggi", r"ieri",
        r"stamattina", r"finalmente", r"tutto", r"il", r"lo", r"la", r"l'", r"questo", r"questa",
        r"passo", r"attività", r"compito", r"punto", r"da parte nostra", r"da parte mia",
        r"da noi", r"come concordato", r"buone notizie", r"segnare", r"segnat[oa]", r"come",
        r"puoi", r"può", r"potete", r"e", r"anche", r"completamente", r"abbiamo", r"ho", r"ha",
        r"siamo", r"sono", r"restiamo", r"purtroppo", r"attualmente", r"ancora", r"tuttora",
        r"momento", r"per ora", r"ad oggi",  # "al momento": "al" is taken first
        r"piano", r"del piano", r"email", r"messaggi",
        r"(?:le|ti|vi) (?:confermo|confermiamo|comunico|comunichiamo|informo) che",
        r"(?:confermo|confermiamo) che",
        r"(?:e )?(?:approvat[oa]|validat[oa]) dal (?:nostro|mio) (?:team|ciso)",
        r"(?:e )?dal (?:nostro|mio) (?:team|ciso)",
        r"quindi",
        r"pertanto",
        r"dunque",
        r"così",
        r"con questo",
        r"l'abbiamo",
        r"l'ho",
        r"lo abbiamo",
        r"la abbiamo",
        r"alla fine",
        r"per conto d(?:el|ella|ei|i) (?:[^\s,]+ ){0,3}[^\s,]+",
        r"con esito positivo",
        r"con successo",
        r"questa fase",
        r"fase",
    ),
    articles=(
        r"il", r"lo", r"la", r"i", r"gli", r"le", r"l'", r"un", r"una", r"uno", r"nostro",
        r"nostra", r"questo", r"questa",
    ),
    acknowledgements=(
        r"ok", r"okay", r"va bene", r"perfetto", r"ottimo", r"benissimo", r"bene", r"capito",
        r"ricevuto", r"d'accordo", r"certo", r"chiaro",
        r"per favore", r"grazie",
    ),
    negations=(
        # nobody did it: "Nessuno l'ha finito"
        r"nessuno", r"a malapena",
        r"non", r"né", r"nessun[oa]?", r"niente", r"nulla", r"mica", r"ancora no", r"non ancora",
    ),
    hedges=(
        r"penso", r"credo", r"direi", r"suppongo", r"mi sembra", r"sembra", r"dovrebbe",
        r"dovrebbero", r"probabilmente", r"forse", r"magari", r"in teoria", r"più o meno",
        r"praticamente", r"spero", r"non sono sicur[oa]",
        r"(?:quasi|abbastanza|piuttosto) sicur[oa]", r"mi pare", r"per quanto ne so",
        r"(?:credo|penso) di sì", r"se non sbaglio",
    ),
    hedged_yes=(
        r"(?:credo|penso|direi) di s[iì]", r"mi pare di s[iì]",
        r"(?:quasi|abbastanza|piuttosto) sicur[oa]", r"probabilmente(?: s[iì])?",
    ),
    partial=(
        r"(?:segue|fa) il suo corso", r"in corso",
        r"quasi", r"metà", r"mezzo", r"parzialmente", r"in parte", r"una parte", r"in corso",
        r"iniziat[oa]", r"tranne", r"eccetto", r"salvo", r"manca", r"resta", r"\d+ ?%",
        # "without objections" says it went well: no part is left out
        r"senza(?! (?:alcun[ao]? |nessun[ao]? )?(?:rilievi|criticità|problemi|osservazion|riserv"
        r"|obiezion|condizion|eccezion|intoppi|anomali))",
    ),
    pending=(
        r"quando", r"appena", r"una volta", r"dopo", r"domani", r"più tardi", r"presto",
        r"la settimana prossima", r"settimana prossima", r"sarà", r"saranno", r"vi faccio sapere",
        r"ti faccio sapere", r"faccio sapere", r"vi aggiorno", r"ti aggiorno", r"dobbiamo",
        r"bisogna", r"se",
    ),
    conditions=(r"se", r"a meno che", r"qualora", r"quando", r"appena", r"nel caso"),
    contrast=(
        r"ma", r"però", r"tuttavia", r"tranne", r"ancora", r"solo", r"soltanto", r"manca", r"non",
        r"in attesa",
    ),
    # a question here is said by its mark, not by its word order: only question words open one
    question_openers=(
        r"che cosa", r"cosa", r"chi", r"quando", r"dove", r"perché", r"come", r"quale", r"quali",
    ),
    question_words=(
        r"che cosa", r"cosa", r"chi", r"quando", r"dove", r"perché", r"come", r"quale", r"quali",
    ),
    requests=(
        r"si può", r"si potrebbe",
        r"(?:lo|la|li|le|ce lo|ce la|me lo|glielo|gliela|ci|mi) "
        r"(?:possiamo|potremmo|puoi|potresti|può|potrebbe|potete|potreste)",
        r"possiamo", r"potremmo", r"puoi", r"potresti", r"può", r"potrebbe", r"potete",
        r"potreste", r"è possibile", r"sarebbe possibile", r"per favore", r"per piacere",
        r"vi prego di", r"sarebbe così gentile da", r"le dispiacerebbe",
        r"(?:le|ti|vi) sarei grat[oa] se", r"(?:le|vi) saremmo grati se",
        r"(?:ci|mi) (?:dai|date|daresti|dareste|darebbe|concedi|concedete|lasci|lasciate)",
    ),
    tag_questions=(r"vero", r"giusto", r"no", r"ok", r"corretto"),
    blocked=(
        r"non possiamo (?:andare avanti|procedere|proseguire|continuare)",
        r"(?:dobbiamo|devo) (?:fermarci|fermarmi|sospendere)",
        r"bloccat[oaie]", r"blocc(?:o|hi)", r"ferm[oaie]", r"sospes[oaie]", r"in pausa",
        r"in sospeso",
        r"congelat[oaie]", r"incagliat[oaie]", r"bloccante",
        r"non (?:riusciamo|riesco|possiamo|posso) (?:ad |a )?"
        r"(?:andare avanti|procedere|proseguire)",
    ),
    resolved=(
        r"risolt[oa]", r"risolti", r"risolte", r"sistemat[oaie]", r"sbloccat[oaie]",
        r"non (?:siamo|è|sono) più bloccat[oaie]",
        r"(?:è|sono) (?:finalmente )?arrivat[oaie]",
    ),
    updates=(
        r"(?:un )?(?:breve |piccolo |rapido )?aggiornamento",
        r"(?:piccolo )?update",
        r"punto della situazione",
        r"per la cronaca",
        r"da annotare",
        r"nota per il registro",
        r"per il verbale",
        r"nota veloce",
    ),
    stop_mail=(
        r"smettete(?:la)?",
        r"smetti(?:la)?",
        r"disiscriver\w*",
        r"basta (?:con i )?(?:promemoria|mail)",
    ),
    hands=(
        r"passo",
        r"passiamo",
        r"trasferisco",
        r"delego",
        r"affido",
        r"assegno",
        r"riassegno",
        r"lascio",
        r"passate", r"passa", r"passi", r"riassegnate", r"riassegna", r"assegnate",
    ),
    date_kept=(
        r"la (?:scadenza|data) (?:resta|rimane)(?: quella| invariata| la stessa)?",
        r"nessun cambio (?:di|alla|sulla|della) (?:data|scadenza)",
        r"non serve (?:spostare|cambiare) (?:la data|la scadenza|nulla)",
    ),
    this_step=(r"(?:questa|l) (?:attività|azione)", r"(?:questo|il) (?:compito|passaggio)"),
    hands_to=(
        r"a",
    ),
    approved=(
        r"approvat[oa]",
        r"approvati",
        r"validat[oa]",
    ),
    by_the_way=(
        r"a proposito",
        r"tra l'altro",
        r"comunque",
        r"altra cosa",
        r"per inciso",
    ),
    retracts=(
        r"mi sono sbagliat[oa]",
        r"errore mio",
        r"lascia(?:te)? perdere",
        r"correggo",
        r"ignora(?:te)? (?:questo|questa mail|questo messaggio)",
        r"era per un(?:'altra| altro) (?:mail|thread|conversazione|discussione)",
    ),
    agreed_first=(
        r"prima che (?:lo |la )?(?:cambi|modifichi|sposti|aggiorni)",
        r"prima di (?:cambiarlo|modificarlo|spostarlo|aggiornarlo|cambiare|modificare|spostare)",
        r"(?:e|poi) (?:lo |la )?(?:cambio|modifico|sposto|aggiorno) io",
        r"appena (?:mi )?confermi",
        r"decid(?:i|ete) (?:tu|voi)",
        r"se (?:preferisci|preferite|vuoi|volete)",
    ),
    unrelated=(
        r"non c'entra (?:nulla|niente)?(?: con)?",
        r"(?:niente|nulla) a che (?:fare|vedere) con",
        r"non riguarda",
    ),
    took_long=(
        r"(?:ci è|c'è) voluto (?:tempo|un po'|parecchio|una vita|più del"
        r" previsto)[^.!?\n]{0,60}?,? ma",
        r"(?:è stata|è stato) (?:lunga|lungo|faticos[ao]|un' impresa|dura)[^.!?\n]{0,60}?,? ma",
    ),
    misdirected=(
        r"destinatario sbagliato",
        r"(?:mail|thread|conversazione) sbagliat[oa]",
        r"era per un(?:'altra| altro) (?:mail|thread|conversazione|discussione)",
    ),
    concluding=(
        r"quindi(?: sì)?",
        r"insomma",
        r"comunque",
        r"in breve",
        r"in sintesi",
        r"per farla breve",
        r"morale",
    ),
    not_blocking=(
        r"non (?:ha (?:alcun )?impatto su|influisce su|tocca)",
        r"non (?:blocca|impedisce)",
        r"niente di (?:critico|grave|bloccante)",
        r"non (?:è )?bloccante",
        r"senza impatto su",
    ),
    gone_days=(
        r"(?:lunedì|martedì|mercoledì|giovedì|venerdì|sabato) scorso",
        r"domenica scorsa",
        r"da (?:lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica)",
        r"la settimana scorsa",
    ),
    note_that=(
        r"tene(?:te|re) presente che",
        r"tieni presente che",
        r"(?:vi prego di |per favore,? )?(?:notate|annotate|prendete nota) che",
        r"(?:da )?notare che",
    ),
    nagged=(
        r"sollecit[oi]",
        r"promemoria",
    ),
    not_mine=(
        r"non (?:seguo|gestisco|curo) più (?:io )?(?:questa attività|questo tema|questa cosa"
        r"|questo punto)?",
        r"non (?:sono|è) più (?:io )?(?:il |la )?(?:referente|responsabile)",
    ),
    good_news=(
        r"(?:e )?(?:ora )?quella buona",
        r"(?:e )?(?:ora )?la buona notizia(?: è che)?",
    ),
    bad_news=(
        r"(?:prima )?la (?:brutta|cattiva) notizia(?: è che)?",
        r"quella brutta",
    ),
    own_wait=(
        r"bloccat[oa] nel traffico",
        r"(?:aspetto|aspettiamo|aspettando) il (?:treno|bus|volo|taxi)", r"in sala d'attesa",
        r"bloccat[oa]? (?:\S+ ){0,3}?(?:in|nel(?:la)?) (?:mia |nostra )?(?:agenda|calendario)",
        r"bloccato (?:un |il )?(?:slot|orario|tempo|pomeriggio|mattino)",
        r"bloccat[oa]? (?:il |la |l'|mio |mia |nostro |nostra )*(?:calendario|agenda)",
    ),
    waiting=(
        r"in attesa", r"aspettiamo", r"stiamo aspettando", r"aspetto", r"attendiamo",
        r"non (?:possiamo|posso|si può|riusciamo) (?:\S+ ){0,6}?(?:finché|fino a|senza|prima)",
        r"dipende da", r"dipendiamo da",
    ),
    reasons=(
        r"finché", r"su", r"sul", r"sull'", r"sulla", r"sui", r"sugli", r"sulle",
        r"per via d[ie]l?",
        r"da", r"dal", r"dalla", r"dagli", r"dalle", r"dai", r"per", r"a causa d[ie]l?",
        r"fino", r"fino a", r"da", r"per",
        r"perché",
        r"poiché",
        r"dato che",
    ),
    reschedule=(
        r"aggiorna(?:re|te)? (?:la scadenza|la data)",
        r"spostat[ao]", r"spostiamo",
        r"sposta(?:la|lo)?(?: pure)?",
        r"slittare", r"slittiamo", r"slitta", r"far slittare",
        r"spostare", r"spostarlo", r"spostarla", r"spostiamo", r"rinviare", r"rinviarlo",
        r"rinviamo", r"posticipare", r"posticiparlo", r"posticipiamo", r"rimandare",
        r"rimandarlo", r"rimandiamo", r"nuova data", r"nuova scadenza", r"invece", r"anziché",
        r"prorogare", r"estendere", r"ci serve (?:\S+ ){0,4}?fino",
        r"abbiamo bisogno (?:\S+ ){0,4}?fino", r"slittare", r"anticipare",
        r"spostate",
        r"(?:modific|cambi)(?:are|ate|a|ami|hiamo) la (?:data|scadenza) (?:a|al|alla|in)",
        r"posticipat[oa]",
        r"rinviat[oa]",
        r"rimandat[oa]",
        r"prorogat[oa]",
    ),
    reassign=(
        r"(?:indicare|indica|indicate|mettere|metti|mettete|segnare|segna|segnate|nominare"
        r"|nomina|registrare|registra|inserire|inserisci) (?:\S+ ){0,3}?come"
        r" (?:nuov[oa] )?responsabile (?:di|del|della|per)"
        r" (?:questo |questa |quest\')?(?:passaggio|fase|attività|step|punto)",
        r"passo (?:quest[oa] (?:attività|passaggio|fase|step|punto) )?a(?:lla|l)?"
        r" (?:mia |mio )?collega",
        r"(?:la revisione|la review|l'attività|il passaggio|questo passaggio|questa fase"
        r"|la pratica|il task|lo step|questa attività) passa a",
        r"(?:la |il )?nuov[oa] referente",
        r"(?:te |ve )?l[ao] passo a(?:l|lla|d)?",
        r"(?:da (?:oggi|ora)(?: in poi)? )?se ne occupa (?:lui|lei)",
        r"(?:ri)?assegn(?:a|i|ate)", r"(?:ri)?assegna(?:te)?l[oa]", r"trasferisc(?:i|a)",
        r"passo la palla a", r"passo (?:il testimone|la mano) a",
        r"(?:ri)?assegnare", r"(?:ri)?assegnat[oa]", r"passare a", r"trasferire a",
        r"se ne occupa", r"se ne occuperà", r"prende in carico", r"subentra",
        r"è (?:il|la) (?:nuov[oa] )?responsabile", r"nuov[oa] responsabile", r"affidare a",
        r"delegare a",
        r"(?:mand|invi)(?:ate|a|i) (?:i )?(?:promemoria|solleciti|reminder)(?: \S+){0,3}? a",
        r"passo (?:questo |questa |il tutto |la cosa )?a (?:un |una |il mio |la mia )?collega",
        r"giro (?:questo |questa |il tutto )?a",
    ),
    # names someone else as the right person: the handover is asked about
    reported=(
        r"(?:mi |ci |gli |le )?(?:ha|hanno) chiesto se", r"(?:mi |ci )?chiedeva se",
        r"voleva sapere se",
    ),
    answer_later=(r"(?:ti|vi|le) (?:rispondo|scrivo|faccio sapere) (?:dopo|più tardi|domani)",),
    sarcasm=(r"come no", r"come al solito", r"come sempre",
        r"scherzi a parte",
        r"scherzo",
        r"sul serio",
        r"come le altre (?:\w+ )?volte",
        r"ironia",
        r"sarcasmo",
    ),
    suggests_owner=(
        r"contatta(?:te|re)?", r"rivolge(?:tevi|rsi|rti) a", r"scrivete a",
        r"fa(?:te|i|ccia) riferimento a",
        r"rivolge(?:tevi|rsi|rti) a",
        r"contatta(?:te)?",
    ),
    status=(
        r"qual è la situazione", r"com'è la situazione", r"situazione",
        r"qual è lo (?:stato|status)", r"a che punto siamo", r"come siamo messi", r"stato",
        r"status", r"aggiornamenti", r"novità", r"come procede", r"come va",
        r"(?:che )?cosa (?:ci )?(?:manca|resta da fare|rimane da fare)",
    ),
    help=(
        r"(?:che )?cosa (?:posso|devo) (?:rispondere|scrivere)",
        r"aiuto", r"come funziona", r"come rispondo", r"cosa (?:posso|devo) rispondere",
        r"che cosa devo rispondere",
        r"istruzioni",
        r"cosa posso rispondere(?: a queste mail)?",
        r"come (?:faccio|posso|si fa) (?:a |per )?(?:cambiare|spostare|riassegnare|modificare"
        r"|passare)(?: \S+){0,8}",
    ),
    plan_words=(
        r"piano",
        r"passi",
        r"fasi",
        r"tappe",
        r"milestone",
        r"progetto",
    ),
    state_words=(
        r"stato",
        r"a che punto",
        r"aperti",
        r"aperte",
        r"mancano",
        r"restano",
        r"avanzamento",
        r"come (?:va|procede)",
    ),
    reply_verbs=(
        r"rispondere",
        r"rispondo",
    ),
    i_should=(
        r"devo",
        r"posso",
        r"dovrei",
        r"bisogna",
    ),
    question_asides=(
        r"esattamente", r"di preciso",
        r"questo sistema", r"questa cosa",
        r"(?:con|del|sul|per) (?:il )?piano",
        r"per aggiornare (?:lo |il |la |questo |questa )?(?:step|passo|fase|milestone)",
        r"qui", r"una domanda", r"domanda veloce", r"su questo", r"in realtà", r"allora", r"quindi",
        r"col piano(?: complessivo)?",
        r"complessivo",
        r"in generale",
        r"nel complesso",
        r"(?:oltre a|a parte|tranne) \W?\s?\w+\s?\W?",
        r"a queste (?:mail|e-mail|email)",
        r"esattamente",
        r"a questa mail",
    ),
    note=(
        r"per il piano",
        r"una nota",
        r"per il verbale",
        r"nota", r"per tua informazione", r"per vostra informazione", r"per info", r"info", r"ps",
        r"commento",
        r"per conoscenza",
        r"nota per tutti",
    ),
    note_words=(
        r"nota",
        r"annota(?:re|te)?",
        r"appunto",
    ),
    note_asks=(
        r"aggiungere",
        r"aggiungi",
        r"aggiungete",
        r"annota",
        r"annotate",
        r"metti",
        r"segna",
        r"per favore",
        r"piano",
        r"passo",
    ),
    note_that_opens=(r"che",),
    pointers=(
        r"vedi (?:sotto|sopra|allegato|la mail sotto|mail sotto)", r"(?:qui )?sotto",
        r"in allegato", r"allegato", r"inoltro", r"ti inoltro", r"vi inoltro", r"di seguito",
    ),
    greetings=(
        r"ciao", r"salve", r"buongiorno", r"buonasera", r"gentile", r"gentili", r"car[oaie]",
    ),
    pleasantries=(
        r"(?:scusa|scusate|scusi|mi scuso) (?:per )?il ritardo",
        r"spero", r"speriamo", r"come (?:stai|sta|va)", r"buon (?:fine settimana|weekend|lunedì)",
        r"buona (?:settimana|giornata)", r"(?:è stato un piacere|piacere di)",
    ),
    thanks=(r"grazie ancora", r"ancora grazie", r"grazie", r"grazie mille", r"molte grazie"),
    sign_offs=(
        r"saluti", r"cordiali saluti", r"distinti saluti", r"un saluto", r"a presto",
        r"buona giornata", r"cordialmente", r"grazie", r"grazie mille",
        r"buona (?:giornata|serata|settimana)(?: a tutti)?",
        r"buon fine settimana(?: a tutti)?",
    ),
    yes=(r"sì", r"si", r"certo", r"sì grazie", r"esatto", r"corretto", r"vai pure",
         r"procedi", r"certamente"),
    months=(
        r"genn?(?:aio)?", r"febb?(?:raio)?", r"mar(?:zo)?", r"apr(?:ile)?", r"magg?(?:io)?",
        r"giu(?:gno)?", r"lug(?:lio)?", r"ago(?:sto)?", r"sett(?:embre)?", r"ott(?:obre)?",
        r"nov(?:embre)?", r"dic(?:embre)?",
    ),
    after_next=(r"della settimana dopo la prossima",),
    next_week=(r"(?:della )?(?:prossima settimana|settimana prossima)",),
    weekdays=(
        r"lunedì|lunedi", r"martedì|martedi", r"mercoledì|mercoledi", r"giovedì|giovedi",
        r"venerdì|venerdi", r"sabato", r"domenica",
    ),
    next_weekday=(r"prossim[oa]",),
    day_only=(r"(?:il|al|entro il|fino al) \d{1,2}",),
    relative_days=(r"oggi", r"domani", r"dopodomani", r"tra \d+ giorni"),
    numbers=(r"una", r"due", r"tre", r"quattro"),
    weeks_from_today=(r"(?:tra|fra) {n} settimane?",),
    month_end=(r"(?:a |alla )?fine (?:del |di questo )?mese",),
    week_numbers=(r"settimana {n}",),
    approximate=(
        r"circa", r"verso", r"più o meno", r"intorno a(?:l|lla)?", r"all'incirca", r"o due",
        r"o tre", r"o più tardi",
    ),
    week_end=(
        r"(?:a |alla )?fine(?: della)?",
    ),
    proposes=(
        r"possiamo fare",
        r"facciamo",
        # "passare questa attività a lunedì": a new date only with the date right after
        r"(?:passare|spostare|rimandare|slittare) (?:\S+ ){0,3}?(?:a|al|alla|allo)",
        # a date offered in its place: "che ne dite dell'11?", "che ne pensi di venerdì?"
        r"che ne (?:dite|dici|pensate|pensi|direste) (?:di|del|dell'|della|dello)",
        r"e se (?:facessimo|facciamo|dicessimo|diciamo)",
        r"mettiamo(?:lo|la)?",
        r"mettete(?:lo|la)?",
    ),
    moves=(r"spostare", r"spostiamo"),
    both=(r"entramb[ie]", r"tutt[ie] e due",),
    passive=(
        r"è stat[aoie]", r"sono stat[ie]", r"è", r"sono", r"viene", r"vengono",
        r"si è", r"si sono",
    ),
    step_objects=(
        r"lo", r"la", r"l'", r"questo", r"quello", r"ciò",
        r"(?:questa|l'|la|la nostra) ?"
        r"(?:attività|scadenza|data|revisione|parte|tappa|fase|firma|consegna)",
        r"(?:questo|il) passo",
    ),
    to_places=(r"a", r"al", r"alla", r"allo", r"nella", r"nel", r"in", r"verso"),
    on_days=(r"il", r"di"),
    new_date_to=(r"a", r"ad", r"al", r"alla", r"allo", r"fino a", r"fino al", r"per"),
    reason_clauses=(
        r"perché", r"quindi", r"perciò", r"per cui", r"poiché", r"siccome", r"dato che",
        r"visto che", r"giacché", r"quando", r"mentre", r"anche se", r"appena", r"non appena",
    ),
    no_findings=(
        r"senza rilievi(?: critici| bloccanti)?",
        r"nessun(?:a)? (?:rilievo|osservazione|problema|criticità)",
        r"senza (?:rilievi|osservazioni)",
        r"zero finding(?: critici)?",
        r"nessun (?:finding|rilievo)(?: critico)?",
        r"tutto verde",
    ),
    delay_reasons=(
        r"non (?:è|sarà) (?:realistico|fattibile|possibile)", r"(?:ferie|ponte|feste|malat[oa])",
    ),
    needs_time=(
        # the date will not be made: "we won't make it by Friday"
        r"non (?:ce la )?(?:facciamo|faccio|faremo)", r"non (?:riusciamo|riusciremo)",
        r"(?:ci serve|ci servono|abbiamo bisogno di|servirebbe|ci vuole) (?:\S+ ){0,4}?"
        r"(?:tempo|giorni|settimane)",
        r"più tempo", r"(?:giorni|settimane) in più", r"in ritardo",
    ),
    events=(
        r"chiamat[ae]", r"riunion[ei]", r"calls?", r"incontr[oi]", r"demo", r"session[ei]",
        r"appuntament[oi]", r"workshop", r"presentazion[ei]",
        r"kick-?offs?",
    ),
    copies=(
        r"in copia", r"in cc", r"cc",
    ),
    owner_pronouns=(r"lo", r"la", r"l'", r"gli", r"li"),
    keeps_owner=(
        r"\bchied(?:o|erò|ere|iamo|eremo)\b[^?!\n]{0,80}? se (?:può|potrebbe|lui|lei|riesce)\b",
        # a purpose in the subjunctive: "passo a tom@, che lo riveda"
        r"che (?:\S+ ){0,2}?(?:riveda|controlli|verifichi|approvi|validi|rilegga|dia)",
        r"per (?:(?:un|una|il|la|sua|suo|un') ?)?(?:(?:secondo|seconda|rapida|ultima) )?(?:parere|"
        r"revisione|opinione|verifica|controllo|approvazione|validazione|conoscenza|informazione|"
        r"info|commenti|feedback|occhiata|visto|consulto|rilettura)",
        r"per (?:rivedere|verificare|controllare|validare|approvare|dare un'occhiata|rileggere|"
        r"commentare)",
        r"perché (?:\S+ ){0,3}?(?:dia|verifichi|controlli|riveda|approvi|validi|rilegga)",
        r"fyi", r"secondo parere",
        r"resto io (?:il |la )?responsabile", r"(?:il |la )?responsabile resto io",
        r"resta a me",
        r"rimane a me",
        r"resta con me",
    ),
    purpose=(
        r"per(?! (?:favore|cortesia|piacere)\b)", r"affinché", r"perché",
    ),
    copulas=(
        r"è", r"sono", r"sarà",
    ),
    leads_to=(
        r"quindi", r"e", r"e quindi", r"allora", r"perciò", r"percio", r"dunque", r"per cui",
        r"pertanto", r"è", r"e'", r"tutto", r"con questo", r"ora",
    ),
    apologies=(
        r"scusa", r"scusate", r"scusi", r"mi scuso", r"chiedo scusa", r"perdono",
        r"(?:scusa|scusate|scusi|mi scuso)(?: per)? (?:il|del) ritardo",
        r"mi ero dimenticat[oa] di (?:segnalarlo|dirlo|avvisar\w*|comunicarlo)",
        r"ho dimenticato di (?:segnalarlo|dirlo|avvisar\w*|comunicarlo)",
        r"mi scuso (?:davvero |veramente )?(?:tanto|molto)",
        r"(?:sono )?(?:davvero |molto )?spiacente",
    ),
    asides=(
        r"come (?:concordato|d'accordo|detto|previsto|promesso|richiesto|sempre|anticipato|"
        r"discusso|da accordi|stabilito|d'abitudine|al solito)",
        r"niente da aggiungere",
        r"non preoccuparti",
        r"non c'è molto da dire",
        r"dimenticavo la cosa principale",
        r"dimenticavo",
        r"la cosa più importante",
        r"come (?:ti |vi )?(?:ho )?(?:scritto|detto) nella (?:mia )?(?:ultima|precedente) (?:mail"
        r"|email)",
        r"al volo(?: tra (?:due )?(?:call|riunioni))?",
        r"tra (?:due )?(?:call|riunioni)",
        r"nessuna azione da parte tua",
        r"non devi fare nulla",
    ),
    for_good=(
        r"d'ora in (?:poi|avanti)", r"da ora in poi", r"da oggi", r"da adesso", r"definitivamente",
    ),
    stand_in=(
        r"ferie", r"fuori ufficio", r"assente", r"in malattia", r"urgent[ei]", r"urgenz[ae]",
        r"in mia assenza", r"mi sostituisce",
    ),
    vague_days=(
        r"la settimana prossima", r"settimana prossima", r"il mese prossimo",
        r"più tardi", r"presto",
    ),
    # an amount a date moves by (mail/amounts.py): "di una settimana", "un'altra settimana"
    counts=(
        r"un|una|uno|un'altra|un altro|un'altro", r"due", r"tre", r"quattro", r"cinque", r"sei",
    ),
    week_units=(r"settimane", r"settimana"),
    day_units=(r"giorn[io](?: lavorativ[io])?",),
    month_units=(r"mes[ei]",),
    more=(r"in più", r"altr[aoei]", r"un'altr[aoe]", r"ancora", r"proroga", r"estensione"),
    later=(r"più tardi", r"dopo"),
    given=(
        r"avere", r"avremmo", r"dar\w*", r"dai", r"date", r"conced\w*", r"otten\w*", r"lasci\w*",
    ),
    possible=(r"possibile", r"fattibile", r"ok"),
    earlier=(r"prima", r"anticip\w*"),
    needs=(r"serv(?:e|ono|irebbe(?:ro)?|irà|iranno)", r"bisogno"),
    since_today=(r"in", r"tra", r"fra", r"entro"),
    since_today_after=(r"fa",),
    ranges=(r"o",),
)
# fmt: on
