"""The numeric core: an appraisal as arrays, and the operations every analysis shares.

NumPy only: nothing here imports pydantic, YAML, click, rich or Jinja2 (a test enforces
it), so the analyses can be used, tested and timed on arrays alone.

- :mod:`.problem`: :class:`~.problem.Problem` (options x leaf criteria) and its
  :class:`~.problem.CriteriaTree` (the value tree and its weights).
- :mod:`.values`: linear value functions on each criterion's scale.
- :mod:`.ordering`: competition ranks with a tie tolerance.
- :mod:`.screening`: must-pass gates.
"""
