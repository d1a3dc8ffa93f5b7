// The live area as lines of text: a pure function of the controller's snapshot.
import type { ShellBackend, UiSnapshot } from './controller.js';
import { renderHint, renderInput, renderMenu, renderProgress, renderSearch, renderTransportStatus } from './render.js';
import type { Style } from './style.js';

export interface ViewLine {
  text: string;
  /** Lines that must not wrap (menus, hints, status) are cut at the width. */
  truncate: boolean;
}

export function liveLines(snap: UiSnapshot, backend: ShellBackend, width: number, style: Style): ViewLine[] {
  const out: ViewLine[] = [];
  const fixed = (text: string) => out.push({ text, truncate: true });
  if (snap.phase === 'exited') return out;
  for (const p of snap.progress) fixed(renderProgress(p, width, style));
  if (snap.question) {
    const q = snap.question;
    for (const l of renderInput(q.state.buffer.text, q.state.buffer.cursor, [], q.prompt, style)) out.push({ text: l, truncate: false });
  } else if (snap.phase === 'editing') {
    const p = snap.prompt;
    const { text, cursor } = p.buffer;
    const spans = style.color ? backend.highlight(text) : [];
    for (const l of renderInput(text, cursor, spans, snap.promptText, style)) out.push({ text: l, truncate: false });
    if (p.search) fixed(renderSearch(p.search, style));
    else if (p.completion?.menu) for (const l of renderMenu(p.completion, width, style)) fixed(l);
    else {
      let hint: ReturnType<ShellBackend['hint']>;
      try {
        hint = text.trim() ? backend.hint(text, cursor) : undefined;
      } catch {
        hint = undefined;
      }
      if (hint) for (const l of renderHint(hint, width, style)) fixed(l);
    }
  }
  if (snap.transport) fixed(renderTransportStatus(snap.transport, width, style));
  return out;
}
