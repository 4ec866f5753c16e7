"""Reading published agenda packs and minutes into plain extraction records.

Everything in this package is pure Python: it never touches the database, so it can run in a
sandboxed subprocess with time and memory limits (see ``sandbox``). What the database already
knows (people, bodies, memberships) comes in as a ``Knowledge`` value.
"""
