# The document's "Python Server Integration", verbatim (the test points http://localhost:9001 at
# the server it starts).
from datafold_sdk import DataFoldClient

# Create client session
client = DataFoldClient("http://localhost:9001")
session = client.create_new_session(
    client_id="my-application",
    key_name="primary-key",
    auto_register=True
)

# Sign and verify message
message = "Important data to sign"
signature = session.sign_message(message)
result = session.verify_with_server(message, signature)
