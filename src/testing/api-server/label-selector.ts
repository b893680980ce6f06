// Label selectors as k8s.io/apimachinery/pkg/labels parses them: `k=v`, `k==v`, `k!=v`, `k`, `!k`,
// `k in (a,b)`, `k notin (a,b)`, `k>n`, `k<n`, comma meaning AND.
import { isQualifiedName, isValidLabelValue } from './name-validation.js';

type Operator = 'exists' | '!' | '=' | '==' | '!=' | 'in' | 'notin' | '>' | '<';

/** One requirement of a parsed label selector. */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

/** A parsed label selector; an empty one matches everything. */
export interface LabelSelector {
  readonly requirements: readonly LabelRequirement[];
  matches(labels: Readonly<Record<string, string>> | undefined): boolean;
}

type Token = { kind: 'id'; text: string } | { kind: 'sym'; text: string } | { kind: 'end'; text: '' };

const SPECIAL = new Set(['=', '!', '(', ')', ',', '<', '>']);

function lex(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (SPECIAL.has(ch)) {
      const two = input.slice(i, i + 2);
      if (two === '==' || two === '!=') {
        out.push({ kind: 'sym', text: two });
        i += 2;
      } else {
        out.push({ kind: 'sym', text: ch });
        i++;
      }
      continue;
    }
    let j = i;
    while (j < input.length && !SPECIAL.has(input[j] as string) && !/\s/.test(input[j] as string)) j++;
    out.push({ kind: 'id', text: input.slice(i, j) });
    i = j;
  }
  out.push({ kind: 'end', text: '' });
  return out;
}

function describe(t: Token): string {
  return t.kind === 'end' ? '' : t.text;
}

/** Parses a label selector string; throws an Error with the message the server returns as a 400. */
export function parseLabelSelector(input: string): LabelSelector {
  const tokens = lex(input);
  let pos = 0;
  const peek = (): Token => tokens[pos] as Token;
  const take = (): Token => tokens[pos++] as Token;
  const reqs: LabelRequirement[] = [];
  if (peek().kind === 'end') return makeSelector(reqs);
  for (;;) {
    let op: Operator | undefined;
    if (peek().text === '!' && peek().kind === 'sym') {
      take();
      op = '!';
    }
    const keyTok = take();
    if (keyTok.kind !== 'id') throw new Error(`found '${describe(keyTok)}', expected: identifier`);
    const key = keyTok.text;
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length > 0) throw new Error(`unable to parse requirement: <nil>: Invalid value: "${key}": ${keyErrs.join('; ')}`);
    const values: string[] = [];
    if (op === undefined) {
      const next = peek();
      if (next.kind === 'end' || next.text === ',') op = 'exists';
      else {
        const t = take();
        if (t.kind === 'sym' && ['=', '==', '!=', '>', '<'].includes(t.text)) op = t.text as Operator;
        else if (t.kind === 'id' && (t.text === 'in' || t.text === 'notin')) op = t.text;
        else throw new Error(`found '${describe(t)}', expected: in, notin, =, ==, !=, gt, lt`);
        if (op === 'in' || op === 'notin') {
          const open = take();
          if (open.text !== '(') throw new Error(`found '${describe(open)}', expected: '('`);
          for (;;) {
            const v = peek();
            if (v.kind === 'id') {
              values.push(v.text);
              take();
            } else values.push('');
            const sep = take();
            if (sep.text === ')') break;
            if (sep.text !== ',') throw new Error(`found '${describe(sep)}', expected: ',' or ')'`);
          }
          if (values.length === 1 && values[0] === '') throw new Error("for 'in', 'notin' operators, values set can't be empty");
        } else {
          const v = peek();
          if (v.kind === 'id') {
            values.push(v.text);
            take();
          } else values.push('');
          if (op === '>' || op === '<') {
            if (!/^-?\d+$/.test(values[0] ?? '')) throw new Error(`for 'Gt', 'Lt' operators, the value must be an integer`);
          }
        }
        if (op !== '>' && op !== '<') {
          for (const v of values) {
            const errs = isValidLabelValue(v);
            if (errs.length > 0) throw new Error(`unable to parse requirement: <nil>: Invalid value: "${v}": ${errs.join('; ')}`);
          }
        }
      }
    }
    reqs.push({ key, operator: op, values });
    const sep = take();
    if (sep.kind === 'end') break;
    if (sep.text !== ',') throw new Error(`found '${describe(sep)}', expected: ',' or 'end of string'`);
  }
  return makeSelector(reqs);
}

function matchOne(r: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = labels[r.key];
  switch (r.operator) {
    case 'exists':
      return has;
    case '!':
      return !has;
    case '=':
    case '==':
    case 'in':
      return has && r.values.includes(v ?? '');
    case '!=':
    case 'notin':
      return !has || !r.values.includes(v ?? '');
    case '>':
    case '<': {
      if (!has || !/^-?\d+$/.test(v ?? '')) return false;
      const n = Number(v);
      const bound = Number(r.values[0]);
      return r.operator === '>' ? n > bound : n < bound;
    }
  }
}

function makeSelector(requirements: LabelRequirement[]): LabelSelector {
  return {
    requirements,
    matches: (labels) => requirements.every((r) => matchOne(r, labels ?? {})),
  };
}
