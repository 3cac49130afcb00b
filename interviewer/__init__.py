"""interviewer: an offline mock-interview voice simulator.

The package is layered (see docs/architecture.md): plain data in ``models`` and ``errors``, a pure core
(``banks``, ``scoring``, ``session``), ports in ``ports``, device and model adapters in ``audio``,
``transcribe``, ``store``, ``ui`` and ``review``, and the command line in ``cli``.
"""

__version__ = "0.1.0"
