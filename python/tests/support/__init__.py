"""Helpers the suites share: paths and vectors of the repository, the Node faces (JS SDK, CLI,
server), file storage at the test cost, the API document's snippets. Fixtures built on them are in
the ``conftest.py`` files."""
