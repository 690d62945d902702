#!/usr/bin/env bash
# HTTPS straight from datafold-server (no proxy in front), with a certificate from a private CA
# that the clients are told to trust. In production the certificate comes from your CA or ACME.
set -euo pipefail
free_port() { node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# A throwaway CA and a server certificate for 127.0.0.1 / localhost.
openssl req -x509 -newkey ed25519 -nodes -days 1 -subj "/CN=Example CA" -keyout ca.key -out ca.pem 2>/dev/null
openssl req -newkey ed25519 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > san.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1 -extfile san.ext -out server.pem 2>/dev/null
chmod 600 server.key

# #region serve
PORT=$(free_port)
datafold-server --port "$PORT" --data-dir ./tls-data --log-level warn \
  --tls-cert server.pem --tls-key server.key &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null || true' EXIT
# #endregion serve
for _ in $(seq 100); do curl -fsS --cacert ca.pem "https://127.0.0.1:$PORT/api/health" > /dev/null 2>&1 && break; sleep 0.2; done

# #region clients
curl -fsS --cacert ca.pem "https://127.0.0.1:$PORT/api/crypto/status"; echo
# Node (the JS SDK, the CLI) trusts an extra CA through NODE_EXTRA_CA_CERTS.
export NODE_EXTRA_CA_CERTS="$PWD/ca.pem"
datafold_cli crypto init --security-level interactive > /dev/null
datafold_cli crypto generate-key --key-id tls-key > /dev/null
datafold_cli crypto register-key --key-id tls-key --server "https://127.0.0.1:$PORT"
# Python (httpx) trusts it through SSL_CERT_FILE.
SSL_CERT_FILE="$PWD/ca.pem" python3 -c "
import datafold_sdk
with datafold_sdk.DataFoldHttpClient('https://127.0.0.1:$PORT') as http:
    print(http.test_connection())"
# #endregion clients

# Without trusting the CA, clients refuse the connection.
if curl -fsS "https://127.0.0.1:$PORT/api/health" > /dev/null 2>&1; then exit 1; fi
echo "TLS: ok"
