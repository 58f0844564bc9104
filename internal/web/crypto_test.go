package web

import "testing"

func TestCrypto(t *testing.T) {
	hex := `const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("");`
	runCases(t, []jsCase{
		{name: "digests", src: hex + `
			const d = new TextEncoder().encode("abc");
			return [hex(await crypto.subtle.digest("SHA-256", d)),
				hex(await crypto.subtle.digest({ name: "sha-1" }, d)),
				hex(await crypto.subtle.digest("MD5", d))]`,
			want: `["ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",` +
				`"a9993e364706816aba3e25717850c26c9cd0d89d",` +
				`"900150983cd24fb0d6963f7d28e17f72"]`},
		{name: "unknown digest", src: `await crypto.subtle.digest("SHA-3", new Uint8Array(1))`,
			wantErr: "NotSupportedError: Unrecognized or unimplemented digest algorithm requested."},
		{name: "hmac import, sign, verify", src: hex + `
			const key = await crypto.subtle.importKey("raw", new TextEncoder().encode("key"), { name: "HMAC",
				hash: "SHA-256" }, true, ["sign", "verify"]);
			const data = new TextEncoder().encode("The quick brown fox jumps over the lazy dog");
			const sig = await crypto.subtle.sign("HMAC", key, data);
			return [hex(sig), await crypto.subtle.verify("HMAC", key, sig, data),
				await crypto.subtle.verify("HMAC", key, new Uint8Array(32), data),
				key.algorithm, key.usages, key.type, key.extractable]`,
			want: `["f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",true,` +
				`false,{"name":"HMAC","length":24,"hash":{"name":"SHA-256"}},["sign","verify"],` +
				`"secret",true]`},
		{name: "hmac jwk round trip", src: `
			const key = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-384" }, true, ["sign"]);
			const jwk = await crypto.subtle.exportKey("jwk", key);
			const back = await crypto.subtle.importKey("jwk", jwk, { name: "HMAC", hash: "SHA-384" }, false, ["sign"]);
			return [jwk.kty, jwk.alg, key.algorithm.length, back.algorithm.length, back.extractable]`,
			want: `["oct","HS384",1024,1024,false]`},
		{name: "invalid usage",
			src:     `await crypto.subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["sign"])`,
			wantErr: `SyntaxError: Attempt to import secret AES-GCM key with invalid usage "sign".`},
		{name: "no usages", src: `await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, [])`,
			wantErr: "SyntaxError: Secret/private CryptoKeys must have at least one usage."},
		{name: "non-extractable export", src: `
			const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 128 }, false, ["encrypt"]);
			await crypto.subtle.exportKey("raw", key)`,
			wantErr: "InvalidAccessError: Attempt to export non-extractable AES-GCM key."},
		{name: "wrong usage", src: `
			const key = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
			await crypto.subtle.sign("HMAC", key, new Uint8Array(1))`,
			wantErr: `InvalidAccessError: Requested key usage "sign" does not match any usage listed in this ` +
				`CryptoKey.`},
		{name: "aes-gcm round trip and tamper", src: `
			const key = await crypto.subtle.importKey("raw", new Uint8Array(32).fill(1), "AES-GCM", true,
				["encrypt", "decrypt"]);
			const iv = new Uint8Array(12);
			const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: new Uint8Array([9]) },
				key, new TextEncoder().encode("secret"));
			const pt = await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: new Uint8Array([9]) },
				key, ct);
			const bad = new Uint8Array(ct); bad[0] ^= 1;
			const err = await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: new Uint8Array([9]) },
				key, bad).catch((e) => e.name + ": " + e.message);
			return [ct.byteLength, new TextDecoder().decode(pt), err]`,
			want: `[22,"secret","OperationError: Decryption failed. This could be due to a ciphertext ` +
				`authentication failure,` +
				` bad padding, incorrect CryptoKey, or another algorithm-specific reason. Input length was 6,` +
				` output length expected to be 6 for AES-GCM"]`},
		{name: "aes-gcm without iv", src: `
			const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt"]);
			await crypto.subtle.encrypt({ name: "AES-GCM" }, key, new Uint8Array(1))`,
			wantErr: `TypeError: Missing field "iv" in "algorithm".`},
		{name: "aes key length",
			src:     `await crypto.subtle.importKey("raw", new Uint8Array(10), "AES-GCM", false, ["encrypt"])`,
			wantErr: "DataError: Imported AES key length must be 128, 192, or 256 bits but provided 80."},
		{name: "aes-cbc round trip", src: `
			const key = await crypto.subtle.generateKey({ name: "AES-CBC", length: 128 }, false, ["encrypt",
				"decrypt"]);
			const iv = crypto.getRandomValues(new Uint8Array(16));
			const ct = await crypto.subtle.encrypt({ name: "AES-CBC", iv }, key, new Uint8Array(20));
			return [ct.byteLength, (await crypto.subtle.decrypt({ name: "AES-CBC", iv }, key, ct)).byteLength]`,
			want: `[32,20]`},
		{name: "pbkdf2 derive", src: hex + `
			const base = await crypto.subtle.importKey("raw", new TextEncoder().encode("password"), "PBKDF2",
				false, ["deriveBits"]);
			return hex(await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-1",
				salt: new TextEncoder().encode("salt"), iterations: 1 }, base, 160))`,
			want: "0c60c80f961f0e71f3a9b524af6012062fe037a6"},
		{name: "hkdf deriveKey", src: `
			const base = await crypto.subtle.importKey("raw", new Uint8Array(16), "HKDF", false, ["deriveKey"]);
			const key = await crypto.subtle.deriveKey({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0),
				info: new Uint8Array(0) }, base, { name: "AES-GCM", length: 128 }, true, ["encrypt"]);
			return key.algorithm`,
			want: `{"name":"AES-GCM","length":128}`},
		{name: "unknown import algorithm",
			src:     `await crypto.subtle.importKey("raw", new Uint8Array(1), "RSA-OAEP", false, ["encrypt"])`,
			wantErr: `NotSupportedError: Unrecognized key import algorithm "RSA-OAEP" requested.`},
		{name: "getRandomValues", src: `
			const a = crypto.getRandomValues(new Uint8Array(16));
			return [a.length, a.some((x) => x !== 0)]`, want: `[16,true]`},
		{name: "getRandomValues quota", src: `crypto.getRandomValues(new Uint8Array(65537))`,
			wantErr: "QuotaExceededError: getRandomValues() only accepts buffers of size <= 64K but provided " +
				"65537 bytes."},
		{name: "getRandomValues of floats", src: `crypto.getRandomValues(new Float32Array(1))`,
			wantErr: "TypeMismatchError: ArrayBufferView argument to getRandomValues() must be an integer-typed view."},
		{name: "randomUUID",
			src: `const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
				return uuid.test(crypto.randomUUID())`,
			want: `true`},
		{name: "timingSafeEqual", src: `
			const s = crypto.subtle;
			return [s.timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])),
				s.timingSafeEqual(new Uint8Array([1]), new Uint8Array([2]))]`,
			want: `[true,false]`},
		{name: "timingSafeEqual lengths", src: `crypto.subtle.timingSafeEqual(new Uint8Array(1), new Uint8Array(2))`,
			wantErr: "TypeError: Input buffers must have the same byte length."},
		{name: "DigestStream", src: hex + `
			const ds = new crypto.DigestStream("SHA-256");
			const w = ds.getWriter(); await w.write(new TextEncoder().encode("a")); await w.write("bc");
				await w.close();
			return hex(await ds.digest)`,
			want: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	})
}
