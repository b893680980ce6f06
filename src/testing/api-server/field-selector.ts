// Field selectors as k8s.io/apimachinery/pkg/fields parses them (`a=b`, `a==b`, `a!=b`, comma AND,
// backslash escapes), with the per-resource label conversion that rejects unsupported fields.

/** One term of a field selector, after label conversion. */
export interface FieldTerm {
  readonly field: string;
  readonly op: '=' | '!=';
  readonly value: string;
}

/** A parsed field selector; an empty one matches everything. */
export interface FieldSelector {
  readonly terms: readonly FieldTerm[];
  matches(fields: Readonly<Record<string, string>>): boolean;
}

function splitTerms(s: string): string[] {
  const terms: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (ch === '\\' && i + 1 < s.length) {
      cur += ch + (s[i + 1] as string);
      i++;
    } else if (ch === ',') {
      terms.push(cur);
      cur = '';
    } else cur += ch;
  }
  terms.push(cur);
  return terms;
}

function splitTerm(term: string): [string, '=' | '==' | '!=', string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

/** fields.UnescapeValue, including its error texts (the rune is printed as a number, as Go's %v does). */
function unescape(v: string): string {
  let out = '';
  let inSlash = false;
  for (const ch of v) {
    if (inSlash) {
      if (ch !== '\\' && ch !== ',' && ch !== '=') throw new Error(`invalid field selector: invalid escape sequence: \\${ch}`);
      out += ch;
      inSlash = false;
    } else if (ch === '\\') inSlash = true;
    else if (ch === ',' || ch === '=') throw new Error(`invalid field selector: unescaped character in value: ${ch.charCodeAt(0)}`);
    else out += ch;
  }
  if (inSlash) throw new Error('invalid field selector: invalid escape sequence: \\');
  return out;
}

/**
 * Parses a field selector; `convertLabel` maps a field label to the internal one or throws (e.g.
 * `field label not supported: x`). Throws an Error with the server's 400 message.
 */
export function parseFieldSelector(input: string, convertLabel: (label: string) => string): FieldSelector {
  const terms: FieldTerm[] = [];
  const parts = splitTerms(input).sort();
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) throw new Error(`invalid selector: '${input}'; can't understand '${part}'`);
    const [lhs, op, rhs] = split;
    const value = unescape(rhs);
    terms.push({ field: convertLabel(lhs), op: op === '!=' ? '!=' : '=', value });
  }
  return {
    terms,
    matches: (fields) => terms.every((t) => ((fields[t.field] ?? '') === t.value) === (t.op === '=')),
  };
}

/** The conversion most resources use: only metadata.name and metadata.namespace. */
export function defaultFieldLabel(label: string): string {
  if (label === 'metadata.name' || label === 'metadata.namespace') return label;
  throw new Error(`"${label}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
}
