"""The command line: `normalize` and its subcommands. Argument parsing lives in
app.py; reading and writing articles in files.py; report formats in formats.py."""
