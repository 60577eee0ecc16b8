"""The plan page: a small server-rendered web app showing each plan to the people on it.

    page.py           pure: a plan as the rows the page shows
    cockpit.py        pure: a seller's (or a team's) plans as rows, sorted and filtered, and CSV
    app.py            the Starlette app: pages, one-click answers, .ics and markdown exports
    cockpit_pages.py  the cockpit pages: a signed link in, the plans out
    api.py            the read API for BI tools (`/api/plans`)
    files.py          files people sent, served from the plans mailbox over IMAP
    rendering.py      templates, the inlined stylesheet and the security headers of every response
    server.py         serving the app with uvicorn inside the worker's event loop

The signed links to the page (`mutualplan/links.py`) and who opened it (`mutualplan/engagement.py`)
are core modules: the emails and the workflow use them, and nothing outside the shell imports
this package (`[tool.importlinter]` in pyproject.toml).
"""
