"""The command line: `normalize` and its subcommands. Argument parsing and the flow
live in app.py; the worker pool in concurrency.py; what the user is told, and the
exit status, in report.py; reading and writing articles in files.py; report
formats in formats.py."""
