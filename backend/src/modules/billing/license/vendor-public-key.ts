/**
 * The vendor's Ed25519 public key: licenses signed with its private key (kept by the vendor, never
 * in this repository) verify offline. LICENSE_PUBLIC_KEY overrides it (tests, private builds).
 */
export const VENDOR_LICENSE_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAgFNDFk9lhagE24xrI3aRst9KV9+XPdjFhqd4okOa5gE=
-----END PUBLIC KEY-----
`;
