"""Sub-commands of ``ar-collections``: one module each, exposing ``register(subparsers)``.

``register`` adds a parser and sets ``handler`` to a function taking the parsed
arguments and returning an exit code.
"""
