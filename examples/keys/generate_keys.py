"""Key generation with datafold_sdk: the same keys and formats as the JS SDK and the CLI."""

import datafold_sdk
from datafold_sdk import format_key, generate_key_pair, key_pair_from_seed, parse_key

# #region generate
pair = generate_key_pair()  # seed from the OS CSPRNG (secrets.token_bytes)

public_hex = format_key(pair.public_key, "hex")
public_pem = format_key(pair.public_key, "pem", key_type="public")  # SPKI, RFC 8410
private_jwk = format_key(pair.private_key, "jwk", key_type="private")  # RFC 8037
print("public key:", public_hex)

assert parse_key(public_pem, "pem") == pair.public_key
assert key_pair_from_seed(parse_key(private_jwk, "jwk")) == pair
# #endregion generate

fleet = datafold_sdk.generate_multiple_key_pairs(3)
assert len({p.public_key for p in fleet}) == 3
datafold_sdk.clear_key_material(pair)
print("generated, formatted and parsed: ok")
