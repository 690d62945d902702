# The document's "Python SDK Quick Start", verbatim: test_document_snippets.py runs it in a
# fresh HOME and working directory.
import datafold_sdk
from datafold_sdk.crypto import (
    derive_key_hkdf, KeyRotationManager, RotationPolicy,
    SecureKeyStorage, export_key_to_file
)

# Initialize SDK and check compatibility
result = datafold_sdk.initialize_sdk()
if not result['compatible']:
    print(f"Platform not compatible: {result['warnings']}")
    exit(1)

# Generate Ed25519 key pair
key_pair = datafold_sdk.generate_key_pair()
print(f"Generated key pair with {len(key_pair.private_key)} byte private key")

# Format keys in different formats
private_hex = datafold_sdk.format_key(key_pair.private_key, 'hex')
public_base64 = datafold_sdk.format_key(key_pair.public_key, 'base64')

# Set up secure storage
storage = SecureKeyStorage()
metadata = storage.store_key(
    key_id="my_signing_key",
    key_pair=key_pair,
    passphrase="secure_passphrase_123"
)

# Key derivation
derived_key, params = derive_key_hkdf(
    master_key=key_pair.private_key,
    info=b"application_context"
)

# Set up key rotation
rotation_manager = KeyRotationManager(storage)
policy = RotationPolicy(
    rotation_interval_days=90,
    max_versions=5,
    derivation_method='HKDF'
)

rotation_metadata = rotation_manager.initialize_key_rotation(
    key_id="my_signing_key",
    initial_key_pair=key_pair,
    policy=policy,
    passphrase="secure_passphrase_123"
)

# Create encrypted backup
export_metadata = export_key_to_file(
    key_pair=key_pair,
    passphrase="backup_passphrase",
    key_id="my_signing_key",
    file_path="my_key_backup.json"
)

print("Setup complete, backup created:", export_metadata.created)
