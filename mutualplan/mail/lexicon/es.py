"""Spanish."""

from mutualplan.mail.lexicon import Lexicon

# fmt: off
LEXICON = Lexicon(
    code="es",
    name="Español",
    done=(
        r"no queda nada pendiente",

        r"(?:(?:puedes|podéis|podeis|puede|pueden|podemos) )?dar(?:lo|la)? por "
        r"(?:cerrad[oa]|terminad[oa]|hech[oa]|finalizad[oa])",
        r"no (?:nos )?queda nada(?: pendiente| por hacer)?",
        # someone else did it: "María terminó la revisión ayer"
        r"terminó", r"completó", r"finalizó", r"acabó",
        r"ya qued[oó]",
        r"hecho", r"hecha", r"listo", r"lista", r"terminad[oa]s?", r"completad[oa]s?",
        r"finalizad[oa]s?", r"acabad[oa]s?", r"concluid[oa]s?", r"realizad[oa]s?",
        r"cerrad[oa]s?", r"resuelt[oa]s?", r"ya está", r"lo completamos", r"lo terminamos",
        r"lo hicimos", r"completamos", r"terminamos",
    ),
    # the step's thing went out (sent, submitted, signed): done, asked about; not
    # "approved", which in a draft approves the plan (a person's to read)
    handed_in=(
        r"enviad[oa]s?", r"presentad[oa]s?", r"subid[oa]s?", r"firmad[oa]s?",
        r"entregad[oa]s?", r"rellenad[oa]s?", r"devuelt[oa]s?", r"mandad[oa]s?",
    ),
    idioms=(
        r"qued[oó] (?:claro|clara|pendiente|en|para|con)",
        r"de hecho", r"el hecho", r"un hecho", r"hecho de", r"los hechos", r"muy bien hecho",
        r"está listo para", r"listo para",
    ),
    mark=(r"marcar(?:lo|la)?", r"marcad[oa]", r"cerrar(?:lo|la)?", r"poner(?:lo|la)? como"),
    fillers=(
        r"\S+ me pidió que (?:les|te|le|os) (?:avise|informe|diga|confirme) (?:de )?que",
        r"qued(?:ó|a)",
        r"y firmad[oa]s?",
        r"(?:\S+ ){1,2}?me pide que (?:le|te|os|les) (?:informe|diga|comente) (?:de )?que",
        # a formal lead-in: "I am pleased to confirm that ..."
        r"(?:les? )?confirm(?:o|amos) que", r"me complace (?:informarle|confirmarle) que",
        # when, to the part of the day
        r"anoche", r"ayer por la (?:tarde|mañana|noche)", r"esta mañana", r"esta tarde",
        r"por aquí", r"por acá", r"todo",
        r"sí", r"si", r"vale", r"ok", r"okey", r"perfecto", r"genial", r"bien", r"bueno",
        r"gracias", r"muchas gracias", r"mil gracias", r"por favor", r"porfa", r"ya", r"está",
        r"esta", r"es", r"fue", r"ha sido", r"han sido", r"lo", r"la", r"el", r"esto", r"eso",
        r"este", r"paso", r"tarea", r"punto", r"todo", r"hoy", r"ayer", r"esta mañana", r"ahora",
        r"por fin", r"finalmente", r"por nuestra parte", r"por mi parte", r"de nuestra parte",
        r"de nuestro lado", r"como acordado", r"según lo acordado", r"buenas noticias", r"marcar",
        r"marcad[oa]", r"como", r"puedes", r"puede", r"y", r"también", r"totalmente",
        r"completamente", r"hemos", r"he", r"lo hemos", r"estamos", r"están", r"estoy",
        r"seguimos", r"desafortunadamente", r"lamentablemente", r"actualmente", r"todavía",
        r"aún", r"plan", r"del plan", r"estos", r"correos?", r"mensajes?",
        r"por medio de la presente",
        r"(?:le|te|les|os) (?:confirmo|informo|comunico|confirmamos|informamos|comunicamos) que",
        r"(?:confirmo|informo|comunico) que",
        r"satisfactoriamente",
        r"(?:y )?(?:aprobad[oa]|validad[oa]) por (?:nuestro|nuestra|el|la) (?:equipo|ciso)",
        r"(?:y )?por (?:nuestro|nuestra|el|la) (?:equipo|ciso)",
        r"por (?:lo )?tanto",
        r"así que",
        r"con (?:esto|ello)",
        r"por consiguiente",
        r"lamentablemente",
        r"esto sigue",
        r"sigue",
        r"seguimos",
        r"al final",
        r"sí que",
        r"en nombre de (?:[^\s,]+ ){0,3}[^\s,]+",
        r"satisfactoriamente",
        r"con éxito",
    ),
    articles=(
        r"el", r"la", r"los", r"las", r"un", r"una", r"nuestro", r"nuestra", r"su", r"este",
        r"esta",
    ),
    acknowledgements=(
        r"ok", r"vale", r"perfecto", r"genial", r"bien", r"muy bien", r"entendido", r"de acuerdo",
        r"recibido", r"anotado", r"claro",
        r"por favor",
    ),
    negations=(
        # nobody did it: "Nadie lo ha terminado"
        r"nadie", r"ninguno",
        r"no", r"nunca", r"jamás", r"nada", r"ningun[oa]?", r"ni", r"todavía no", r"aún no",
        r"aun no", r"tampoco",
    ),
    hedges=(
        r"creo", r"creo que", r"supongo", r"me parece", r"parece", r"debería", r"deberían",
        r"probablemente", r"quizás?", r"tal vez", r"a lo mejor", r"en principio", r"más o menos",
        r"prácticamente", r"espero", r"ojalá", r"no estoy segur[oa]",
        r"(?:casi|bastante) segur[oa]", r"que yo sepa", r"por lo que sé", r"en teoría",
        r"seguramente", r"si no me equivoco",
    ),
    hedged_yes=(
        r"creo que s[ií]", r"supongo que s[ií]", r"me parece que s[ií]",
        r"(?:casi|bastante) segur[oa]", r"probablemente(?: s[ií])?",
    ),
    partial=(
        r"sigue su curso", r"en curso",
        r"casi", r"(?<!por )medio", r"a medias", r"mitad", r"parcialmente", r"en parte",
        r"una parte",
        r"en curso", r"en proceso", r"empezad[oa]", r"excepto", r"salvo", r"menos",
        r"(?<!no )falta", r"(?<!no )queda", r"\d+ ?%",
        # "without objections" says it went well: no part is left out
        r"sin(?! (?:ningún |ninguna |mayores |mayor )?(?:observaci|problema|incidencia|hallazgo"
        r"|objeci"
        r"|reparo|comentario|condici|novedad|pendiente))",
    ),
    pending=(
        r"cuando", r"en cuanto(?! al?\b)", r"una vez que?", r"apenas", r"después", r"luego",
        r"mañana",
        r"más tarde", r"pronto", r"la semana que viene", r"la próxima semana", r"estará",
        r"estaremos", r"será", r"vamos a", r"voy a", r"va a", r"te aviso", r"les aviso",
        r"le aviso", r"os aviso", r"te confirmo", r"hay que", r"tenemos que",
    ),
    conditions=(
        r"si", r"a menos que", r"en caso de", r"cuando", r"en cuanto(?! al?\b)", r"siempre que",
    ),
    contrast=(
        r"pero", r"sin embargo", r"aunque", r"excepto", r"salvo", r"todavía", r"aún", r"solo",
        r"sólo", r"falta", r"no", r"pendiente",
    ),
    # a question here is said by its mark, not by its word order: only question words open one
    question_openers=(r"qué", r"quién", r"cuándo", r"dónde", r"por qué", r"cómo", r"cuál"),
    question_words=(r"qué", r"quién", r"cuándo", r"dónde", r"por qué", r"cómo", r"cuál(?:es)?"),
    requests=(
        r"(?:lo|la) (?:pasamos|movemos|cambiamos|aplazamos|posponemos|retrasamos|dejamos)",
        r"(?:se )?(?:lo|la|los|las|le|les|nos|me) (?:podemos|podríamos|puedes|podrías|puede|podría|"
        r"pueden|podrían|podéis|podríais)",
        r"podemos", r"podríamos", r"puedes", r"podrías", r"puede", r"podría", r"pueden", r"podéis",
        r"podríais",
        r"podrían", r"es posible", r"sería posible", r"por favor", r"porfa", r"te importa",
        r"le importa", r"(?:le|te) importaría", r"sería (?:usted )?tan amable de",
        r"se puede", r"se podría", r"es posible",
        # "¿Nos das una semana más?": a present tense that asks for something given
        r"(?:nos|me) (?:das|da|dais|dan|darías|daría|darían|dejas|deja|concedes|concede)",
    ),
    tag_questions=(r"verdad", r"no", r"vale", r"cierto", r"ok"),
    blocked=(
        r"no podemos (?:seguir|avanzar|continuar)",
        r"(?:tenemos|tengo) que (?:parar|pausar|detener)",
        r"bloquead[oa]s?", r"atascad[oa]s?", r"parad[oa]s?", r"detenid[oa]s?", r"en pausa",
        r"pausad[oa]s?", r"congelad[oa]s?", r"estancad[oa]s?", r"frenad[oa]s?",
        r"no (?:podemos|puedo|conseguimos|logramos) (?:avanzar|seguir|continuar)",
        r"trabad[oa]s?",
    ),
    resolved=(
        r"resuelt[oa]s?", r"solucionad[oa]s?", r"arreglad[oa]s?", r"desbloquead[oa]s?",
        r"ya no (?:estamos|está|estoy) bloquead[oa]s?",
        r"(?:ya )?lleg(?:ó|aron)",
    ),
    updates=(
        r"(?:una )?(?:pequeña |breve |rápida )?actualización",
        r"(?:un )?(?:breve )?avance",
        r"update",
        r"para que conste",
        r"(?:nota )?para el expediente",
        r"para el registro",
        r"un dato",
        r"para que conste en el plan",
        r"nota rápida(?: entre reuniones)?",
    ),
    stop_mail=(
        r"dej(?:ad|en|a|e) de (?:enviar|mandar)",
        r"darme de baja",
        r"no más (?:recordatorios|correos)",
    ),
    hands=(
        r"paso",
        r"pasamos",
        r"transfiero",
        r"transferimos",
        r"delego",
        r"reasigno",
        r"asigno",
        r"traspaso",
        r"dejo",
        r"pasen", r"pase", r"pasad", r"pasa", r"reasignen", r"reasigne", r"reasigna",
    ),
    date_kept=(
        r"la fecha (?:se mantiene|no cambia|sigue igual|queda igual)",
        r"(?:el plazo|la fecha límite) (?:se mantiene|sigue igual|no cambia)",
        r"no hace falta (?:mover|cambiar) (?:la fecha|el plazo|nada)",
    ),
    this_step=(r"(?:esta|la) (?:tarea|acción)", r"(?:este|el) paso"),
    hands_to=(
        r"a",
    ),
    approved=(
        r"aprobad[oa]s?",
        r"validad[oa]s?",
    ),
    by_the_way=(
        r"por cierto",
        r"por otro lado",
        r"otra cosa",
        r"aparte",
    ),
    retracts=(
        r"me equivoqu[ée]",
        r"error mío",
        r"olvida eso",
        r"olvide eso",
        r"corrijo",
        r"respond[ií]a a otro (?:correo|mail|email|hilo|tema)",
        r"ignor(?:ad|en|a|e) (?:esto|este (?:correo|mensaje)|lo anterior)",
        r"era para otro (?:correo|hilo|tema|mail)",
    ),
    agreed_first=(
        r"(?:y )?ya lo (?:cambio|muevo|actualizo) yo",
        r"(?:y|entonces) (?:yo )?(?:lo|la) (?:cambio|actualizo|muevo)",
        r"antes de (?:cambiarlo|cambiarla|moverlo|moverla|actualizarlo|cambiar|mover)",
        r"(?:cuando|en cuanto) (?:me )?confirm(?:es|e|éis|en)",
        r"(?:tú|usted|ustedes) decide(?:s|n)?",
        r"si (?:quieres|prefieres|lo prefieres|quieren|prefieren|lo desean)",
    ),
    unrelated=(
        r"(?:no tiene )?nada que ver con",
        r"no (?:tiene|guarda) relación con",
        r"no está relacionad[oa] con",
        r"no afecta a",
    ),
    took_long=(
        r"(?:nos )?(?:costó|ha costado) (?:lo suyo|bastante|mucho|un poco"
        r"|trabajo)[^.!?\n]{0,60}?,? pero",
        r"(?:ha |)(?:tardado|llevado) (?:más de lo previsto|bastante|mucho|lo suyo|su"
        r" tiempo)[^.!?\n]{0,60}?,? pero",
        r"(?:fue|ha sido) (?:largo|laborioso|complicado|una odisea)[^.!?\n]{0,60}?,? pero",
    ),
    misdirected=(
        r"destinatario equivocado",
        r"(?:hilo|correo) equivocado",
        r"era para otro (?:correo|hilo|tema|mail)",
        r"respond[ií]a a otro (?:correo|mail|email|hilo|tema)",
    ),
    concluding=(
        r"así que(?: sí)?",
        r"en fin",
        r"total",
        r"o sea",
        r"en resumen",
        r"resumiendo",
        r"por lo tanto",
        r"conclusión",
    ),
    not_blocking=(
        r"no (?:afecta|tiene impacto) (?:a|en)",
        r"no (?:impide|bloquea)",
        r"nada (?:crítico|grave|bloqueante)",
        r"no es bloqueante",
        r"sin impacto en",
    ),
    gone_days=(
        r"(?:el )?(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo) pasado",
        r"desde el (?:lunes|martes|miércoles|jueves|viernes|sábado|domingo)",
        r"la semana pasada",
    ),
    note_that=(
        r"(?:por favor,? )?(?:tomen|toma|tome) nota de que",
        r"(?:por favor,? )?(?:anoten|anota|anote) que",
        r"que conste que",
    ),
    nagged=(
        r"recordatorios?",
    ),
    not_mine=(
        r"(?:yo )?ya no (?:llevo|gestiono|manejo|me encargo de|soy responsable de) (?:este tema"
        r"|esto|este asunto|este punto)",
        r"ya no es cosa mía",
        r"ya no soy yo el responsable",
    ),
    good_news=(
        r"(?:y )?(?:ahora )?la buena(?: noticia)?(?: es que)?",
    ),
    bad_news=(
        r"(?:primero )?la mala(?: noticia)?(?: es que)?",
    ),
    own_wait=(
        r"atascad[oa]s? en el (?:tráfico|atasco)",
        r"(?:esperando|espero|esperamos) (?:el|un|mi|nuestro) (?:tren|autobús|vuelo|taxi)",
        r"en (?:la )?sala de espera",
        r"bloque(?:ado|é)? (?:\S+ ){0,3}?(?:en (?:mi|el|nuestro) (?:calendario|agenda))",
        r"bloque(?:ado|é|amos) (?:mi|el|la|nuestro|nuestra) (?:calendario|agenda)",
        r"bloque(?:ado|é)? (?:un |el )?(?:hueco|rato|espacio|tiempo)",
    ),
    waiting=(
        r"esperando", r"a la espera", r"en espera", r"pendiente de", r"estamos esperando",
        r"no (?:podemos|puedo|se puede) (?:\S+ ){0,6}?(?:hasta|sin|antes)", r"dependemos de",
        r"depende de",
    ),
    reasons=(
        r"por", r"debido a", r"a causa de", r"en", r"con",
        r"hasta", r"desde", r"por",
        r"porque",
        r"ya que",
        r"pues",
    ),
    reschedule=(
        r"(?:lo|la) actualizas",
        r"actualiza(?:r|d|n)? la fecha(?: límite)?",
        r"muevan (?:la fecha )?(?:al|a|para)",
        r"cambien la fecha (?:al|a|para)",
        r"movelo (?:al|a|para)",
        r"corr[eé]lo (?:al|a|para)",
        r"mu[eé]velo (?:al|a|para)", r"cambia(?:r)? la fecha (?:a|al|para)",
        r"p[aá]salo (?:al|para el)", r"p[oó]nlo (?:para|el|al)",
        r"mover(?:lo|la)?", r"movemos", r"posponer(?:lo|la)?", r"moved(?:lo|la) (?:al|a|para)",
        r"aplazar(?:lo|la)?", r"retrasar(?:lo|la)?", r"reprogramar(?:lo|la)?",
        r"pasar(?:lo|la)? al?", r"nueva fecha", r"nuevo plazo", r"en su lugar", r"mejor el",
        r"en vez de", r"necesitamos hasta", r"necesitamos (?:\S+ ){0,4}?hasta", r"extender",
        r"ampliar", r"postergar", r"adelantar(?:lo|la)?",
        # done to it: "lo hemos aplazado al viernes" (its object then says whose date it is)
        r"aplazad[oa]s?", r"aplazamos", r"pospuest[oa]s?", r"reprogramad[oa]s?",
        r"postergad[oa]s?",
        r"cambi(?:ad|en|e) (?:la fecha|el plazo) (?:a|al|para)",
        r"cambia(?:r)? el plazo (?:a|al|para)",
        r"cambi(?:a|ar|ad|en|e) (?:la fecha límite|la fecha de entrega|la fecha de vencimiento|el"
        r" vencimiento) (?:a|al|para)",
        r"se traslada",
        r"trasladad[oa]",
        r"se (?:pospone|aplaza|mueve|cambia)",
        r"pas(?:emos|amos|en|e) la fecha (?:a|al|para)",
        r"p[oó]ngan?lo (?:para|el|al)",
        r"ponedlo (?:para|el|al)",
    ),
    reassign=(
        r"(?:pon|ponla|ponlo|poner|ponerla|ponerlo|pongan|indica|indícala|indícalo|asigna"
        r"|asígnala|asígnalo|registra|deja|dejar|marca|nombra) (?:\S+ ){0,3}?como"
        r" (?:nuev[oa] )?responsable (?:de|para)"
        r" (?:este |esta |el |la )(?:paso|etapa|tarea|hito)",
        r"deriv(?:en|a|ad|ar)(?: esto| esta| este| lo| la)? (?:a|al)",
        r"nuev[oa] (?:responsable|contacto|interlocutora?)",
        r"lo (?:va a llevar|lleva|llevará)",
        r"la (?:va a llevar|lleva|llevará)",
        r"(?:lo|la) asume", r"asumirá",
        r"(?:re)?asign(?:a|e|en|ad)", r"(?:re)?así?gn(?:a|e|en)l[oa]",
        r"transfi[eé]r(?:e|a|an)(?:l[oa])?",
        r"(?:se |te )?l[oa] pas(?:o|amos) a",
        r"(?:re)?asignar(?:lo|la)?", r"(?:re)?asignad[oa]", r"se encarga", r"se encargará",
        r"se hace cargo", r"pasar(?:lo|la)? a", r"transferir(?:lo|la)? a", r"traspasar",
        r"es (?:el|la) (?:nuev[oa] )?responsable", r"nuev[oa] responsable", r"lo lleva",
        r"toma el relevo", r"delegar en",
        # "pásaselo a Lucía", "pásale esto a Lucía"
        r"p[aá]s(?:a|e)(?:se)?l[oae](?: esto)? a", r"p[aá]s(?:a|e)le esto a",
        r"(?:mand|envi)(?:en|ad|a|e) (?:los |sus )?(?:recordatorios|correos|avisos)(?: "
        r"\S+){0,3}? a",
        r"traspas(?:o|ar|amos|a|e) (?:\S+ ){0,3}?a",
        r"(?:le |te |les )?paso (?:este punto|esto|esta tarea|el tema|este tema)(?= a )",
        r"(?:le |te )?paso el testigo a",
    ),
    # names someone else as the right person: the handover is asked about
    reported=(
        r"(?:me |nos |le |les )?(?:preguntó|ha preguntado|preguntaron|han preguntado) si",
        r"quería saber si",
    ),
    answer_later=(
        r"(?:te|le|os) (?:contesto|respondo|escribo) (?:luego|después|más tarde|mañana)",
        r"(?:te|le|os) digo algo (?:luego|después|más tarde)",
    ),
    sarcasm=(r"cómo no", r"como siempre", r"sí,? claro,? claro",
        r"ya en serio",
        r"bromas aparte",
        r"es broma",
        r"hablando en serio",
        r"igual que las otras (?:\w+ )?veces",
        r"iron[ií]a",
        r"sarcasmo",
    ),
    suggests_owner=(
        r"(?:contacte|contacta|contactad|póngase en contacto|ponte en contacto) con",
        r"escriba a", r"escribe a",
        r"contact(?:en|e|a|ad) (?:a|con)",
    ),
    status=(
        r"cuál es el (?:estado|estatus|status)", r"c[óo]mo vamos", r"c[óo]mo va",
        r"en qué punto estamos", r"dónde estamos", r"estado", r"estatus", r"status",
        r"qué tal va", r"novedades", r"hay novedades",
        r"qué (?:nos )?(?:falta|queda)(?: pendiente| por hacer)?",
        r"en qué punto (?:está|va) (?:el plan|esto|todo)",
        r"c[óo]mo va el plan(?: en general)?",
        r"(?:me pasas|me mandas|me envías) un resumen de d[óo]nde estamos(?: con todo el plan)?",
    ),
    help=(
        r"cómo funciona (?:esta|esa|la) (?:herramienta|aplicación|plataforma|cosa)",
        r"ayuda", r"cómo funciona", r"cómo respondo", r"cómo contesto",
        r"qué (?:puedo|debo|tengo que) (?:responder|contestar|escribir)(?: aquí| a esto)?",
        r"instrucciones",
        r"qué más (?:puedo|debo) (?:responder|contestar|escribir)",
    ),
    plan_words=(
        r"plan",
        r"hitos",
        r"pasos",
        r"etapas",
        r"proyecto",
    ),
    state_words=(
        r"estado",
        r"en qué punto",
        r"pendientes?",
        r"quedan",
        r"faltan",
        r"abiertos?",
        r"avance",
        r"cómo va",
    ),
    reply_verbs=(
        r"contestar",
        r"responder",
        r"contesto",
        r"respondo",
    ),
    i_should=(
        r"se supone que (?:debo|tengo que)",
        r"tengo que",
        r"debo",
        r"puedo",
        r"hay que",
    ),
    question_asides=(
        r"acá", r"aquí", r"exactamente",
        r"con el plan", r"del plan",
        r"para (?:actualizar|cerrar|cambiar) (?:el|este|mi) (?:paso|hito)",
        r"aquí", r"aqui", r"con (?:esto|eso|este tema)", r"una pregunta", r"pregunta rápida",
        r"entonces", r"al final",
        r"en general",
        r"(?:aparte de|además de|salvo|excepto|menos) \W?\s?\w+\s?\W?",
    ),
    note=(
        r"para el plan",
        r"para que quede registrado",
        r"un comentario",
        r"una nota",
        r"nota", r"para tu información", r"para su información", r"para información", r"info",
        r"ojo", r"comentario",
        r"para que conste",
        r"añad(?:e|a|id) una nota",
    ),
    note_words=(
        r"nota",
        r"apunta(?:r|d)?",
        r"anota(?:r|d)?",
        r"registra(?:r|d)?",
        r"anotado",
    ),
    note_asks=(
        r"añad[ea]n?",
        r"añadid",
        r"agrega",
        r"apunta",
        r"anota",
        r"registra",
        r"pon",
        r"por favor",
        r"porfa",
        r"plan",
        r"paso",
    ),
    note_that_opens=(r"que",),
    pointers=(
        r"ver (?:abajo|arriba|adjunto|el correo de abajo)", r"(?:te |le )?reenvío", r"abajo",
        r"adjunto", r"debajo", r"más abajo",
    ),
    greetings=(
        r"hola", r"buenos días", r"buenas tardes", r"buenas", r"estimad[oa]s?", r"querid[oa]s?",
    ),
    pleasantries=(
        r"(?:perdón|perdona|perdone|disculpa|disculpe|disculpen|siento|lamento) (?:por )?(?:la|el) "
        r"(?:demora|retraso)",
        r"espero que", r"esperamos que", r"ojalá", r"¿?qué tal", r"cómo (?:estás|está|va)",
        r"buen (?:fin de semana|día|lunes)", r"feliz (?:semana|lunes|viernes)",
        r"(?:fue un placer|un gusto)",
    ),
    thanks=(r"gracias (?:otra vez|de nuevo)", r"gracias", r"muchas gracias", r"mil gracias"),
    sign_offs=(
        r"saludos", r"un saludo", r"saludos cordiales", r"un abrazo", r"atentamente",
        r"cordialmente", r"hasta pronto", r"gracias", r"muchas gracias",
        r"buen fin de semana",
        r"buena semana",
        r"que (?:tengas|tengáis|tenga) (?:un )?buen (?:día|fin de semana)",
    ),
    yes=(r"sí", r"si", r"claro", r"sí, por favor", r"correcto", r"exacto", r"adelante",
         r"eso es", r"por supuesto", r"efectivamente"),
    months=(
        r"ene(?:ro)?", r"feb(?:rero)?", r"mar(?:zo)?", r"abr(?:il)?", r"may(?:o)?", r"jun(?:io)?",
        r"jul(?:io)?", r"ago(?:sto)?", r"sep(?:t|tiembre)?|setiembre", r"oct(?:ubre)?",
        r"nov(?:iembre)?", r"dic(?:iembre)?",
    ),
    after_next=(r"de la semana después de la próxima",),
    next_week=(r"la (?:semana que viene|próxima semana|semana próxima)", r"la semana que viene"),
    weekdays=(
        r"lunes", r"martes", r"miércoles|miercoles", r"jueves", r"viernes", r"sábado|sabado",
        r"domingo",
    ),
    next_weekday=(r"próximo", r"que viene"),
    day_only=(r"(?:el|al|del|hasta el) (?:día )?\d{1,2}",),
    relative_days=(r"hoy", r"mañana", r"pasado mañana", r"en \d+ días"),
    numbers=(r"una", r"dos", r"tres", r"cuatro"),
    # not "aplazar el plazo en dos semanas": the deadline moved by two weeks
    weeks_from_today=(r"(?:dentro de|(?<!plazo )(?<!fecha )en) {n} semanas?",),
    month_end=(r"(?:a )?(?:finales|final|fin) de(?:l| este)? mes",),
    week_numbers=(r"semana {n}",),
    approximate=(
        r"sobre", r"hacia", r"alrededor de", r"más o menos", r"aproximadamente", r"o dos",
        r"o tres", r"o así", r"o más tarde",
    ),
    week_end=(
        r"(?:a )?final(?:es)? de", r"(?:a |el )?fin(?:al)? de",
    ),
    proposes=(
        # "pasar esto al lunes": a new date only with the date right after
        r"(?:pasar|mover|aplazar|posponer|retrasar) (?:\S+ ){1,3}?(?:al|a|para)",
        # "cambiar" only for the date: "cambiarlo al lunes", not "cambiar el alcance al viernes"
        r"cambi(?:ar(?:lo|la)?|amos|emos)(?: (?:la fecha|el plazo|esto|eso))? (?:al|a|para)",
        r"(?:lo |la )?pas(?:amos|emos|a)(?:lo|la)? (?:al|a|para)", r"mejor (?:para|a)",
        # "dejar(lo) para" postpones only when asked or agreed ("¿Podemos dejarlo para el
        # lunes?", "lo dejamos para el lunes"): "voy a dejarlo para el lunes" is a plan for
        # Monday, as in Portuguese ("deixar isso para segunda")
        r"(?:podemos|podríamos|se puede|se podría|sería posible|es posible|puedes|podrías) "
        r"dejar(?:lo|la)? para",
        r"(?:lo|la) (?:podemos |podríamos )?dej(?:amos|emos|aríamos) para",
        r"dej[ée]mos(?:lo|la) para",
        # a date offered in its place: "¿qué tal el 11?", "¿qué te parece el lunes?"
        r"qu[ée] tal", r"qu[ée] (?:te|les|os|le) parece",
    ),
    moves=(r"mover", r"movemos", r"pasar al?"),
    both=(r"ambos", r"ambas", r"l[oa]s dos",),
    passive=(
        r"fue", r"fueron", r"ha sido", r"han sido", r"está", r"están",
        r"se", r"se ha", r"se han", r"quedó", r"queda",
    ),
    step_objects=(
        r"lo", r"la", r"esto", r"eso",
        r"(?:este|el|nuestro) (?:paso|plazo|hito)",
        r"(?:esta|la|nuestra) (?:tarea|fecha|revisión|parte|firma|entrega)",
    ),
    to_places=(r"a", r"al", r"hacia", r"en"),
    on_days=(r"el", r"en"),
    new_date_to=(r"a", r"al", r"para", r"hasta"),
    reason_clauses=(
        r"porque", r"así que", r"por eso", r"por lo que", r"ya que", r"puesto que", r"dado que",
        r"debido a que", r"cuando", r"mientras", r"aunque", r"en cuanto(?! al?\b)",
    ),
    no_findings=(
        r"sin (?:observaciones|hallazgos|incidencias|comentarios)(?: relevantes| críticos)?",
        r"ningún (?:hallazgo|problema)(?: crítico)?",
        r"cero hallazgos(?: críticos)?",
        r"sin hallazgos(?: críticos)?",
        r"todo en verde",
    ),
    delay_reasons=(
        r"no (?:es|será|va a ser) (?:realista|posible|viable)", r"no hay (?:forma|manera) de",
        r"(?:puente|vacaciones|fiestas|de baja|enfermo|enferma)",
    ),
    needs_time=(
        # the date will not be made: "we won't make it by Friday"
        r"no (?:llegamos|llego|vamos a llegar)", r"no (?:nos )?da (?:el )?tiempo",
        r"necesit(?:amos|o|aremos|aríamos) (?:\S+ ){0,4}?(?:tiempo|días|semanas)", r"más tiempo",
        r"(?:atrasados|retrasados|con retraso)",
    ),
    events=(
        r"llamadas?", r"reuni[oó]n(?:es)?", r"juntas?", r"citas?", r"demos?", r"sesi[oó]n(?:es)?",
        r"talleres?|taller", r"calls?", r"presentaci[oó]n",
        r"kick-?offs?",
    ),
    copies=(
        r"en copia", r"en cc", r"cc", r"copio", r"copiado",
    ),
    owner_pronouns=(r"lo", r"la", r"le", r"los", r"las"),
    keeps_owner=(
        r"\bpregunt(?:o|aré|ar|amos|aremos|arle|aré a)\b[^?!\n]{0,80}? si\b",
        # a purpose in the subjunctive: "se lo paso a tom@, que lo revise"
        r"que (?:\S+ ){0,2}?(?:revise|eche un vistazo|mire|valide|apruebe|comente|opine|compruebe)",
        r"para (?:(?:su|una|un|tu) )?(?:(?:segunda|rápida|última) )?(?:revisión|opinión|"
        r"visto bueno|aprobación|validación|información|info|comentarios?|feedback|consulta|"
        r"valoración|vistazo)",
        r"para que (?:\S+ ){0,3}?(?:revise|eche|mire|valide|apruebe|comente|opine|vea|dé|"
        r"de su opinión|compruebe)",
        r"para (?:revisar(?:lo|la)?|validar(?:lo|la)?|aprobar(?:lo|la)?|comentar|opinar|"
        r"mirar(?:lo|la)?|comprobar(?:lo|la)?|echar(?:le)? un vistazo)",
        r"fyi",
        r"segunda opinión",
        r"sigo (?:siendo )?(?:responsable|a cargo)",
        r"(?:se )?queda conmigo",
        r"me quedo con",
    ),
    purpose=(
        r"para", r"a fin de",
    ),
    copulas=(
        r"es", r"son", r"será", r"va a ser",
    ),
    leads_to=(
        r"así que", r"asi que", r"entonces", r"y", r"por lo tanto", r"por eso", r"o sea",
        r"luego", r"ya", r"está", r"esta", r"ya está", r"todo", r"queda", r"con eso",
    ),
    apologies=(
        r"perdón", r"perdon", r"disculpa", r"disculpas", r"disculpe", r"lo siento",
        r"perdona",
        r"(?:perdón|perdona|perdone|disculpa|disculpe|disculpad|lo siento) (?:por|el|la) "
        r"(?:la )?(?:tardanza|demora|retraso)",
        r"se me pasó (?:avisar(?:te|os|les)?|decirlo|comentarlo|contestar)",
        r"olvidé (?:avisar(?:te|os|les)?|decirlo|comentarlo)",
        r"mil disculpas(?:,? de verdad)?",
        r"lo siento (?:mucho|muchísimo)",
    ),
    asides=(
        r"como (?:acordamos|acordado|quedamos|hablamos|habíamos hablado|habíamos quedado|"
        r"comentamos|dijimos|prometimos|prometido|previsto|pediste|pedido|siempre)",
        r"no te preocupes",
        r"no se preocupe(?:n)?",
        r"nada más que decir",
        r"no hay mucho que decir",
        r"sin bloqueos",
        r"casi se me olvida",
        r"lo más importante",
        r"como (?:te |les )?(?:dije|comenté|decía) en mi (?:último|anterior) (?:correo|mail"
        r"|mensaje)",
        r"(?:rápido )?entre (?:meetings|reuniones|llamadas)",
        r"a la carrera",
        r"no hace falta que hagas nada",
        r"no tienes que hacer nada",
        r"lo importante",
        r"que se me olvidaba",
        r"se me olvidaba",
    ),
    for_good=(
        r"de aquí en adelante", r"a partir de ahora", r"desde ahora", r"en adelante",
        r"a partir de hoy", r"definitivamente",
    ),
    stand_in=(
        r"vacaciones", r"fuera de la oficina", r"ausente", r"de baja", r"urgente?s?", r"urgencias?",
        r"en mi ausencia", r"me sustituye",
    ),
    vague_days=(
        r"la (?:semana|próxima semana) que viene", r"la próxima semana", r"el mes que viene",
        r"más tarde", r"pronto",
    ),
    # an amount a date moves by (mail/amounts.py): "una semana", "dos días más"
    counts=(r"un|una|uno|otra|otro", r"dos", r"tres", r"cuatro", r"cinco", r"seis"),
    week_units=(r"semanas?",),
    day_units=(r"d[ií]as?(?: h[aá]biles)?",),
    month_units=(r"mes(?:es)?",),
    more=(r"más", r"otra", r"otro", r"prórroga", r"extensión"),
    later=(r"más tarde", r"después"),
    given=(
        r"ten(?:er|emos|dríamos)", r"dar\w*", r"das", r"da", r"dan", r"conced\w*", r"dej\w*",
    ),
    possible=(r"posible", r"factible", r"viable", r"vale"),
    earlier=(r"adelant\w*", r"antes", r"anticip\w*"),
    needs=(r"necesit\w*", r"hace falta"),
    since_today=(r"en", r"dentro de", r"hace"),
    ranges=(r"o",),
)
# fmt: on
