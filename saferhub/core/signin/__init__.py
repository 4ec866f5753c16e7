"""Sign-in protection: throttling and lockout (django-axes), the sign-in audit trail, administrators'
unlock, and the second factor (TOTP and recovery codes with django-otp).

``policy`` says who must use a second factor and how many failures lock; ``actions`` holds the writes;
``receivers`` turns Django's and axes' sign-in signals into audit rows; ``middleware`` sends a person who
still owes a second factor to the code or set-up page; ``views`` are those pages and the lockout page.
"""
