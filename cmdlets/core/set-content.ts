// Set-Content: writes new content to files, replacing what they held.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { collectValues, contentParameters, writeContent, type ContentParams } from './lib/content-writer.js';

export const cmdlet = defineCmdlet<ContentParams>({
  name: 'Set-Content',
  aliases: ['sc'],
  synopsis: 'Writes new content or replaces existing content in a file.',
  description:
    'Set-Content writes its values to files, one line per value, replacing what the files held; the files are created ' +
    'if they do not exist. Values can be piped in. Text is written as UTF-8 without a byte-order mark unless ' +
    '-Encoding says otherwise; -AsByteStream (or -Encoding Byte) writes bytes, for example a byte array read with ' +
    'Get-Content -AsByteStream. -NoNewline writes the values without line breaks.',
  defaultParameterSet: 'Path',
  supportsShouldProcess: true,
  parameters: contentParameters('Set'),
  outputTypes: ['None', 'System.String'],
  examples: [
    {
      title: 'Write lines to a file',
      code: "Set-Content -Path partners.txt -Value 'woodgrovebank.com', 'fabrikam.com'\nGet-Content partners.txt",
      remarks: 'Each value becomes one line of the file.',
      output: 'woodgrovebank.com\nfabrikam.com',
    },
    {
      title: 'Pipe the content in',
      code: "1..3 | ForEach-Object { \"line $_\" } | Set-Content numbers.txt\n(Get-Content numbers.txt).Count",
      remarks: 'Piped objects are written in order.',
      output: '3',
    },
  ],
  process(ctx) {
    collectValues(ctx);
  },
  end(ctx) {
    return writeContent(ctx, false);
  },
});

export default cmdlet;
