// Parses request bodies as JSON and, when that fails, reports the error with the text Go's
// encoding/json scanner produces ("invalid character 'x' looking for beginning of value"...).
import type { JsonValue } from './json.js';

/** A body that is not valid JSON; the message is Go's scanner error text. */
export class JsonSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1)}'`;
}

/** Walks the text like Go's scanner and returns its first error message (undefined if the text is valid JSON). */
export function goJsonSyntaxError(text: string): string | undefined {
  let i = 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (context: string): never => {
    if (i >= n) throw new JsonSyntaxError('unexpected end of JSON input');
    throw new JsonSyntaxError(`invalid character ${quoteChar(text[i] as string)} ${context}`);
  };
  const literal = (word: string): void => {
    for (let k = 1; k < word.length; k++) {
      i++;
      if (i >= n) fail('');
      if (text[i] !== word[k]) fail(`in literal ${word} (expecting ${quoteChar(word[k] as string)})`);
    }
    i++;
  };
  const str = (): void => {
    i++;
    for (;;) {
      if (i >= n) fail('');
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        i++;
        if (i >= n) fail('');
        const e = text[i] as string;
        if (e === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (i >= n) fail('');
            if (!/[0-9a-fA-F]/.test(text[i] as string)) fail('in \\u hexadecimal character escape');
          }
        } else if (!'"\\/bfnrt'.includes(e)) fail('in string escape code');
        i++;
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail('in string literal');
      i++;
    }
  };
  const num = (): void => {
    if (text[i] === '-') {
      i++;
      if (i >= n) fail('');
      if (!/[0-9]/.test(text[i] as string)) fail('in numeric literal');
    }
    if (text[i] === '0') i++;
    else while (i < n && /[0-9]/.test(text[i] as string)) i++;
    if (text[i] === '.') {
      i++;
      if (i >= n) fail('');
      if (!/[0-9]/.test(text[i] as string)) fail('after decimal point in numeric literal');
      while (i < n && /[0-9]/.test(text[i] as string)) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (i >= n) fail('');
      if (!/[0-9]/.test(text[i] as string)) fail('in exponent of numeric literal');
      while (i < n && /[0-9]/.test(text[i] as string)) i++;
    }
  };
  const value = (): void => {
    ws();
    if (i >= n) fail('');
    const c = text[i] as string;
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('looking for beginning of object key string');
        str();
        ws();
        if (text[i] !== ':') fail('after object key');
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail('after object key:value pair');
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail('after array element');
      }
    } else if (c === '"') str();
    else if (c === '-' || /[0-9]/.test(c)) num();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else fail('looking for beginning of value');
  };
  try {
    value();
    ws();
    if (i < n) fail('after top-level value');
  } catch (e) {
    if (e instanceof JsonSyntaxError) return e.message;
    throw e;
  }
  return undefined;
}

/** JSON.parse with Go's error text on failure. */
export function parseJson(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw new JsonSyntaxError(goJsonSyntaxError(text) ?? 'unexpected end of JSON input');
  }
}
