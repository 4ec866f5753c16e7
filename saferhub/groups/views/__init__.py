"""Pages for the register of bodies and the secretariat's work. Views read through ``queries`` and
write only through ``actions``; a body the user may not see answers 404."""
