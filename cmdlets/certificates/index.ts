// Exchange certificate cmdlets and Import-Certificate (trusted roots, intermediates, CRLs).
// Cheap to import: node-forge and the PKI layer load inside begin/process/end.
import type { CmdletDecl } from '../../src/engine/cmdlet.js';
import { registerProvider } from '../core/lib/providers.js';
import { registerViews } from '../../src/format/views.js';
import { views } from './views.js';
import { PSObject } from '../../src/engine/values.js';
import newExchangeCertificate from './new-exchangecertificate.js';
import importExchangeCertificate from './import-exchangecertificate.js';
import enableExchangeCertificate from './enable-exchangecertificate.js';
import getExchangeCertificate from './get-exchangecertificate.js';
import exportExchangeCertificate from './export-exchangecertificate.js';
import removeExchangeCertificate from './remove-exchangecertificate.js';
import importCertificate from './import-certificate.js';

export const cmdlets: CmdletDecl<any>[] = [
  newExchangeCertificate,
  importExchangeCertificate,
  enableExchangeCertificate,
  getExchangeCertificate,
  exportExchangeCertificate,
  removeExchangeCertificate,
  importCertificate,
];

export { views } from './views.js';
registerViews(views);

// The Cert: drive (Get-ChildItem Cert:\LocalMachine\Root, Test-Path, Remove-Item) over the trust store
registerProvider('Cert:', {
  async childItems(path, ctx) {
    const { listCertificateDrive } = await import('./certdrive.js');
    const items = listCertificateDrive(ctx.session.home, path);
    if (!items) ctx.throwTerminating(`Cannot find path '${path}' because it does not exist.`, 'PathNotFound', 'ObjectNotFound', path);
    return items!;
  },
  async item(path, ctx) {
    const { listCertificateDrive, parseCertStorePath } = await import('./certdrive.js');
    const p = parseCertStorePath(path);
    if (!p) return undefined;
    if (!p.thumbprint) return p.store || p.location || /^cert:[\\/]*$/i.test(path.trim()) ? new PSObject(undefined, { PSPath: path }) : undefined;
    return listCertificateDrive(ctx.session.home, path)?.[0];
  },
  async removeItem(path, ctx) {
    const { removeCertificateDriveItem } = await import('./certdrive.js');
    if (!(await removeCertificateDriveItem(ctx.session.home, path))) {
      ctx.throwTerminating(`Cannot find path '${path}' because it does not exist.`, 'PathNotFound', 'ObjectNotFound', path);
    }
  },
});
