"""How every file the site sends names the site: by its number and name, never by where
its database lives (a path on Windows holds the user's name; a host name says where)."""

from __future__ import annotations

from app.errors import InvalidEntry

NO_NUMBER = ("The site has no number yet: an administrator sets it in Tools > Settings (or "
             "'sitetrack site --number 101'); every export names the site by its number")


def site_label(number: str, name: str) -> str:
    """'101 · Hôpital Saint-Louis', or '101' alone; InvalidEntry when the number is unset."""
    number, name = number.strip(), " ".join(name.split())
    if not number:
        raise InvalidEntry("site_number", NO_NUMBER)
    return f"{number} · {name}" if name else number
