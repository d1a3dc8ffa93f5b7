// -KeyAlgorithm and -KeySize, declared once for New-ExchangeCertificate and New-LabCertificateAuthority,
// with the one check of their combination and its error wording.
import type { CmdletContext, ParameterDecl } from '../../src/engine/cmdlet.js';
import { DEFAULT_KEY_SIZE, KEY_ALGORITHMS, KEY_SIZES, curveOf, type KeyAlgorithm, type KeySpec } from '../../src/pki/key-spec.js';

export interface KeyParams {
  KeyAlgorithm?: string;
  KeySize?: number;
}

export const keyParameters: ParameterDecl[] = [
  {
    name: 'KeyAlgorithm',
    type: 'String',
    validateSet: [...KEY_ALGORITHMS],
    defaultValue: 'RSA',
    description: 'The key type: RSA, or ECDSA (an elliptic-curve key; -KeySize then names the curve).',
  },
  {
    name: 'KeySize',
    type: 'Int32',
    // no defaultValue: it depends on -KeyAlgorithm
    description: 'For RSA the modulus size: 1024, 2048 (default) or 4096. For ECDSA the curve: 256 (P-256, default), 384 (P-384) or 521 (P-521).',
  },
];

/** Why a KeySize does not go with the algorithm; undefined when it does. */
export function keySizeProblem(algorithm: KeyAlgorithm, size: number): string | undefined {
  if (KEY_SIZES[algorithm].includes(size)) return undefined;
  if (algorithm === 'ECDSA') return `The KeySize ${size} is not supported for ECDSA keys. Use 256 (P-256), 384 (P-384) or 521 (P-521).`;
  const hint = KEY_SIZES.ECDSA.includes(size) ? ` For an ECDSA key on the curve ${curveOf(size)}, add -KeyAlgorithm ECDSA.` : '';
  return `The KeySize ${size} is not supported for RSA keys. Use 1024, 2048 or 4096.${hint}`;
}

/** The key to make, or a terminating error naming the KeySize that does not fit the algorithm. */
export function resolveKeySpec(ctx: CmdletContext, p: KeyParams): KeySpec {
  // ValidateSet has already refused other names; it matches case-insensitively, so canonicalise
  const algorithm = KEY_ALGORITHMS.find((a) => a.toLowerCase() === String(p.KeyAlgorithm ?? 'RSA').toLowerCase()) ?? 'RSA';
  const size = p.KeySize ?? DEFAULT_KEY_SIZE[algorithm];
  const problem = keySizeProblem(algorithm, size);
  if (problem) ctx.throwTerminating(problem, 'InvalidKeySize', 'InvalidArgument', size);
  return { algorithm, size };
}
