// Decodes request JSON into a Kubernetes type as Go's encoding/json does: exact "json: cannot unmarshal" errors,
// zero values dropped, metav1.Time/MicroTime parsed, unknown fields dropped and reported.
import { GoTimeParseError, parseMicroTime, parseTime } from './go-time.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json.js';

/** The shape of one field, as the Go struct declares it. */
export type Schema =
  | { readonly t: 'string' }
  | { readonly t: 'int32' | 'int64'; readonly ptr?: boolean }
  | { readonly t: 'bool'; readonly ptr?: boolean }
  | { readonly t: 'time' | 'microtime' }
  | { readonly t: 'stringMap' | 'bytesMap' | 'stringList' }
  /** Any JSON, kept as sent (metav1.FieldsV1, a raw JSON document). */
  | { readonly t: 'raw' }
  | StructSchema
  | { readonly t: 'structList'; readonly struct: StructSchema };

/** A Go struct: its type name (for error messages) and its JSON fields. */
export interface StructSchema {
  readonly t: 'struct';
  /** Go type as printed in errors, e.g. `v1.ObjectReference`. */
  readonly go: string;
  readonly fields: Readonly<Record<string, Schema>>;
}

/** A decoding failure: the message is the Go error text (the caller wraps it as a 400). */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

interface Ctx {
  struct: string;
  readonly path: string[];
  readonly unknown: string[];
}

function jsonKind(v: JsonValue): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

function goTypeOf(s: Schema): string {
  switch (s.t) {
    case 'string':
    case 'time':
    case 'microtime':
      return 'string';
    case 'int32':
    case 'int64':
    case 'bool':
      return s.t;
    case 'stringMap':
      return 'map[string]string';
    case 'bytesMap':
      return 'map[string][]uint8';
    case 'stringList':
      return '[]string';
    case 'struct':
      return s.go;
    case 'structList':
      return `[]${s.struct.go}`;
    case 'raw':
      return 'v1.FieldsV1';
  }
}

function typeError(ctx: Ctx, value: string, goType: string): DecodeError {
  const where = ctx.path.length > 0 ? `Go struct field ${ctx.struct}.${ctx.path.join('.')}` : 'Go value';
  return new DecodeError(`json: cannot unmarshal ${value} into ${where} of type ${goType}`);
}

function decodeString(v: JsonValue, ctx: Ctx, goType = 'string'): string {
  if (typeof v !== 'string') throw typeError(ctx, jsonKind(v), goType);
  return v;
}

function decodeValue(v: JsonValue | undefined, s: Schema, ctx: Ctx): JsonValue | undefined {
  if (v === undefined || v === null) return undefined;
  switch (s.t) {
    case 'string': {
      const str = decodeString(v, ctx);
      return str === '' ? undefined : str;
    }
    case 'int32':
    case 'int64': {
      if (typeof v !== 'number') throw typeError(ctx, jsonKind(v), s.t);
      const limit = s.t === 'int32' ? 2 ** 31 : 2 ** 63;
      if (!Number.isInteger(v) || v >= limit || v < -limit) throw typeError(ctx, `number ${String(v)}`, s.t);
      return v === 0 && !s.ptr ? undefined : v;
    }
    case 'bool':
      if (typeof v !== 'boolean') throw typeError(ctx, jsonKind(v), 'bool');
      return v || s.ptr ? v : undefined;
    case 'time':
    case 'microtime': {
      const str = decodeString(v, ctx);
      try {
        return (s.t === 'time' ? parseTime(str) : parseMicroTime(str)) ?? undefined;
      } catch (e) {
        if (e instanceof GoTimeParseError) throw new DecodeError(e.message);
        throw e;
      }
    }
    case 'stringMap':
    case 'bytesMap': {
      if (!isJsonObject(v)) throw typeError(ctx, jsonKind(v), goTypeOf(s));
      const out: JsonObject = {};
      let n = 0;
      for (const [k, val] of Object.entries(v)) {
        if (val === null) out[k] = '';
        else {
          if (typeof val !== 'string') throw typeError(ctx, jsonKind(val), s.t === 'stringMap' ? 'string' : '[]uint8');
          if (s.t === 'bytesMap' && !/^[A-Za-z0-9+/]*={0,2}$/.test(val)) throw new DecodeError('illegal base64 data at input byte 0');
          out[k] = val;
        }
        n++;
      }
      return n === 0 ? undefined : out;
    }
    case 'stringList': {
      if (!Array.isArray(v)) throw typeError(ctx, jsonKind(v), '[]string');
      if (v.length === 0) return undefined;
      return v.map((item) => (item === null ? '' : decodeString(item, ctx)));
    }
    case 'struct':
      return decodeStruct(v, s, ctx);
    case 'raw':
      return v;
    case 'structList': {
      if (!Array.isArray(v)) throw typeError(ctx, jsonKind(v), goTypeOf(s));
      if (v.length === 0) return undefined;
      return v.map((item) => (item === null ? {} : decodeStruct(item, s.struct, ctx)));
    }
  }
}

function decodeStruct(v: JsonValue, s: StructSchema, ctx: Ctx): JsonObject {
  if (!isJsonObject(v)) throw typeError(ctx, jsonKind(v), s.go);
  const outer = ctx.struct;
  const out: JsonObject = {};
  for (const [k, val] of Object.entries(v)) {
    const fs = s.fields[k];
    ctx.path.push(k);
    if (fs === undefined) {
      ctx.unknown.push(ctx.path.join('.'));
    } else {
      ctx.struct = s.go.slice(s.go.indexOf('.') + 1);
      const d = decodeValue(val, fs, ctx);
      if (d !== undefined) out[k] = d;
    }
    ctx.path.pop();
  }
  ctx.struct = outer;
  return out;
}

/** Result of decoding a request body into a typed object. */
export interface Decoded {
  readonly object: JsonObject;
  /** JSON paths of fields the type does not have (the server warns `unknown field "x"`). */
  readonly unknownFields: readonly string[];
}

/** Decodes a whole object body against its top-level struct schema. Throws DecodeError. */
export function decodeObject(body: JsonValue, schema: StructSchema): Decoded {
  const ctx: Ctx = { struct: schema.go.slice(schema.go.indexOf('.') + 1), path: [], unknown: [] };
  const object = decodeStruct(body, schema, ctx);
  return { object, unknownFields: ctx.unknown };
}

/** Shorthands for schema literals. */
export const S = {
  string: { t: 'string' },
  int32: { t: 'int32' },
  int64: { t: 'int64' },
  int64Ptr: { t: 'int64', ptr: true },
  boolPtr: { t: 'bool', ptr: true },
  time: { t: 'time' },
  microtime: { t: 'microtime' },
  stringMap: { t: 'stringMap' },
  bytesMap: { t: 'bytesMap' },
  stringList: { t: 'stringList' },
} as const satisfies Record<string, Schema>;
