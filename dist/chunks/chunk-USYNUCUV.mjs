// oobguard-bundle-sources: 31fd613b91491e638f68adc8b95ee91583f0fb0c361c350be7c8f555a54ff610
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);
import {
  gated,
  mapBounded
} from "./chunk-DICZ7VKL.mjs";

// src/collectors/live/paging.ts
var MAX_PAGES = 1e4;
var PagingError = class extends Error {
  code;
  constructor(code, message) {
    super(message);
    this.name = "PagingError";
    this.code = code;
  }
};
var NextLinks = class {
  origin;
  maxPages;
  seen = /* @__PURE__ */ new Set();
  /** Pages asked for so far (the first one included). */
  pages = 1;
  /** `endpoint`: where the list was asked (its origin is the only one followed). */
  constructor(endpoint, maxPages = MAX_PAGES) {
    this.origin = new URL(endpoint).origin;
    this.maxPages = Math.max(1, maxPages);
  }
  /** Remember the first page's URL (absolute, or relative to the endpoint), so a link back to it is a repeat. */
  first(url) {
    if (URL.canParse(url, this.origin)) this.seen.add(new URL(url, this.origin).href);
  }
  /**
   * The link a page gave → the absolute URL of the next page, or undefined when the list is done
   * (no link, null or ""). Throws a PagingError for a link that is not a URL, leaves the
   * endpoint, repeats a page, or goes past `maxPages`.
   */
  next(link) {
    if (link === void 0 || link === null || link === "") return void 0;
    if (typeof link !== "string" || !URL.canParse(link, this.origin)) {
      throw new PagingError("UnexpectedNextLink", `a next-page link is not a URL (${typeof link}); not followed`);
    }
    const url = new URL(link, this.origin);
    if (url.origin !== this.origin) {
      throw new PagingError("UnexpectedNextLink", `a next-page link leaves the endpoint ${this.origin} for ${url.origin}; not followed, and no token sent there`);
    }
    if (this.seen.has(url.href)) throw new PagingError("RepeatedNextLink", "a next-page link repeats a page already read; not followed");
    if (this.pages >= this.maxPages) throw new PagingError("TooManyPages", `the list has more than ${this.maxPages} pages; stopped there`);
    this.seen.add(url.href);
    this.pages++;
    return url.href;
  }
};

// src/collectors/azure-live/calls.ts
function armErrorParts(e) {
  if (e === null || typeof e !== "object") return { code: "Error", status: void 0 };
  const o = e;
  const status = typeof o.statusCode === "number" ? o.statusCode : void 0;
  if (o.name === "AbortError") return { code: "RequestTimeout", status };
  const code = typeof o.code === "string" && o.code !== "" ? o.code : typeof o.name === "string" && o.name !== "" ? o.name : "Error";
  return { code, status };
}
function describeArmError(code, status) {
  return status === void 0 ? code : `${code} (HTTP ${status})`;
}
function failureReason(api, permission, o) {
  return `${api} failed: ${o.error} \u2014 needs ${permission}`;
}
async function armCall(counter, fn) {
  counter.calls++;
  try {
    return { ok: true, value: await gated(counter, fn) };
  } catch (e) {
    counter.failedCalls++;
    const { code, status } = armErrorParts(e);
    const error = describeArmError(code, status);
    return { ok: false, error: e instanceof PagingError ? `${error}: ${e.message}` : error, code, status };
  }
}
function continuationOf(page) {
  const token = page.continuationToken;
  return typeof token === "string" ? token : void 0;
}
async function armList(counter, pages, nextLinkOf) {
  return armCall(counter, async () => {
    const links = new NextLinks(counter.endpoint, counter.maxPages);
    const out = [];
    for await (const page of pages()) {
      out.push(...page);
      links.next(nextLinkOf(page));
    }
    return out;
  });
}
async function listWithChildren(counter, subscriptionId, concurrency, spec) {
  const { parents: ps, children: cs } = spec;
  const listed = await armList(counter, ps.list, ps.nextLinkOf);
  if (!listed.ok) {
    const gap = { scope: subscriptionId, api: ps.api, error: listed.error, permission: ps.permission };
    return { parents: [], children: [], gaps: [{ collection: ps.collection, ...gap }, { collection: cs.collection, ...gap }] };
  }
  const parents = listed.value.map(ps.of);
  const gaps = [];
  const perParent = await mapBounded(parents, concurrency, async (parent) => {
    const got = await armList(counter, () => cs.list(parent), cs.nextLinkOf);
    if (got.ok) return cs.of(got.value, parent);
    const api = cs.api(parent);
    gaps.push({ collection: cs.collection, scope: subscriptionId, api, error: got.error, permission: cs.permission });
    cs.failed?.(parent, failureReason(api, cs.permission, got));
    return [];
  });
  return { parents, children: perParent.flat(), gaps };
}
function httpError(code, status) {
  return Object.assign(new Error(code), { code, statusCode: status });
}
async function armGetJson(rm, path, apiVersion) {
  const res = await rm.pathUnchecked(path).get(apiVersion !== void 0 ? { queryParameters: { "api-version": apiVersion } } : {});
  const body = res.body;
  const status = Number(res.status);
  if (res.status !== "200") {
    const code = body?.error?.code;
    throw httpError(typeof code === "string" && code !== "" ? code : "HttpError", status);
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw httpError("MalformedResponse", status);
  return body;
}
async function armGetPaged(rm, paging, path, apiVersion) {
  const links = new NextLinks(paging.endpoint, paging.maxPages);
  links.first(`${path}?api-version=${apiVersion}`);
  const out = [];
  let page = await armGetJson(rm, path, apiVersion);
  for (; ; ) {
    if (!Array.isArray(page["value"])) throw httpError("MalformedResponse", 200);
    out.push(...page["value"]);
    const next = links.next(page["nextLink"]);
    if (next === void 0) return out;
    page = await armGetJson(rm, next);
  }
}

// src/collectors/live/json.ts
function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
function obj(v) {
  return isObject(v) ? v : {};
}
function objs(v) {
  return Array.isArray(v) ? v.map(obj) : [];
}
function str(v) {
  return typeof v === "string" ? v : "";
}
function strs(v) {
  return Array.isArray(v) ? v.filter((x) => typeof x === "string") : [];
}

export {
  NextLinks,
  describeArmError,
  failureReason,
  armCall,
  continuationOf,
  armList,
  listWithChildren,
  armGetJson,
  armGetPaged,
  isObject,
  obj,
  objs,
  str,
  strs
};
