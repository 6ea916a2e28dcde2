"""Use cases: the functions the CLI and the web app call."""
