"""Password strength: refuse common and too-simple passwords (pure, no I/O).

The estimate is zxcvbn's (Dropbox's estimator, with its lists of common passwords, names and
words); a password must reach `MIN_SCORE` (3 of 4). The person's own e-mail, name and shop name and
the Vietnamese words people put in passwords count as guessable words too.
"""

from __future__ import annotations

from zxcvbn import zxcvbn

from chotdon.core.text import fold

MIN_SCORE = 3
MAX_CHECKED_LENGTH = 100  # zxcvbn is slow on very long input; past this length it is strong anyway
# Vietnamese words zxcvbn's English lists do not know ("mật khẩu" is "password").
LOCAL_WORDS = (
    "matkhau",
    "mat khau",
    "chotdon",
    "shop",
    "cuahang",
    "admin",
    "vietnam",
    "saigon",
    "hanoi",
)


def password_problem(password: str, *user_inputs: str | None) -> str | None:
    """Why `password` is refused, or None when it is strong enough."""
    if len(password) < 8:
        return "Password must be at least 8 characters"
    if len(password) > MAX_CHECKED_LENGTH:
        return None
    inputs = [*LOCAL_WORDS]
    for value in user_inputs:
        if value:
            folded = fold(value)
            parts = folded.replace("@", " ").replace(".", " ").replace("-", " ").split()
            inputs += [value, folded, "".join(parts), *parts]
    if zxcvbn(password, user_inputs=inputs)["score"] < MIN_SCORE:
        return "Password is too easy to guess: use a longer one with several unrelated words"
    return None
