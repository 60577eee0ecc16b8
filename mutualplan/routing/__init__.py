"""The inbound router's pure core: read a message once, then decide what it does.

    facts.py     read_inbound(raw, ReadingRules) -> InboundFacts: every fact the decision needs
    decision.py  decide(facts, rules, lookups, now) -> an action (start, update, answer, set aside)
    outcomes.py  Outcome and Disposition: how a message ended, for the listener and the metrics
    answers.py   AnswerBudget: how many automatic answers may go out, to whom, in an hour

`worker/inbound.py` is the shell around them: it reads, looks up what the decision asks for
(who holds a token, whether a plan exists), decides, and acts on Temporal and SMTP.
"""
