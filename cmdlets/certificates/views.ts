// Default views of the certificate objects, as plain data for the formatter's registry.
import type { ViewDecl } from '../../src/format/views.js';
import { servicesMask } from './common.js';

const get = (o: unknown, name: string): unknown => (o as { get?: (n: string) => unknown })?.get?.(name);

export const views: ViewDecl[] = [
  {
    typeName: 'System.Security.Cryptography.X509Certificates.X509Certificate2',
    table: {
      columns: [
        { label: 'Thumbprint', property: 'Thumbprint' },
        // Exchange shows Services as a mask in the table (`....S.`) and as names in lists
        { label: 'Services', property: 'Services', expression: (o: unknown) => servicesMask(get(o, 'Services')) },
        { label: 'Subject', property: 'Subject' },
      ],
    },
    list: {
      properties: ['AccessRules', 'CertificateDomains', 'HasPrivateKey', 'IsSelfSigned', 'Issuer', 'NotAfter', 'NotBefore', 'PublicKeySize', 'RootCAType', 'SerialNumber', 'Services', 'Status', 'Subject', 'Thumbprint'],
    },
  },
  {
    // Get-ChildItem Cert:\LocalMachine\Root and Import-Certificate
    typeName: 'System.Security.Cryptography.X509Certificates.X509Certificate2#CertificateProvider',
    table: {
      groupBy: { label: 'PSParentPath', property: 'PSParentPath' },
      columns: [
        { label: 'Thumbprint', property: 'Thumbprint' },
        { label: 'Subject', property: 'Subject' },
      ],
    },
    list: { properties: ['Subject', 'Issuer', 'Thumbprint', 'FriendlyName', 'NotBefore', 'NotAfter', 'SerialNumber', 'DnsNameList'] },
  },
  {
    typeName: 'System.Security.Cryptography.X509Certificates.X509Crl',
    table: {
      groupBy: { label: 'PSParentPath', property: 'PSParentPath' },
      columns: [
        { label: 'Thumbprint', property: 'Thumbprint' },
        { label: 'ThisUpdate', property: 'ThisUpdate' },
        { label: 'NextUpdate', property: 'NextUpdate' },
        { label: 'Revoked', property: 'RevokedCount', align: 'right' },
        { label: 'Issuer', property: 'Issuer' },
      ],
    },
    list: { properties: ['Issuer', 'ThisUpdate', 'NextUpdate', 'CrlNumber', 'RevokedCount', 'RevokedSerialNumbers', 'Thumbprint'] },
  },
];
