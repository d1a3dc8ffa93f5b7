// The PKI layer: certificates, requests, PKCS#12/#7, CRLs, validation, lab CA primitives.
// Heavy (node-forge): import it lazily from cmdlets.
export * from './der.js';
export * from './names.js';
export * from './cert.js';
export * from './key-spec.js';
export * from './keys.js';
export * from './csr.js';
export * from './build.js';
export * from './crl.js';
export * from './pkcs7.js';
export * from './pkcs12.js';
export * from './validate.js';
export * from './labca.js';
export * from './peer.js';
