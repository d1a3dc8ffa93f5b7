// PowerShell wildcard patterns (*, ?, [abc], [a-z], backtick escapes) as regular expressions.

const cache = new Map<string, RegExp>();

export function wildcardToRegex(pattern: string, caseSensitive = false): RegExp {
  const key = (caseSensitive ? 'c' : 'i') + pattern;
  let re = cache.get(key);
  if (re) return re;
  let src = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '`' && i + 1 < pattern.length) src += escape(pattern[++i]);
    else if (c === '*') src += '[\\s\\S]*';
    else if (c === '?') src += '[\\s\\S]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) src += '\\[';
      else {
        src += '[' + pattern.slice(i + 1, close).replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else src += escape(c);
  }
  re = new RegExp(src + '$', caseSensitive ? 's' : 'is');
  if (cache.size > 1000) cache.clear();
  cache.set(key, re);
  return re;
}

function escape(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? '\\' + c : c;
}

export function hasWildcard(s: string): boolean {
  return /[*?[]/.test(s);
}

export function wildcardMatch(text: string, pattern: string, caseSensitive = false): boolean {
  return wildcardToRegex(pattern, caseSensitive).test(text);
}
