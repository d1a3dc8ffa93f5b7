// Every built-in cmdlet, by area. Area modules must stay cheap to import (start-up time):
// heavy libraries (node-forge, smtp-server, nodemailer) are imported inside begin/process/end.
import type { CmdletDecl } from '../src/engine/cmdlet.js';
import { cmdlets as core } from './core/index.js';
import { cmdlets as certificates } from './certificates/index.js';
import { cmdlets as lab } from './lab/index.js';
import { cmdlets as config } from './config/index.js';
import { cmdlets as transport } from './transport/index.js';

export interface CmdletArea {
  /** Shown as Get-Command's Source column. */
  source: string;
  cmdlets: CmdletDecl<any>[];
}

export const areas: CmdletArea[] = [
  { source: 'Microsoft.PowerShell.Core', cmdlets: core },
  { source: 'Exchange.Certificates', cmdlets: certificates },
  { source: 'Edgeshell.Lab', cmdlets: lab },
  { source: 'Exchange.Configuration', cmdlets: config },
  { source: 'Exchange.Transport', cmdlets: transport },
];
