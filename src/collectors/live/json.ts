/**
 * Reading JSON that came from outside (an API response body, a CloudTrail record): each accessor
 * takes any value and answers in the type asked for, a wrong type reading as empty — never as
 * the value a check would pass on. Callers that must tell "absent" from "empty" test the raw
 * value themselves and mark the field unknown.
 */

export type JsonRecord = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export function isObject(v: unknown): v is JsonRecord {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The object, or `{}`. */
export function obj(v: unknown): JsonRecord {
  return isObject(v) ? v : {};
}

/** The array's objects (other entries read as `{}`), or `[]`. */
export function objs(v: unknown): JsonRecord[] {
  return Array.isArray(v) ? v.map(obj) : [];
}

/** The string, or "". */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A scalar as text (numbers and booleans too), or "". */
export function text(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/** The array's strings, or `[]`. */
export function strs(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
