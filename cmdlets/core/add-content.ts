// Add-Content: appends content to files.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { collectValues, contentParameters, writeContent, type ContentParams } from './lib/content-writer.js';

export const cmdlet = defineCmdlet<ContentParams>({
  name: 'Add-Content',
  aliases: ['ac'],
  synopsis: 'Adds content to the specified items, such as adding words to a file.',
  description:
    'Add-Content appends its values to files, one line per value; files that do not exist are created. Values can be ' +
    'piped in. -NoNewline appends the values without line breaks.',
  defaultParameterSet: 'Path',
  supportsShouldProcess: true,
  parameters: contentParameters('Add'),
  outputTypes: ['None', 'System.String'],
  examples: [
    {
      title: 'Append a line',
      setup: "Set-Content -Path partners.txt -Value 'woodgrovebank.com'",
      code: "Add-Content -Path partners.txt -Value 'fabrikam.com'\nGet-Content partners.txt",
      remarks: 'The new line is added after the existing ones.',
      output: 'woodgrovebank.com\nfabrikam.com',
    },
  ],
  process(ctx) {
    collectValues(ctx);
  },
  end(ctx) {
    return writeContent(ctx, true);
  },
});

export default cmdlet;
