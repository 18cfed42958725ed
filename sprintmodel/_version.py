"""The package version: one home, read by ``sprintmodel.__version__``, the forecast cache's keys
and the build (``[tool.hatch.version]`` in ``pyproject.toml``)."""

__version__ = "0.1.0"
