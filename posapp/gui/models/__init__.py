"""Qt item models over the plain rows services return."""
