"""``notes-lint server``: a language server (LSP over stdio) for notes being written.

The package speaks LSP through pygls and lsprotocol (the ``server`` extra) and
answers from the library only: :mod:`.session` lints, finds configs and builds
ledgers; :mod:`.convert` turns diagnostics and edits into LSP values (positions
in the agreed encoding, :mod:`.positions`); :mod:`.actions`, :mod:`.completion`
and :mod:`.navigation` answer code actions, completion, hover, symbols and
definitions; :mod:`.app` registers the handlers.  Nothing here is imported by
the other commands.
"""
