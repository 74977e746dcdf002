"""The typed result contract between the analysis core and every face (CLI, web, PDF, API).

- :mod:`.result`: the frozen dataclasses (``Result`` and its parts); the core returns
  them, every face renders them.
- :mod:`.codec`: their one encoder and decoder (pydantic v2; why, in its docstring).
- :mod:`.schema`: generates ``result-2.schema.json`` from the classes.
- :mod:`.v1`: reads results saved under older schema versions (result-1).
"""
