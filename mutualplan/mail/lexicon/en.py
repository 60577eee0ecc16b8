"""English."""

from mutualplan.mail.lexicon import Lexicon

# fmt: off
LEXICON = Lexicon(
    code="en",
    name="English",
    done=(
        r"nothing (?:left|more) to do(?: here| on (?:our|my) (?:side|end)| on (?:this|it))?",
        r"(?:it'?s|that'?s|that one'?s|this one'?s) in the bag",
        r"tick (?:it|this|that)(?: one)? off",
        r"consider (?:it|this|that)(?: one)? (?:closed|done|complete|completed|finished)",
        r"nothing (?:left|open|outstanding|pending)(?: to do)? (?:on|from) (?:our|my) (?:side|end)",
        r"(?:wrapped|ticked|signed|closed) (?:it|this|that)(?: one)? (?:up|off|out)",
        r"close (?:(?:it|this|that)(?: one)? )?out",
        r"done", r"complete", r"completed", r"finished", r"signed off", r"sorted",
        r"taken care of", r"wrapped up", r"closed out", r"ticked off", r"all good to go",
        r"done (?:and|&) dusted", r"consider it done", r"mission accomplished", r"✅",
        r"(?:mark|set) (?:it|this|that)(?: one| step)? (?:as )?closed",
        r"(?:you can |please |feel free to )close (?:it|this|that)(?: one| step)?(?: out| off)?",
    ),
    # the step's thing went out (sent, submitted, signed): done, asked about; not
    # "approved", which in a draft approves the plan (a person's to read)
    handed_in=(
        r"sent(?: (?:it|this|that|them))?(?: (?:over|back|across|off))?", r"submitted",
        r"uploaded", r"signed", r"countersigned", r"delivered", r"returned",
        r"filled (?:(?:it|this|that) )?(?:out|in)",
    ),
    idioms=(
        r"move on", r"moving on", r"moved on",
        r"done deal", r"well done", r"get (?:it|this|things) done", r"getting (?:it|this) done",
        r"what done (?:looks|means)", r"definition of done", r"done means",
    ),
    mark=(
        r"close (?:it|this|that) one(?: out)?",
        r"mark(?:ed|ing)?", r"tick(?:ed)? off", r"set (?:it|this) to",
        r"close (?:it|this)(?: out)?",
    ),
    fillers=(
        r"(?:in|im|en|no|na|nel|op|dans|auf) (?:servicenow|coupa|jira|ariba|onetrust|archer|vanta"
        r"|drata|sharepoint|confluence|whistic)",
        r"(?:\S+ ){1,3}?(?:has |had )?asked me to (?:let you know|inform you|tell you|confirm)"
        r"(?: that)?",
        # a formal lead-in: "I am pleased to confirm that ..."
        r"(?:i|we)(?: am| are|'m|'re)? (?:pleased|happy|glad) to "
        r"(?:confirm|report|let you know|inform you)(?: that)?",
        r"(?:i|we) can confirm(?: that)?",
        # when, to the part of the day: "done yesterday afternoon"
        r"yesterday (?:morning|afternoon|evening)", r"last night", r"this evening",
        r"earlier today", r"(?:today|yesterday) itself",
        r"one's", r"this one's", r"that one's", r"sorry", r"all good", r"you can",
        r"yes", r"yep", r"yeah", r"yup", r"ok", r"okay", r"k", r"great", r"good", r"perfect",
        r"cool", r"sure", r"excellent", r"awesome", r"good news", r"great news", r"update",
        r"thanks?", r"thank you", r"thx", r"ty", r"cheers", r"many thanks", r"please", r"pls",
        r"plz", r"kindly", r"all", r"it", r"it's", r"its", r"this", r"that", r"that's", r"this's",
        r"is", r"are", r"was", r"were", r"has", r"have", r"had", r"been", r"we", r"we're",
        r"we've", r"i", r"i've", r"i'm", r"am", r"now", r"already", r"finally", r"just", r"today",
        r"yesterday", r"this morning", r"this afternoon", r"earlier", r"here", r"there",
        r"on (?:our|my) (?:side|end)", r"from (?:our|my) (?:side|end)", r"from us", r"the",
        r"step", r"task", r"item", r"milestone", r"one", r"with", r"everything", r"all of it",
        r"as requested", r"as agreed", r"as discussed", r"fully", r"officially", r"completely",
        r"totally", r"well", r"so", r"mark", r"marked", r"marking", r"set", r"as", r"you can",
        r"can you", r"could you", r"would you", r"go ahead and", r"and", r"also", r"too", r"👍",
        r"on", r"of", r"plan", r"overall", r"so far", r"currently", r"at the moment",
        r"right now", r"these", r"those", r"them", r"emails?", r"messages?", r"still",
        r"unfortunately", r"sadly", r"again", r"about",
        r"to",
        r"(?:i|we) (?:hereby )?confirm(?: that)?",
        r"(?:i'm |i am |we're |we are )?happy to report(?: that)?",
        r"(?:just )?closing the loop",
        r"(?:and )?(?:approved|signed off|validated) by (?:our|my|the) "
        r"(?:team|ciso|security team|infosec team)",
        r"by (?:our|my|the) (?:team|ciso|security team|infosec team)",
        r"therefore",
        r"thus",
        r"hence",
        r"with that",
        r"so",
        r"(?:i )?hate to say (?:it|this)",
        r"(?:review|step|one|that|this|it)'s",
    ),
    articles=(
        r"the", r"a", r"an", r"this", r"that", r"our", r"your", r"my", r"their", r"its", r"his",
        r"her",
    ),
    acknowledgements=(
        r"ok", r"okay", r"k", r"great", r"perfect", r"cool", r"noted", r"got it", r"understood",
        r"sounds good", r"will do", r"sure", r"fine", r"alright", r"all right", r"excellent",
        r"awesome", r"nice", r"good",
        r"please",
    ),
    negations=(
        # nobody did it: "Nobody finished the review"
        r"nobody", r"no one", r"no-one", r"noone", r"hardly", r"barely", r"scarcely",
        r"not", r"no", r"nope", r"never", r"nothing", r"none", r"neither", r"nor", r"yet",
        r"\w+n't", r"cannot", r"dont", r"doesnt", r"didnt", r"isnt", r"arent", r"wasnt",
        r"werent", r"havent", r"hasnt", r"hadnt", r"wont", r"cant", r"couldnt", r"wouldnt",
        r"no longer", r"❌", r"👎",
    ),
    hedges=(
        r"i think", r"i believe", r"i guess", r"i suppose", r"i assume", r"i hope", r"hopefully",
        r"think", r"believe", r"probably", r"maybe", r"perhaps", r"possibly", r"likely",
        r"should", r"might", r"may (?:be|have|need|want)", r"could be", r"seems?", r"apparently",
        r"basically", r"pretty much", r"more or less", r"kind of", r"sort of", r"kinda", r"sorta",
        r"not sure", r"unsure", r"afaik", r"if i'm not mistaken", r"i'd say", r"guess",
        # how sure, short of sure: "pretty sure it's done", "I'm fairly sure", "90% sure"
        r"(?:pretty|fairly|quite|reasonably|almost|nearly|\d{1,3} ?%) (?:sure|certain|confident)",
        r"i think so", r"i believe so", r"i guess so", r"i suppose so", r"i hope so",
        r"i'd (?:think|assume|imagine|guess)", r"i would (?:think|say|assume|imagine|guess)",
        r"i reckon", r"reckon", r"presumably", r"supposedly", r"most likely",
        r"as far as i (?:know|can tell|am aware)", r"to (?:my|the best of my) knowledge",
        r"in (?:principle|theory)", r"technically", r"theoretically",
    ),
    hedged_yes=(
        r"i think so", r"i believe so", r"i guess so", r"i suppose so", r"i hope so",
        r"think so", r"believe so", r"i'd (?:think|say|guess) so", r"i would (?:think|say) so",
        r"(?:pretty|fairly|quite|reasonably|almost|nearly) (?:sure|certain|confident)",
        r"probably", r"most likely", r"probably yes",
    ),
    partial=(
        r"almost", r"nearly", r"half", r"halfway", r"partly", r"partially", r"mostly", r"most of",
        r"part of", r"some of", r"first part", r"not quite", r"not fully", r"close to",
        r"about to", r"just about", r"getting there", r"in progress", r"ongoing", r"underway",
        r"under way", r"started", r"starting", r"begun", r"working on", r"except", r"apart from",
        r"other than", r"but for", r"remaining", r"rest of", r"\d+ ?%", r"only",
        # "without objections" says it went well: no part is left out
        r"without(?! (?:any |a single )?(?:issues?|problems?|findings?|objections?|remarks?"
        r"|comments?|reservations?|concerns?|exceptions?|conditions?|hiccups?|incidents?)\b)",
    ),
    pending=(
        r"will", r"\w+'ll", r"going to", r"gonna", r"once", r"when", r"as soon as", r"after",
        r"if", r"unless", r"tomorrow", r"later", r"soon", r"shortly", r"tonight", r"next week",
        r"by (?:then|eod|end|the end|monday|tuesday|wednesday|thursday|friday)",
        r"expect(?:ed|ing)?", r"hope to", r"plan(?:ning)? to", r"aim(?:ing)? to", r"would",
        r"\w+'d", r"need to", r"needs to", r"have to", r"has to", r"must", r"to be",
        r"let you know", r"will confirm", r"reply",
    ),
    conditions=(r"if", r"unless", r"in case", r"provided", r"assuming", r"once", r"when"),
    contrast=(
        r"but", r"however", r"though", r"although", r"except", r"still", r"only", r"yet", r"not",
        r"no", r"\w+n't", r"pending", r"waiting", r"missing", r"remaining", r"outstanding",
        r"left", r"open",
    ),
    # an auxiliary asks only before its subject: "Is this done" asks, "Is klaar" (Dutch) does not
    question_openers=(
        r"(?:is|are|am|was|were|do|does|did|has|have|had|can|could|will|would|should|shall|may|"
        r"might)(?= (?:it|this|that|these|we|you|they|he|she|i|the|there|everything|all|our|"
        r"your|legal|anyone|someone)\b)",
        r"what", r"what's", r"whats", r"who", r"who's", r"whom", r"whose", r"why", r"when",
        r"where", r"where's", r"how", r"how's", r"which", r"isn't", r"aren't", r"didn't",
        r"hasn't", r"haven't", r"doesn't", r"won't", r"any chance",
    ),
    question_words=(
        r"what", r"who", r"whom", r"whose", r"why", r"when", r"where", r"how", r"which",
    ),
    requests=(
        r"can we", r"could we", r"can you", r"could you", r"would you", r"will you", r"can i",
        r"could i", r"may we", r"may i", r"would it be possible", r"is it possible",
        r"is it ok(?:ay)?", r"would it be ok(?:ay)?", r"shall we", r"let's", r"lets", r"please",
        r"pls", r"kindly", r"would you mind", r"any chance (?:we|you) (?:can|could)",
        r"would you be so kind as to", r"give (?:us|me)",
        # asked in the passive: "Can this be moved to the 18th?", "Could the deadline be pushed?"
        r"(?:can|could|may|might)(?: \S+){1,3}? be",
        # with the passive it asks for: "... if the deadline could be moved to ..."
        r"i(?:'d| would) be (?:very |most )?(?:grateful|thankful) if(?: (?:\S+ ){0,8}?"
        r"(?:could|can|might) be)?",
        r"i(?:'d| would) appreciate it if",
    ),
    tag_questions=(
        r"right", r"correct", r"ok(?:ay)?", r"yes", r"no", r"isn't it", r"aren't we", r"agreed",
    ),
    blocked=(
        r"(?:have|need) to (?:pause|stop|put (?:this|it) on hold)(?: here)?",
        r"(?:can't|cannot) proceed",
        r"blocked", r"stuck", r"on hold", r"held up", r"stalled", r"paused", r"on pause",
        r"halted", r"blocker", r"frozen",
        r"(?:can't|cannot|can not|unable to) (?:move forward|proceed|progress|go any further)",
    ),
    resolved=(
        r"sorted(?: out)?", r"resolved", r"fixed", r"cleared up", r"unblocked",
        r"no longer (?:blocked|stuck)", r"not (?:blocked|stuck) any ?more",
        r"(?:fine|ok|okay|good) now", r"back on track", r"figured (?:it )?out",
        r"(?:it |they |that |the \w+ )?(?:arrived|came in|came through|has arrived|is in now)",
    ),
    updates=(
        r"(?:a )?(?:quick |short |small |brief )?(?:status )?update",
        r"progress report",
        r"where we are",
        r"(?:a )?(?:quick |short |small |brief )?update for the record",
        r"for the record",
        r"just flagging(?: it)?(?: so it's on the plan)?",
    ),
    stop_mail=(
        r"stop (?:sending|emailing|spamming)",
        r"unsubscribe",
        r"no more (?:reminders|emails)",
        r"(?:take|remove) me off",
    ),
    hands=(
        r"hand(?:ing|ed|s)?(?: over| off)?",
        r"pass(?:ing|ed|es)?(?: on| over)?",
        r"transfer(?:ring|red|s)?",
        r"delegat(?:e|ed|ing|es)",
        r"(?:re-?)?assign(?:ing|ed|s)?",
        r"giv(?:e|ing)",
    ),
    date_kept=(
        r"no change (?:to|on|in|with) (?:the )?(?:timeline|date|due date|deadline|schedule|timing)",
        r"(?:the )?(?:date|due date|deadline|timeline) (?:stays|stands|holds|remains|is unchanged)",
        r"no need to (?:move|change|push|shift) (?:it|the date|the deadline|anything)",
        # "but let's keep the 4th", "we'll stick with the original deadline"
        r"(?:let'?s|we'?ll|we will|i'?d rather|better to) (?:keep|stick (?:to|with)|stay with) "
        r"(?:the )?(?:\d{1,2}(?:st|nd|rd|th)?|original|current|existing|same|(?:due )?date"
        r"|deadline)",
    ),
    this_step=(r"(?:this|the) (?:task|step|item|one|action item)",),
    hands_to=(
        r"(?:over |off |on )?to",
    ),
    approved=(
        r"approved",
        r"green-?lit",
        r"cleared",
    ),
    by_the_way=(
        r"btw",
        r"by the way",
        r"on another note",
        r"unrelated",
        r"side note",
        r"separately",
        r"also,? quick question",
    ),
    retracts=(
        r"my (?:mistake|bad)", r"scratch that", r"ignore (?:that|my last)", r"disregard",
        r"correction:", r"(?:sent|replied) (?:this |that )?by mistake",
        r"wrong (?:email|thread|step|milestone)",
        r"meant for (?:the |another |a different |an ?other )?(?:\S+ )?(?:thread|email|chain"
        r"|conversation|deal|step)",
        r"please ignore",
        r"ignore (?:this|it)(?: one| email)?[.!]",
    ),
    agreed_first=(
        r"before i (?:\S+ ){0,2}?(?:change|commit|update|move|adjust|lock)",
        r"once you(?:'ve)? (?:confirm|agree|approve|ok)",
        r"(?:then|and) i(?:'ll| will| can) (?:change|update|adjust|move) (?:it|the date|that|this)",
        r"let me know if (?:that|this|it) works(?: for you)?,? (?:and|before|then)",
        r"(?:it's |it is )?(?:your call|up to you)",
        r"if you (?:prefer|want|like|'d like|would like)",
    ),
    unrelated=(
        r"(?:has |is )?nothing to do with",
        r"(?:un|not )related to",
        r"has no bearing on",
        r"not about (?:your|the|this|our)",
    ),
    took_long=(
        r"(?:it |this |that )?took (?:forever|ages|a while|a long time|longer than (?:expected"
        r"|planned|we hoped)|some time|(?:a lot of|lots of) (?:back and forth|effort|work)|(?:a"
        r" few|two|three|several) rounds)[^.!?\n]{0,60}?,? but",
        r"(?:it's|it has|it) been a (?:long|tough|rough|hard|slog|marathon)[^.!?\n]{0,60}?,? but",
        r"(?:it was|that was) (?:a slog|painful|a marathon|a long one|hard work)[^.!?\n]{0,60}?,?"
        r" but",
    ),
    misdirected=(
        r"wrong (?:email|thread|chain|recipient|person|address|reply|list)",
        r"meant for (?:the |another |a different |an ?other )?(?:\S+ )?(?:thread|email|chain"
        r"|conversation|deal|planning|team|person)",
        r"sent (?:this |that )?to the wrong",
    ),
    concluding=(
        r"anyway",
        r"so",
        r"so yes",
        r"so yeah",
        r"in short",
        r"long story short",
        r"bottom line",
        r"all in all",
        r"therefore",
        r"which means",
    ),
    not_blocking=(
        r"(?:does not|doesn't|won't|will not) affect (?:the |our |this )?(?:security )?"
        r"(?:review|step|timeline|schedule|this)",
        r"(?:is|are|remains?) (?:not affected|unaffected)",
        r"not (?:a )?block(?:ing|er)",
        r"non-?blocking",
        r"(?:does not|doesn't|won't|will not) block",
        r"nothing (?:critical|blocking|major)",
        r"(?:does not|doesn't|won't|will not) affect (?:the )?(?:approval|sign-?off|go-?live"
        r"|result)",
    ),
    gone_days=(
        r"(?:last|since|this past) (?:mon|tues|wednes|thurs|fri|satur|sun)day",
        r"last week",
        r"over the weekend",
    ),
    note_that=(
        r"(?:please|kindly) note(?: that)?",
        r"(?:just )?(?:noting|for the record,?) that",
    ),
    nagged=(
        r"reminders?",
        r"nudges?",
        r"(?:these|your) (?:emails|mails|messages)",
        r"stop sending",
    ),
    not_mine=(
        r"(?:this|it) is no longer (?:mine|with me|on my (?:plate|desk))",
        r"i(?:'m| am) no longer (?:handling|on|responsible for|in charge of|the owner of) (?:this"
        r"|it)",
        r"not my (?:area|responsibility) any ?more",
        r"not my step any ?more",
    ),
    good_news=(
        r"(?:and )?(?:now )?the good (?:news|one|part)(?: is)?",
    ),
    bad_news=(
        r"(?:the )?bad news(?: first| is)?",
        r"the bad (?:one|part)",
    ),
    own_wait=(
        r"on hold with", r"on hold (?:on|over) the phone",
        r"stuck in (?:traffic|a meeting|meetings|the airport|an airport|a queue|line)",
        r"(?:waiting|wait) (?:for|on) (?:a|the|my|our) "
        r"(?:train|bus|flight|plane|taxi|cab|uber|connection)",
        r"in (?:the )?waiting room",
        r"blocked (?:out )?(?:\S+ ){0,3}?(?:in|on) (?:my|our|the) (?:calendar|agenda|diary)",
        r"blocked (?:out )?(?:some |an? |the )?(?:time|slot|hour|afternoon|morning)",
        r"blocked (?:off |out )?(?:my|our|the) (?:calendar|agenda|diary)",
    ),
    waiting=(
        r"waiting (?:on|for)", r"awaiting", r"we(?:'re| are)? (?:still )?wait(?:ing)? (?:on|for)",
        r"pending",
        r"(?:can't|cant|cannot|can not|won't be able to|wont be able to|unable to|not able to)"
        r" (?:\S+ ){0,6}?"
        r"(?:until|till|before|without)",
        r"depend(?:s|ing)? on",
    ),
    reasons=(
        r"on", r"by", r"from", r"with", r"due to", r"because of", r"because",
        r"until", r"till", r"pending", r"since", r"for", r"as", r"at",
    ),
    reschedule=(
        r"update the (?:due )?date",
        r"update the deadline",
        r"put (?:us|it|this) down for",
        r"move", r"moving", r"moved", r"push", r"pushing", r"pushed", r"postpone", r"postponing",
        r"postponed", r"re-?schedule", r"rescheduling", r"rescheduled", r"delay", r"delaying",
        r"shift", r"shifting", r"bump", r"extend", r"extending", r"new (?:due )?date",
        r"due date", r"change the (?:due )?date", r"instead",
        r"(?:need|needs|have|get|give (?:us|me)|take)(?: \S+){0,4}? (?:until|till|til|through)",
        r"new deadline",
        r"new target(?: date)?",
        r"bring (?:it |this |that |the deadline |the date )?forward",
        r"(?:change|update|set|adjust|move) (?:the )?(?:due date|date|deadline|target date)(?:"
        r" to)?",
    ),
    reassign=(
        r"(?:set|make|put|treat|list|add|mark|name|assign|record|have|keep) (?:\S+ ){1,3}?as"
        r" (?:the )?(?:new )?(?:owner|person responsible) (?:of|for) (?:this|the)"
        r" (?:step|task|item|milestone)",
        r"route (?:this|it) to",
        r"make \S+ (?:the )?(?:new )?owner",
        r"(?:is )?(?:your|the) new (?:contact|point of contact)",
        r"(?:has|have|'s|'ve) taken (?:this |it )?over",

        r"(?:send|direct|address) (?:all )?(?:future |further )?"
        r"(?:reminders|emails|updates|questions)(?: \S+){0,3}? to",
        r"takes? (?:this|it) over",
        r"(?:switch|change|set|update|move) (?:the )?owner(?:ship)?(?: of (?:it|this))? to",
        r"(?:re-?)?assign(?:ed|ing)?(?: it| this)?(?: over)? to", r"re-?assign",
        r"hand(?:ing|ed)?(?: this| it)?(?: over| off)", r"hand(?:ing|ed)? (?:this|it) to",
        r"pass(?:ing|ed)?(?: this| it)?(?: on| over)? to",
        r"transfer(?:ring|red)?(?: this| it)? to", r"delegat(?:e|ed|ing)(?: this| it)? to",
        r"(?:will|'ll|can|is going to|is gonna) (?:take|own|handle|drive|pick up)"
        r"(?: this| it| over)?",
        r"(?:is )?taking (?:this |it )?over", r"takes? (?:this |it )?over", r"owns? (?:this|it)",
        r"(?:is taking|takes) (?:this|it) from (?:now on|here(?: on)?|today)",
        r"is (?:now )?(?:the )?(?:new )?owner", r"new owner",
        r"is (?:now )?(?:responsible|in charge)",
        r"is (?:handling|driving|taking care of|owning) (?:this|it)", r"over to",
    ),
    # names someone else as the right person: the handover is asked about
    reported=(
        r"asked (?:me |us |them |him |her )?(?:whether|if)", r"wanted to know (?:whether|if)",
        r"was asking (?:whether|if)",
        r"(?<!\bi )(?<!\bwe )asked (?:me |us |them )?to",
    ),
    answer_later=(
        r"(?:i'll|i will|will) (?:reply|answer|respond|write|get back(?: to you)?)(?: \S+){0,2}? "
        r"(?:later|soon|shortly|in a bit|tomorrow)",
        r"(?:i'll|i will|will) get back to you",
    ),
    sarcasm=(r"oh sure", r"yeah,? right", r"as if", r"just like the last (?:\w+ )?times?",
        r"(?:joking|kidding) aside",
        r"(?:but )?seriously(?: though)?",
        r"just kidding",
        r"jk",
        r"irony",
        r"ironic(?:ally)?",
        r"sarcasm",
    ),
    suggests_owner=(
        # "Priya is the right person for this", "I'm not the right person - try priya@"
        r"is the (?:right|best|correct) (?:person|contact|owner)",
        r"(?:i'm|i am) not the (?:right|best|correct) (?:person|contact|owner)",
        # "I'm no longer with Globex, please contact sam@"
        r"(?:please )?(?:contact|reach out to|get in touch with|speak to|talk to)(?! (?:me|us)\b)",
    ),
    status=(
        r"where (?:this|it|things) stands?",
        r"what(?:'s| is) (?:still )?(?:open|left|outstanding|pending|missing)"
        r"(?: (?:for|on) (?:us|me|our (?:side|end)))?(?: to do)?",
        r"status(?: update| report)?",
        r"(?:what's|whats|what is) the (?:current |latest )?(?:status|state|progress|situation)",
        r"where (?:are|do) we(?: stand| at)?", r"where are things", r"where is the plan",
        r"any (?:news|updates?|progress)", r"(?:an? )?update", r"progress",
        r"how (?:are|is) (?:we|it|things|the plan|everything) (?:doing|going|looking)",
        r"how's it going",
        r"where does the (?:overall |whole )?plan stand",
        r"(?:a )?summary of where (?:we|things) (?:are|stand)",
    ),
    help=(
        r"what are my (?:options|choices)",
        r"what (?:else )?can i (?:write|reply|answer)(?: back)?",
        r"how does this thing work",
        r"what am i (?:supposed|meant|expected) to (?:reply|write|answer|say|do)",
        r"help", r"how (?:do|can|should|would) i (?:answer|reply|respond|use|write)",
        r"what (?:can|should|do|must) i (?:need to |have to )?"
        r"(?:reply|write|answer|say|send)(?: here)?",
        r"how does (?:this|it) work",
        r"what are the (?:commands|options)", r"which (?:commands|words)", r"what can i do",
        r"instructions",
        r"how does this work(?: exactly)?",
        r"how (?:do|can|should) i (?:reassign|hand over|change|move|update|mark|postpone)(?:"
        r" \S+){0,8}",
    ),
    plan_words=(
        r"(?:overall |whole |entire |rollout |project )?plan",
        r"milestones?",
        r"(?:other |remaining )?steps",
        r"project",
    ),
    state_words=(
        r"where are we",
        r"stand(?:s|ing)?",
        r"status",
        r"state",
        r"progress",
        r"open",
        r"outstanding",
        r"left",
        r"remaining",
        r"pending",
        r"on track",
    ),
    reply_verbs=(
        r"reply",
        r"answer",
        r"respond",
        r"write back",
    ),
    i_should=(
        r"(?:should|do|can|must|shall) i",
        r"am i (?:supposed|meant|expected) to",
        r"i (?:need|have) to",
    ),
    question_asides=(
        r"(?:with|on|for) the (?:whole |overall )?plan",
        r"here", r"actually", r"quick question", r"(?:on|with|about) (?:this|that|it)", r"so",
        r"again",
        r"(?:with|on|for|of) (?:the|our|this) (?:whole |overall |entire )?(?:plan|deal|project)",
        r"overall",
        r"in general",
        r"as a whole",
        r"(?:to|on) (?:these|this|the) (?:emails?|messages?)",
        # what the answer is for: "to update the step", "to these \"Your turn\" emails"
        r"to (?:these|this|the) \W?your turn\W? (?:emails?|messages?)",
        r"(?:in order )?to (?:update|close|change|move) (?:the|this|my) (?:step|milestone|task)",
        r"(?:besides|other than|apart from|except(?: for)?) \W?\s?\w+\s?\W?",
        r"somewhere",
        r"exactly",
    ),
    note=(
        r"(?:fyi )?for the plan",
        r"(?:a )?(?:quick |short )?note (?:for|on) the plan",
        r"note", r"fyi", r"heads up", r"for your information", r"just so you know", r"comment",
        r"info",
    ),
    note_words=(
        r"notes?",
        r"for the record",
        r"on record",
        r"record",
    ),
    note_asks=(
        r"add",
        r"put",
        r"log",
        r"record",
        r"keep",
        r"please",
        r"plan",
        r"step",
        r"milestone",
    ),
    note_that_opens=(r"that",),
    pointers=(
        r"see (?:below|above|attached|attachment|the attachment|thread below)",
        r"see the (?:thread|email|mail|message|note) below",
        r"below", r"attached", r"as below", r"forwarding", r"fwd",
    ),
    greetings=(
        r"hi", r"hello", r"hey", r"dear", r"good (?:morning|afternoon|evening)", r"morning",
        r"greetings",
    ),
    pleasantries=(
        r"(?:so )?(?:sorry|apologies) for (?:the|my|this) (?:slow|late|delayed) "
        r"(?:reply|response|answer)",
        r"(?:i )?hope (?:you|you're|u|all|everyone|your|this|things|"
        r"the (?:week|weekend|trip|holidays))",
        r"(?:i )?trust (?:you|all|this)", r"how (?:are|r) (?:you|u|things)",
        r"how was (?:your|the)",
        r"happy (?:monday|tuesday|wednesday|thursday|friday|new year|holidays)",
        r"(?:it was )?(?:great|good|nice|lovely) (?:to (?:see|meet|speak|talk|catch up)|talking|"
        r"seeing|meeting|speaking)",
    ),
    thanks=(
        r"thanks? (?:again|once more)", r"thanks?", r"thank you", r"thx", r"ty", r"cheers",
        r"many thanks", r"appreciate(?:d)?",
    ),
    sign_offs=(
        r"best", r"best regards", r"kind regards", r"warm regards", r"warmest regards",
        r"regards", r"best wishes", r"all the best", r"cheers", r"sincerely", r"yours",
        r"yours truly", r"talk soon", r"speak soon", r"br", r"kr", r"take care",
        r"many thanks", r"thanks", r"thank you", r"thx",
        r"have a (?:good|great|nice|lovely) (?:day|week|weekend|evening)"
        r"(?: (?:everyone|all|guys|team|y'all))?",
    ),
    yes=(
        r"yes", r"yep", r"yeah", r"yup", r"yes please",
        # consent: how people say yes to a question ("Did you mean ...?")
        r"do it", r"go ahead", r"please do", r"that'?s right", r"that is right", r"correct",
        r"exactly", r"that'?s (?:it|what i meant)", r"sounds right", r"absolutely",
        r"of course", r"sure thing", r"indeed",
    ),
    months=(
        r"jan(?:uary)?", r"feb(?:ruary)?", r"mar(?:ch)?", r"apr(?:il)?", r"may", r"june?",
        r"july?", r"aug(?:ust)?", r"sep(?:t|tember)?", r"oct(?:ober)?", r"nov(?:ember)?",
        r"dec(?:ember)?",
    ),
    after_next=(r"after next",),
    next_week=(r"next week",),
    weekdays=(
        r"mon(?:day)?", r"tue(?:s|sday)?", r"wed(?:nesday)?", r"thu(?:r|rs|rsday)?",
        r"fri(?:day)?", r"sat(?:urday)?", r"sun(?:day)?",
    ),
    next_weekday=(r"next",),
    day_only=(r"(?:the )?\d{1,2}(?:st|nd|rd|th)",),
    day_words=(
        "", "", "", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
        "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
        "eighteenth", "nineteenth", "twentieth", *(f"twenty[- ]?{n}" for n in ("first", "second",
        "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")), "thirtieth",
        "thirty[- ]?first",
    ),
    relative_days=(
        r"today", r"tomorrow", r"the day after tomorrow", r"in \d+ days",
        r"in (?:two|three|four|five) days",
    ),
    numbers=(r"one|a", r"two", r"three", r"four"),
    weeks_from_today=(r"in {n} weeks?(?: from (?:today|now))?", r"{n} weeks? from (?:today|now)"),
    month_end=(r"(?:the )?end of (?:the|this) month", r"month-?end"),
    week_numbers=(r"(?:calendar )?week {n}", r"cw ?{n}", r"wk ?{n}"),
    approximate=(
        r"about", r"around", r"roughly", r"approximately", r"approx", r"circa", r"ca",
        r"sometime", r"or so", r"or two", r"or three", r"or later", r"ish", r"give or take",
    ),
    week_end=(
        r"(?:the )?end of(?: the)?",
    ),
    proposes=(
        r"call it",
        # not "make it by": "we will make it by Friday" is finishing in time, not a date asked
        r"(?:can|could|shall) we (?:say|do|make it(?! by\b)|go (?:for|with))",
        r"(?:let's|lets) (?:say|do|aim for|make it(?! by\b)|go (?:for|with))",
        r"make it(?! by\b)", r"aim for",
        # a date offered in its place: "how about the 11th?", "what about Friday instead?"
        r"how about", r"what about",
        r"(?:let's |please )?lock in",
        r"let's (?:say|go with|make it)",
    ),
    # after the date it offers: "the 18th works better for us", "Friday would suit us better"
    proposed_after=(
        r"(?:would |will )?(?:works?|suits?|be|is|'s) (?:(?:us|me) )?(?:better|best)"
        r"(?: for (?:us|me))?",
    ),
    moves=(
        r"move", r"moving", r"moved", r"push", r"pushing", r"pushed", r"shift", r"shifting",
        r"bump",
    ),
    both=(r"both",),
    passive=(
        r"(?:was|were|is|are|got|gets)(?: just| already| now| also| finally| officially)?",
        r"(?:has|have|had)(?: just| already| now| also| finally| officially)? been",
        r"(?:is|are|was|were) being", r"'s been", r"has", r"have",
    ),
    step_objects=(
        r"it", r"this", r"that", r"this one", r"that one", r"them", 
        r"(?:the|this|that|our|my|your) (?:step|task|item|milestone|deadline|due date|date|"
        r"target date|review|part|sign-?off|signature|approval|delivery|timeline|one)",
    ),
    to_places=(r"to", r"into", r"onto", r"over to"),
    past_tense=(
        r"[a-z]+ed", r"sent", r"got", r"gave", r"made", r"did", r"put", r"told", r"took",
        r"wrote", r"met", r"paid", r"ran", r"had", r"spoke", r"brought", r"left", r"built",
    ),
    verb_particles=(r"back", r"forward", r"out", r"up", r"off", r"ahead", r"along", r"again"),
    on_days=(r"on", r"at", r"by"),
    new_date_to=(r"to", r"until", r"till", r"til", r"through", r"for"),
    reason_clauses=(
        r"because(?! of)", r"'?cause(?! of)", r"cuz", r"since", r"as(?! (?:of|well|early|late)\b)",
        r"given that", r"now that", r"while",
        r"whereas", r"when", r"once", r"as soon as", r"so that", r"so", r"therefore", r"hence",
        r"although", r"though",
    ),
    no_findings=(
        r"no (?:open |blocking |critical |major |significant |further )?"
        r"(?:findings|issues|items|points|remarks|objections|concerns|comments)",
        r"nothing (?:critical|to report|major)",
        r"no findings(?: worth mentioning| of note| to report)?",
        r"zero findings",
        r"all green",
        r"nothing (?:critical|to report)",
    ),
    delay_reasons=(
        r"(?:is|are|'s|'re) (?:out|off|away|travel(?:l)?ing|on leave|on holiday|on vacation|"
        r"out sick|off sick)(?: this week| next week)?",
        r"(?:isn't|is not|not) (?:realistic|feasible|doable)", r"(?:the )?holidays",
    ),
    needs_time=(
        # the date will not be made: "we won't make it by Friday"
        r"(?:won't|will not|can't|cannot|couldn't) (?:make|meet|hit) (?:it|the date|the deadline)",
        r"(?:won't|will not) be ready", r"not (?:going to|gonna) make it",
        r"need(?:s)? (?:\S+ ){0,4}?(?:time|days|weeks)", r"(?:more|extra) time",
        r"(?:running|are|we're|i'm) (?:a bit |a little |slightly )?(?:late|behind)",
        r"take (?:a bit |a little |somewhat )?longer",
        r"(?:fallen|fell|are|we're|got) (?:a bit |a little |slightly )?behind",
    ),
    events=(
        r"calls?", r"meetings?", r"syncs?", r"demos?", r"sessions?", r"workshops?", r"kick-?offs?",
        r"catch-?ups?", r"check-?ins?", r"webinars?", r"lunch", r"dinner", r"interviews?",
        r"presentations?", r"trainings?", r"appointments?",
    ),
    copies=(
        r"cc(?:'?(?:ing|ed|d))?", r"in cc", r"(?:in|on) copy", r"copying", r"copied",
        r"loop(?:ing|ed)? in",
    ),
    owner_pronouns=(r"him", r"her", r"them"),
    keeps_owner=(
        r"\bask [^?!\n]{0,80}? (?:whether|if) (?:he|she|they)\b",
        # not "responsible for the review": that makes the owner
        r"(?<!responsible )(?<!accountable )(?<!owner )"
        r"for (?:(?:a|an|some|his|her|their|your|the|my|our) )?(?:(?:second|quick|final|further|"
        r"closer|first|another|legal|technical|sanity|fresh) )?(?:opinion|review|look|glance|"
        r"input|feedback|comments?|check|sanity check|approval|sign-?off|visibility|reference|"
        r"information|info|awareness|proofread(?:ing)?|validation|thoughts|pair of eyes|"
        r"read-?through|double-?check|advice|fyi)",
        r"to (?:review|check|look (?:at|over)|have a look|take a look|comment|weigh in|validate|"
        r"approve|proofread|double-?check|read (?:it|this|over|through)|sign off|chime in)",
        r"fyi", r"in the loop", r"a (?:quick |closer |first |second )?look",
        r"second opinion", r"second pair of eyes",
        r"stays with me",
        r"(?:i'm|i am) keeping (?:the|this|it)",
    ),
    purpose=(
        r"(?<!responsible )(?<!accountable )(?<!owner )for", r"so (?:that )?(?:he|she|they) can",
    ),
    copulas=(
        r"is", r"are", r"will be", r"'s going to be",
    ),
    leads_to=(
        r"so", r"and", r"and so", r"so now", r"and now", r"which means", r"meaning",
        r"that means", r"hence", r"therefore", r"thus", r"then", r"it's", r"it is", r"its",
        r"that's", r"that is", r"this is", r"this's", r"we're", r"we are", r"i'm", r"i am",
        r"all", r"this one's", r"that one's", r"this step is", r"the step is", r"consider it",
    ),
    apologies=(
        r"sorry", r"apologies", r"my apologies", r"apologi[sz]e", r"pardon",
        r"(?:so )?(?:sorry|apologies) (?:for|about) (?:the|my) "
        r"(?:delay|wait|late reply|slow reply|late answer)",
        r"(?:i )?forgot to (?:tell you|let you know|say|reply|update (?:you|this|the plan))",
        r"(?:i'm |i am |we're |we are )?(?:really|so|very|terribly|truly) sorry",
    ),
    asides=(
        r"as (?:agreed|discussed|promised|planned|mentioned|expected|requested|always)",
        r"not much (?:else )?to (?:say|add|report)(?: here)?",
        r"nothing (?:more|else) to (?:say|add)",
        r"no (?:more )?blockers (?:left|any ?more)",
        r"no blockers",
        r"should have led with this",
        r"(?:i )?almost forgot",
        r"most importantly",
        r"as (?:i )?(?:said|mentioned) in my (?:last|previous) (?:email|mail|message)",
        r"(?:i'm )?between (?:meetings|calls)(?:,? so brief)?",
        r"quick q(?:uestion)? before my next (?:call|meeting)",
        r"(?:typing |writing )?(?:this )?between (?:two )?(?:meetings|calls)",
        r"no action (?:needed |required )?(?:for you|on your side|from you)(?: here)?",
    ),
    for_good=(
        r"from now on", r"going forward", r"moving forward", r"permanently", r"for good",
        r"from here on(?: out)?", r"from today",
    ),
    stand_in=(
        r"out of (?:the )?office", r"ooo", r"on (?:leave|vacation|holiday|holidays|pto)", r"away",
        r"off sick", r"out sick", r"parental leave", r"urgent", r"urgently", r"emergenc(?:y|ies)",
        r"in my absence", r"while i'm (?:out|away|off)", r"until i'm back", r"covering for me",
        r"(?:i'm|i am|i'll be|i will be) (?:out|off)", r"(?:out|off) (?:next|this|until|till)",
    ),
    vague_days=(
        r"next week", r"next month",
        r"end of (?:the|next) (?:week|month)", r"later", r"soon",
    ),
    slash_month_first=True,
    # an amount a date moves by (mail/amounts.py): "push it back a week", "two more days"
    counts=(r"a|an|one|another", r"two|a couple(?: of)?", r"three", r"four", r"five", r"six"),
    week_units=(r"weeks?",),
    day_units=(r"(?:business |working |work )?days?",),
    month_units=(r"months?",),
    more=(r"more", r"extra", r"another", r"extension"),
    later=(r"later",),
    given=(
        r"get", r"have", r"take", r"give (?:us|me)", r"grant (?:us|me)", r"allow (?:us|me)",
    ),
    possible=(r"possible", r"ok(?:ay)?", r"doable", r"feasible", r"an option"),
    earlier=(
        r"forward", r"earlier", r"sooner", r"(?:move|moving|bump|bring)(?: it| this| that)? up",
    ),
    needs=(r"need\w*", r"could use"),
    since_today=(r"in", r"within", r"over", r"next"),
    since_today_after=(r"from now", r"ago"),
    ranges=(r"or", r"to"),
)
# fmt: on
