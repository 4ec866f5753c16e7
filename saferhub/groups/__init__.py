"""Partnership groups: every body of the Partnership as configured data (issue 11).

Builds on ``saferhub.governance``: a body is a ``governance.Committee`` (OParl Organization) and its
meetings are ``governance.Meeting``. This app adds the register details, versioned Terms of
Reference, membership by organisation, the secretariat's meeting timeline, action logs, chair
terms and quarterly progress reports.
"""
