// The kinds of key a new certificate or lab CA may have. For ECDSA the size names the NIST curve
// (256 is P-256), as Windows' CNG counts it. No imports: cmdlet declarations read it at start-up.
export const KEY_ALGORITHMS = ['RSA', 'ECDSA'] as const;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];

export interface KeySpec {
  algorithm: KeyAlgorithm;
  /** RSA modulus bits, or the ECDSA curve's size. */
  size: number;
}

export const KEY_SIZES: Readonly<Record<KeyAlgorithm, readonly number[]>> = { RSA: [1024, 2048, 4096], ECDSA: [256, 384, 521] };
export const DEFAULT_KEY_SIZE: Readonly<Record<KeyAlgorithm, number>> = { RSA: 2048, ECDSA: 256 };

/** Node's name of the curve of an ECDSA key size. */
export function curveOf(size: number): string {
  return `P-${size}`;
}

/** `a 2048-bit RSA key pair`, `an ECDSA P-256 key pair`: for progress messages. */
export function describeKeySpec(spec: KeySpec): string {
  return spec.algorithm === 'ECDSA' ? `an ECDSA ${curveOf(spec.size)} key pair` : `a ${spec.size}-bit RSA key pair`;
}
