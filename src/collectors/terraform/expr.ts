/**
 * A partial evaluator for Terraform expressions (HCL native syntax), in the form
 * `@cdktf/hcl2json` hands them over: every attribute value is JSON, and every string in it is a
 * template in which `${ … }` holds the original HCL expression text and `%{ … }` a directive
 * (`$${` and `%%{` are the escapes).
 *
 * What can be computed statically is computed. What cannot becomes an explicit {@link Unresolved}
 * that keeps the source text, the reason, and the addresses it depends on. Nothing here throws:
 * malformed text, type errors and oversized input all come back as Unresolved.
 *
 * Unresolved, in short:
 * - `text` — for an ordinary expression, its HCL source (`aws_s3_bucket.b.id`). When
 *   `partial` is set, `text` is instead a rendering of a *string* with the known parts verbatim and
 *   `${…}` in place of each unknown part, e.g. `${replace(aws_eks_cluster.x.identity[0].oidc[0].issuer, "https://", "")}:sub`,
 *   so prefix/suffix checks on it are meaningful. Templates, `format`, `join`, `jsonencode` and
 *   `yamlencode` produce partial strings. In a partial text a literal `${` / `%{` from a known part
 *   is written `$${` / `%%{`, so every `${` in it is a placeholder.
 * - `jsonencode` of a value with unknown leaves returns a partial Unresolved whose `text` is the JSON
 *   document with each unknown leaf rendered as the JSON string `"${…}"` (its source), and an object
 *   key that is not known rendered the same way. `JSON.parse(u.text)` therefore gives the policy
 *   document with placeholders where values are unknown (their real type may not be string).
 * - `refs` — the addresses the unknown part depends on: `aws_s3_bucket.b`, `data.aws_iam_policy_document.p`,
 *   `module.m`, and `var.x` / `local.y` on the way.
 * - `error` — set when Terraform itself would reject the expression (wrong type, missing attribute,
 *   index out of range, bad function arguments). `try`/`can` skip these; everything else unknown is
 *   "pending", and `try` over a pending argument stays unresolved (as Terraform does).
 * - `shape` — for an object constructor whose values are fine but one key is unknown (`"${…}:sub" = …`):
 *   the object with that key written as its placeholder. `jsonencode` renders it.
 *
 * Known simplifications: numbers are doubles (Terraform's are arbitrary precision; string rendering
 * rounds to 15 significant digits); lists, sets and tuples are arrays (toset sorts and dedupes),
 * maps and objects are plain objects; a conditional does not unify its branch types; a duplicate
 * key in an object constructor keeps the last value; yamlencode output is equivalent YAML in
 * Terraform's style, not guaranteed byte-identical; regexes are RE2 translated to JavaScript
 * (unsupported syntax stays unresolved).
 *
 * Deliberate limits (each yields an Unresolved, never an exception): expression text over 8 MiB,
 * nesting deeper than 128, computed strings over 8 MiB or values over ~1M size units, and an
 * evaluation budget of 2M steps shared by nested calls (so `for` over `for` over big lists, or values
 * that double through a chain of locals, stop instead of exploding). Regular expressions with nested
 * quantifiers are not run (no catastrophic backtracking).
 */
import { createHash } from 'node:crypto';

// ─────────────────────────────────────────────────────────────────────────── public types

export interface Unresolved {
  readonly $unresolved: true;
  /** HCL source of the expression, or (when `partial`) the string with `${…}` placeholders. */
  text: string;
  reason: string;
  /** Addresses the unknown part depends on (resources, data sources, modules, var./local.). */
  refs: string[];
  /** Terraform would reject this expression (type error, missing attribute, …). */
  error?: true;
  /** `text` renders a string: known parts verbatim, `${…}` for each unknown part. */
  partial?: true;
  /**
   * An object whose only unknowns are keys: the object with its keys written as in a partial
   * text (unknown keys as `${…}`, a literal `${` in a known key as `$${`).
   */
  shape?: TfObject;
}
export type TfObject = { [k: string]: TfValue };
export type TfValue = string | number | boolean | null | TfValue[] | TfObject | Unresolved;

export interface Scope {
  /** var.NAME → value (already resolved from defaults/tfvars), or undefined when not declared/known. */
  variable(name: string): TfValue | undefined;
  /** local.NAME → value (the caller evaluates locals lazily and guards cycles). */
  local(name: string): TfValue | undefined;
  /**
   * A reference to another object: `aws_s3_bucket.b` + attribute path `["id"]` (or
   * `data.T.N`, `module.M`). Indexes come first for count/for_each instances:
   * `aws_instance.x[0].id` → (`aws_instance.x`, `[0, "id"]`). The path stops before a splat or an
   * index that is not known. Return undefined when not statically known.
   */
  reference(address: string, path: (string | number)[]): TfValue | undefined;
  /** `path.module`, `path.root`, `terraform.workspace`, `each.key`, `each.value`, `count.index`, `self.x`. */
  special?(name: string): TfValue | undefined;
  /** A bare name bound by the caller's context: a dynamic block iterator (`tag`), templatefile variables. */
  bound?(name: string): TfValue | undefined;
  /** Functions this module does not evaluate (`file`, `templatefile`, …). Undefined = not known. */
  call?(name: string, args: TfValue[]): TfValue | undefined;
}

/** A scope that knows nothing: every variable, local and reference is unresolved. */
export const EMPTY_SCOPE: Scope = {
  variable: () => undefined,
  local: () => undefined,
  reference: () => undefined,
};

export const LIMITS = {
  /** Longest template/expression text that is parsed. */
  sourceChars: 8 * 1024 * 1024,
  /** Deepest nesting of parentheses, brackets, braces, unary operators and directives. */
  depth: 128,
  /** Longest chain of binary operators at one level (`a + b + c …`). */
  operators: 1000,
  /** Longest string the evaluator computes. */
  stringChars: 8 * 1024 * 1024,
  /** Largest computed value: one unit per element and per 32 characters. */
  valueUnits: 1_000_000,
  /** Evaluation steps per top-level call (shared with calls nested through Scope callbacks). */
  steps: 2_000_000,
  /** evaluateValue calls nested through Scope callbacks (chains of locals). */
  nestedCalls: 64,
  /** Longest input a regular expression is run on. */
  regexInput: 100_000,
  /** Addresses kept in Unresolved.refs. */
  refs: 64,
} as const;

export function isUnresolved(v: unknown): v is Unresolved {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as { $unresolved?: unknown; text?: unknown; reason?: unknown; refs?: unknown };
  return o.$unresolved === true && typeof o.text === 'string' && typeof o.reason === 'string' && Array.isArray(o.refs);
}

/**
 * The string a value stands for, with `${…}` for unknown parts: a known string as is, a partial
 * Unresolved's text, any other Unresolved as `${source}` (whose value may turn out not to be a
 * string at all). Undefined for known non-strings.
 */
export function partialString(v: TfValue): string | undefined {
  if (typeof v === 'string') return v;
  if (isUnresolved(v)) return placeholder(v);
  return undefined;
}

/** Evaluate one hcl2json value (strings are templates; objects/arrays member-wise; object keys too). */
export function evaluateValue(v: unknown, scope: Scope): TfValue {
  return guarded(() => (typeof v === 'string' ? v : '(value)'), () => new Evaluator(scope).value(v, 0), typeof v === 'string');
}

/** Evaluate one expression in HCL native syntax (the text after `=` in a .tf file). */
export function evaluateExpression(src: string, scope: Scope): TfValue {
  return guarded(() => src, () => {
    if (src.length > LIMITS.sourceChars) return mk(src, 'expression too long to evaluate statically', []);
    const parsed = parseCached(src, 'expr');
    if (!parsed.ok) return mk(src, `cannot parse expression: ${parsed.message}`, []);
    return new Evaluator(scope).ev(parsed.node, undefined);
  });
}

/**
 * Every address an hcl2json value references (`aws_s3_bucket.b`, `data.aws_iam_policy_document.p`,
 * `module.m`, `var.x`, `local.y`), in order of first appearance. Names bound by `for` expressions
 * and template directives are not references; pass `bound` for names the caller binds (dynamic
 * block iterators). Strings that cannot be parsed contribute nothing.
 */
export function referencesIn(v: unknown, options: { bound?: readonly string[] } = {}): string[] {
  const out = new Set<string>();
  let names: Names = undefined;
  for (const b of options.bound ?? []) names = { name: b, next: names };
  const walkValue = (x: unknown, depth: number): void => {
    if (depth > LIMITS.depth * 2 || out.size > 10_000) return;
    if (typeof x === 'string') walkString(x, names, out);
    else if (Array.isArray(x)) for (const e of x) walkValue(e, depth + 1);
    else if (x !== null && typeof x === 'object') {
      for (const [k, e] of Object.entries(x)) { walkString(k, names, out); walkValue(e, depth + 1); }
    }
  };
  try { walkValue(v, 0); } catch { /* stack exhaustion on absurd input: return what was found */ }
  return [...out];
}

// ─────────────────────────────────────────────────────────────────────────── Unresolved helpers

interface Flags { error?: boolean; partial?: boolean; shape?: TfObject }

function mk(text: string, reason: string, refs: readonly string[], f: Flags = {}): Unresolved {
  const u: Unresolved = { $unresolved: true, text, reason, refs: refs.slice(0, LIMITS.refs) };
  if (f.error) u.error = true;
  if (f.partial) u.partial = true;
  if (f.shape) u.shape = f.shape;
  return u;
}

/** An Unresolved for something Terraform would reject. */
function fail(text: string, reason: string): Unresolved {
  return mk(text, reason, [], { error: true });
}

function unionRefs(us: readonly Unresolved[]): string[] {
  const set = new Set<string>();
  for (const u of us) for (const r of u.refs) { set.add(r); if (set.size >= LIMITS.refs) return [...set]; }
  return [...set];
}

/** A new Unresolved for `text` caused by `causes` (an error among them makes it an error). */
function derive(text: string, causes: readonly Unresolved[], reason?: string, f: Flags = {}): Unresolved {
  const err = causes.find((c) => c.error);
  const first = err ?? causes[0];
  return mk(text, reason ?? first?.reason ?? 'not known statically', unionRefs(causes),
    { ...f, error: f.error === true || err !== undefined });
}

function withRef(v: TfValue, address: string): TfValue {
  if (!isU(v) || v.refs.includes(address)) return v;
  return { ...v, refs: [address, ...v.refs].slice(0, LIMITS.refs) };
}

function isU(v: TfValue | undefined): v is Unresolved {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && isUnresolved(v);
}

function placeholder(u: Unresolved): string {
  return u.partial ? u.text : '${' + u.text + '}';
}

/** Known text inside a partial rendering: `${` and `%{` escaped so every `${` is a placeholder. */
function escapeTpl(s: string): string {
  return s.includes('{') ? s.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{') : s;
}

/** Thrown inside evaluation to return an Unresolved from the current node. */
class Stop {
  readonly u: Unresolved;
  constructor(u: Unresolved) { this.u = u; }
}
class OutOfBudget extends Error {}

// ─────────────────────────────────────────────────────────────────────────── budget & guards

interface Budget { left: number }
let active: Budget | undefined;
let nesting = 0;

function tick(n = 1): void {
  if (active !== undefined) {
    active.left -= n;
    if (active.left < 0) throw new OutOfBudget('budget');
  }
}

/** Run one top-level evaluation; `partial`: the text is a template (an hcl2json string). */
function guarded(text: () => string, run: () => TfValue, partial = false): TfValue {
  const flags: Flags = { partial };
  if (nesting >= LIMITS.nestedCalls) return mk(text(), 'references nested too deeply to evaluate statically', [], flags);
  const outer = active;
  if (outer === undefined) active = { left: LIMITS.steps };
  nesting++;
  try {
    return run();
  } catch (e) {
    if (e instanceof Stop) return e.u;
    if (e instanceof OutOfBudget) return mk(text(), 'too expensive to evaluate statically (evaluation budget exceeded)', [], flags);
    if (e instanceof RangeError) return mk(text(), 'nested too deeply to evaluate statically', [], flags);
    return mk(text(), `not evaluated (internal error: ${e instanceof Error ? e.message : String(e)})`, [], flags);
  } finally {
    nesting--;
    if (outer === undefined) active = undefined;
  }
}

const sizes = new WeakMap<object, number>();

/** Size units of a value (memoized, so shared sub-values are not walked twice). */
function measure(v: TfValue, depth = 0): number {
  if (typeof v === 'string') return 1 + (v.length >> 5);
  if (v === null || typeof v !== 'object') return 1;
  const memo = sizes.get(v);
  if (memo !== undefined) return memo;
  if (depth > 512) return Infinity;
  tick();
  let total = 1;
  if (Array.isArray(v)) {
    for (const x of v) { total += measure(x, depth + 1); if (total > LIMITS.valueUnits) break; }
  } else if (isU(v)) {
    total += v.text.length >> 5;
    if (v.shape) total += measure(v.shape, depth + 1);
  } else {
    for (const k of Object.keys(v)) {
      total += 1 + (k.length >> 5) + measure(v[k] as TfValue, depth + 1);
      if (total > LIMITS.valueUnits) break;
    }
  }
  sizes.set(v, total);
  return total;
}

/** A limit of this evaluator was hit (not a Terraform error, so try() does not skip it). */
function tooBig(at: string): Unresolved {
  return mk(at, 'string too large to evaluate statically', []);
}

function checked(v: TfValue, at: string): TfValue {
  if (typeof v === 'string') return v.length > LIMITS.stringChars ? tooBig(at) : v;
  if (typeof v === 'object' && v !== null && measure(v) > LIMITS.valueUnits) {
    return mk(at, 'value too large (or nested too deeply) to evaluate statically', []);
  }
  return v;
}

// ─────────────────────────────────────────────────────────────────────────── AST

type BinOp = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';
const PREC: Record<BinOp, number> = {
  '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6,
};

type Node =
  | { k: 'lit'; text: string; v: string | number | boolean | null }
  | { k: 'tpl'; text: string; parts: TplPart[] }
  | { k: 'tuple'; text: string; items: Node[] }
  | { k: 'object'; text: string; items: { key: Node; value: Node }[] }
  | { k: 'name'; text: string; name: string }
  | { k: 'trav'; text: string; base: Node; steps: Step[] }
  | { k: 'call'; text: string; name: string; args: Node[]; expand: boolean }
  | { k: 'unary'; text: string; op: '!' | '-'; x: Node }
  | { k: 'bin'; text: string; op: BinOp; a: Node; b: Node }
  | { k: 'cond'; text: string; c: Node; t: Node; f: Node }
  | { k: 'paren'; text: string; x: Node }
  | {
    k: 'for'; text: string; keyVar: string | undefined; valVar: string; coll: Node;
    keyExpr: Node | undefined; valExpr: Node; group: boolean; cond: Node | undefined;
  };

type Step = { t: 'attr'; name: string } | { t: 'index'; key: Node } | { t: 'splat'; steps: Step[] };

type TplPart =
  | { t: 'lit'; s: string }
  | { t: 'interp'; x: Node }
  | { t: 'if'; c: Node; then: TplPart[]; else: TplPart[]; text: string }
  | { t: 'for'; keyVar: string | undefined; valVar: string; coll: Node; body: TplPart[]; text: string };

interface TokBase { sl: boolean; sr: boolean; start: number; end: number }
type Tok =
  | { t: 'lit'; s: string }
  | (TokBase & { t: 'interp'; x: Node })
  | (TokBase & { t: 'if'; c: Node })
  | (TokBase & { t: 'for'; keyVar: string | undefined; valVar: string; coll: Node })
  | (TokBase & { t: 'else' | 'endif' | 'endfor' });

// ─────────────────────────────────────────────────────────────────────────── parser

class ParseError extends Error {
  readonly at: number;
  constructor(message: string, at: number) { super(message); this.at = at; }
}

const ID_RE = /[\p{ID_Start}_][\p{ID_Continue}\-]*/uy;
const NUM_RE = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const DIGITS_RE = /\d+/y;
const FOR_RE = /for(?=[ \t\r\n]+[\p{ID_Start}_])/uy;
const IN_RE = /in(?![\p{ID_Continue}\-])/uy;
const IF_RE = /if(?![\p{ID_Continue}\-])/uy;
const SPLAT_RE = /\[[ \t\r\n]*\*[ \t\r\n]*\]/y;

class Parser {
  readonly src: string;
  pos = 0;
  private depth: number;
  private readonly nls: boolean[] = [false];

  constructor(src: string, depth = 0) {
    this.src = src;
    this.depth = depth;
  }

  /** The whole text as one expression. */
  wholeExpression(): Node {
    const n = this.expr();
    this.ws(true);
    if (this.pos < this.src.length) this.fail(`unexpected ${this.found()} after the expression`);
    return n;
  }

  /** The whole text as a template (hcl2json strings, heredoc bodies). */
  wholeTemplate(heredoc = false): TplPart[] {
    return this.template(false, heredoc);
  }

  private fail(msg: string, at = this.pos): never {
    throw new ParseError(msg, at);
  }

  private found(): string {
    if (this.pos >= this.src.length) return 'end of text';
    const s = this.src.slice(this.pos, this.pos + 16).split('\n')[0] ?? '';
    return `'${s || '\\n'}'`;
  }

  private enter(): void {
    if (++this.depth > LIMITS.depth) this.fail('expression nested too deeply');
  }

  private leave(): void {
    this.depth--;
  }

  /** Skip blanks and comments; newlines too unless they are significant here (object bodies). */
  private ws(all = false): void {
    const src = this.src;
    const significant = !all && this.nls[this.nls.length - 1] === true;
    for (;;) {
      const c = src.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 13) { this.pos++; continue; }
      if (c === 10) { if (significant) return; this.pos++; continue; }
      if (c === 35 || (c === 47 && src.charCodeAt(this.pos + 1) === 47)) {
        const nl = src.indexOf('\n', this.pos);
        this.pos = nl < 0 ? src.length : nl;
        continue;
      }
      if (c === 47 && src.charCodeAt(this.pos + 1) === 42) {
        const end = src.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('unterminated comment');
        this.pos = end + 2;
        continue;
      }
      return;
    }
  }

  private at(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  private eat(s: string): boolean {
    if (!this.at(s)) return false;
    this.pos += s.length;
    return true;
  }

  private expect(s: string, what = `'${s}'`): void {
    if (!this.eat(s)) this.fail(`expected ${what} but found ${this.found()}`);
  }

  private match(re: RegExp): number {
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    return m ? m[0].length : -1;
  }

  private ident(): string | undefined {
    const n = this.match(ID_RE);
    if (n < 0) return undefined;
    const id = this.src.slice(this.pos, this.pos + n);
    this.pos += n;
    return id;
  }

  private needIdent(what: string): string {
    const id = this.ident();
    if (id === undefined) this.fail(`expected ${what} but found ${this.found()}`);
    return id;
  }

  private expr(): Node {
    this.enter();
    this.ws(true);
    const start = this.pos;
    let out = this.binary(0);
    this.ws();
    if (this.src.charCodeAt(this.pos) === 63 /* ? */) {
      this.pos++;
      this.nls.push(false);
      const t = this.expr();
      this.ws(true);
      this.expect(':', "':' of the conditional");
      this.nls.pop();
      const f = this.expr();
      out = { k: 'cond', c: out, t, f, text: this.src.slice(start, this.pos) };
    }
    this.leave();
    return out;
  }

  private binary(minPrec: number): Node {
    this.ws(true);
    const start = this.pos;
    let left = this.unary();
    for (let count = 1; ; count++) {
      this.ws();
      const op = this.binOp();
      if (op === undefined || PREC[op] < minPrec) break;
      if (count > LIMITS.operators) this.fail(`more than ${LIMITS.operators} operators in a row`);
      this.pos += op.length;
      const right = this.binary(PREC[op] + 1);
      left = { k: 'bin', op, a: left, b: right, text: this.src.slice(start, this.pos) };
    }
    return left;
  }

  private binOp(): BinOp | undefined {
    const two = this.src.slice(this.pos, this.pos + 2);
    if (two === '&&' || two === '||' || two === '==' || two === '!=' || two === '<=' || two === '>=') return two;
    const c = this.src[this.pos];
    if (c === '<' || c === '>' || c === '+' || c === '-' || c === '*' || c === '/' || c === '%') return c;
    return undefined;
  }

  private unary(): Node {
    this.ws(true);
    const start = this.pos;
    const c = this.src.charCodeAt(this.pos);
    if (c === 33 /* ! */ || c === 45 /* - */) {
      this.pos++;
      this.enter();
      const x = this.unary();
      this.leave();
      return { k: 'unary', op: c === 33 ? '!' : '-', x, text: this.src.slice(start, this.pos) };
    }
    const base = this.primary();
    const steps = this.steps(false);
    if (steps.length === 0) return base;
    return { k: 'trav', base, steps, text: this.src.slice(start, this.pos) };
  }

  private primary(): Node {
    this.ws(true);
    const src = this.src;
    const start = this.pos;
    if (start >= src.length) this.fail('unexpected end of expression');
    const c = src.charCodeAt(start);
    if (c >= 48 && c <= 57) {
      this.pos += this.match(NUM_RE);
      const text = src.slice(start, this.pos);
      return { k: 'lit', v: Number(text), text };
    }
    if (c === 34 /* " */) {
      this.pos++;
      const parts = this.template(true);
      return { k: 'tpl', parts, text: src.slice(start, this.pos) };
    }
    if (c === 60 && src.charCodeAt(start + 1) === 60) return this.heredoc(start);
    if (c === 40 /* ( */) {
      this.pos++;
      this.nls.push(false);
      const x = this.expr();
      this.ws(true);
      this.expect(')');
      this.nls.pop();
      return { k: 'paren', x, text: src.slice(start, this.pos) };
    }
    if (c === 91 /* [ */) return this.tuple(start);
    if (c === 123 /* { */) return this.object(start);
    const id = this.ident();
    if (id === undefined) this.fail(`unexpected ${this.found()}`);
    if (id === 'true' || id === 'false') return { k: 'lit', v: id === 'true', text: id };
    if (id === 'null') return { k: 'lit', v: null, text: id };
    const afterId = this.pos;
    let name = id;
    while (this.at('::')) {
      this.pos += 2;
      name += '::' + this.needIdent('a function name after ::');
    }
    this.ws();
    if (src.charCodeAt(this.pos) === 40) return this.call(name, start);
    if (name !== id) this.fail(`expected '(' after ${name}`);
    this.pos = afterId;
    return { k: 'name', name: id, text: id };
  }

  private call(name: string, start: number): Node {
    this.pos++;
    this.nls.push(false);
    this.enter();
    const args: Node[] = [];
    let expand = false;
    for (;;) {
      this.ws(true);
      if (this.eat(')')) break;
      args.push(this.expr());
      this.ws(true);
      if (this.eat('...')) { expand = true; this.ws(true); this.expect(')'); break; }
      if (this.eat(',')) continue;
      this.expect(')', "',' or ')'");
      break;
    }
    this.leave();
    this.nls.pop();
    return { k: 'call', name, args, expand, text: this.src.slice(start, this.pos) };
  }

  /** Attribute access, index and splat steps after a term. */
  private steps(attrOnly: boolean): Step[] {
    const out: Step[] = [];
    const src = this.src;
    for (;;) {
      const save = this.pos;
      this.ws();
      const c = src.charCodeAt(this.pos);
      if (c === 46 /* . */) {
        const c1 = src.charCodeAt(this.pos + 1);
        if (c1 === 46) { this.pos = save; break; } // `...`
        if (c1 === 42 /* * */) {
          if (attrOnly) { this.pos = save; break; }
          this.pos += 2;
          this.enter();
          out.push({ t: 'splat', steps: this.steps(true) });
          this.leave();
          continue;
        }
        this.pos++;
        const digits = this.match(DIGITS_RE);
        if (digits > 0) {
          const text = src.slice(this.pos, this.pos + digits);
          this.pos += digits;
          out.push({ t: 'index', key: { k: 'lit', v: Number(text), text } });
          continue;
        }
        out.push({ t: 'attr', name: this.needIdent("an attribute name after '.'") });
        continue;
      }
      if (c === 91 /* [ */ && !attrOnly) {
        const splat = this.match(SPLAT_RE);
        if (splat > 0) {
          this.pos += splat;
          this.enter();
          out.push({ t: 'splat', steps: this.steps(false) });
          this.leave();
          continue;
        }
        this.pos++;
        this.nls.push(false);
        const key = this.expr();
        this.ws(true);
        this.expect(']');
        this.nls.pop();
        out.push({ t: 'index', key });
        continue;
      }
      this.pos = save;
      break;
    }
    return out;
  }

  private tuple(start: number): Node {
    this.pos++;
    this.nls.push(false);
    this.enter();
    this.ws(true);
    let node: Node;
    if (this.match(FOR_RE) > 0) {
      node = this.forExpr(start, false);
    } else {
      const items: Node[] = [];
      for (;;) {
        this.ws(true);
        if (this.eat(']')) break;
        items.push(this.expr());
        this.ws(true);
        if (this.eat(',')) continue;
        this.expect(']', "',' or ']'");
        break;
      }
      node = { k: 'tuple', items, text: this.src.slice(start, this.pos) };
    }
    this.leave();
    this.nls.pop();
    return node;
  }

  private object(start: number): Node {
    this.pos++;
    this.enter();
    this.ws(true);
    if (this.match(FOR_RE) > 0) {
      this.nls.push(false);
      const node = this.forExpr(start, true);
      this.nls.pop();
      this.leave();
      return node;
    }
    this.nls.push(true);
    const items: { key: Node; value: Node }[] = [];
    for (;;) {
      this.ws(true);
      if (this.eat('}')) break;
      const key = this.expr();
      this.ws();
      if (this.src[this.pos] === '=' && this.src[this.pos + 1] !== '=') this.pos++;
      else if (this.src[this.pos] === ':') this.pos++;
      else this.fail(`expected '=' or ':' after an object key but found ${this.found()}`);
      const value = this.expr();
      items.push({ key, value });
      this.ws();
      if (this.eat(',')) continue;
      const c = this.src[this.pos];
      if (c === '\n' || c === '}') continue;
      this.fail(`expected a newline, ',' or '}' after an object item but found ${this.found()}`);
    }
    this.nls.pop();
    this.leave();
    return { k: 'object', items, text: this.src.slice(start, this.pos) };
  }

  /** `[key,] value in collection` after the `for` keyword (expressions and template directives). */
  private forHeader(): { keyVar: string | undefined; valVar: string; coll: Node } {
    this.ws(true);
    const first = this.needIdent('a variable name after for');
    this.ws(true);
    let second: string | undefined;
    if (this.eat(',')) { this.ws(true); second = this.needIdent('a second variable name'); this.ws(true); }
    if (this.match(IN_RE) < 0) this.fail(`expected 'in' but found ${this.found()}`);
    this.pos += 2;
    const coll = this.expr();
    return { keyVar: second === undefined ? undefined : first, valVar: second ?? first, coll };
  }

  private forExpr(start: number, isObject: boolean): Node {
    this.pos += 3; // for
    const { keyVar, valVar, coll } = this.forHeader();
    this.ws(true);
    this.expect(':', "':' after the for collection");
    let keyExpr: Node | undefined;
    let group = false;
    if (isObject) {
      keyExpr = this.expr();
      this.ws(true);
      this.expect('=>', "'=>' in an object for expression");
    }
    const valExpr = this.expr();
    this.ws(true);
    if (isObject && this.eat('...')) { group = true; this.ws(true); }
    let cond: Node | undefined;
    if (this.match(IF_RE) > 0) { this.pos += 2; cond = this.expr(); this.ws(true); }
    this.expect(isObject ? '}' : ']', isObject ? "'}' closing the for expression" : "']' closing the for expression");
    return {
      k: 'for', keyVar, valVar, coll, keyExpr, valExpr,
      group, cond, text: this.src.slice(start, this.pos),
    };
  }

  private heredoc(start: number): Node {
    const src = this.src;
    this.pos += 2;
    const flush = this.eat('-');
    const marker = this.needIdent('a heredoc marker after <<');
    while (src[this.pos] === ' ' || src[this.pos] === '\t' || src[this.pos] === '\r') this.pos++;
    if (src[this.pos] !== '\n') this.fail('expected a newline after the heredoc marker');
    this.pos++;
    const bodyStart = this.pos;
    let body: string | undefined;
    for (let p = bodyStart; ;) {
      let e = src.indexOf('\n', p);
      const last = e < 0;
      if (last) e = src.length;
      const line = src.slice(p, e);
      if (line.trim() === marker) {
        body = src.slice(bodyStart, p);
        this.pos = p + line.indexOf(marker) + marker.length;
        break;
      }
      if (last) this.fail(`unterminated heredoc (no closing ${marker})`, start);
      p = e + 1;
    }
    const text = flush ? dedent(body) : body;
    let parts: TplPart[];
    try {
      parts = new Parser(text, this.depth).wholeTemplate(true);
    } catch (e) {
      if (e instanceof ParseError) throw new ParseError(`in heredoc: ${e.message}`, bodyStart + e.at);
      throw e;
    }
    return { k: 'tpl', parts, text: src.slice(start, this.pos) };
  }

  /**
   * A template up to the closing quote (quoted) or the end of the text. In a heredoc, HCL's strip
   * markers only reach to the line boundary (each heredoc line is its own literal token).
   */
  private template(quoted: boolean, heredoc = false): TplPart[] {
    const src = this.src;
    const n = src.length;
    const toks: Tok[] = [];
    let lit = '';
    for (;;) {
      let j = this.pos;
      while (j < n) {
        const c = src.charCodeAt(j);
        if (c === 36 || c === 37 || (quoted && (c === 34 || c === 92 || c === 10))) break;
        j++;
      }
      if (j > this.pos) { lit += src.slice(this.pos, j); this.pos = j; }
      if (this.pos >= n) {
        if (quoted) this.fail('unterminated string');
        break;
      }
      const c = src.charCodeAt(this.pos);
      if (c === 34) { this.pos++; break; }
      if (c === 10) this.fail('newline in a quoted string');
      if (c === 92) { lit += this.escape(); continue; }
      const c1 = src.charCodeAt(this.pos + 1);
      if (c1 === c && src.charCodeAt(this.pos + 2) === 123) {
        lit += c === 36 ? '${' : '%{';
        this.pos += 3;
        continue;
      }
      if (c1 !== 123) { lit += src[this.pos]; this.pos++; continue; }
      if (lit !== '') { toks.push({ t: 'lit', s: lit }); lit = ''; }
      toks.push(c === 36 ? this.interpolation() : this.directive());
    }
    if (lit !== '') toks.push({ t: 'lit', s: lit });
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i] as Tok;
      if (t.t === 'lit') continue;
      const prev = toks[i - 1];
      const next = toks[i + 1];
      if (t.sl && prev?.t === 'lit') prev.s = heredoc ? stripLineEnd(prev.s) : prev.s.trimEnd();
      if (t.sr && next?.t === 'lit') next.s = heredoc ? stripLineStart(next.s) : next.s.trimStart();
    }
    const st = { i: 0 };
    return this.buildParts(toks, st, 'top');
  }

  private escape(): string {
    const c = this.src[this.pos + 1];
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
    if (c !== undefined && Object.hasOwn(simple, c)) { this.pos += 2; return simple[c] as string; }
    if (c === 'u' || c === 'U') {
      const len = c === 'u' ? 4 : 8;
      const hex = this.src.slice(this.pos + 2, this.pos + 2 + len);
      const cp = /^[0-9a-fA-F]+$/.test(hex) && hex.length === len ? parseInt(hex, 16) : -1;
      if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) this.fail('invalid unicode escape');
      this.pos += 2 + len;
      return String.fromCodePoint(cp);
    }
    this.fail(`invalid escape sequence \\${c ?? ''}`);
  }

  private interpolation(): Tok {
    const start = this.pos;
    this.pos += 2;
    const sl = this.eat('~');
    this.nls.push(false);
    const x = this.expr();
    this.ws(true);
    const sr = this.eat('~');
    this.ws(true);
    this.expect('}', "'}' closing the interpolation");
    this.nls.pop();
    return { t: 'interp', x, sl, sr, start, end: this.pos };
  }

  private directive(): Tok {
    const start = this.pos;
    this.pos += 2;
    const sl = this.eat('~');
    this.nls.push(false);
    this.ws(true);
    const kw = this.ident();
    let make: (b: TokBase) => Tok;
    switch (kw) {
      case 'if': {
        const c = this.expr();
        make = (b) => ({ ...b, t: 'if', c });
        break;
      }
      case 'for': {
        const { keyVar, valVar, coll } = this.forHeader();
        make = (b) => ({ ...b, t: 'for', keyVar, valVar, coll });
        break;
      }
      case 'else': case 'endif': case 'endfor': {
        const t = kw;
        make = (b) => ({ ...b, t });
        break;
      }
      default:
        this.fail(`unknown template directive ${kw ?? this.found()}`, start);
    }
    this.ws(true);
    const sr = this.eat('~');
    this.ws(true);
    this.expect('}', "'}' closing the directive");
    this.nls.pop();
    return make({ sl, sr, start, end: this.pos });
  }

  private buildParts(toks: Tok[], st: { i: number }, until: 'top' | 'if' | 'else' | 'for'): TplPart[] {
    const out: TplPart[] = [];
    while (st.i < toks.length) {
      const t = toks[st.i] as Tok;
      switch (t.t) {
        case 'lit':
          if (t.s !== '') out.push({ t: 'lit', s: t.s });
          st.i++;
          break;
        case 'interp':
          out.push({ t: 'interp', x: t.x });
          st.i++;
          break;
        case 'if': {
          st.i++;
          this.enter();
          const then = this.buildParts(toks, st, 'if');
          let els: TplPart[] = [];
          if (toks[st.i]?.t === 'else') { st.i++; els = this.buildParts(toks, st, 'else'); }
          const end = toks[st.i];
          if (end === undefined || end.t !== 'endif') this.fail('%{if} without %{endif}', t.start);
          st.i++;
          this.leave();
          out.push({ t: 'if', c: t.c, then, else: els, text: this.src.slice(t.start, end.end) });
          break;
        }
        case 'for': {
          st.i++;
          this.enter();
          const body = this.buildParts(toks, st, 'for');
          const end = toks[st.i];
          if (end === undefined || end.t !== 'endfor') this.fail('%{for} without %{endfor}', t.start);
          st.i++;
          this.leave();
          out.push({ t: 'for', keyVar: t.keyVar, valVar: t.valVar, coll: t.coll, body, text: this.src.slice(t.start, end.end) });
          break;
        }
        case 'else':
          if (until === 'if') return out;
          this.fail('%{else} without %{if}', t.start);
        case 'endif':
          if (until === 'if' || until === 'else') return out;
          this.fail('%{endif} without %{if}', t.start);
        case 'endfor':
          if (until === 'for') return out;
          this.fail('%{endfor} without %{for}', t.start);
      }
    }
    if (until !== 'top') this.fail(until === 'for' ? 'missing %{endfor}' : 'missing %{endif}');
    return out;
  }
}

/** Heredoc `~}`: strip blanks up to and including the first newline. */
function stripLineStart(s: string): string {
  const m = /^[ \t]*(?:\r?\n)?/.exec(s);
  return s.slice(m ? m[0].length : 0);
}

/** Heredoc `%{~`: strip the blanks before it on its own line. */
function stripLineEnd(s: string): string {
  const m = /[ \t]*$/.exec(s);
  return m ? s.slice(0, s.length - m[0].length) : s;
}

/** `<<-` heredocs: remove the indentation common to all non-blank lines. */
function dedent(body: string): string {
  const lines = body.split('\n');
  let min = Infinity;
  for (const l of lines) {
    if (l.trim() === '') continue;
    const ind = l.length - l.trimStart().length;
    if (ind < min) min = ind;
  }
  if (min === Infinity || min === 0) return body;
  return lines.map((l) => (l.trim() === '' ? l.trimStart() : l.slice(min))).join('\n');
}

type Parsed =
  | { ok: true; node: Node; parts: TplPart[] }
  | { ok: false; message: string };

const parseCache = new Map<string, Parsed>();

function parseCached(src: string, mode: 'expr' | 'tpl'): Parsed {
  const key = mode + '\u0000' + src;
  const hit = src.length <= 8192 ? parseCache.get(key) : undefined;
  if (hit !== undefined) return hit;
  let result: Parsed;
  try {
    if (mode === 'expr') {
      const node = new Parser(src).wholeExpression();
      result = { ok: true, node, parts: [{ t: 'interp', x: node }] };
    } else {
      const parts = new Parser(src).wholeTemplate();
      result = { ok: true, node: { k: 'tpl', parts, text: src }, parts };
    }
  } catch (e) {
    if (e instanceof ParseError) result = { ok: false, message: `${e.message} (at offset ${e.at})` };
    else if (e instanceof RangeError) result = { ok: false, message: 'nested too deeply' };
    else throw e;
  }
  if (src.length <= 8192) {
    if (parseCache.size >= 4096) parseCache.clear();
    parseCache.set(key, result);
  }
  return result;
}

// ─────────────────────────────────────────────────────────────────────────── value helpers

type Known = Exclude<TfValue, Unresolved>;
type Seg = string | Unresolved;

function own(o: TfObject, k: string): TfValue | undefined {
  return Object.hasOwn(o, k) ? o[k] : undefined;
}

function put(o: TfObject, k: string, v: TfValue): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

function isObj(v: TfValue): v is TfObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isU(v);
}

function typeName(v: TfValue): string {
  if (v === null) return 'null value';
  if (Array.isArray(v)) return 'tuple';
  if (isU(v)) return 'unknown value';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

function known(v: TfValue, at: string): Known {
  if (isU(v)) throw new Stop(derive(at, [v]));
  return v;
}

function str(v: TfValue, at: string, what = 'value'): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numToString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (isU(v)) throw new Stop(derive(at, [v]));
  throw new Stop(fail(at, `${what} is a ${typeName(v)}; a string is required`));
}

const NUMBER_TEXT = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

function num(v: TfValue, at: string, what = 'value'): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && NUMBER_TEXT.test(v)) return Number(v);
  if (isU(v)) throw new Stop(derive(at, [v]));
  throw new Stop(fail(at, `${what} is ${typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : `a ${typeName(v)}`}; a number is required`));
}

function int(v: TfValue, at: string, what = 'value'): number {
  const n = num(v, at, what);
  if (!Number.isInteger(n)) throw new Stop(fail(at, `${what} must be a whole number`));
  return n;
}

function bool(v: TfValue, at: string, what = 'value'): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  if (isU(v)) throw new Stop(derive(at, [v]));
  throw new Stop(fail(at, `${what} is a ${typeName(v)}; a bool is required`));
}

function list(v: TfValue, at: string, what = 'argument'): TfValue[] {
  if (Array.isArray(v)) return v;
  if (isU(v)) throw new Stop(derive(at, [v]));
  throw new Stop(fail(at, `${what} is a ${typeName(v)}; a list is required`));
}

function obj(v: TfValue, at: string, what = 'argument'): TfObject {
  if (isObj(v)) return v;
  if (isU(v)) throw new Stop(derive(at, [v]));
  throw new Stop(fail(at, `${what} is a ${typeName(v)}; a map or object is required`));
}

function finite(n: number, at: string): number {
  if (!Number.isFinite(n)) throw new Stop(fail(at, 'arithmetic result out of range'));
  return n === 0 ? 0 : n;
}

/** Collect the Unresolved values inside v (up to a limit). */
function collect(v: TfValue, out: Unresolved[], depth = 0): void {
  if (out.length >= LIMITS.refs || v === null || typeof v !== 'object') return;
  tick();
  if (isU(v)) { out.push(v); return; }
  if (depth > 512) { out.push(mk('', 'value nested too deeply to evaluate statically', [])); return; }
  if (Array.isArray(v)) { for (const x of v) collect(x, out, depth + 1); return; }
  for (const k of Object.keys(v)) collect(v[k] as TfValue, out, depth + 1);
}

/** Throw when v is not wholly known. */
function whole(v: TfValue, at: string): Known {
  const unk: Unresolved[] = [];
  collect(v, unk);
  if (unk.length) throw new Stop(derive(at, unk));
  return v as Known;
}

/** Deep equality with Terraform's type sensitivity (1 != "1"); undefined when it depends on unknowns. */
function eq(a: TfValue, b: TfValue, depth = 0): boolean | undefined {
  tick();
  if (isU(a) || isU(b) || depth > 512) return undefined;
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  let unknown = false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const r = eq(a[i] as TfValue, b[i] as TfValue, depth + 1);
      if (r === false) return false;
      if (r === undefined) unknown = true;
    }
    return unknown ? undefined : true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const bv = own(b, k);
    if (bv === undefined) return false;
    const r = eq(a[k] as TfValue, bv, depth + 1);
    if (r === false) return false;
    if (r === undefined) unknown = true;
  }
  return unknown ? undefined : true;
}

/** Terraform's number → string conversion (no exponent notation, ~15 significant digits). */
function numToString(n: number): string {
  if (n === 0) return '0';
  if (Number.isInteger(n)) return plainDecimal(String(n));
  return plainDecimal(String(Number(n.toPrecision(15))));
}

function plainDecimal(s: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const sign = m[1] ?? '';
  const ip = m[2] ?? '';
  const digits = ip + (m[3] ?? '');
  const point = ip.length + Number(m[4]);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Concatenate template segments: a string when all are known, else a partial Unresolved.
 * `atIsTemplate`: `at` is itself template text (an hcl2json string), so it can stand as a partial text.
 */
function joinSegs(segs: readonly Seg[], at: string, atIsTemplate = false): TfValue {
  const tooLarge = (): Unresolved => mk(at, 'string too large to evaluate statically', [], { partial: atIsTemplate });
  const unknown: Unresolved[] = [];
  let length = 0;
  for (const s of segs) {
    if (typeof s === 'string') length += s.length;
    else { unknown.push(s); length += s.text.length + 3; }
  }
  if (length > LIMITS.stringChars) return tooLarge();
  if (unknown.length === 0) return segs.join('');
  const text = segs.map((s) => (typeof s === 'string' ? escapeTpl(s) : placeholder(s))).join('');
  if (text.length > LIMITS.stringChars) return tooLarge();
  return derive(text, unknown, undefined, { partial: true });
}

let segmenter: Intl.Segmenter | undefined;

/** Terraform counts and slices strings by grapheme cluster. */
function graphemes(s: string): string[] {
  tick(1 + (s.length >> 6));
  if (/^[\x20-\x7e]*$/.test(s)) return s.split('');
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(s), (x) => x.segment);
}

// ─────────────────────────────────────────────────────────────────────────── evaluator

interface Env { readonly name: string; readonly value: TfValue; readonly next: Env | undefined }

class Evaluator {
  private readonly scope: Scope;

  constructor(scope: Scope) {
    this.scope = scope;
  }

  /** An hcl2json value: strings are templates, containers are walked. */
  value(v: unknown, depth: number): TfValue {
    tick();
    if (typeof v === 'string') return this.templateString(v);
    if (typeof v === 'number') return Number.isFinite(v) ? v : fail(String(v), 'number out of range');
    if (typeof v === 'boolean' || v === null) return v;
    if (depth > LIMITS.depth * 2) return mk('(value)', 'nested too deeply to evaluate statically', []);
    if (Array.isArray(v)) return v.map((x: unknown) => this.value(x, depth + 1));
    if (typeof v === 'object') {
      const out: TfObject = {};
      const shape: TfObject = {};
      const unknownKeys: Unresolved[] = [];
      for (const [k, x] of Object.entries(v)) {
        const value = this.value(x, depth + 1);
        const key = k.includes('${') || k.includes('%{') ? this.templateString(k) : k;
        const ks = keyString(key, k);
        if (typeof ks === 'string') { put(out, ks, value); put(shape, escapeTpl(ks), value); }
        else { unknownKeys.push(ks); put(shape, placeholder(ks), value); }
      }
      if (unknownKeys.length === 0) return out;
      let text = JSON.stringify(v);
      if (text.length > 2000) text = text.slice(0, 2000) + '…';
      return derive(text, unknownKeys, `object key not known statically: ${unknownKeys[0]?.reason ?? ''}`, { shape });
    }
    return fail(String(v), `unsupported value of type ${typeof v}`);
  }

  private templateString(s: string): TfValue {
    if (!s.includes('${') && !s.includes('%{')) return s;
    if (s.length > LIMITS.sourceChars) return mk(s, 'template too long to evaluate statically', [], { partial: true });
    const parsed = parseCached(s, 'tpl');
    if (!parsed.ok) return mk(s, `cannot parse template: ${parsed.message}`, []);
    return this.template(parsed.parts, undefined, s, true);
  }

  ev(n: Node, env: Env | undefined): TfValue {
    tick();
    try {
      return this.node(n, env);
    } catch (e) {
      if (e instanceof Stop) return e.u;
      throw e;
    }
  }

  private node(n: Node, env: Env | undefined): TfValue {
    switch (n.k) {
      case 'lit': return n.v;
      case 'paren': return this.ev(n.x, env);
      case 'tpl': return this.template(n.parts, env, n.text);
      case 'tuple': return checked(n.items.map((x) => this.ev(x, env)), n.text);
      case 'object': return this.object(n.items, env, n.text);
      case 'name': return this.reference(n.name, [], n.text, env);
      case 'trav':
        return n.base.k === 'name'
          ? this.reference(n.base.name, n.steps, n.text, env)
          : this.steps(this.ev(n.base, env), n.steps, 0, n.text, env);
      case 'call': return this.call(n.name, n.args, n.expand, n.text, env);
      case 'unary': {
        const x = this.ev(n.x, env);
        if (isU(x)) return derive(n.text, [x]);
        return n.op === '!' ? !bool(x, n.text, 'operand of !') : finite(-num(x, n.text, 'operand of -'), n.text);
      }
      case 'bin': return this.binary(n.op, n.a, n.b, n.text, env);
      case 'cond': return this.conditional(n.c, n.t, n.f, n.text, env);
      case 'for': return this.forExpr(n, env);
    }
  }

  private template(parts: TplPart[], env: Env | undefined, text: string, textIsTemplate = false): TfValue {
    const only = parts[0];
    if (parts.length === 1 && only?.t === 'interp') return this.ev(only.x, env);
    const segs: Seg[] = [];
    this.render(parts, env, segs);
    return joinSegs(segs, text, textIsTemplate);
  }

  private render(parts: TplPart[], env: Env | undefined, out: Seg[]): void {
    for (const p of parts) {
      tick();
      switch (p.t) {
        case 'lit':
          out.push(p.s);
          break;
        case 'interp': {
          const v = this.ev(p.x, env);
          if (isU(v)) out.push(v);
          else if (v === null) out.push(fail(p.x.text, 'a null value cannot be interpolated into a string'));
          else if (typeof v === 'object') out.push(fail(p.x.text, `a ${typeName(v)} cannot be interpolated into a string`));
          else out.push(str(v, p.x.text));
          break;
        }
        case 'if': {
          const c = this.ev(p.c, env);
          if (isU(c)) { out.push(derive(p.text, [c], undefined, { partial: true })); break; }
          if (typeof c !== 'boolean' && c !== 'true' && c !== 'false') {
            out.push(fail(p.c.text, `template condition is a ${typeName(c)}; a bool is required`));
            break;
          }
          this.render(c === true || c === 'true' ? p.then : p.else, env, out);
          break;
        }
        case 'for': {
          const coll = this.ev(p.coll, env);
          if (isU(coll)) { out.push(derive(p.text, [coll], undefined, { partial: true })); break; }
          const entries = iterate(coll);
          if (entries === undefined) { out.push(fail(p.coll.text, `cannot iterate over a ${typeName(coll)}`)); break; }
          for (const [k, v] of entries) {
            let e: Env | undefined = env;
            if (p.keyVar !== undefined) e = { name: p.keyVar, value: k, next: e };
            e = { name: p.valVar, value: v, next: e };
            this.render(p.body, e, out);
          }
          break;
        }
      }
    }
  }

  private object(items: { key: Node; value: Node }[], env: Env | undefined, text: string): TfValue {
    const out: TfObject = {};
    const shape: TfObject = {};
    const unknownKeys: Unresolved[] = [];
    for (const it of items) {
      const key = it.key.k === 'name' ? it.key.name : this.ev(it.key, env);
      const value = this.ev(it.value, env);
      const ks = keyString(key, it.key.text);
      if (typeof ks === 'string') { put(out, ks, value); put(shape, escapeTpl(ks), value); }
      else { unknownKeys.push(ks); put(shape, placeholder(ks), value); }
    }
    if (unknownKeys.length) {
      return derive(text, unknownKeys, `object key not known statically: ${unknownKeys[0]?.reason ?? ''}`, { shape });
    }
    return checked(out, text);
  }

  /** A traversal rooted at a bare name: var., local., data., module., resources, bound names. */
  private reference(root: string, steps: Step[], text: string, env: Env | undefined): TfValue {
    for (let e = env; e !== undefined; e = e.next) {
      if (e.name === root) return this.steps(e.value, steps, 0, text, env);
    }
    const s0 = steps[0];
    const a0 = s0?.t === 'attr' ? s0.name : undefined;
    switch (root) {
      case 'var':
      case 'local': {
        if (a0 === undefined) return fail(text, `${root} must be followed by .NAME`);
        const address = `${root}.${a0}`;
        const v = root === 'var' ? this.scope.variable(a0) : this.scope.local(a0);
        if (v === undefined) return mk(text, `${address} has no known value`, [address]);
        return withRef(this.steps(v, steps, 1, text, env), address);
      }
      case 'count': case 'each': case 'path': case 'terraform': case 'self': {
        if (a0 === undefined) return fail(text, `${root} must be followed by an attribute`);
        const v = this.scope.special?.(`${root}.${a0}`);
        if (v === undefined) return mk(text, `${root}.${a0} is not known statically`, []);
        return this.steps(v, steps, 1, text, env);
      }
    }
    const boundValue = this.scope.bound?.(root);
    if (boundValue !== undefined) return this.steps(boundValue, steps, 0, text, env);
    let address: string;
    let i: number;
    if (root === 'data') {
      const s1 = steps[1];
      if (a0 === undefined || s1?.t !== 'attr') return fail(text, 'data must be followed by .TYPE.NAME');
      address = `data.${a0}.${s1.name}`;
      i = 2;
    } else if (a0 === undefined) {
      return mk(text, `${root} is not defined here`, []);
    } else {
      address = `${root}.${a0}`;
      i = 1;
    }
    const path: (string | number)[] = [];
    let j = i;
    for (; j < steps.length; j++) {
      const st = steps[j] as Step;
      if (st.t === 'attr') { path.push(st.name); continue; }
      if (st.t === 'splat') break;
      const k = this.ev(st.key, env);
      if (typeof k !== 'string' && typeof k !== 'number') break;
      path.push(k);
    }
    const v = this.scope.reference(address, path);
    if (v === undefined) {
      return mk(text, `${address}${renderPath(path)} is not known statically`, [address]);
    }
    return withRef(this.steps(v, steps, j, text, env), address);
  }

  private steps(start: TfValue, steps: Step[], from: number, text: string, env: Env | undefined): TfValue {
    let v = start;
    for (let i = from; i < steps.length; i++) {
      if (isU(v)) return derive(text, [v]);
      const st = steps[i] as Step;
      if (st.t === 'attr') {
        if (isObj(v)) {
          const x = own(v, st.name);
          if (x === undefined) return fail(text, `object has no attribute "${st.name}"`);
          v = x;
        } else {
          return fail(text, `cannot read attribute "${st.name}" of a ${typeName(v)}`);
        }
      } else if (st.t === 'index') {
        const k = this.ev(st.key, env);
        if (isU(k)) return derive(text, [k]);
        v = index(v, k, text);
      } else {
        if (v === null) { v = []; continue; }
        const items = Array.isArray(v) ? v : [v];
        tick(items.length);
        v = checked(items.map((x) => this.steps(x, st.steps, 0, text, env)), text);
      }
    }
    return v;
  }

  private call(name: string, argNodes: Node[], expand: boolean, text: string, env: Env | undefined): TfValue {
    if (name === 'try' || name === 'can') return this.tryCan(name, argNodes, expand, text, env);
    const args = argNodes.map((a) => this.ev(a, env));
    if (expand) {
      const last = args.pop() as TfValue;
      if (isU(last)) return derive(text, [last]);
      if (!Array.isArray(last)) return fail(text, `the expanded (...) argument of ${name} must be a list`);
      tick(last.length);
      for (const x of last) args.push(x);
    }
    const fn = FUNCTIONS.get(name);
    if (fn === undefined) {
      const r = this.scope.call?.(name, args);
      if (r !== undefined) return r;
      const unk: Unresolved[] = [];
      for (const a of args) collect(a, unk);
      return mk(text, `function ${name} is not evaluated statically`, unionRefs(unk));
    }
    if (args.length < fn.min || args.length > fn.max) {
      const want = fn.min === fn.max ? `${fn.min}` : fn.max === Infinity ? `at least ${fn.min}` : `${fn.min} to ${fn.max}`;
      return fail(text, `${name} takes ${want} argument(s), got ${args.length}`);
    }
    if (fn.unknowns !== true) {
      const unk = args.filter(isU);
      if (unk.length) return derive(text, unk);
    }
    return checked(fn.run(args, text), text);
  }

  /** try: the first argument that evaluates without error; can: whether the argument does. */
  private tryCan(name: 'try' | 'can', argNodes: Node[], expand: boolean, text: string, env: Env | undefined): TfValue {
    if (expand) return mk(text, `${name}(...) with an expanded argument is not evaluated statically`, []);
    if (name === 'can' ? argNodes.length !== 1 : argNodes.length === 0) {
      return fail(text, name === 'can' ? 'can takes 1 argument' : 'try takes at least 1 argument');
    }
    for (const a of argNodes) {
      const v = this.ev(a, env);
      const unk: Unresolved[] = [];
      collect(v, unk);
      const pending = unk.filter((u) => u.error !== true);
      if (pending.length) return derive(text, pending);
      if (unk.length === 0) return name === 'can' ? true : v;
      if (name === 'can') return false;
    }
    return fail(text, 'no argument of try could be evaluated without errors');
  }

  private binary(op: BinOp, an: Node, bn: Node, text: string, env: Env | undefined): TfValue {
    if (op === '&&' || op === '||') {
      const decisive = op === '||';
      const a = this.ev(an, env);
      if (isU(a) && a.error) return derive(text, [a]);
      if (!isU(a) && bool(a, text, `left operand of ${op}`) === decisive) return decisive;
      const b = this.ev(bn, env);
      if (isU(b)) return derive(text, isU(a) ? [a, b] : [b]);
      const bv = bool(b, text, `right operand of ${op}`);
      if (bv === decisive) return decisive;
      return isU(a) ? derive(text, [a]) : bv;
    }
    const a = this.ev(an, env);
    const b = this.ev(bn, env);
    if (op === '==' || op === '!=') {
      const r = eq(a, b);
      if (r === undefined) {
        const unk: Unresolved[] = [];
        collect(a, unk);
        collect(b, unk);
        return derive(text, unk.length ? unk : [mk(text, 'value nested too deeply to compare', [])]);
      }
      return op === '==' ? r : !r;
    }
    const unk = [a, b].filter(isU);
    if (unk.length) return derive(text, unk);
    const x = num(a, text, `left operand of ${op}`);
    const y = num(b, text, `right operand of ${op}`);
    switch (op) {
      case '+': return finite(x + y, text);
      case '-': return finite(x - y, text);
      case '*': return finite(x * y, text);
      case '/': return y === 0 ? fail(text, 'division by zero') : finite(x / y, text);
      case '%': return y === 0 ? fail(text, 'modulo by zero') : finite(x % y, text);
      case '<': return x < y;
      case '<=': return x <= y;
      case '>': return x > y;
      case '>=': return x >= y;
    }
  }

  private conditional(cn: Node, tn: Node, fn: Node, text: string, env: Env | undefined): TfValue {
    const c = this.ev(cn, env);
    if (!isU(c)) return this.ev(bool(c, text, 'condition') ? tn : fn, env);
    if (c.error) return derive(text, [c]);
    const t = this.ev(tn, env);
    const f = this.ev(fn, env);
    if (eq(t, f) === true) return t;
    const causes: Unresolved[] = [c];
    collect(t, causes);
    collect(f, causes);
    return derive(text, causes, `condition ${cn.text} is not known statically (${c.reason})`);
  }

  private forExpr(n: Extract<Node, { k: 'for' }>, env: Env | undefined): TfValue {
    const coll = this.ev(n.coll, env);
    if (isU(coll)) return derive(n.text, [coll]);
    const entries = iterate(coll);
    if (entries === undefined) return fail(n.text, `cannot iterate over a ${typeName(coll)}`);
    tick(entries.length);
    const tuple: TfValue[] = [];
    const object: TfObject = {};
    const groups = new Map<string, TfValue[]>();
    for (const [k, v] of entries) {
      let e: Env | undefined = env;
      if (n.keyVar !== undefined) e = { name: n.keyVar, value: k, next: e };
      e = { name: n.valVar, value: v, next: e };
      if (n.cond !== undefined) {
        const c = this.ev(n.cond, e);
        if (isU(c)) return derive(n.text, [c]);
        if (!bool(c, n.text, 'for condition')) continue;
      }
      if (n.keyExpr === undefined) { tuple.push(this.ev(n.valExpr, e)); continue; }
      const key = this.ev(n.keyExpr, e);
      if (isU(key)) return derive(n.text, [key]);
      const ks = str(key, n.text, 'for key');
      const value = this.ev(n.valExpr, e);
      if (n.group) {
        let g = groups.get(ks);
        if (g === undefined) { g = []; groups.set(ks, g); put(object, ks, g); }
        g.push(value);
      } else {
        if (Object.hasOwn(object, ks)) return fail(n.text, `duplicate key "${ks}" in a for expression (use ... to group)`);
        put(object, ks, value);
      }
    }
    return checked(n.keyExpr === undefined ? tuple : object, n.text);
  }
}

function keyString(key: TfValue, text: string): string | Unresolved {
  if (typeof key === 'string') return key;
  if (typeof key === 'number' || typeof key === 'boolean') return str(key, text);
  if (isU(key)) return key;
  return fail(text, `object key is a ${typeName(key)}; a string is required`);
}

function iterate(coll: TfValue): [TfValue, TfValue][] | undefined {
  if (Array.isArray(coll)) return coll.map((v, i): [TfValue, TfValue] => [i, v]);
  if (isObj(coll)) return Object.keys(coll).sort().map((k): [TfValue, TfValue] => [k, coll[k] as TfValue]);
  return undefined;
}

function index(v: TfValue, k: TfValue, at: string): TfValue {
  if (Array.isArray(v)) {
    const i = typeof k === 'number' ? k : typeof k === 'string' && NUMBER_TEXT.test(k) ? Number(k) : NaN;
    if (!Number.isInteger(i)) return fail(at, `a tuple index must be a whole number, not ${JSON.stringify(k)}`);
    const x = v[i];
    if (i < 0 || x === undefined) return fail(at, `index ${i} out of range for a tuple of ${v.length} element(s)`);
    return x;
  }
  if (isObj(v)) {
    if (typeof k !== 'string' && typeof k !== 'number') return fail(at, `an object key must be a string, not a ${typeName(k)}`);
    const key = typeof k === 'string' ? k : numToString(k);
    const x = own(v, key);
    if (x === undefined) return fail(at, `no element with key "${key}"`);
    return x;
  }
  return fail(at, `cannot index a ${typeName(v)}`);
}

function renderPath(path: (string | number)[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][\w-]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('');
}

// ─────────────────────────────────────────────────────────────────────────── encoders

function jsonStr(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** JSON as Terraform's jsonencode writes it (sorted keys, Go escaping of <>&). */
function jsonEncode(v: TfValue, unk: Unresolved[], escape: boolean, at: string, depth: number, shapeKeys = false): string {
  tick();
  if (depth > 512) throw new Stop(mk(at, 'value nested too deeply to encode statically', []));
  if (isU(v)) {
    unk.push(v);
    return v.shape ? jsonEncode(v.shape, unk, escape, at, depth + 1, true) : jsonStr(placeholder(v));
  }
  if (v === null) return 'null';
  if (typeof v === 'string') return jsonStr(escape ? escapeTpl(v) : v);
  if (typeof v === 'number') return numToString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[' + v.map((x) => jsonEncode(x, unk, escape, at, depth + 1)).join(',') + ']';
  return '{' + Object.keys(v).sort()
    .map((k) => jsonStr(escape && !shapeKeys ? escapeTpl(k) : k) + ':' + jsonEncode(v[k] as TfValue, unk, escape, at, depth + 1))
    .join(',') + '}';
}

/** jsonencode/yamlencode with unknown leaves: a partial Unresolved holding the document. */
function encodeWith(encode: (v: TfValue, unk: Unresolved[], escape: boolean) => string, v: TfValue, at: string): TfValue {
  if (isU(v) && v.shape === undefined) return derive(at, [v]);
  const unk: Unresolved[] = [];
  const text = encode(v, unk, false);
  if (unk.length === 0) return text;
  const err = unk.find((u) => u.error);
  if (err !== undefined) return derive(at, [err]);
  return derive(encode(v, [], true), unk, undefined, { partial: true });
}

/** YAML in the style of Terraform's yamlencode (quoted strings and keys, block collections). */
function yamlEncode(v: TfValue, unk: Unresolved[], escape: boolean, at: string): string {
  const scalar = (x: TfValue): string | undefined => {
    if (isU(x) && x.shape === undefined) { unk.push(x); return jsonStr(placeholder(x)); }
    if (x === null) return 'null';
    if (typeof x === 'string') return jsonStr(escape ? escapeTpl(x) : x);
    if (typeof x === 'number') return numToString(x);
    if (typeof x === 'boolean') return x ? 'true' : 'false';
    if (Array.isArray(x) && x.length === 0) return '[]';
    if (isObj(x) && Object.keys(x).length === 0) return '{}';
    return undefined;
  };
  const lines = (x: TfValue, indent: string, depth: number, shapeKeys = false): string[] | string => {
    tick();
    if (depth > 512) throw new Stop(mk(at, 'value nested too deeply to encode statically', []));
    const s = scalar(x);
    if (s !== undefined) return s;
    if (isU(x)) { unk.push(x); return lines(x.shape ?? {}, indent, depth + 1, true); }
    const out: string[] = [];
    if (Array.isArray(x)) {
      for (const el of x) {
        const sub = lines(el, indent + '  ', depth + 1);
        if (typeof sub === 'string') { out.push(`${indent}- ${sub}`); continue; }
        out.push(`${indent}- ${(sub[0] ?? '').slice(indent.length + 2)}`);
        for (let i = 1; i < sub.length; i++) out.push(sub[i] as string);
      }
      return out;
    }
    const o = x as TfObject;
    for (const k of Object.keys(o).sort()) {
      const val = o[k] as TfValue;
      const key = jsonStr(escape && !shapeKeys ? escapeTpl(k) : k);
      const sub = lines(val, Array.isArray(val) ? indent : indent + '  ', depth + 1);
      if (typeof sub === 'string') out.push(`${indent}${key}: ${sub}`);
      else out.push(`${indent}${key}:`, ...sub);
    }
    return out;
  };
  const r = lines(v, '', 0);
  return (typeof r === 'string' ? r : r.join('\n')) + '\n';
}

// ─────────────────────────────────────────────────────────────────────────── format

interface Verb { flags: string; width: number | undefined; prec: number | undefined; verb: string }

function formatSegs(spec: string, args: readonly TfValue[], at: string): Seg[] {
  const out: Seg[] = [];
  let lit = '';
  let argi = 0;
  let explicit = false;
  let i = 0;
  const re = /%([-+# 0]*)(?:\[(\d+)\])?(\d+)?(?:\.(\d+))?([a-zA-Z%])/y;
  while (i < spec.length) {
    const p = spec.indexOf('%', i);
    if (p < 0) { lit += spec.slice(i); break; }
    lit += spec.slice(i, p);
    re.lastIndex = p;
    const m = re.exec(spec);
    if (!m) throw new Stop(fail(at, `invalid format sequence at offset ${p}`));
    i = p + m[0].length;
    const verb = m[5] as string;
    if (verb === '%') { lit += '%'; continue; }
    if (m[2] !== undefined) { argi = Number(m[2]) - 1; explicit = true; }
    const arg = args[argi];
    argi++;
    if (arg === undefined) throw new Stop(fail(at, `not enough arguments for format: need ${argi}, got ${args.length}`));
    tick();
    const f: Verb = {
      flags: m[1] ?? '', verb,
      width: m[3] === undefined ? undefined : Number(m[3]),
      prec: m[4] === undefined ? undefined : Number(m[4]),
    };
    const r = isU(arg) ? arg : formatOne(f, arg, at);
    if (typeof r === 'string') { lit += r; continue; }
    if (lit !== '') { out.push(lit); lit = ''; }
    out.push(r);
  }
  if (!explicit && argi < args.length) throw new Stop(fail(at, `too many arguments for format: ${args.length} given, ${argi} used`));
  if (lit !== '') out.push(lit);
  return out;
}

function pad(s: string, f: Verb): string {
  if (f.width === undefined) return s;
  const len = graphemes(s).length;
  if (len >= f.width) return s;
  const fill = (f.flags.includes('0') ? '0' : ' ').repeat(f.width - len);
  return f.flags.includes('-') ? s + fill : fill + s;
}

function padNumber(sign: string, body: string, f: Verb): string {
  if (f.width !== undefined && f.flags.includes('0') && !f.flags.includes('-')) {
    return sign + body.padStart(f.width - sign.length, '0');
  }
  return pad(sign + body, { ...f, flags: f.flags.replace('0', '') });
}

function formatOne(f: Verb, arg: TfValue, at: string): string | Unresolved {
  if (arg === null && f.verb !== 'v') throw new Stop(fail(at, `null value cannot be formatted with %${f.verb}`));
  switch (f.verb) {
    case 'v': {
      if (!f.flags.includes('#')) {
        if (typeof arg === 'string') return pad(arg, f);
        if (typeof arg === 'number') return pad(goG(arg, undefined, 'e'), f);
      }
      const j = encodeWith((x, u, e) => jsonEncode(x, u, e, at, 0), arg, at);
      return typeof j === 'string' ? pad(j, f) : isU(j) ? j : pad(String(j), f);
    }
    case 't': return pad(bool(arg, at, 'format argument') ? 'true' : 'false', f);
    case 'b': case 'd': case 'o': case 'x': case 'X': {
      const n = int(arg, at, `argument for %${f.verb}`);
      const radix = { b: 2, d: 10, o: 8, x: 16, X: 16 }[f.verb] ?? 10;
      let body = BigInt(Math.abs(n)).toString(radix);
      if (f.verb === 'X') body = body.toUpperCase();
      if (f.prec !== undefined) body = body.padStart(f.prec, '0');
      return padNumber(signOf(n, f), body, f);
    }
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
      const n = num(arg, at, `argument for %${f.verb}`);
      const a = Math.abs(n);
      let body: string;
      if (f.verb === 'f' || f.verb === 'F') body = a >= 1e21 ? plainDecimal(a.toExponential()) : a.toFixed(Math.min(f.prec ?? 6, 100));
      else if (f.verb === 'e' || f.verb === 'E') body = goExp(a.toExponential(Math.min(f.prec ?? 6, 100)));
      else body = goG(a, f.prec, 'e');
      if (f.verb === 'E' || f.verb === 'G') body = body.toUpperCase();
      return padNumber(signOf(n, f), body, f);
    }
    case 's': case 'q': {
      let s = str(arg, at, `argument for %${f.verb}`);
      if (f.prec !== undefined) s = graphemes(s).slice(0, f.prec).join('');
      return pad(f.verb === 'q' ? jsonStr(s) : s, f);
    }
    default:
      throw new Stop(fail(at, `unsupported format verb %${f.verb}`));
  }
}

function signOf(n: number, f: Verb): string {
  if (n < 0) return '-';
  if (f.flags.includes('+')) return '+';
  return f.flags.includes(' ') ? ' ' : '';
}

function goExp(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Go's %g (shortest, or with precision) for a non-negative number. */
function goG(x: number, prec: number | undefined, e: string): string {
  if (x === 0) return '0';
  const neg = x < 0;
  const a = Math.abs(x);
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(prec === undefined ? a.toExponential() : a.toExponential(Math.max(prec, 1) - 1));
  if (!m) return String(x);
  const digits = ((m[1] ?? '') + (m[2] ?? '')).replace(/0+$/, '') || '0';
  const exp = Number(m[3]);
  let eprec = prec ?? digits.length;
  if (eprec > digits.length && digits.length >= exp + 1) eprec = digits.length;
  if (prec === undefined) eprec = 6;
  let body: string;
  if (exp < -4 || exp >= eprec) {
    body = digits[0] + (digits.length > 1 ? '.' + digits.slice(1) : '') + e + (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
  } else {
    body = plainDecimal(`${digits[0]}${digits.length > 1 ? '.' + digits.slice(1) : ''}e${exp >= 0 ? '+' : ''}${exp}`);
  }
  return neg ? '-' + body : body;
}

// ─────────────────────────────────────────────────────────────────────────── regex (RE2 → JS)

function compileRe2(pattern: string): RegExp | { reason: string; error: boolean } {
  let p = pattern;
  let flags = 'g';
  const lead = /^\(\?([a-zA-Z]+)\)/.exec(p);
  if (lead) {
    for (const ch of lead[1] ?? '') {
      if (ch === 'i' || ch === 'm' || ch === 's') { if (!flags.includes(ch)) flags += ch; }
      else return { reason: `regex flag ${ch} is not evaluated statically`, error: false };
    }
    p = p.slice(lead[0].length);
  }
  if (/\(\?[a-zA-Z-]+[:)]/.test(p)) return { reason: 'inline regex flags are not evaluated statically', error: false };
  if (/\(\?<?[=!]/.test(p) || /\\[1-9]/.test(p)) return { reason: 'lookaround and backreferences are not valid in RE2', error: true };
  if (/\\[pPQEzAC]|\[\[:/.test(p)) return { reason: 'RE2 syntax not translated to JavaScript', error: false };
  if (/\([^()]*[+*}][^()]*\)[+*{]/.test(p)) return { reason: 'regex with nested quantifiers is not evaluated statically', error: false };
  p = p.replace(/\(\?P</g, '(?<');
  try {
    return new RegExp(p, flags + 'u');
  } catch {
    try {
      return new RegExp(p, flags);
    } catch {
      return { reason: `invalid regular expression ${JSON.stringify(pattern)}`, error: true };
    }
  }
}

/** Go's regexp Expand: $1, ${1}, $name, ${name}, $$. */
function expandGo(template: string, m: RegExpMatchArray): string {
  return template.replace(/\$(?:(\$)|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (_all: string, dollar?: string, braced?: string, bare?: string) => {
    if (dollar !== undefined) return '$';
    const name = braced ?? bare ?? '';
    if (/^\d+$/.test(name)) return m[Number(name)] ?? '';
    return m.groups?.[name] ?? '';
  });
}

function replaceFn(s: string, sub: string, rep: string, at: string): TfValue {
  if (sub.length > 1 && sub.startsWith('/') && sub.endsWith('/')) {
    const re = compileRe2(sub.slice(1, -1));
    if (!(re instanceof RegExp)) return re.error ? fail(at, re.reason) : mk(at, re.reason, []);
    if (s.length > LIMITS.regexInput) return mk(at, 'string too long to run a regular expression on statically', []);
    let out = '';
    let last = 0;
    for (const m of s.matchAll(re)) {
      tick();
      const start = m.index ?? 0;
      out += s.slice(last, start) + expandGo(rep, m);
      last = start + m[0].length;
      if (out.length > LIMITS.stringChars) return tooBig(at);
    }
    return out + s.slice(last);
  }
  if (sub === '') {
    const chars = [...s];
    if ((chars.length + 1) * rep.length + s.length > LIMITS.stringChars) return tooBig(at);
    return s === '' ? rep : rep + chars.join(rep) + rep;
  }
  const count = s.split(sub).length - 1;
  if (count > 0 && s.length + count * (rep.length - sub.length) > LIMITS.stringChars) {
    return tooBig(at);
  }
  return s.replaceAll(sub, () => rep);
}

// ─────────────────────────────────────────────────────────────────────────── CIDR

interface Ip { v6: boolean; addr: bigint }

function parseV4(s: string): bigint | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  let v = 0n;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255) return undefined;
    v = (v << 8n) | BigInt(o);
  }
  return v;
}

function parseV6(input: string): bigint | undefined {
  let s = input;
  if (s.includes('.')) {
    const i = s.lastIndexOf(':');
    const v4 = parseV4(s.slice(i + 1));
    if (v4 === undefined) return undefined;
    s = `${s.slice(0, i + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  if (halves.length === 1 ? head.length !== 8 : head.length + tail.length > 7) return undefined;
  const groups = [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  return v;
}

function parseCidr(s: string): (Ip & { len: number }) | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = s.slice(0, slash);
  const lenText = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lenText)) return undefined;
  const len = Number(lenText);
  const v6 = ip.includes(':');
  const addr = v6 ? parseV6(ip) : parseV4(ip);
  if (addr === undefined || len > (v6 ? 128 : 32)) return undefined;
  return { v6, addr, len };
}

function formatIp({ v6, addr }: Ip): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((sh) => String((addr >> sh) & 0xffn)).join('.');
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((addr >> BigInt(i * 16)) & 0xffffn));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

function cidrBase(prefix: string, at: string): Ip & { len: number; bits: number } {
  const c = parseCidr(prefix);
  if (c === undefined) throw new Stop(fail(at, `invalid CIDR address ${JSON.stringify(prefix)}`));
  const bits = c.v6 ? 128 : 32;
  const mask = ((1n << BigInt(c.len)) - 1n) << BigInt(bits - c.len);
  return { ...c, addr: c.addr & mask, bits };
}

// ─────────────────────────────────────────────────────────────────────────── functions

interface Fn { min: number; max: number; unknowns?: boolean; run(a: TfValue[], at: string): TfValue }

function fn(min: number, max: number, run: (a: TfValue[], at: string) => TfValue, unknowns = false): Fn {
  return unknowns ? { min, max, run, unknowns } : { min, max, run };
}

const A = (a: TfValue[], i: number): TfValue => a[i] as TfValue;

/** Unify a list's primitive elements the way Terraform's tolist/toset do (mixed → strings). */
function unify(items: TfValue[], at: string): TfValue[] {
  const hasString = items.some((x) => typeof x === 'string');
  const hasOther = items.some((x) => typeof x === 'number' || typeof x === 'boolean');
  if (!hasString || !hasOther) return items;
  return items.map((x) => (typeof x === 'number' || typeof x === 'boolean' ? str(x, at) : x));
}

function distinctOf(items: TfValue[]): TfValue[] {
  const out: TfValue[] = [];
  const seen = new Set<string | number | boolean | null>();
  for (const x of items) {
    if (x === null || typeof x !== 'object') {
      if (seen.has(x)) continue;
      seen.add(x);
      out.push(x);
    } else if (!out.some((y) => eq(x, y) === true)) out.push(x);
  }
  return out;
}

function hash(alg: string, enc: 'hex' | 'base64') {
  return fn(1, 1, (a, at) => createHash(alg).update(str(A(a, 0), at), 'utf8').digest(enc));
}

function strFn(f: (s: string) => string) {
  return fn(1, 1, (a, at) => f(str(A(a, 0), at)));
}

const FUNCTIONS = new Map<string, Fn>(Object.entries({
  jsonencode: fn(1, 1, (a, at) => encodeWith((x, u, e) => jsonEncode(x, u, e, at, 0), A(a, 0), at), true),
  yamlencode: fn(1, 1, (a, at) => encodeWith((x, u, e) => yamlEncode(x, u, e, at), A(a, 0), at), true),
  jsondecode: fn(1, 1, (a, at) => {
    const s = str(A(a, 0), at);
    let v: unknown;
    try {
      v = JSON.parse(s);
    } catch (e) {
      if (e instanceof RangeError) return mk(at, 'jsondecode: nested too deeply to evaluate statically', []);
      return fail(at, 'jsondecode: the string is not valid JSON');
    }
    return checked(v as TfValue, at);
  }),
  format: fn(1, Infinity, (a, at) => {
    const spec = A(a, 0);
    if (isU(spec)) return derive(at, [spec]);
    return joinSegs(formatSegs(str(spec, at, 'format string'), a.slice(1), at), at);
  }, true),
  formatlist: fn(1, Infinity, (a, at) => {
    const spec = str(A(a, 0), at, 'format string');
    const rest = a.slice(1);
    let n = -1;
    for (const x of rest) {
      if (!Array.isArray(x)) continue;
      if (n >= 0 && x.length !== n) return fail(at, 'formatlist: all list arguments must have the same length');
      n = x.length;
    }
    const out: TfValue[] = [];
    for (let i = 0; i < Math.max(n, 1) && n !== 0; i++) {
      out.push(joinSegs(formatSegs(spec, rest.map((x) => (Array.isArray(x) ? x[i] as TfValue : x)), at), at));
    }
    return out;
  }),
  join: fn(2, Infinity, (a, at) => {
    const sep = str(A(a, 0), at, 'separator');
    const segs: Seg[] = [];
    let first = true;
    for (const l of a.slice(1)) {
      for (const el of list(l, at, 'join argument')) {
        if (!first) segs.push(sep);
        first = false;
        if (isU(el)) segs.push(el);
        else if (el === null) return fail(at, 'join: list element is null');
        else segs.push(str(el, at, 'list element'));
      }
    }
    return joinSegs(segs, at);
  }, true),
  split: fn(2, 2, (a, at) => {
    const sep = str(A(a, 0), at, 'separator');
    const s = str(A(a, 1), at);
    return sep === '' ? [...s] : s.split(sep);
  }),
  concat: fn(0, Infinity, (a, at) => {
    const out: TfValue[] = [];
    for (const l of a) { const items = list(l, at, 'concat argument'); tick(items.length); for (const x of items) out.push(x); }
    return out;
  }),
  merge: fn(0, Infinity, (a, at) => {
    const out: TfObject = {};
    for (const m of a) {
      if (m === null) continue;
      const o = obj(m, at, 'merge argument');
      for (const k of Object.keys(o)) put(out, k, o[k] as TfValue);
    }
    return out;
  }),
  lookup: fn(2, 3, (a, at) => {
    const m = obj(A(a, 0), at, 'lookup map');
    const k = str(A(a, 1), at, 'lookup key');
    const v = own(m, k);
    if (v !== undefined) return v;
    if (a.length === 3) return A(a, 2);
    return fail(at, `lookup: no key "${k}" and no default`);
  }, true),
  replace: fn(3, 3, (a, at) => replaceFn(str(A(a, 0), at), str(A(a, 1), at), str(A(a, 2), at), at)),
  lower: strFn((s) => s.toLowerCase()),
  upper: strFn((s) => s.toUpperCase()),
  trimspace: strFn((s) => s.trim()),
  chomp: strFn((s) => s.replace(/(?:\r\n|\r|\n)+$/, '')),
  trimprefix: fn(2, 2, (a, at) => {
    const s = str(A(a, 0), at);
    const p = str(A(a, 1), at);
    return p !== '' && s.startsWith(p) ? s.slice(p.length) : s;
  }),
  trimsuffix: fn(2, 2, (a, at) => {
    const s = str(A(a, 0), at);
    const p = str(A(a, 1), at);
    return p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  }),
  trim: fn(2, 2, (a, at) => {
    const chars = [...str(A(a, 0), at)];
    const cut = new Set(str(A(a, 1), at));
    let i = 0;
    let j = chars.length;
    while (i < j && cut.has(chars[i] as string)) i++;
    while (j > i && cut.has(chars[j - 1] as string)) j--;
    return chars.slice(i, j).join('');
  }),
  startswith: fn(2, 2, (a, at) => str(A(a, 0), at).startsWith(str(A(a, 1), at))),
  endswith: fn(2, 2, (a, at) => str(A(a, 0), at).endsWith(str(A(a, 1), at))),
  strcontains: fn(2, 2, (a, at) => str(A(a, 0), at).includes(str(A(a, 1), at))),
  substr: fn(3, 3, (a, at) => {
    const g = graphemes(str(A(a, 0), at));
    let off = int(A(a, 1), at, 'offset');
    const len = int(A(a, 2), at, 'length');
    if (off < 0) off = Math.max(g.length + off, 0);
    if (off > g.length) return fail(at, 'substr: offset out of range');
    return g.slice(off, len < 0 ? undefined : off + len).join('');
  }),
  tostring: fn(1, 1, (a, at) => (A(a, 0) === null ? null : str(A(a, 0), at))),
  tonumber: fn(1, 1, (a, at) => (A(a, 0) === null ? null : num(A(a, 0), at))),
  tobool: fn(1, 1, (a, at) => (A(a, 0) === null ? null : bool(A(a, 0), at))),
  tolist: fn(1, 1, (a, at) => (A(a, 0) === null ? null : unify(list(A(a, 0), at), at))),
  toset: fn(1, 1, (a, at) => {
    if (A(a, 0) === null) return null;
    const items = distinctOf(unify(whole(list(A(a, 0), at), at) as TfValue[], at));
    if (items.every((x) => typeof x === 'string')) return (items as string[]).sort();
    if (items.every((x) => typeof x === 'number')) return (items as number[]).sort((x, y) => x - y);
    return items;
  }),
  tomap: fn(1, 1, (a, at) => {
    if (A(a, 0) === null) return null;
    const o = obj(A(a, 0), at);
    const keys = Object.keys(o);
    const vals = unify(keys.map((k) => o[k] as TfValue), at);
    const out: TfObject = {};
    keys.forEach((k, i) => put(out, k, vals[i] as TfValue));
    return out;
  }),
  length: fn(1, 1, (a, at) => {
    const v = known(A(a, 0), at);
    if (typeof v === 'string') return graphemes(v).length;
    if (Array.isArray(v)) return v.length;
    if (isObj(v)) return Object.keys(v).length;
    return fail(at, `length of a ${typeName(v)}`);
  }),
  coalesce: fn(1, Infinity, (a, at) => {
    for (const v of a) {
      if (isU(v)) return derive(at, [v]);
      if (v === null || v === '') continue;
      return v;
    }
    return fail(at, 'coalesce: no non-null, non-empty argument');
  }, true),
  coalescelist: fn(1, Infinity, (a, at) => {
    for (const v of a) if (list(v, at, 'coalescelist argument').length > 0) return v;
    return fail(at, 'coalescelist: no non-empty list');
  }),
  compact: fn(1, 1, (a, at) => {
    const out: TfValue[] = [];
    for (const el of list(A(a, 0), at)) {
      if (isU(el)) return derive(at, [el]);
      if (el === null || el === '') continue;
      out.push(str(el, at, 'list element'));
    }
    return out;
  }),
  element: fn(2, 2, (a, at) => {
    const l = list(A(a, 0), at);
    const i = int(A(a, 1), at, 'index');
    if (l.length === 0) return fail(at, 'element: the list is empty');
    if (i < 0) return fail(at, 'element: negative index');
    return l[i % l.length] as TfValue;
  }),
  flatten: fn(1, 1, (a, at) => {
    const out: TfValue[] = [];
    const walk = (l: TfValue[], depth: number): void => {
      if (depth > 256) throw new Stop(mk(at, 'flatten: nested too deeply to evaluate statically', []));
      tick(l.length);
      for (const x of l) {
        if (isU(x)) throw new Stop(derive(at, [x]));
        if (Array.isArray(x)) walk(x, depth + 1);
        else out.push(x);
      }
    };
    walk(list(A(a, 0), at), 0);
    return out;
  }),
  distinct: fn(1, 1, (a, at) => distinctOf(whole(list(A(a, 0), at), at) as TfValue[])),
  contains: fn(2, 2, (a, at) => {
    const l = list(A(a, 0), at);
    const v = A(a, 1);
    const unk: Unresolved[] = [];
    for (const el of l) {
      const r = eq(el, v);
      if (r === true) return true;
      if (r === undefined) collect(el, unk);
    }
    collect(v, unk);
    return unk.length ? derive(at, unk) : false;
  }, true),
  index: fn(2, 2, (a, at) => {
    const l = list(A(a, 0), at);
    for (let i = 0; i < l.length; i++) {
      const r = eq(l[i] as TfValue, A(a, 1));
      if (r === true) return i;
      if (r === undefined) return derive(at, [mk(at, 'list elements not known statically', [])]);
    }
    return fail(at, 'index: the item is not in the list');
  }),
  keys: fn(1, 1, (a, at) => Object.keys(obj(A(a, 0), at)).sort()),
  values: fn(1, 1, (a, at) => {
    const o = obj(A(a, 0), at);
    return Object.keys(o).sort().map((k) => o[k] as TfValue);
  }),
  zipmap: fn(2, 2, (a, at) => {
    const ks = list(A(a, 0), at);
    const vs = list(A(a, 1), at);
    if (ks.length !== vs.length) return fail(at, 'zipmap: the lists must have the same length');
    const out: TfObject = {};
    ks.forEach((k, i) => put(out, str(k, at, 'key'), vs[i] as TfValue));
    return out;
  }),
  one: fn(1, 1, (a, at) => {
    const l = list(A(a, 0), at);
    if (l.length > 1) return fail(at, 'one: the list has more than one element');
    return l[0] ?? null;
  }),
  reverse: fn(1, 1, (a, at) => [...list(A(a, 0), at)].reverse()),
  slice: fn(3, 3, (a, at) => {
    const l = list(A(a, 0), at);
    const s = int(A(a, 1), at, 'start');
    const e = int(A(a, 2), at, 'end');
    if (s < 0 || e > l.length || s > e) return fail(at, 'slice: index out of range');
    return l.slice(s, e);
  }),
  sort: fn(1, 1, (a, at) => (whole(list(A(a, 0), at), at) as TfValue[]).map((x) => str(x, at, 'list element')).sort()),
  sum: fn(1, 1, (a, at) => {
    const l = list(A(a, 0), at);
    if (l.length === 0) return fail(at, 'sum: the list is empty');
    return finite(l.reduce<number>((t, x) => t + num(x, at, 'list element'), 0), at);
  }),
  min: fn(1, Infinity, (a, at) => a.reduce<number>((m, x) => Math.min(m, num(x, at)), Infinity)),
  max: fn(1, Infinity, (a, at) => a.reduce<number>((m, x) => Math.max(m, num(x, at)), -Infinity)),
  abs: fn(1, 1, (a, at) => Math.abs(num(A(a, 0), at))),
  ceil: fn(1, 1, (a, at) => Math.ceil(num(A(a, 0), at))),
  floor: fn(1, 1, (a, at) => Math.floor(num(A(a, 0), at))),
  range: fn(1, 3, (a, at) => {
    const ns = a.map((x) => num(x, at));
    const [start, limit, step] = ns.length === 1 ? [0, ns[0] as number, 1] : [ns[0] as number, ns[1] as number, ns[2] ?? ((ns[1] as number) >= (ns[0] as number) ? 1 : -1)];
    if (step === 0 || (step > 0 && limit < start) || (step < 0 && limit > start)) {
      return step === 0 ? fail(at, 'range: step must not be zero') : [];
    }
    const count = Math.ceil((limit - start) / step);
    if (count > 1024) return fail(at, 'range: more than 1024 elements');
    return Array.from({ length: count }, (_, i) => start + i * step);
  }),
  base64encode: strFn((s) => Buffer.from(s, 'utf8').toString('base64')),
  base64decode: fn(1, 1, (a, at) => {
    const s = str(A(a, 0), at);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) return fail(at, 'base64decode: invalid base64');
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(s, 'base64'));
    } catch {
      return fail(at, 'base64decode: the decoded bytes are not UTF-8');
    }
  }),
  md5: hash('md5', 'hex'),
  sha1: hash('sha1', 'hex'),
  sha256: hash('sha256', 'hex'),
  sha512: hash('sha512', 'hex'),
  base64sha256: hash('sha256', 'base64'),
  cidrsubnet: fn(3, 3, (a, at) => {
    const c = cidrBase(str(A(a, 0), at), at);
    const newbits = int(A(a, 1), at, 'newbits');
    const netnum = int(A(a, 2), at, 'netnum');
    const len = c.len + newbits;
    if (newbits < 0 || len > c.bits) return fail(at, `cidrsubnet: not enough address space to extend the prefix by ${newbits} bits`);
    if (netnum < 0 || BigInt(netnum) >= 1n << BigInt(newbits)) return fail(at, `cidrsubnet: netnum ${netnum} does not fit in ${newbits} bits`);
    return `${formatIp({ v6: c.v6, addr: c.addr | (BigInt(netnum) << BigInt(c.bits - len)) })}/${len}`;
  }),
  cidrhost: fn(2, 2, (a, at) => {
    const c = cidrBase(str(A(a, 0), at), at);
    const size = 1n << BigInt(c.bits - c.len);
    let host = BigInt(int(A(a, 1), at, 'hostnum'));
    if (host < 0n) host += size;
    if (host < 0n || host >= size) return fail(at, 'cidrhost: host number out of range for the prefix');
    return formatIp({ v6: c.v6, addr: c.addr | host });
  }),
}));

// ─────────────────────────────────────────────────────────────────────────── references

type Names = { readonly name: string; readonly next: Names } | undefined;

function boundIn(names: Names, n: string): boolean {
  for (let e = names; e !== undefined; e = e.next) if (e.name === n) return true;
  return false;
}

function walkString(s: string, names: Names, out: Set<string>): void {
  if (!s.includes('${') && !s.includes('%{')) return;
  if (s.length > LIMITS.sourceChars) return;
  const parsed = parseCached(s, 'tpl');
  if (parsed.ok) walkParts(parsed.parts, names, out);
}

function walkParts(parts: TplPart[], names: Names, out: Set<string>): void {
  for (const p of parts) {
    if (p.t === 'interp') walkNode(p.x, names, out);
    else if (p.t === 'if') { walkNode(p.c, names, out); walkParts(p.then, names, out); walkParts(p.else, names, out); }
    else if (p.t === 'for') {
      walkNode(p.coll, names, out);
      let inner: Names = { name: p.valVar, next: names };
      if (p.keyVar !== undefined) inner = { name: p.keyVar, next: inner };
      walkParts(p.body, inner, out);
    }
  }
}

function walkSteps(steps: Step[], names: Names, out: Set<string>): void {
  for (const st of steps) {
    if (st.t === 'index') walkNode(st.key, names, out);
    else if (st.t === 'splat') walkSteps(st.steps, names, out);
  }
}

function walkNode(n: Node, names: Names, out: Set<string>): void {
  switch (n.k) {
    case 'lit': return;
    case 'tpl': walkParts(n.parts, names, out); return;
    case 'tuple': for (const x of n.items) walkNode(x, names, out); return;
    case 'object': for (const it of n.items) { if (it.key.k !== 'name') walkNode(it.key, names, out); walkNode(it.value, names, out); } return;
    case 'name': addRoot(n.name, [], names, out); return;
    case 'trav':
      if (n.base.k === 'name') addRoot(n.base.name, n.steps, names, out);
      else walkNode(n.base, names, out);
      walkSteps(n.steps, names, out);
      return;
    case 'call': for (const x of n.args) walkNode(x, names, out); return;
    case 'unary': case 'paren': walkNode(n.x, names, out); return;
    case 'bin': walkNode(n.a, names, out); walkNode(n.b, names, out); return;
    case 'cond': walkNode(n.c, names, out); walkNode(n.t, names, out); walkNode(n.f, names, out); return;
    case 'for': {
      walkNode(n.coll, names, out);
      let inner: Names = { name: n.valVar, next: names };
      if (n.keyVar !== undefined) inner = { name: n.keyVar, next: inner };
      if (n.keyExpr) walkNode(n.keyExpr, inner, out);
      walkNode(n.valExpr, inner, out);
      if (n.cond) walkNode(n.cond, inner, out);
    }
  }
}

function addRoot(root: string, steps: Step[], names: Names, out: Set<string>): void {
  if (boundIn(names, root)) return;
  const s0 = steps[0];
  const s1 = steps[1];
  const a0 = s0?.t === 'attr' ? s0.name : undefined;
  if (a0 === undefined) return;
  switch (root) {
    case 'count': case 'each': case 'path': case 'terraform': case 'self': return;
    case 'data': if (s1?.t === 'attr') out.add(`data.${a0}.${s1.name}`); return;
    default: out.add(`${root}.${a0}`);
  }
}
