"""The catalogue of broken and awkward inputs (see ``catalogue.py`` and docs/bad_input.md)."""
