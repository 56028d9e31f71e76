// oobguard-bundle-sources: 31fd613b91491e638f68adc8b95ee91583f0fb0c361c350be7c8f555a54ff610
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);

// src/collectors/aws-live/calls.ts
import { AsyncLocalStorage } from "node:async_hooks";
var Gate = class {
  active = 0;
  waiting = [];
  limit;
  constructor(limit) {
    this.limit = limit;
  }
  async run(fn) {
    if (this.active < this.limit) this.active++;
    else await new Promise((resolve) => this.waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
};
function withGate(parent, gate) {
  return {
    get calls() {
      return parent.calls;
    },
    set calls(n) {
      parent.calls = n;
    },
    get failedCalls() {
      return parent.failedCalls;
    },
    set failedCalls(n) {
      parent.failedCalls = n;
    },
    gate
  };
}
function gated(counter, fn) {
  return counter.gate ? counter.gate.run(fn) : fn();
}
function errorParts(e) {
  if (e === null || typeof e !== "object") return { name: "Error", status: void 0 };
  const o = e;
  const status = typeof o.$metadata?.httpStatusCode === "number" ? o.$metadata.httpStatusCode : void 0;
  let name = typeof o.name === "string" && o.name !== "" ? o.name : "Error";
  if ((name === "Error" || name === "Unknown") && typeof o.code === "string" && o.code !== "") name = o.code;
  return { name, status };
}
function describeError(name, status) {
  return status === void 0 ? name : `${name} (HTTP ${status})`;
}
var holding = new AsyncLocalStorage();
function slotted(counter, fn) {
  if (holding.getStore() === true) return fn();
  return gated(counter, () => holding.run(true, fn));
}
function failure(counter, e, error) {
  counter.failedCalls++;
  const { name, status } = errorParts(e);
  return { ok: false, error: error ?? describeError(name, status), name, status };
}
async function call(counter, fn) {
  counter.calls++;
  try {
    return { ok: true, value: await slotted(counter, fn) };
  } catch (e) {
    return failure(counter, e);
  }
}
async function callOrAbsent(counter, notFound, fn) {
  counter.calls++;
  try {
    return { ok: true, value: await slotted(counter, fn) };
  } catch (e) {
    if (notFound.includes(errorParts(e).name)) return { ok: true, value: null };
    return failure(counter, e);
  }
}
async function mapBounded(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker()));
  return out;
}
async function paged(counter, fetch) {
  const r = await pagedUpTo(counter, Number.POSITIVE_INFINITY, fetch);
  return r.ok ? { ok: true, value: r.value.items } : r;
}
async function pagedUpTo(counter, maxPages, fetch) {
  const items = [];
  const seen = /* @__PURE__ */ new Set();
  let token;
  for (let n = 0; ; n++) {
    if (n >= maxPages) return { ok: true, value: { items, truncated: true } };
    const t = token;
    const page = await call(counter, () => fetch(t));
    if (!page.ok) return page;
    items.push(...page.value.items);
    token = page.value.next || void 0;
    if (token === void 0) return { ok: true, value: { items, truncated: false } };
    if (seen.has(token)) {
      return failure(counter, { name: "MalformedResponse" }, "MalformedResponse: page token repeated");
    }
    seen.add(token);
  }
}

export {
  Gate,
  withGate,
  gated,
  errorParts,
  describeError,
  call,
  callOrAbsent,
  mapBounded,
  paged,
  pagedUpTo
};
