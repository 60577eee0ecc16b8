"""Plans on Temporal, from the outside: what the CLI, the web app and the worker's router use to
read and change running plans. I/O (a Temporal client), below the web app and the worker, above
the workflows whose typed queries and updates it calls.

    connection.py  connecting to Temporal as configured (loopback, TLS, an API key, mTLS)
    plans.py       one plan by query, and a change to a plan as an update read as an outcome
    plan_list.py   lists of plans from the plans' search attributes and memo (one list call)
"""
