"""A small reference Ed25519 (RFC 8032 §5.1) and the strict policy of spec/ed25519-verification.md, for generating vectors only."""
import hashlib
p = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
def inv(x): return pow(x, p-2, p)
d = -121665 * inv(121666) % p
I = pow(2, (p-1)//4, p)
def H(b): return hashlib.sha512(b).digest()
def add(P, Q):
    A = (P[1]-P[0])*(Q[1]-Q[0]) % p; B = (P[1]+P[0])*(Q[1]+Q[0]) % p
    C = 2*P[3]*Q[3]*d % p; D = 2*P[2]*Q[2] % p
    E, F, G, Hh = B-A, D-C, D+C, B+A
    return (E*F % p, G*Hh % p, F*G % p, E*Hh % p)
def neg(P): return ((-P[0]) % p, P[1], P[2], (-P[3]) % p)
ZERO = (0, 1, 1, 0)
def mul(s, P):
    Q = ZERO
    while s > 0:
        if s & 1: Q = add(Q, P)
        P = add(P, P); s >>= 1
    return Q
def is_zero(P): return P[0] % p == 0 and (P[1]-P[2]) % p == 0
def recover_x(y, sign):
    if y >= p: return None
    x2 = (y*y-1) * inv(d*y*y+1) % p
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (p+3)//8, p)
    if (x*x - x2) % p: x = x*I % p
    if (x*x - x2) % p: return None
    if (x & 1) != sign: x = p - x
    return x
Gy = 4*inv(5) % p; Gx = recover_x(Gy, 0); B = (Gx, Gy, 1, Gx*Gy % p)
def compress(P):
    zi = inv(P[2]); x = P[0]*zi % p; y = P[1]*zi % p
    return int.to_bytes(y | ((x & 1) << 255), 32, 'little')
def decompress(s):
    y = int.from_bytes(s, 'little'); sign = y >> 255; y &= (1 << 255)-1
    x = recover_x(y, sign)
    if x is None: return None
    return (x, y, 1, x*y % p)
def decompress_lax(s):
    """y reduced mod p (what lax decoders do)."""
    y = int.from_bytes(s, 'little'); sign = y >> 255; y = (y & ((1 << 255)-1)) % p
    x2 = (y*y-1) * inv(d*y*y+1) % p
    if x2 == 0: return (0, y, 1, 0)
    x = pow(x2, (p+3)//8, p)
    if (x*x - x2) % p: x = x*I % p
    if (x*x - x2) % p: return None
    if (x & 1) != sign: x = p - x
    return (x, y, 1, x*y % p)
def secret_expand(seed):
    h = H(seed); a = int.from_bytes(h[:32], 'little')
    a &= (1 << 254) - 8; a |= (1 << 254)
    return a, h[32:]
def pubkey(seed): return compress(mul(secret_expand(seed)[0], B))
def sign(seed, msg):
    a, prefix = secret_expand(seed); A = compress(mul(a, B))
    r = int.from_bytes(H(prefix + msg), 'little') % L
    R = compress(mul(r, B))
    k = int.from_bytes(H(R + A + msg), 'little') % L
    return R + int.to_bytes((r + k*a) % L, 32, 'little')
# libsodium-style blacklist (y values, sign masked)
BL = [bytes(32), bytes([1])+bytes(31),
      bytes.fromhex('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05'),
      bytes.fromhex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a'),
      bytes([0xec])+b'\xff'*30+b'\x7f', bytes([0xed])+b'\xff'*30+b'\x7f', bytes([0xee])+b'\xff'*30+b'\x7f']
def blacklisted(b): return any(b[:31] == e[:31] and (b[31] & 0x7f) == e[31] for e in BL)
def canonical_y(b): return (int.from_bytes(b, 'little') & ((1 << 255)-1)) < p
def small_order(P): return is_zero(mul(8, P))
def valid_public_key(A):
    if len(A) != 32 or not canonical_y(A) or blacklisted(A): return False
    P = decompress(A)
    return P is not None and not small_order(P)
def strict_verify(sig, msg, A):
    if len(sig) != 64 or len(A) != 32: raise ValueError('length')
    R, S = sig[:32], int.from_bytes(sig[32:], 'little')
    if S >= L or blacklisted(R): return False
    if not canonical_y(A) or blacklisted(A): return False
    Ap = decompress(A)
    if Ap is None: return False
    k = int.from_bytes(H(R + A + msg), 'little') % L
    return compress(add(mul(S, B), neg(mul(k, Ap)))) == R
