// oobguard-bundle-sources: 31fd613b91491e638f68adc8b95ee91583f0fb0c361c350be7c8f555a54ff610
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);

// src/model/functions/iam.ts
function list(v) {
  if (v === void 0 || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => String(x));
}
function principals(v) {
  if (v === void 0 || v === null) return {};
  if (typeof v === "string") return { [v === "*" ? "*" : "AWS"]: [v] };
  const out = {};
  if (typeof v === "object" && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) out[k] = list(x);
  return out;
}
function parsePolicy(input) {
  let doc = input;
  if (typeof input === "string") {
    const text = input.trim().startsWith("%7B") || input.trim().startsWith("%7b") ? decodeURIComponent(input) : input;
    try {
      doc = JSON.parse(text);
    } catch {
      return null;
    }
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return null;
  const d = doc;
  const raw = d["Statement"];
  const stmts = raw === void 0 ? [] : Array.isArray(raw) ? raw : [raw];
  const statements2 = [];
  for (const s of stmts) {
    if (s === null || typeof s !== "object") continue;
    const o = s;
    const conditions = {};
    const c = o["Condition"];
    if (c && typeof c === "object") {
      for (const [op, keys] of Object.entries(c)) {
        const k = {};
        if (keys && typeof keys === "object") for (const [ck, cv] of Object.entries(keys)) k[ck] = list(cv);
        conditions[op] = k;
      }
    }
    statements2.push({
      sid: typeof o["Sid"] === "string" ? o["Sid"] : "",
      effect: typeof o["Effect"] === "string" ? o["Effect"] : "",
      actions: list(o["Action"]),
      notActions: list(o["NotAction"]),
      resources: list(o["Resource"]),
      notResources: list(o["NotResource"]),
      principals: principals(o["Principal"]),
      notPrincipals: principals(o["NotPrincipal"]),
      conditions
    });
  }
  return { version: typeof d["Version"] === "string" ? d["Version"] : "", statements: statements2 };
}
function iamMatch(pattern, value, caseInsensitive = false) {
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  const v = caseInsensitive ? value.toLowerCase() : value;
  if (!p.includes("*") && !p.includes("?")) return p === v;
  const re = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return re.test(v);
}
function statementCoversAction(s, action) {
  if (s.notActions.length > 0) return !s.notActions.some((p) => iamMatch(p, action, true));
  return s.actions.some((p) => iamMatch(p, action, true));
}

// src/model/functions/iam-analysis.ts
function escapeRe(s) {
  return s.replace(/[.+^${}()|[\]\\]/g, "\\$&");
}
function patternWithin(inner, outer, caseInsensitive = false) {
  const i = caseInsensitive ? inner.toLowerCase() : inner;
  const o = caseInsensitive ? outer.toLowerCase() : outer;
  if (!o.includes("*") && !o.includes("?")) return i === o;
  let re = "^";
  for (const ch of o) re += ch === "*" ? "[\\s\\S]*" : ch === "?" ? "[^*]" : escapeRe(ch);
  return new RegExp(`${re}$`).test(i);
}
function within(inner, allowed, caseInsensitive) {
  return allowed.some((a) => patternWithin(inner, a, caseInsensitive));
}
function actionService(pattern) {
  if (pattern === "*") return "*";
  const c = pattern.indexOf(":");
  return c > 0 ? pattern.slice(0, c) : "";
}
function actionTouchesService(pattern, service) {
  if (service === "*") return true;
  const s = actionService(pattern);
  return s !== "" && (iamMatch(s, service, true) || patternWithin(service, s, true));
}
function statementTouchesService(s, service) {
  if (s.notActions.length > 0) return service === "*" ? true : !s.notActions.some((n) => patternWithin(`${service}:*`, n, true));
  return s.actions.some((a) => actionTouchesService(a, service));
}
function resourceService(r) {
  if (r === "*") return "*";
  const parts = r.split(":");
  return parts.length >= 3 && parts[0] === "arn" ? parts[2] : "";
}
function resourceTouchesService(r, service) {
  if (service === "*") return true;
  const s = resourceService(r);
  return s === "" || iamMatch(s, service, true);
}
function allows(s) {
  return s.effect.toLowerCase() === "allow";
}
function statements(doc) {
  return doc && Array.isArray(doc.statements) ? doc.statements : [];
}
function iamAllowsAction(doc, action) {
  return statements(doc).some((s) => allows(s) && statementCoversAction(s, action));
}
function iamWildcardStatements(doc) {
  const out = [];
  statements(doc).forEach((s, index) => {
    if (!allows(s)) return;
    const wildAction = s.notActions.length > 0 || s.actions.some((a) => a === "*" || /^[^:*?]+:\*$/.test(a));
    const wildResource = s.notResources.length > 0 || s.resources.some((r) => r === "*");
    if (wildAction && wildResource) out.push({ ...s, index });
  });
  return out;
}
function iamActionsOutside(doc, service, allowed) {
  const out = /* @__PURE__ */ new Set();
  for (const s of statements(doc)) {
    if (!allows(s) || !statementTouchesService(s, service)) continue;
    if (s.notActions.length > 0) {
      if (!within("*", allowed, true)) out.add(`NotAction [${s.notActions.join(", ")}]`);
      continue;
    }
    for (const a of s.actions) if (actionTouchesService(a, service) && !within(a, allowed, true)) out.add(a);
  }
  return [...out];
}
function iamResourcesOutside(doc, service, allowed) {
  const out = /* @__PURE__ */ new Set();
  for (const s of statements(doc)) {
    if (!allows(s) || !statementTouchesService(s, service)) continue;
    if (s.notResources.length > 0) {
      out.add(`NotResource [${s.notResources.join(", ")}]`);
      continue;
    }
    for (const r of s.resources) if (resourceTouchesService(r, service) && !within(r, allowed, false)) out.add(r);
  }
  return [...out];
}
function iamDeniesWithoutMfa(doc) {
  return statements(doc).some((s) => {
    if (s.effect.toLowerCase() !== "deny") return false;
    const broad = s.notActions.length > 0 || s.actions.includes("*");
    const everywhere = s.notResources.length > 0 || s.resources.includes("*") || s.resources.length === 0;
    if (!broad || !everywhere) return false;
    return Object.entries(s.conditions).some(([op, keys]) => Object.entries(keys).some(([k, values]) => {
      if (k.toLowerCase() !== "aws:multifactorauthpresent") return false;
      const o = op.toLowerCase();
      const v = values.map((x) => x.toLowerCase());
      return (o === "bool" || o === "boolifexists") && v.includes("false") || o === "null" && v.includes("true");
    }));
  });
}
function arnParts(arn) {
  const empty = { partition: "", service: "", region: "", account: "", resource: "", resourceType: "", resourceId: "", resourceName: "" };
  if (typeof arn !== "string" || !arn.startsWith("arn:")) return empty;
  const parts = arn.split(":");
  if (parts.length < 6) return empty;
  const resource = parts.slice(5).join(":");
  const cut = resource.search(/[/:]/);
  const resourceType = cut >= 0 ? resource.slice(0, cut) : "";
  const resourceId = cut >= 0 ? resource.slice(cut + 1) : resource;
  const resourceName = resource.includes("/") ? resource.slice(resource.lastIndexOf("/") + 1) : resourceId;
  return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource, resourceType, resourceId, resourceName };
}
function parseCidr(c) {
  const [ip = "", lenText] = c.trim().split("/");
  if (ip.includes(":")) {
    const halves = ip.split("::");
    if (halves.length > 2) return null;
    const head = halves[0] ? halves[0].split(":") : [];
    const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
    const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
    const groups = [...head, ...Array(Math.max(fill, 0)).fill("0"), ...tail];
    if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
    const bits2 = groups.reduce((acc, g) => acc << 16n | BigInt(Number.parseInt(g, 16)), 0n);
    const len2 = lenText === void 0 ? 128 : Number(lenText);
    return Number.isInteger(len2) && len2 >= 0 && len2 <= 128 ? { bits: bits2, len: len2, width: 128 } : null;
  }
  const parts = ip.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d+$/.test(p) || Number(p) > 255)) return null;
  const bits = parts.reduce((acc, p) => acc << 8n | BigInt(Number(p)), 0n);
  const len = lenText === void 0 ? 32 : Number(lenText);
  return Number.isInteger(len) && len >= 0 && len <= 32 ? { bits, len, width: 32 } : null;
}
function cidrOverlaps(a, b) {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (!x || !y || x.width !== y.width) return false;
  const len = Math.min(x.len, y.len);
  const shift = BigInt(x.width - len);
  return x.bits >> shift === y.bits >> shift;
}
var POSITIVE_STRING_OPS = /^(?:(?:ForAnyValue|ForAllValues):)?(StringEquals|StringLike)(?:IfExists)?$/i;
function conditionsOn(s, claim) {
  const out = [];
  for (const [operator, keys] of Object.entries(s.conditions)) {
    const m = POSITIVE_STRING_OPS.exec(operator);
    if (!m) continue;
    for (const [key, values] of Object.entries(keys)) {
      const cut = key.lastIndexOf(":");
      if (cut <= 0 || key.slice(cut + 1).toLowerCase() !== claim) continue;
      const like = m[1].toLowerCase() === "stringlike";
      out.push({ operator, key, issuer: key.slice(0, cut), values: [...values], exact: !like || values.every((v) => !v.includes("*") && !v.includes("?")) });
    }
  }
  return out;
}
function issuerOfProviderArn(arn) {
  const p = arnParts(arn);
  return p.service === "iam" && p.resourceType === "oidc-provider" ? p.resourceId : "";
}
function webIdentityTrusts(doc, join) {
  const out = [];
  statements(doc).forEach((s, index) => {
    if (!allows(s) || !statementCoversAction(s, "sts:AssumeRoleWithWebIdentity")) return;
    const federated = Object.entries(s.principals).filter(([k]) => k.toLowerCase() === "federated").flatMap(([, v]) => v);
    for (const f of federated) {
      const provider = join.providers.find((p) => p.arn === f) ?? null;
      const issuer = provider ? provider.url : issuerOfProviderArn(f);
      const cluster = provider?.cluster || (join.clusters.find((c) => c.issuer !== "" && c.issuer === issuer)?.id ?? "");
      const subjects = conditionsOn(s, "sub");
      const audiences = conditionsOn(s, "aud");
      const serviceAccounts = [];
      for (const c of subjects) {
        if (!c.exact || c.issuer !== issuer) continue;
        for (const v of c.values) {
          const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(v);
          if (m && !serviceAccounts.some((x) => x.namespace === m[1] && x.name === m[2])) serviceAccounts.push({ namespace: m[1], name: m[2] });
        }
      }
      out.push({
        statement: index,
        federated: f,
        issuer,
        provider: provider?.id ?? "",
        cluster,
        eksIssuer: cluster !== "" || /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+$/.test(issuer),
        subjects,
        audiences,
        serviceAccounts
      });
    }
  });
  return out;
}
var EKS_STANDARD_SUPPORT_END = {
  "1.23": "2023-10-11",
  "1.24": "2024-01-31",
  "1.25": "2024-05-01",
  "1.26": "2024-06-11",
  "1.27": "2024-07-24",
  "1.28": "2024-11-26",
  "1.29": "2025-03-23",
  "1.30": "2025-07-23",
  "1.31": "2025-11-26",
  "1.32": "2026-03-23",
  "1.33": "2026-07-29",
  "1.34": "2026-12-02",
  "1.35": "2027-03-27"
};
function eksStandardSupportEnd(version) {
  const m = /^v?(\d+)\.(\d+)/.exec(String(version).trim());
  if (!m) return "";
  const key = `${Number(m[1])}.${Number(m[2])}`;
  const known = EKS_STANDARD_SUPPORT_END[key];
  if (known) return known;
  const minors = Object.keys(EKS_STANDARD_SUPPORT_END).map((k) => Number(k.split(".")[1]));
  const minor = Number(m[2]);
  if (Number(m[1]) !== 1) return Number(m[1]) < 1 ? "1970-01-01" : "";
  return minor < Math.min(...minors) ? "1970-01-01" : "";
}
function deepPlain(v) {
  if (v instanceof Map) return Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), deepPlain(x)]));
  if (Array.isArray(v)) return v.map(deepPlain);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepPlain(x)]));
  return v;
}
function asPolicyDocument(v) {
  const d = deepPlain(v);
  if (d === null || typeof d !== "object" || Array.isArray(d)) return null;
  const statements2 = d.statements;
  if (!Array.isArray(statements2)) return null;
  const list2 = (x) => Array.isArray(x) ? x.map(String) : typeof x === "string" ? [x] : [];
  const rec = (x) => x !== null && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).map(([k, y]) => [k, list2(y)])) : {};
  return {
    version: String(d.version ?? ""),
    statements: statements2.filter((s) => s !== null && typeof s === "object" && !Array.isArray(s)).map((s) => ({
      sid: String(s["sid"] ?? ""),
      effect: String(s["effect"] ?? ""),
      actions: list2(s["actions"]),
      notActions: list2(s["notActions"]),
      resources: list2(s["resources"]),
      notResources: list2(s["notResources"]),
      principals: rec(s["principals"]),
      notPrincipals: rec(s["notPrincipals"]),
      conditions: s["conditions"] !== null && typeof s["conditions"] === "object" && !Array.isArray(s["conditions"]) ? Object.fromEntries(Object.entries(s["conditions"]).map(([k, y]) => [k, rec(y)])) : {}
    }))
  };
}
function asStrings(v) {
  const d = deepPlain(v);
  return Array.isArray(d) ? d.map(String) : [];
}

export {
  parsePolicy,
  iamAllowsAction,
  iamWildcardStatements,
  iamActionsOutside,
  iamResourcesOutside,
  iamDeniesWithoutMfa,
  arnParts,
  cidrOverlaps,
  webIdentityTrusts,
  eksStandardSupportEnd,
  deepPlain,
  asPolicyDocument,
  asStrings
};
