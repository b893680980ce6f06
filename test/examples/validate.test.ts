// The operator's validation rule: required keys from the annotation, checked against data.
import { describe, expect, it } from 'vitest';
import {
  parseRequiredKeys,
  REQUIRED_KEYS_ANNOTATION,
  validateConfigMap,
  type ConfigMapLike,
} from '../../examples/configmap-operator/validate.js';

function configMap(requiredKeys: string | undefined, data?: Record<string, string>): ConfigMapLike {
  const annotations: Record<string, string> = requiredKeys === undefined ? { other: 'x' } : { [REQUIRED_KEYS_ANNOTATION]: requiredKeys };
  return {
    metadata: { annotations },
    ...(data !== undefined ? { data } : {}),
  };
}

describe('parseRequiredKeys', () => {
  it('splits on commas and trims whitespace around each key', () => {
    expect(parseRequiredKeys(' host ,\tport,\n user ')).toEqual(['host', 'port', 'user']);
  });

  it('drops empty entries and repeated keys, keeping the first position', () => {
    expect(parseRequiredKeys(',host,, ,port,host,')).toEqual(['host', 'port']);
  });

  it('requires nothing without an annotation or with a blank one', () => {
    expect(parseRequiredKeys(undefined)).toEqual([]);
    expect(parseRequiredKeys('')).toEqual([]);
    expect(parseRequiredKeys(' , ')).toEqual([]);
  });
});

describe('validateConfigMap', () => {
  it('is valid when every required key is present and non-empty', () => {
    expect(validateConfigMap(configMap('host,port', { host: 'db', port: '5432', extra: '' }))).toEqual({
      required: ['host', 'port'],
      missing: [],
      valid: true,
    });
  });

  it('reports absent keys in annotation order', () => {
    expect(validateConfigMap(configMap('user,host,port', { host: 'db' }))).toEqual({
      required: ['user', 'host', 'port'],
      missing: ['user', 'port'],
      valid: false,
    });
  });

  it('counts an empty or whitespace-only value as missing', () => {
    expect(validateConfigMap(configMap('a,b,c', { a: '', b: ' \n', c: ' x ' }))).toEqual({
      required: ['a', 'b', 'c'],
      missing: ['a', 'b'],
      valid: false,
    });
  });

  it('reads the annotation with whitespace around keys', () => {
    expect(validateConfigMap(configMap('  host ,  port  ', { host: 'db', port: '1' })).valid).toBe(true);
  });

  it('reports every required key missing when there is no data', () => {
    expect(validateConfigMap(configMap('host,port'))).toEqual({ required: ['host', 'port'], missing: ['host', 'port'], valid: false });
  });

  it('is valid with nothing required when the annotation is absent', () => {
    expect(validateConfigMap(configMap(undefined, {}))).toEqual({ required: [], missing: [], valid: true });
    expect(validateConfigMap({})).toEqual({ required: [], missing: [], valid: true });
  });

  it('does not find keys on Object.prototype', () => {
    expect(validateConfigMap(configMap('constructor,toString', {})).missing).toEqual(['constructor', 'toString']);
  });

  it('ignores binaryData: the rule is about text settings in data', () => {
    const cm = { ...configMap('cert', {}), binaryData: { cert: 'AAEC' } };
    expect(validateConfigMap(cm).missing).toEqual(['cert']);
  });
});
