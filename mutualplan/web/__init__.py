"""The plan page: a small server-rendered web app showing each plan to the people on it.

    page.py           pure: a plan as the rows the page shows
    cockpit.py        pure: a seller's (or a team's) plans as rows, sorted and filtered, and CSV
    app.py            the Starlette app: its routes, by page, and the error handlers
    linked_plans.py   what a signed page link opens: the claims, the plan, the person, a language
    plan_pages.py     the plan page, its .ics and markdown exports, and the files sent about it
    answers.py        one-click answers: confirm (GET), then done, blocked or yes (POST)
    forms.py          the one form the pages post: from the plan's own page, urlencoded, small
    problems.py       the pages that say what went wrong, and the short message after an answer
    cockpit_pages.py  the cockpit pages: a signed link in, the plans out
    api.py            the read API for BI tools (`/api/plans`)
    files.py          files people sent, served from the plans mailbox over IMAP
    rendering.py      templates, the inlined stylesheet and the security headers of every response
    server.py         serving the app with uvicorn inside the worker's event loop

The signed links to the page (`mutualplan/links.py`) and who opened it (`mutualplan/engagement.py`)
are core modules: the emails and the workflow use them, and nothing outside the shell imports
this package (`[tool.importlinter]` in pyproject.toml).
"""
