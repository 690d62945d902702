#!/usr/bin/env bash
# Key generation with datafold_cli. The passphrase comes from DATAFOLD_PASSPHRASE (in CI, a
# secret); nothing here prints a private key.
set -euo pipefail

# #region init
# Once per machine or CI runner: config in ~/.datafold, key directory ~/.datafold/keys (0700).
# "interactive" is the cheapest Argon2id level (m=19456 KiB, t=2): fine for CI keys that live
# minutes; people's keys deserve "balanced" (the default) or "sensitive".
datafold_cli crypto init --method random --security-level interactive
# #endregion init

# #region generate
datafold_cli crypto generate-key --key-id my-app-key --name "My app" --tag demo
datafold_cli crypto export-public-key --key-id my-app-key --format pem --output my-app-key.pub.pem
datafold_cli crypto list-keys
# #endregion generate

# openssl reads the SPKI PEM as an Ed25519 key.
openssl pkey -pubin -in my-app-key.pub.pem -noout -text | grep -q ED25519
echo "generated and exported: ok"
