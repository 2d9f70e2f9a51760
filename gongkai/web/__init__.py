"""Public pages that need no login: for now, 年报体检 (/audit/)."""
