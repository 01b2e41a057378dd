"""Presentation: results in words and strings, shared by the terminal and the paper.

- :mod:`.formatting`: the one number and date formatter;
- :mod:`.summary`: the robustness summary and gate failures as sentences;
- :mod:`.export`: results as JSON-ready dicts and CSV (no computation).

Above the pipeline and below the report and the CLI; imports neither click nor rich.
"""
