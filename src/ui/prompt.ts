// The prompt's state machine: a key and the current state give the next state and, at most, one
// effect for the controller (run the line, complete, leave). Pure: no Ink, no engine.
import * as B from './buffer.js';
import type { EditBuffer } from './buffer.js';
import type { KeyEvent } from './keys.js';
import type { CompletionItem, CompletionResult } from './completion.js';
import { searchHistory } from './history.js';

export interface SearchState {
  query: string;
  /** The matched history entry, -1 when none matched yet. */
  match: number;
  failed: boolean;
  /** The line before the search began (Ctrl+G restores it). */
  saved: EditBuffer;
}

export interface CompletionState {
  items: CompletionItem[];
  index: number;
  start: number;
  end: number;
  /** The line before completion; each item replaces [start, end) of it. */
  original: EditBuffer;
  /** The menu shows from the second Tab on. */
  menu: boolean;
}

export interface PromptState {
  buffer: EditBuffer;
  killRing: string;
  /** The history entry shown (entries.length when editing a new line) and the new line kept aside. */
  historyIndex: number;
  historySaved?: EditBuffer;
  search?: SearchState;
  completion?: CompletionState;
  /** Earlier buffers, for Ctrl+Z (Undo). */
  undo: EditBuffer[];
  /** The previous key killed text: the next kill adds to the kill ring instead of replacing it. */
  lastKill?: boolean;
}

export interface PromptEnv {
  history: readonly string[];
  isIncomplete(text: string): boolean;
  /** 'question' is Read-Host and confirmations: Enter always accepts, no history or completion. */
  mode: 'command' | 'question';
}

export type PromptEffect =
  | { type: 'submit'; text: string }
  | { type: 'complete'; reverse: boolean }
  /** Ctrl+C on a line: the line is abandoned. */
  | { type: 'cancel'; text: string }
  /** Ctrl+D on an empty line. */
  | { type: 'eof' }
  | { type: 'clear-screen' }
  | { type: 'bell' };

export interface PromptStep {
  state: PromptState;
  effect?: PromptEffect;
}

export function initialPrompt(historyLength = 0, text = ''): PromptState {
  return { buffer: B.bufferOf(text), killRing: '', historyIndex: historyLength, undo: [] };
}

const UNDO_LIMIT = 100;

function withBuffer(s: PromptState, buffer: EditBuffer): PromptState {
  if (buffer === s.buffer) return s;
  if (buffer.text === s.buffer.text) return { ...s, buffer };
  const undo = s.undo.length >= UNDO_LIMIT ? s.undo.slice(1) : s.undo.slice();
  undo.push(s.buffer);
  return { ...s, buffer, undo };
}

function killed(s: PromptState, k: B.Killed, backward: boolean): PromptState {
  if (!k.killed) return { ...s, lastKill: true };
  const ring = s.lastKill ? (backward ? k.killed + s.killRing : s.killRing + k.killed) : k.killed;
  return { ...withBuffer(s, k.buffer), killRing: ring, lastKill: true };
}

// ---------------------------------------------------------------- completion

/** Applies the completions the controller found for a Tab (or Shift+Tab when reverse). */
export function applyCompletions(s: PromptState, result: CompletionResult, reverse = false): PromptStep {
  if (result.items.length === 0) return { state: s, effect: { type: 'bell' } };
  const original = s.buffer;
  if (result.items.length === 1) {
    return { state: withBuffer({ ...s, completion: undefined }, B.replaceRange(original, result.start, result.end, result.items[0].text)) };
  }
  const index = reverse ? result.items.length - 1 : 0;
  const completion: CompletionState = { items: result.items, index, start: result.start, end: result.end, original, menu: false };
  return { state: withBuffer({ ...s, completion }, B.replaceRange(original, result.start, result.end, result.items[index].text)) };
}

function cycle(s: PromptState, c: CompletionState, delta: number): PromptState {
  const n = c.items.length;
  const index = (((c.index + delta) % n) + n) % n;
  const completion = { ...c, index, menu: true };
  return { ...s, completion, buffer: B.replaceRange(c.original, c.start, c.end, c.items[index].text) };
}

// ---------------------------------------------------------------- search (Ctrl+R)

function startSearch(s: PromptState): PromptState {
  return { ...s, completion: undefined, search: { query: '', match: -1, failed: false, saved: s.buffer } };
}

function showMatch(s: PromptState, search: SearchState, env: PromptEnv): PromptState {
  if (search.match < 0) return { ...s, search };
  const entry = env.history[search.match];
  const at = entry.toLowerCase().indexOf(search.query.toLowerCase());
  return { ...s, search, buffer: { text: entry, cursor: Math.max(0, at) } };
}

function searchFrom(s: PromptState, sr: SearchState, query: string, from: number, dir: -1 | 1, env: PromptEnv): PromptState {
  if (query === '') return showMatch(s, { ...sr, query, failed: false }, env);
  const i = searchHistory(env.history, query, from, dir);
  if (i < 0) return { ...s, search: { ...sr, query, failed: true } };
  return showMatch(s, { ...sr, query, match: i, failed: false }, env);
}

function searchKey(s: PromptState, sr: SearchState, k: KeyEvent, env: PromptEnv): PromptStep | undefined {
  const newest = env.history.length - 1;
  if (k.kind === 'text') {
    const from = sr.match >= 0 ? sr.match : newest;
    return { state: searchFrom(s, sr, sr.query + k.text, from, -1, env) };
  }
  if (k.kind !== 'key') return undefined;
  if (k.ctrl && k.name === 'r') {
    const from = sr.match >= 0 ? sr.match - 1 : newest;
    return { state: searchFrom(s, sr, sr.query, from, -1, env) };
  }
  if (k.ctrl && k.name === 's') {
    const from = sr.match >= 0 ? sr.match + 1 : 0;
    return { state: searchFrom(s, sr, sr.query, from, 1, env) };
  }
  if (k.name === 'backspace' && !k.ctrl && !k.meta) {
    const q = sr.query.slice(0, -1);
    return { state: searchFrom(s, { ...sr, match: -1 }, q, newest, -1, env) };
  }
  if (k.ctrl && (k.name === 'g' || k.name === 'c')) {
    return { state: { ...s, search: undefined, buffer: sr.saved } };
  }
  if (k.name === 'escape') return { state: { ...s, search: undefined } };
  // any other key ends the search, keeping the match, and then does what it does
  return undefined;
}

// ---------------------------------------------------------------- keys

function historyMove(s: PromptState, dir: -1 | 1, env: PromptEnv): PromptStep {
  if (env.mode === 'question') return { state: s };
  const n = env.history.length;
  const target = Math.min(n, Math.max(0, s.historyIndex + dir));
  if (target === s.historyIndex) return { state: s, effect: { type: 'bell' } };
  const saved = s.historyIndex >= n ? s.buffer : s.historySaved;
  const buffer = target >= n ? (saved ?? B.emptyBuffer) : B.bufferOf(env.history[target]);
  return { state: { ...s, buffer, historyIndex: target, historySaved: saved } };
}

function enter(s: PromptState, env: PromptEnv): PromptStep {
  const text = s.buffer.text;
  if (env.mode === 'command' && env.isIncomplete(text)) {
    // continue on a `>>` line at the end of the input
    const buffer = B.insert({ text, cursor: text.length }, '\n');
    return { state: withBuffer(s, buffer) };
  }
  return { state: s, effect: { type: 'submit', text } };
}

/** The next state for one key. */
export function promptKey(s0: PromptState, k: KeyEvent, env: PromptEnv): PromptStep {
  return promptKeyInner(s0.lastKill ? { ...s0, lastKill: false } : s0, k, env, !!s0.lastKill);
}

function promptKeyInner(sIn: PromptState, k: KeyEvent, env: PromptEnv, afterKill: boolean): PromptStep {
  let s = sIn;
  // consecutive kills accumulate in the kill ring, as in Emacs and PSReadLine
  const kill = (st: PromptState, r: B.Killed, backward: boolean) => killed({ ...st, lastKill: afterKill }, r, backward);
  if (s.search) {
    const r = searchKey(s, s.search, k, env);
    if (r) return r;
    s = { ...s, search: undefined };
    if (k.kind === 'key' && k.name === 'enter' && !k.meta) return { state: s, effect: { type: 'submit', text: s.buffer.text } };
  }
  if (s.completion) {
    const c = s.completion;
    if (k.kind === 'key' && k.name === 'tab' && !k.ctrl) return { state: cycle(s, c, k.shift ? -1 : 1) };
    if (k.kind === 'key' && k.name === 'escape') return { state: { ...s, completion: undefined, buffer: c.original } };
    if (k.kind === 'key' && k.name === 'enter' && c.menu && !k.meta) return { state: { ...s, completion: undefined } };
    if (c.menu && k.kind === 'key' && !k.ctrl && !k.meta && (k.name === 'down' || k.name === 'right')) return { state: cycle(s, c, 1) };
    if (c.menu && k.kind === 'key' && !k.ctrl && !k.meta && (k.name === 'up' || k.name === 'left')) return { state: cycle(s, c, -1) };
    // any other key accepts the completion and goes on
    s = { ...s, completion: undefined };
  }

  if (k.kind === 'text') return { state: withBuffer(s, B.insert(s.buffer, k.text)) };
  if (k.kind === 'paste') {
    const text = env.mode === 'question' ? k.text.split('\n')[0] : k.text;
    return { state: withBuffer(s, B.insert(s.buffer, text)) };
  }

  const b = s.buffer;
  const { name, ctrl, meta } = k;
  switch (name) {
    case 'enter':
      if (meta) return { state: withBuffer(s, B.insert(b, '\n')) };
      return enter(s, env);
    case 'tab':
      if (env.mode === 'question') return { state: s };
      return { state: s, effect: { type: 'complete', reverse: k.shift } };
    case 'backspace':
      if (meta || ctrl) return { state: kill(s, meta ? B.killWordBefore(b) : B.killWhitespaceWordBefore(b), true) };
      return { state: withBuffer(s, B.backspace(b)) };
    case 'delete':
      if (ctrl) return { state: kill(s, B.killWordAfter(b), false) };
      return { state: withBuffer(s, B.deleteChar(b)) };
    case 'left':
      return { state: withBuffer(s, ctrl || meta ? B.wordLeft(b) : B.left(b)) };
    case 'right':
      return { state: withBuffer(s, ctrl || meta ? B.wordRight(b) : B.right(b)) };
    case 'home':
      return { state: withBuffer(s, ctrl ? { text: b.text, cursor: 0 } : B.home(b)) };
    case 'end':
      return { state: withBuffer(s, ctrl ? { text: b.text, cursor: b.text.length } : B.end(b)) };
    case 'up':
    case 'down': {
      const dir = name === 'up' ? -1 : 1;
      // a recalled entry left as it was keeps walking the history; an edited multi-line input moves by line
      const recalled = s.historyIndex < env.history.length && env.history[s.historyIndex] === b.text;
      const moved = recalled ? undefined : B.verticalMove(b, dir);
      if (moved) return { state: withBuffer(s, moved) };
      return historyMove(s, dir, env);
    }
    case 'escape':
      // RevertLine, as pwsh on Windows
      return { state: withBuffer({ ...s, historyIndex: env.history.length, historySaved: undefined }, B.emptyBuffer) };
    case 'space':
      return { state: withBuffer(s, B.insert(b, ' ')) };
  }
  if (ctrl && !meta) {
    switch (name) {
      case 'a':
        return { state: withBuffer(s, B.home(b)) };
      case 'e':
        return { state: withBuffer(s, B.end(b)) };
      case 'b':
        return { state: withBuffer(s, B.left(b)) };
      case 'f':
        return { state: withBuffer(s, B.right(b)) };
      case 'u':
        return { state: kill(s, B.killLineBefore(b), true) };
      case 'k':
        return { state: kill(s, B.killLineAfter(b), false) };
      case 'w':
        return { state: kill(s, B.killWhitespaceWordBefore(b), true) };
      case 'y':
        return { state: s.killRing ? withBuffer(s, B.insert(b, s.killRing)) : s };
      case 'p':
        return historyMove(s, -1, env);
      case 'n':
        return historyMove(s, 1, env);
      case 'c':
        return { state: initialPrompt(env.history.length), effect: { type: 'cancel', text: b.text } };
      case 'd':
        if (b.text === '') return { state: s, effect: { type: 'eof' } };
        return { state: withBuffer(s, B.deleteChar(b)) };
      case 'l':
        return { state: s, effect: { type: 'clear-screen' } };
      case 'r':
        if (env.mode === 'question') return { state: s };
        return { state: startSearch(s) };
      case 'z': {
        const prev = s.undo[s.undo.length - 1];
        return prev ? { state: { ...s, buffer: prev, undo: s.undo.slice(0, -1) } } : { state: s, effect: { type: 'bell' } };
      }
      case 'j':
        return enter(s, env);
    }
    return { state: s };
  }
  if (meta && !ctrl) {
    switch (name) {
      case 'b':
        return { state: withBuffer(s, B.wordLeft(b)) };
      case 'f':
        return { state: withBuffer(s, B.wordRight(b)) };
      case 'd':
        return { state: kill(s, B.killWordAfter(b), false) };
    }
    return { state: s };
  }
  return { state: s };
}
