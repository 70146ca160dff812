// Which algorithms the atlas's own cryptography uses (ATLAS_CRYPTO, read in server/config.ts): a module of its
// own, so that the store, the audit chain and the backups can name it without depending on the configuration.

/** standard: SHA-256, AES-256-GCM, scrypt; gm: the 国密 algorithms (GB/T 39786-2021): SM3, SM4. */
export const CRYPTO_SUITES = ['standard', 'gm'] as const
export type CryptoSuite = (typeof CRYPTO_SUITES)[number]
