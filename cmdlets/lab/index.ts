// Lab tools: a file-based certification authority so the domain-security scenario can be played
// without a PKI. Cheap to import: the PKI layer loads inside process().
import type { CmdletDecl } from '../../src/engine/cmdlet.js';
import newLabCertificateAuthority from './new-labcertificateauthority.js';
import approveLabCertificateRequest from './approve-labcertificaterequest.js';
import revokeLabCertificate from './revoke-labcertificate.js';
import publishLabCrl from './publish-labcrl.js';

export const cmdlets: CmdletDecl<any>[] = [newLabCertificateAuthority, approveLabCertificateRequest, revokeLabCertificate, publishLabCrl];
