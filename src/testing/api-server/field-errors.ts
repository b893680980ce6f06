// apimachinery's field.Error / field.ErrorList: validation errors with a field path, a cause type and the
// exact message text ("Invalid value: \"x\": detail"), plus the aggregate message NewInvalid builds.
import { goQuote } from './go-format.js';

/** The cause types of field errors (metav1.CauseType values). */
export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueDuplicate'
  | 'InternalError';

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueDuplicate: 'Duplicate value',
  InternalError: 'Internal error',
};

/** One validation error. `badValue` is already rendered the way Go's ErrorBody prints it. */
export interface FieldError {
  readonly type: FieldErrorType;
  readonly field: string;
  /** Rendered bad value (`"x"` for strings, `3` for numbers...), or undefined when the type omits it. */
  readonly badValue?: string;
  readonly detail: string;
}

/** field.Invalid with a string bad value (rendered with %q). */
export function invalid(field: string, value: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, badValue: goQuote(value), detail };
}

/** field.Invalid with a value that is already rendered (numbers, structs, times). */
export function invalidRendered(field: string, rendered: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, badValue: rendered, detail };
}

export function required(field: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field, detail };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, detail };
}

export function tooLong(field: string, maxBytes: number): FieldError {
  return { type: 'FieldValueTooLong', field, detail: `must have at most ${maxBytes} bytes` };
}

/** field.Error.ErrorBody(): the message of a StatusCause. */
export function errorBody(e: FieldError): string {
  let s = TYPE_TEXT[e.type];
  const omitsValue =
    e.type === 'FieldValueRequired' ||
    e.type === 'FieldValueForbidden' ||
    e.type === 'FieldValueTooLong' ||
    e.type === 'InternalError' ||
    e.badValue === undefined;
  if (!omitsValue) s += `: ${e.badValue}`;
  if (e.detail.length > 0) s += `: ${e.detail}`;
  return s;
}

/** field.Error.Error(): `<field>: <body>`. */
export function fieldErrorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/**
 * ErrorList.ToAggregate().Error(): one message as is, several as `[a, b]`, duplicates dropped
 * (the causes keep them).
 */
export function aggregateMessage(errors: readonly FieldError[]): string {
  const seen = new Set<string>();
  const msgs: string[] = [];
  for (const e of errors) {
    const m = fieldErrorString(e);
    if (!seen.has(m)) {
      seen.add(m);
      msgs.push(m);
    }
  }
  return msgs.length === 1 ? (msgs[0] ?? '') : `[${msgs.join(', ')}]`;
}

/** Field path of a map key, as field.NewPath("data").Key(k) prints it. */
export function keyPath(base: string, key: string): string {
  return `${base}[${key}]`;
}
