"""Portuguese."""

from mutualplan.mail.lexicon import Lexicon

# fmt: off
LEXICON = Lexicon(
    code="pt",
    name="Português",
    done=(

        r"(?:pode|podem|podes) dar (?:\S+ )?como "
        r"(?:encerrad[oa]|concluíd[oa]|fechad[oa]|finalizad[oa])",
        r"não falta (?:mais )?nada",
        # someone else did it: "A Maria concluiu a revisão ontem"
        r"concluiu", r"terminou", r"finalizou", r"completou",
        r"feito", r"feita", r"concluíd[oa]s?", r"concluid[oa]s?", r"terminad[oa]s?",
        r"finalizad[oa]s?", r"completo", r"completa", r"completad[oa]s?", r"realizad[oa]s?",
        r"resolvid[oa]s?", r"encerrad[oa]s?", r"já foi", r"tá feito", r"concluímos",
        r"terminamos", r"finalizamos",
    ),
    # the step's thing went out (sent, submitted, signed): done, asked about; not
    # "approved", which in a draft approves the plan (a person's to read)
    handed_in=(
        r"enviad[oa]s?", r"submetid[oa]s?", r"carregad[oa]s?", r"assinad[oa]s?",
        r"entregues?", r"preenchid[oa]s?", r"devolvid[oa]s?",
        r"mandad[oa]s?",
    ),
    weak_done=(r"pronto", r"pronta"),
    idioms=(
        r"de fato", r"bem feito", r"pronto para", r"pronta para", r"o feito", r"está pronto para",
    ),
    mark=(r"marcar", r"marcad[oa]", r"fechar", r"colocar como"),
    fillers=(
        r"(?:a )?pedido d[ao] (?:\S+ ){1,2}?informo que",
        # a formal lead-in: "I am pleased to confirm that ..."
        r"(?:confirmo|confirmamos) que", r"tenho o prazer de (?:informar|confirmar) que",
        # when, to the part of the day
        r"ontem (?:à|de) (?:tarde|noite|manhã)", r"hoje de manhã", r"hoje à tarde",
        r"sim", r"ok", r"certo", r"perfeito", r"ótimo", r"otimo", r"beleza", r"bom", r"boa",
        r"obrigad[oa]", r"muito obrigad[oa]", r"valeu", r"por favor", r"está", r"esta", r"tá",
        r"ta",
        r"é", r"foi", r"já", r"ja", r"isso", r"isto", r"este", r"esta etapa", r"etapa", r"passo",
        r"tarefa", r"item", r"o", r"a", r"tudo", r"hoje", r"ontem", r"agora", r"finalmente",
        r"enfim", r"da nossa parte", r"do nosso lado", r"por aqui", r"conforme combinado",
        r"boa notícia", r"marcar", r"marcad[oa]", r"como", r"pode", r"podem", r"e", r"também",
        r"totalmente", r"completamente", r"foi", r"nós", r"eu", r"estamos", r"estão", r"estou",
        r"continuamos", r"infelizmente", r"atualmente", r"ainda", r"plano", r"do plano",
        r"e-mails?", r"mensagens?",
        r"(?:informo|confirmo|comunico|informamos|confirmamos)(?: a vocês| ao senhor| à senhora)? "
        r"que",
        r"venho (?:por meio deste )?(?:informar|confirmar) que",
        r"(?:e )?(?:aprovad[oa]|validad[oa]) pel[oa] (?:nossa|nosso) (?:equipe|time|ciso)",
        r"(?:e )?pel[oa] (?:nossa|nosso) (?:equipe|time|ciso)",
        r"portanto",
        r"assim",
        r"com isso",
        r"então",
        r"tá",
        r"ta",
        r"aqui",
        r"em nome d[oa] (?:[^\s,]+ ){0,3}[^\s,]+",
        r"com sucesso",
    ),
    articles=(
        r"o", r"a", r"os", r"as", r"um", r"uma", r"nosso", r"nossa", r"seu", r"sua", r"este",
        r"esta",
    ),
    acknowledgements=(
        r"ok", r"certo", r"perfeito", r"ótimo", r"otimo", r"beleza", r"combinado", r"entendido",
        r"anotado", r"tá bom", r"está bem", r"show",
        r"por favor",
    ),
    negations=(
        # nobody did it: "Ninguém terminou"
        r"ninguém", r"ninguem",
        r"não", r"nao", r"nunca", r"jamais", r"nada", r"nenhum(?:a)?", r"nem", r"ainda não",
        r"ainda nao",
    ),
    hedges=(
        r"acho", r"acho que", r"creio", r"suponho", r"parece", r"deve estar", r"deveria",
        r"provavelmente", r"talvez", r"em princípio", r"mais ou menos", r"praticamente",
        r"espero", r"não tenho certeza",
        r"(?:quase|praticamente) (?:certeza|cert[oa])", r"que eu saiba", r"em teoria",
        r"se não me engano", r"acho eu",
    ),
    hedged_yes=(
        r"acho que sim", r"creio que sim", r"acredito que sim", r"suponho que sim",
        r"(?:quase|praticamente) (?:certeza|cert[oa])", r"provavelmente(?: sim)?",
    ),
    partial=(
        r"segue (?:em andamento|seu curso)", r"em andamento",
        r"quase", r"metade", r"meio", r"parcialmente", r"em parte", r"uma parte", r"em andamento",
        r"em curso", r"começad[oa]", r"exceto", r"menos", r"sem", r"falta", r"resta", r"\d+ ?%",
    ),
    pending=(
        r"quando", r"assim que", r"logo que", r"depois", r"amanhã", r"mais tarde", r"logo",
        r"em breve", r"semana que vem", r"próxima semana", r"vai", r"vou", r"vamos", r"estará",
        r"será", r"te aviso", r"aviso", r"temos que", r"precisa", r"se",
    ),
    conditions=(r"se", r"caso", r"a menos que", r"quando", r"assim que", r"desde que"),
    contrast=(
        r"mas", r"porém", r"contudo", r"exceto", r"ainda", r"só", r"apenas", r"falta", r"não",
        r"pendente",
    ),
    # a question here is said by its mark, not by its word order: only question words open one
    question_openers=(
        r"o que", r"quem", r"quando", r"onde", r"por que", r"porque", r"como", r"qual", r"quais",
    ),
    question_words=(r"o que", r"quem", r"quando", r"onde", r"por que", r"como", r"qual", r"quais"),
    requests=(
        r"podemos", r"poderíamos", r"pode", r"poderia", r"podem", r"poderiam", r"dá para",
        r"da para", r"é possível", r"seria possível", r"por gentileza", r"por favor", r"favor",
        r"(?:(?:você|vocês) )?(?:nos|me) (?:dá|dão|daria|dariam|concede|concederia)",
        r"d[aá] (?:pra|para)",
    ),
    tag_questions=(r"certo", r"né", r"não", r"ok", r"correto"),
    blocked=(
        r"travou", r"travad[oa]", r"(?:está|ficou) parad[oa]",
        r"não (?:podemos|conseguimos) (?:seguir|avançar|continuar)",
        r"emperr(?:ou|ad[oa]s?)", r"empacou", r"travou", r"parou",
        r"bloquead[oa]s?", r"travad[oa]s?", r"parad[oa]s?", r"empacad[oa]s?", r"em espera",
        r"suspens[oa]s?", r"congelad[oa]s?", r"em pausa",
        r"não (?:dá|consigo|conseguimos|podemos) (?:pra |para )?(?:avançar|seguir|prosseguir)",
    ),
    resolved=(
        r"resolvid[oa]s?", r"solucionad[oa]s?", r"desbloquead[oa]s?",
        r"não (?:estamos|está|estou) mais (?:bloquead|travad)[oa]s?",
        r"(?:já )?chego(?:u|aram)",
    ),
    updates=(
        r"(?:uma )?(?:atualização|atualizacao)(?: rápida)?",
        r"(?:um )?(?:breve |rápido )?update",
        r"andamento",
        r"para registro",
        r"para regist[oa]",
        r"só pra registrar(?: no plano)?",
        r"(?:só )?para registrar(?: no plano)?",
    ),
    stop_mail=(
        r"parem? de (?:enviar|mandar)",
        r"descadastr\w*",
        r"chega de (?:lembretes|e-mails|emails)",
    ),
    hands=(
        r"passando",
        r"passo",
        r"passamos",
        r"transfiro",
        r"transferindo",
        r"delego",
        r"repasso",
        r"repassando",
    ),
    hands_to=(
        r"para",
        r"pra",
        r"pro",
        r"ao",
        r"à",
    ),
    approved=(
        r"aprovad[oa]s?",
        r"validad[oa]s?",
    ),
    by_the_way=(
        r"aliás",
        r"a propósito",
        r"por falar nisso",
        r"outra coisa",
        r"ah,? e",
    ),
    retracts=(
        r"me enganei",
        r"erro meu",
        r"esquece(?: isso)?",
        r"corrigindo",
        r"era (?:uma )?resposta (?:para|a) outro",
        r"ignor(?:em|e|a) (?:isso|este e-?mail|esta mensagem)",
        r"era para outro (?:e-?mail|assunto|tópico)",
    ),
    agreed_first=(
        r"antes de (?:eu )?(?:alterar|mudar|trocar|atualizar)",
        r"(?:e|aí|daí|então) eu (?:altero|mudo|troco|atualizo)",
        r"assim que (?:você |vc |tu )?confirmar",
        r"(?:você|vocês|tu) decide(?:m)?",
        r"se (?:preferir(?:em)?|quiser(?:em)?)",
    ),
    unrelated=(
        r"(?:não tem )?nada a ver com",
        r"não tem relação com",
        r"não está relacionad[oa] com",
    ),
    took_long=(
        r"demorou (?:muito|bastante|uma eternidade|mais do que o previsto|um"
        r" pouco)[^.!?\n]{0,60}?,? mas",
        r"(?:deu|foi) (?:trabalho|trabalhoso|complicado|uma novela|uma luta)[^.!?\n]{0,60}?,? mas",
        r"levou (?:tempo|um tempo|uma eternidade|mais tempo)[^.!?\n]{0,60}?,? mas",
    ),
    not_blocking=(
        r"não (?:impede|bloqueia)",
        r"nada (?:crítico|grave|bloqueante)",
        r"não é bloqueante",
        r"sem impacto n[ao]",
    ),
    gone_days=(
        r"(?:na |desde (?:a )?)?(?:segunda|terça|quarta|quinta|sexta)(?:-feira)? passada",
        r"desde (?:a )?(?:segunda|terça|quarta|quinta|sexta)(?:-feira)?",
        r"(?:na )?semana passada",
    ),
    note_that=(
        r"(?:por favor,? )?(?:registrem|registre|anotem|anote|notem|note) que",
        r"fica registrado que",
    ),
    nagged=(
        r"lembretes?",
    ),
    not_mine=(
        r"não sou mais eu (?:que|quem) (?:cuido|cuida|trato|trata)",
        r"já não (?:sou eu|trato|cuido)",
        r"não (?:cuido|trato) mais disso",
    ),
    good_news=(
        r"(?:e )?(?:agora )?a boa(?: notícia)?(?: é que)?",
    ),
    bad_news=(
        r"(?:a )?má notícia(?: é que)?",
        r"a má",
    ),
    own_wait=(
        r"pres[oa]s? no trânsito", r"(?:esperando|aguardando) o (?:trem|ônibus|voo|táxi)",
        r"na sala de espera",
        r"bloque(?:ei|ado)? (?:\S+ ){0,3}?(?:na|em minha|na minha) agenda",
        r"bloque(?:ei|ado)? (?:um |o )?(?:horário|tempo|espaço)",
    ),
    waiting=(
        r"não (?:conseguimos|podemos|consigo|posso) (?:\S+ ){0,4}?enquanto",
        r"aguardando", r"esperando", r"à espera d[eoa]", r"a espera d[eoa]", r"pendente d[eoa]",
        r"não (?:podemos|posso|dá para|conseguimos) (?:\S+ ){0,6}?(?:até|sem|antes)",
        r"dependemos d[eoa]", r"depende d[eoa]",
    ),
    reasons=(
        r"por", r"pel[oa]", r"devido a", r"no", r"na", r"com",
        r"até", r"desde", r"para",
        r"porque",
        r"já que",
        r"pois",
    ),
    reschedule=(
        r"muda(?:r)? (?:pra|para)", r"passa(?:r)? o prazo (?:pra|para)",
        r"(?:alter|mud)(?:e|ar) o prazo para",
        r"mover", r"adiar", r"adiamos", r"remarcar", r"reagendar",
        r"passar (?:para|pra|pro)",
        # done to it: "o prazo seja adiado para sexta"
        r"adiad[oa]s?", r"remarcad[oa]s?", r"prorrogad[oa]s?",
        r"transferir para", r"nova data", r"novo prazo", r"em vez disso",
        r"ao invés", r"prorrogar", r"estender", r"precisamos até",
        r"precisamos (?:\S+ ){0,4}?até", r"postergar", r"antecipar",
        r"mud(?:em|e) o prazo (?:para|pra)",
        r"d[aá] (?:pra|para) passar (?:para|pra|pro)",
        r"pode(?:m)? passar (?:para|pra|pro)",
        r"(?:alter|mud)(?:em|e|ar|a) (?:o prazo|a data(?: limite| de entrega)?|o vencimento)"
        r" (?:para|pra|pro)",
        r"(?:alterad|mudad)[oa] para",
    ),
    reassign=(
        r"(?:re)?atribu(?:a|am)", r"transfir(?:a|am) (?:\S+ ){0,3}?para",
        r"transfere (?:\S+ ){0,3}?para",
        r"(?:re)?atribuir", r"(?:re)?atribuíd[oa]", r"(?:re)?designar", r"transferir para",
        r"passar para", r"(?:re)?passe para", r"vai assumir", r"assume", r"assumir",
        r"é (?:ele |ela )?(?:o|a) (?:nov[oa] )?responsável", r"nov[oa] responsável", r"fica com",
        r"delegar para", r"encaminhar para",
        r"(?:vai |vão |irá )?cuid(?:ar|a|ará|ando) diss[oa]", r"fica responsável",
        r"(?:mand|envi)(?:em|e|a) (?:os )?(?:lembretes|e-mails|emails|avisos)(?: \S+){0,3}? para",
        r"repass(?:ar|em|e|o|ando) (?:\S+ ){0,3}?(?:para|pra|pro)",
        r"passa (?:isso |isto |essa etapa )?(?:para|pra)",
        r"passando o bastão (?:para|pra|pro)",
        r"passo o bastão (?:para|pra|pro)",
        r"pass(?:e|em|a) (?:esta|essa) etapa (?:para|pra)",
    ),
    # names someone else as the right person: the handover is asked about
    reported=(r"(?:me |nos )?(?:perguntou|perguntaram) se", r"queria saber se"),
    answer_later=(r"(?:te |lhe )?(?:respondo|escrevo|retorno) (?:depois|mais tarde|amanhã|já já)",),
    sarcasm=(r"até parece", r"como sempre",
        r"brincadeiras? à parte",
        r"falando sério",
        r"brincadeira",
        r"zoeira",
        r"ironia",
        r"sarcasmo",
    ),
    suggests_owner=(
        r"(?:entre|entrem) em contato com", r"contate", r"fale com", r"procure",
    ),
    status=(
        r"qual (?:é )?o (?:status|estado|andamento)", r"em que pé estamos", r"como estamos",
        r"como está", r"como vai", r"status", r"andamento", r"novidades", r"alguma novidade",
        r"o que (?:ainda )?falta(?: fazer)?",
        r"(?:pode(?:s)? )?me mandar um resumo de onde estamos",
        r"como est(?:á|a) (?:esse|este|o) (?:item|plano|ponto)",
        r"falta alguma coisa(?: do nosso lado)?",
        r"em que pé (?:está|estamos|anda)",
    ),
    help=(
        r"como (?:eu )?uso (?:isso|isto)",
        r"ajuda", r"como funciona", r"como respondo",
        r"o que (?:eu )?(?:posso|devo|tenho que) responder(?: aqui| a isso)?",
        r"instruções",
        r"o que (?:mais )?(?:eu )?(?:posso|devo|tenho que) responder",
        r"tem (?:algum|alguma) (?:comando|palavra-chave|lista de comandos)",
    ),
    plan_words=(
        r"plano",
        r"etapas",
        r"marcos",
        r"passos",
        r"projeto",
    ),
    state_words=(
        r"estado",
        r"status",
        r"faltam",
        r"falta",
        r"pendentes?",
        r"em aberto",
        r"andamento",
        r"como (?:tá|está|anda|vai)",
    ),
    reply_verbs=(
        r"responder",
        r"respondo",
    ),
    i_should=(
        r"(?:eu )?preciso",
        r"devo",
        r"posso",
        r"tenho que",
    ),
    question_asides=(
        r"exatamente",
        r"disso", r"disto",
        r"(?:do|no|com o) plano",
        r"aqui", r"(?:nessa|nesta) etapa", r"nisso", r"nisto", r"uma pergunta", r"pergunta rápida",
        r"então",
        r"o plano(?: no geral| em geral| como um todo)?",
        r"no geral",
        r"em geral",
        r"(?:além de|fora|exceto) \W?\s?\w+\s?\W?",
        r"(?:nesses|nestes|a esses|a estes) (?:e-?mails|emails|mensagens)",
        r"pergunta rápida",
    ),
    note=(
        r"nota", r"observação", r"obs", r"para sua informação", r"para informação", r"info",
        r"comentário",
        r"só (?:pra|para) registrar",
        r"para registro",
    ),
    pointers=(
        r"(?:veja|ver|vide) (?:abaixo|acima|anexo|o e-mail abaixo)", r"segue abaixo", r"abaixo",
        r"segue em anexo", r"em anexo", r"anexo", r"encaminhando", r"encaminho",
    ),
    greetings=(
        r"olá", r"ola", r"oi", r"bom dia", r"boa tarde", r"boa noite", r"prezad[oa]s?", r"caro",
        r"cara",
    ),
    pleasantries=(
        r"desculp(?:e|a|em) (?:pela|a) demora",
        r"espero que", r"esperamos que", r"tudo bem", r"como (?:vai|está|estão|foi)",
        r"bom fim de semana", r"boa semana", r"(?:foi um prazer|prazer em)",
    ),
    thanks=(r"obrigad[oa] (?:de novo|novamente|mais uma vez)", r"obrigad[oa]",
            r"muito obrigad[oa]", r"valeu"),
    sign_offs=(
        r"abraços?", r"um abraço", r"atenciosamente", r"cumprimentos", r"saudações", r"att",
        r"cordialmente", r"até logo", r"até breve", r"obrigad[oa]", r"muito obrigad[oa]",
        r"bom (?:dia|fim de semana)(?: a todos)?",
        r"boa (?:semana|tarde|noite)(?: a todos)?",
    ),
    yes=(r"sim", r"claro", r"sim, por favor", r"correto", r"exato", r"isso mesmo",
         r"pode (?:fazer|seguir)", r"com certeza"),
    months=(
        r"jan(?:eiro)?", r"fev(?:ereiro)?", r"mar(?:ço|co)?", r"abr(?:il)?", r"mai(?:o)?",
        r"jun(?:ho)?", r"jul(?:ho)?", r"ago(?:sto)?", r"setembro", r"outubro", r"nov(?:embro)?",
        r"dez(?:embro)?",
    ),
    next_week=(r"(?:da )?(?:próxima semana|semana que vem)",),
    weekdays=(
        r"segunda(?:-feira)?", r"terça(?:-feira)?|terca(?:-feira)?", r"quarta(?:-feira)?",
        r"quinta(?:-feira)?", r"sexta(?:-feira)?", r"sábado|sabado", r"domingo",
    ),
    next_weekday=(r"próxim[oa]",),
    day_only=(r"(?:o )?dia \d{1,2}",),
    relative_days=(r"hoje", r"amanhã", r"depois de amanhã", r"em \d+ dias"),
    numbers=(r"uma", r"duas", r"três", r"quatro"),
    weeks_from_today=(r"(?:daqui a|dentro de|em) {n} semanas?",),
    month_end=(r"(?:o |no )?(?:fim|final) d[oe](?: este)? mês",),
    week_numbers=(r"semana {n}",),
    approximate=(
        r"cerca de", r"por volta d[aoe]", r"mais ou menos", r"lá para", r"aproximadamente",
        r"ou duas", r"ou três", r"ou mais tarde",
    ),
    week_end=(
        r"(?:o |no )?(?:fim|final) d[ae]",
    ),
    proposes=(
        # a new date only with the date right after: "passar isso para sexta"; verbs that move
        # in time (not "deixar isso para segunda"), and "mudar" only for the date ("mudar para
        # 11 de dezembro", not "mudar o escopo para sexta")
        r"(?:passar|mover|jogar|empurrar|adiar|remarcar) (?:\S+ ){1,3}?(?:para|pra|pro)",
        r"mud(?:ar|amos|e)(?: (?:isso|isto|a data|o prazo|a entrega|o dia))? (?:para|pra|pro)",
        # a date offered in its place: "que tal dia 11?", "o que acha de sexta?"
        r"que tal", r"o que (?:acha|acham|achas|acharia|achariam) (?:de|do|da)",
        r"coloca(?:m)?", r"bota",
    ),
    moves=(r"mover", r"passar para", r"transferir para"),
    both=(r"ambos", r"ambas", r"[oa]s d(?:ois|uas)",),
    passive=(r"foi", r"foram", r"está", r"estão", r"ficou", r"fica", r"tem sido"),
    step_objects=(
        r"isso", r"isto",
        r"(?:esta|essa|a|a nossa|nossa) (?:etapa|tarefa|data|revisão|parte|assinatura|entrega)",
        r"(?:este|esse|o) (?:prazo|marco|passo)",
    ),
    to_places=(r"para", r"pra", r"pro"),
    on_days=(r"no", r"na", r"em"),
    new_date_to=(r"para", r"pra", r"pro", r"até"),
    reason_clauses=(
        r"porque", r"então", r"por isso", r"portanto", r"pois", r"já que", r"visto que",
        r"uma vez que", r"dado que", r"quando", r"enquanto", r"embora", r"assim que",
    ),
    no_findings=(
        r"nenhum (?:ponto|apontamento|problema)(?: crítico)?",
        r"sem (?:apontamentos|ressalvas|pendências)",
        r"nenhum achado(?: crítico)?",
        r"sem achados(?: críticos)?",
        r"tudo verde",
        r"não houve reparos",
        r"sem reparos",
    ),
    delay_reasons=(
        r"não (?:é|será|vai ser) (?:realista|viável|possível)", r"(?:férias|feriado|festas|doente)",
        r"sobrecarregad[oa]s?",
    ),
    needs_time=(
        # the date will not be made: "we won't make it by Friday"
        r"não (?:vamos|vou) conseguir", r"não (?:dá|vai dar) tempo",
        r"precis(?:amos|o|aremos|aríamos) (?:\S+ ){0,4}?(?:tempo|dias|semanas)", r"mais tempo",
        r"mais prazo",
        r"(?:atrasad[oa]s?|com atraso)",
    ),
    events=(
        r"chamadas?", r"ligaç(?:ão|ões)", r"reuni(?:ão|ões)", r"calls?", r"demos?",
        r"sess(?:ão|ões)", r"apresentaç(?:ão|ões)", r"workshops?",
        r"kick-?offs?",
    ),
    copies=(
        r"em cópia", r"em copia", r"em cc", r"cc", r"copiad[oa]",
    ),
    owner_pronouns=(r"o", r"a", r"ele", r"ela", r"lo", r"la"),
    keeps_owner=(
        # a purpose in the subjunctive: "passei para tom@, que ele revise"
        r"que (?:\S+ ){0,2}?(?:revise|olhe|valide|aprove|confira|comente|opine|dê uma olhada)",
        r"para (?:(?:uma|um|sua|seu) )?(?:(?:segunda|rápida|última) )?(?:opinião|revisão|revisar|"
        r"validação|validar|aprovação|aprovar|análise|analisar|avaliação|avaliar|informação|"
        r"conhecimento|ciência|comentários?|feedback|olhada|conferir|verificar|parecer|visto)",
        r"(?:para|pra) (?:que )?(?:ele|ela) (?:\S+ ){0,3}?(?:revis(?:e|ar)|olh(?:e|ar)|dê|dar|"
        r"valid(?:e|ar)|aprov(?:e|ar)|opin(?:e|ar)|confir(?:a|ir)|coment(?:e|ar)|avali(?:e|ar))",
        r"(?:para|pra) (?:dar uma olhada|revisar|opinar|validar|conferir)",
        r"fyi", r"segunda opinião", r"para sua informação",
        r"continuo (?:sendo )?(?:o |a )?responsável",
        r"fica comigo",
        r"continua comigo",
    ),
    purpose=(
        r"para", r"pra", r"a fim de",
    ),
    copulas=(
        r"é", r"são", r"será", r"vai ser",
    ),
    leads_to=(
        r"então", r"entao", r"e", r"portanto", r"logo", r"por isso", r"assim", r"ou seja",
        r"já", r"ja", r"está", r"esta", r"tudo", r"com isso",
    ),
    apologies=(
        r"desculpa", r"desculpe", r"desculpas", r"perdão", r"perdao", r"foi mal",
        r"(?:desculpa|desculpe|foi mal|perdão)(?: pela| a)? (?:demora|atraso)",
        r"esqueci(?:-me)? de (?:avisar|informar|responder|dizer)",
        r"peço (?:imensa |mil |muitas )?desculpas?",
        r"sinto muito",
        r"desculpa a demora",
    ),
    asides=(
        r"como (?:combinado|combinamos|falado|falamos|conversado|conversamos|acordado|previsto|"
        r"prometido|esperado|sempre|pedido|solicitado|mencionado|dito|de costume)",
        r"conforme (?:combinado|combinamos|falado|conversado|acordado|previsto|prometido|pedido|"
        r"solicitado)",
        r"não tem muito (?:o )?que dizer",
        r"não se preocupe",
        r"sem bloqueios",
        r"o mais importante",
        r"quase esqueci",
        r"como (?:eu )?(?:disse|falei|comentei) no (?:último|meu último) (?:e-?mail|email)",
        r"(?:rapidinho )?entre (?:reuniões|calls|meetings)",
        r"rapidinho",
        r"não precisa fazer nada",
    ),
    for_good=(
        r"daqui (?:pra|para) (?:a )?frente", r"a partir de agora", r"a partir de hoje",
        r"de agora em diante", r"definitivamente",
    ),
    stand_in=(
        r"férias", r"ausente", r"fora do escritório", r"de licença", r"urgentes?", r"urgências?",
        r"na minha ausência", r"me substitui",
    ),
    vague_days=(
        r"semana que vem", r"próxima semana", r"mês que vem",
        r"mais tarde", r"em breve",
    ),
    # an amount a date moves by (mail/amounts.py): "uma semana", "mais dois dias"
    counts=(r"um|uma|outra|outro", r"dois|duas", r"três", r"quatro", r"cinco", r"seis"),
    week_units=(r"semanas?",),
    day_units=(r"dias?(?: [uú]teis)?",),
    month_units=(r"m[eê]s(?:es)?",),
    more=(r"mais", r"outra", r"outro", r"prorrogação", r"extensão"),
    later=(r"mais tarde", r"depois"),
    given=(r"ter", r"termos", r"dar\w*", r"dá", r"dão", r"conseg\w*", r"ganh\w*", r"conced\w*"),
    possible=(r"possível", r"viável", r"ok"),
    earlier=(r"antecip\w*", r"antes", r"mais cedo"),
    needs=(r"precis\w*",),
    since_today=(r"em", r"daqui a", r"dentro de", r"há"),
    ranges=(r"ou",),
)
# fmt: on
