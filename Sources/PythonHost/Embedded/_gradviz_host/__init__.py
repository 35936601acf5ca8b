"""gradviz's host code in Python: the script runner, the tracer, the embedded-module finder."""
