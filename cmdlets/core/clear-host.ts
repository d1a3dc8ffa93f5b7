// Clear-Host (cls, clear): clears the screen. The interactive shell registers the 'host-ui' service,
// which clears the terminal and redraws the prompt; elsewhere the ANSI clear sequence is written.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import type { HostUiService } from '../../src/ui/services.js';

/** Erase the screen and the scrollback, and move home. */
export const CLEAR_SEQUENCE = '\x1b[2J\x1b[3J\x1b[H';

export const cmdlet = defineCmdlet<Record<string, never>>({
  name: 'Clear-Host',
  aliases: ['cls', 'clear'],
  synopsis: 'Clears the display in the host program.',
  description:
    'Clear-Host erases the console screen and its scrollback and puts the prompt at the top. In the ' +
    'interactive shell the prompt is redrawn; in a script the ANSI clear sequence is written to the ' +
    'console (the information stream).',
  parameters: [],
  outputTypes: ['None'],
  examples: [
    {
      title: 'Clear the screen',
      code: 'Clear-Host',
      remarks: 'The alias cls does the same. Run in a script, the ANSI sequence that clears a terminal is written.',
      check: /\x1b\[2J/,
    },
  ],
  process(ctx) {
    const ui = ctx.session.services.get('host-ui') as HostUiService | undefined;
    if (ui && typeof ui.clearScreen === 'function') ui.clearScreen();
    else ctx.writeInformation(CLEAR_SEQUENCE, { noNewline: true });
  },
});

export default cmdlet;
