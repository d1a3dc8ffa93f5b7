// Completion of names that live in the server's store: connector identities and thumbprints.
import { expect, test } from 'vitest';
import { complete, type CompletionSource } from '../../src/ui/completion.js';
import { createRunspace, tempDir } from '../helpers/shell.js';

test('connector names and certificate thumbprints complete from the store', async () => {
  const home = tempDir();
  const h = createRunspace({ home, cwd: home });
  await h.rs.runScript("New-ReceiveConnector -Name Inet -Bindings 127.0.0.1:2525 -RemoteIPRanges 0.0.0.0-255.255.255.255 | Out-Null\nNew-ExchangeCertificate -SubjectName 'CN=mail.contoso.com' -Force | Out-Null");
  expect(h.stderr).toBe('');
  const source: CompletionSource = { commands: () => h.rs.commandInfos(h.rs.global), variables: () => [], cwd: home, home, userHome: home };
  const names = async (line: string) => (await complete(line, line.length, source)).items.map((i) => i.text);
  expect(await names('Set-ReceiveConnector -Identity In')).toEqual(['Inet']);
  expect(await names('Set-ReceiveConnector In')).toEqual(['Inet']);
  const [thumb] = (await h.rs.evaluate('(Get-ExchangeCertificate).Thumbprint')) as string[];
  expect(await names(`Enable-ExchangeCertificate -Thumbprint ${thumb.slice(0, 6)}`)).toEqual([thumb]);
});
