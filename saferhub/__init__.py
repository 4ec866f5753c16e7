"""SaferHub: scrutiny and statutory case processes for Community Safety Partnerships."""
