# The document's troubleshooting recipe "Debug registration problems", verbatim; the test provides
# `client`, a DataFoldClient.
# Debug registration problems
from datafold_sdk.exceptions import ServerCommunicationError

try:
    session = client.create_new_session(client_id="debug-client")
except ServerCommunicationError as e:
    if "CLIENT_ALREADY_REGISTERED" in str(e):
        # Use existing registration
        session = client.load_session_from_storage("debug-client")
    elif "INVALID_PUBLIC_KEY" in str(e):
        # Regenerate key pair
        key_pair = generate_key_pair()
        # Try registration again
    else:
        print(f"Server error: {e.details}")
