"""Analyses: pure functions over arrays, each returning a frozen result.

- :mod:`.ranking`: screen, score with a method, rank with ties;
- :mod:`.sensitivity`: every robustness analysis at once (:func:`~.sensitivity.analyse`);
- :mod:`.sweeps`, :mod:`.weight_switching`, :mod:`.score_switching`, :mod:`.distance`,
  :mod:`.scenarios`, :mod:`.dominance`, :mod:`.summary`: the analyses one by one;
- :mod:`.smaa` with :mod:`.sampling`, :mod:`.boxsimplex`, :mod:`.evaluate` and
  :mod:`.kernels`: the Monte Carlo (SMAA-2).

They import only the numeric core and the method registry (a test enforces it), and take
a :class:`~appraisal.methods.Method` rather than asking which method it is. Nothing is
imported here, so ``appraisal rank`` loads only what ranking needs.
"""
