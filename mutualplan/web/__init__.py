"""The plan page: a small server-rendered web app showing each plan to the people on it.

    links.py       pure: signed, expiring per-recipient links (view, done, blocked)
    engagement.py  pure: who opened the page, at most once a day per person (the workflow uses it)
    page.py        pure: a plan as the rows the page shows
    app.py         the Starlette app: pages, one-click answers, .ics and markdown exports
    rendering.py   templates, the inlined stylesheet and the security headers of every response
    server.py      serving the app with uvicorn inside the worker's event loop

Nothing here is imported by `mutualplan/__init__`: the mail layer and the workflow import only the
pure modules, never Starlette.
"""
