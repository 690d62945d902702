"""Writes pem-jwk.json with the real openssl binary (foreign keys are freshly generated each run)."""
import json, subprocess, hashlib, base64, sys
import ref_ed25519 as ed
from pathlib import Path
def run(args, data=None):
    return subprocess.run(['openssl'] + args, input=data, capture_output=True, check=True).stdout
def b64u(b): return base64.urlsafe_b64encode(b).rstrip(b'=').decode()
keys = []
seeds = [("RFC 8032 TEST 1 (RFC 8037 A.1)", '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'),
         ("RFC 8032 TEST 2", '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb'),
         ("datafold edge-case key", hashlib.sha256(b'datafold edge-case key').hexdigest())]
for name, sh in seeds:
    seed = bytes.fromhex(sh); pub = ed.pubkey(seed)
    der = bytes.fromhex('302e020100300506032b657004220420') + seed
    priv_pem = run(['pkey', '-inform', 'DER', '-outform', 'PEM'], der).decode()
    pub_pem = run(['pkey', '-inform', 'DER', '-pubout'], der).decode()
    # PKCS#8 v2 (RFC 5958 OneAsymmetricKey) with the [1] publicKey; openssl must read it back
    v2 = bytes.fromhex('3051020101300506032b657004220420') + seed + bytes.fromhex('812100') + pub
    v2_pem = '-----BEGIN PRIVATE KEY-----\n' + '\n'.join(__import__('textwrap').wrap(base64.b64encode(v2).decode(), 64)) + '\n-----END PRIVATE KEY-----\n'
    keys.append({"name": name, "seed": sh, "public_key": pub.hex(), "private_pem": priv_pem, "public_pem": pub_pem,
                 "private_pem_v2": v2_pem,
                 "private_jwk": {"kty": "OKP", "crv": "Ed25519", "d": b64u(seed), "x": b64u(pub)},
                 "public_jwk": {"kty": "OKP", "crv": "Ed25519", "x": b64u(pub)}})
assert keys[0]["private_jwk"] == {"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
foreign = []
def gen(alg, opts, found):
    priv = run(['genpkey', '-algorithm', alg] + sum([['-pkeyopt', o] for o in opts], []))
    pub = run(['pkey', '-pubout'], priv)
    foreign.append({"name": f"{found} private key (PKCS#8)", "format": "pem", "data": priv.decode(), "error_code": "UNSUPPORTED_KEY_TYPE", "found": found})
    foreign.append({"name": f"{found} public key (SPKI)", "format": "pem", "data": pub.decode(), "error_code": "UNSUPPORTED_KEY_TYPE", "found": found})
gen('RSA', ['rsa_keygen_bits:1024'], 'RSA')
gen('EC', ['ec_paramgen_curve:P-256'], 'EC (P-256)')
gen('X25519', [], 'X25519')
gen('ED448', [], 'Ed448')
trad = run(['pkey', '-traditional'], run(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']))
foreign.append({"name": "EC private key (traditional SEC1 PEM)", "format": "pem", "data": trad.decode(), "error_code": "UNSUPPORTED_KEY_TYPE", "found": "EC"})
foreign += [
  {"name": "RSA JWK", "format": "jwk", "data": {"kty": "RSA", "n": "sXch", "e": "AQAB"}, "error_code": "UNSUPPORTED_KEY_TYPE", "found": "RSA"},
  {"name": "EC P-256 JWK", "format": "jwk", "data": {"kty": "EC", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}, "error_code": "UNSUPPORTED_KEY_TYPE", "found": "EC (P-256)"},
  {"name": "X25519 JWK (RFC 8037 A.6)", "format": "jwk", "data": {"kty": "OKP", "crv": "X25519", "x": "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"}, "error_code": "UNSUPPORTED_KEY_TYPE", "found": "OKP X25519"},
  {"name": "symmetric JWK", "format": "jwk", "data": {"kty": "oct", "k": "AAAA"}, "error_code": "UNSUPPORTED_KEY_TYPE", "found": "symmetric (oct)"},
]
pub0 = keys[0]
malformed = [
  {"name": "PEM without a block", "format": "pem", "data": "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g"},
  {"name": "PEM with mismatched labels", "format": "pem", "data": pub0["private_pem"].replace("END PRIVATE KEY", "END PUBLIC KEY")},
  {"name": "PEM with a bad base64 character", "format": "pem", "data": pub0["public_pem"].replace("MCowBQ", "MCow*Q")},
  {"name": "PKCS#8 with a truncated seed", "format": "pem", "data": "-----BEGIN PRIVATE KEY-----\n" + base64.b64encode(bytes.fromhex('302d020100300506032b657004210420') + bytes(31)).decode() + "\n-----END PRIVATE KEY-----\n"},
  {"name": "PKCS#8 with trailing bytes", "format": "pem", "data": "-----BEGIN PRIVATE KEY-----\n" + base64.b64encode(bytes.fromhex('302e020100300506032b657004220420') + bytes.fromhex(keys[0]['seed']) + b'\x00').decode() + "\n-----END PRIVATE KEY-----\n"},
  {"name": "PKCS#8 with a long-form length that is not minimal", "format": "pem", "data": "-----BEGIN PRIVATE KEY-----\n" + base64.b64encode(bytes.fromhex('30812e020100300506032b657004220420') + bytes.fromhex(keys[0]['seed'])).decode() + "\n-----END PRIVATE KEY-----\n"},
  {"name": "Ed25519 AlgorithmIdentifier with NULL parameters", "format": "pem", "data": "-----BEGIN PUBLIC KEY-----\n" + base64.b64encode(bytes.fromhex('302c300706032b65700500032100') + bytes.fromhex(keys[0]['public_key'])).decode() + "\n-----END PUBLIC KEY-----\n"},
  {"name": "PKCS#8 v2 whose public key does not match", "format": "pem", "data": "-----BEGIN PRIVATE KEY-----\n" + base64.b64encode(bytes.fromhex('3051020101300506032b657004220420') + bytes.fromhex(keys[0]['seed']) + bytes.fromhex('812100') + bytes.fromhex(keys[1]['public_key'])).decode() + "\n-----END PRIVATE KEY-----\n"},
  {"name": "JWK whose x is not the public key of d", "format": "jwk", "data": {"kty": "OKP", "crv": "Ed25519", "d": keys[0]["private_jwk"]["d"], "x": keys[1]["public_jwk"]["x"]}},
  {"name": "JWK without x", "format": "jwk", "data": {"kty": "OKP", "crv": "Ed25519"}},
  {"name": "JWK with padded base64url", "format": "jwk", "data": {"kty": "OKP", "crv": "Ed25519", "x": keys[0]["public_jwk"]["x"] + "="}},
  {"name": "JWK with a 31-byte x", "format": "jwk", "data": {"kty": "OKP", "crv": "Ed25519", "x": b64u(bytes(31))}},
  {"name": "JWK text that is not JSON", "format": "jwk", "data": "{kty: OKP}"},
]
for m in malformed: m["error_code"] = "INVALID_KEY_FORMAT"
json.dump({
  "source": "Ed25519 keys in PEM and JWK. 'private_pem' and 'public_pem' are the output of OpenSSL 3.0 'openssl pkey' (PKCS#8 v1 and SPKI, RFC 8410) for the seed given as DER; 'private_pem_v2' is the same key as a PKCS#8 v2 / OneAsymmetricKey (RFC 5958 section 2) carrying the [1] publicKey, built by hand (OpenSSL 3.0 writes v1 and does not read v2; other tools write v2). JWKs follow RFC 8037 section 2; the first key is RFC 8037 Appendix A.1 (= RFC 8032 TEST 1). 'foreign' keys were generated by 'openssl genpkey' (RSA 1024, EC P-256, X25519, Ed448) or taken from RFC 7517/8037 examples; 'malformed' ones were built by hand. Errors name the code parseKey must throw; 'found' is the key type its message must name.",
  "keys": keys, "foreign": foreign, "malformed": malformed,
}, open(Path(__file__).resolve().parent.parent / 'pem-jwk.json', 'w'), indent=2)
print('ok', len(keys), len(foreign), len(malformed))
