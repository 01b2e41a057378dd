"""Input: the YAML format, its validation and the bridge to arrays.

- :mod:`.yamlsource` reads YAML safely, remembering where every value was written;
- :mod:`.models` is the format as pydantic models (per-object rules);
- :mod:`.checks` holds the rules that need the whole appraisal;
- :mod:`.loading` reads a directory or a single file and reports every problem at once;
- :mod:`.compile` turns the validated model into :class:`~appraisal.core.problem.Problem`
  arrays (the only module here that builds arrays);
- :mod:`.schema` is the JSON Schema of the format.

Nothing here imports the analysis, the pipeline, the report or the CLI.
"""
