"""What several tests share; test modules import from here and from no other test module.

    plans.py           plans for the workflow tests, starting and answering them on the
                       time-skipping server
    web.py             the plan page's people, its short plan, the links its emails carry
    invites.py         the calendar tests' Berlin plan, and ical.js as a second parser
    tls.py             mail servers with TLS and XOAUTH2 under a throwaway CA
    stack.py           the dev stack for `mutualplan worker` processes, and waiting for mail
    processes.py       `mutualplan worker` as a child process
    mailservers.py     restartable mail servers: the embedded IMAP, Dovecot, Postfix, a sink
    temporal.py        the session's Temporal dev server and a namespace per test
    corpora.py         the mail corpora written outside the team, by name
    hostile_mail.py    shapes of message that once made reading slow (the benchmark too)
    natural_cases.py, client_formats.py: natural replies as emails, in each client's format

Fixtures are in the conftests; these modules hold the classes and functions behind them.
"""
