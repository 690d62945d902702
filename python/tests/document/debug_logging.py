# The document's "Enable Debug Logging" for Python, verbatim: test_debug_logging.py runs it, then
# a few SDK operations, in a program of its own.
# Enable debug logging
import logging
logging.basicConfig(level=logging.DEBUG)

# Enable SDK-specific logging
import datafold_sdk
datafold_sdk.enable_debug_logging()
