// oobguard-bundle-sources: 31fd613b91491e638f68adc8b95ee91583f0fb0c361c350be7c8f555a54ff610
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);
import {
  VERSION
} from "./chunk-J2PLCBFU.mjs";
import {
  SANITIZED_PLACEHOLDER,
  SECRET_KEYS
} from "./chunk-YXAID3U6.mjs";
import {
  setUnknown
} from "./chunk-2VD4TAJ7.mjs";

// src/collectors/mattermost-live/collect.ts
var MATTERMOST_COLLECTIONS = {
  configs: "mattermost.configs",
  users: "mattermost.users",
  accessTokens: "mattermost.accessTokens",
  dataRetention: "mattermost.dataRetention"
};
var RETENTION_JOBS_PAGE = 20;
var DEFAULT_TIMEOUT_MS = 15e3;
var PER_PAGE = 200;
var MAX_PAGES = 500;
var MAX_TRIES = 3;
var MAX_RETRY_AFTER_S = 60;
var SERVER_ERROR_BACKOFF_MS = 500;
var MAX_ERROR_MESSAGE = 300;
var PERMISSION = {
  token: "a valid personal access token or session token (check that it is the right one and not expired or revoked)",
  config: "sysconsole_read_* (system admin or a read-only admin role)",
  users: "view members (list users; a system admin or user manager sees every account)",
  tokens: "manage_system (system admin) to list personal access tokens",
  retention: "sysconsole_read_compliance_data_retention_policy (system admin or a compliance read-only admin)",
  retentionJobs: "read_data_retention_job (system admin or a compliance read-only admin)"
};
function parseMattermostUrl(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`Mattermost URL ${JSON.stringify(raw)} is not a valid URL (expected e.g. https://chat.oob.example.org)`);
  }
  if (url.username !== "" || url.password !== "") throw new Error("Mattermost URL must not contain credentials; pass the token separately");
  const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new Error(`Mattermost URL must use https:// (http:// is allowed only for 127.0.0.1 and localhost): ${url.origin}`);
  }
  url.search = "";
  url.hash = "";
  return url;
}
function makeClient(base, opts) {
  const doFetch = opts.fetch ?? fetch;
  const sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const prefix = base.pathname.replace(/\/+$/, "");
  const scrub = (s) => scrubToken(s, opts.token);
  const client = {
    calls: 0,
    failedCalls: 0,
    versionHeader: null,
    async call(path) {
      const outcome = await attempt(path);
      client.calls++;
      if (!outcome.ok) client.failedCalls++;
      return outcome;
    }
  };
  async function attempt(path) {
    const target = new URL(prefix + path, base.origin);
    let last = { ok: false, error: "not attempted", status: null, unauthorized: false, unreachable: false };
    for (let tryNo = 1; tryNo <= MAX_TRIES; tryNo++) {
      let res;
      let text;
      try {
        res = await doFetch(target, {
          method: "GET",
          headers: {
            Authorization: `Bearer ${opts.token}`,
            Accept: "application/json",
            "X-Requested-With": "XMLHttpRequest",
            "User-Agent": `oobguard/${VERSION}`
          },
          redirect: "manual",
          signal: AbortSignal.timeout(timeoutMs)
        });
        text = await res.text();
      } catch (e) {
        return { ok: false, ...describeFetchError(e, timeoutMs, scrub) };
      }
      const version = res.headers.get("x-version-id");
      if (version) client.versionHeader = version;
      if (res.status === 429 && tryNo < MAX_TRIES) {
        const wait = retryAfterMs(res.headers.get("retry-after"));
        if (wait !== null) {
          await sleep(wait);
          continue;
        }
      }
      if (res.status >= 500 && tryNo < MAX_TRIES) {
        last = { ok: false, error: scrub(statusText(res, text)), status: res.status, unauthorized: false, unreachable: false };
        await sleep(SERVER_ERROR_BACKOFF_MS * tryNo);
        continue;
      }
      if (res.status >= 300 && res.status < 400) {
        const loc = res.headers.get("location");
        let where = "";
        if (loc) {
          try {
            where = ` to ${new URL(loc, target).origin}`;
          } catch {
            where = "";
          }
        }
        return { ok: false, error: `${res.status} redirect${where} (not followed; is the URL the Mattermost site URL, not an SSO proxy?)`, status: res.status, unauthorized: false, unreachable: false };
      }
      if (res.status === 401) return { ok: false, error: "401 Unauthorized", status: 401, unauthorized: true, unreachable: false };
      if (!res.ok) {
        return { ok: false, error: scrub(statusText(res, text)), status: res.status, unauthorized: false, unreachable: false };
      }
      try {
        return { ok: true, body: JSON.parse(text), headers: res.headers };
      } catch {
        const type = res.headers.get("content-type") ?? "no content type";
        return { ok: false, error: `${res.status} response is not JSON (${scrub(type.slice(0, 80))}, ${text.length} bytes)`, status: res.status, unauthorized: false, unreachable: false };
      }
    }
    return last;
  }
  return client;
}
function statusText(res, text) {
  const reason = res.statusText || STATUS_TEXT[res.status] || "HTTP error";
  let message = "";
  try {
    const body = JSON.parse(text);
    if (body !== null && typeof body === "object" && typeof body["message"] === "string") {
      message = String(body["message"]).replace(/\s+/g, " ").trim();
    }
  } catch {
    message = "";
  }
  if (message.length > MAX_ERROR_MESSAGE) message = `${message.slice(0, MAX_ERROR_MESSAGE)}\u2026`;
  return message ? `${res.status} ${reason}: ${message}` : `${res.status} ${reason}`;
}
var STATUS_TEXT = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout"
};
function retryAfterMs(header) {
  if (header === null) return 1e3;
  const trimmed = header.trim();
  let seconds;
  if (/^\d+(\.\d+)?$/.test(trimmed)) seconds = Number(trimmed);
  else {
    const date = Date.parse(trimmed);
    if (Number.isNaN(date)) return 1e3;
    seconds = Math.max(0, (date - Date.now()) / 1e3);
  }
  return seconds > MAX_RETRY_AFTER_S ? null : Math.round(seconds * 1e3);
}
function describeFetchError(e, timeoutMs, scrub) {
  const name = e instanceof Error ? e.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    return { error: `timed out after ${timeoutMs} ms`, status: null, unauthorized: false, unreachable: false };
  }
  const cause = e instanceof Error ? e.cause : void 0;
  const code = cause !== null && typeof cause === "object" && typeof cause["code"] === "string" ? String(cause["code"]) : "";
  const detail = code || (cause instanceof Error ? cause.message : e instanceof Error ? e.message : String(e));
  return { error: scrub(`connection failed: ${detail}`.slice(0, MAX_ERROR_MESSAGE)), status: null, unauthorized: false, unreachable: true };
}
function scrubToken(s, token) {
  return token === "" ? s : s.split(token).join("[redacted]");
}
function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
function keepSanitized(config) {
  const mask = (v) => {
    if (typeof v === "string") return v === "" ? v : SANITIZED_PLACEHOLDER;
    if (Array.isArray(v)) return v.map(mask);
    return v;
  };
  const walk = (node, segs) => {
    const [head, ...rest] = segs;
    if (head === void 0 || node === void 0) return;
    if (head === "[]") {
      if (Array.isArray(node)) for (const item of node) walk(item, rest);
      return;
    }
    if (!isObject(node) || !(head in node)) return;
    const v = node[head];
    if (rest.length === 0) {
      if (v !== void 0) node[head] = mask(v);
      return;
    }
    walk(v, rest);
  };
  for (const dotted of [...SECRET_KEYS, "FileSettings.ExportAmazonS3SecretAccessKey"]) {
    walk(config, dotted.replace(/\[\]/g, ".[]").split("."));
  }
}
function str(o, key) {
  const v = o[key];
  return typeof v === "string" ? v : "";
}
function num(o, key) {
  const v = o[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
function toUser(o, host, source) {
  const userId = str(o, "id");
  if (userId === "") return null;
  const username = str(o, "username");
  const email = str(o, "email");
  const at = email.lastIndexOf("@");
  return {
    id: `mattermost/${host}/user/${userId}`,
    kind: "MattermostUser",
    name: username,
    source: { ...source, ref: `GET /api/v4/users/${userId}` },
    server: host,
    userId,
    username,
    emailDomain: at >= 0 && at < email.length - 1 ? email.slice(at + 1).toLowerCase() : null,
    authService: str(o, "auth_service"),
    // `mfa_active` and `is_bot` are omitted by Mattermost when false.
    mfaActive: o["mfa_active"] === true,
    deleteAt: num(o, "delete_at") ?? 0,
    roles: str(o, "roles").split(/\s+/).filter((r) => r !== ""),
    isBot: o["is_bot"] === true
  };
}
function toToken(o, host, source, owners) {
  const tokenId = str(o, "id");
  if (tokenId === "") return null;
  const userId = str(o, "user_id");
  const description = str(o, "description");
  return {
    id: `mattermost/${host}/token/${tokenId}`,
    kind: "MattermostAccessToken",
    name: description,
    source: { ...source, ref: `GET /api/v4/users/tokens/${tokenId}` },
    server: host,
    tokenId,
    userId,
    ownerUsername: owners.get(userId) ?? null,
    description,
    isActive: o["is_active"] === true,
    expiresAt: num(o, "expires_at")
  };
}
function environmentKeys(body, prefix = "") {
  if (!isObject(body)) return [];
  const out = [];
  for (const [k, v] of Object.entries(body)) {
    const dotted = prefix ? `${prefix}.${k}` : k;
    if (isObject(v)) out.push(...environmentKeys(v, dotted));
    else if (v === true) out.push(dotted);
  }
  return out.sort();
}
function parseVersionHeader(h) {
  if (!h) return { version: null, buildNumber: null, licensed: null };
  const parts = h.split(".");
  const version = parts.slice(0, 3).join(".");
  const last = parts[parts.length - 1];
  return {
    version: /^\d+\.\d+\.\d+$/.test(version) ? version : null,
    buildNumber: parts.length >= 4 ? parts[3] ?? null : null,
    licensed: last === "true" ? true : last === "false" ? false : null
  };
}
function retentionHours(r, field, policy, key, api, readAt) {
  const cutoff = policy[key];
  if (typeof cutoff === "number" && Number.isFinite(cutoff) && cutoff > 0) return Math.round((readAt - cutoff) / 36e5);
  const got = cutoff === void 0 ? "no" : `${JSON.stringify(cutoff) ?? typeof cutoff} as`;
  setUnknown(r, field, `${api} returned ${got} ${key} while deletion is on, so how long the server keeps data cannot be told`);
  return null;
}
async function readDataRetention(client, host, source) {
  const policyApi = "/api/v4/data_retention/policy";
  const readAt = Date.now();
  const policy = await client.call(policyApi);
  const retention = {
    kind: "MattermostDataRetention",
    id: `mattermost/${host}/data-retention`,
    name: host,
    server: host,
    source: { ...source, ref: `GET ${policyApi}` },
    available: true,
    messageDeletionEnabled: false,
    fileDeletionEnabled: false,
    messageRetentionHours: null,
    fileRetentionHours: null,
    lastJobStatus: null,
    lastSuccessAt: null
  };
  if (!policy.ok && policy.status === 501) {
    retention.available = false;
    return { retention };
  }
  if (!policy.ok) return { failure: policy, api: `GET ${policyApi}` };
  if (!isObject(policy.body) || typeof policy.body["message_deletion_enabled"] !== "boolean") {
    client.failedCalls++;
    return { failure: { ok: false, error: "response is not a data-retention policy (no message_deletion_enabled)", status: 200, unauthorized: false, unreachable: false }, api: `GET ${policyApi}` };
  }
  const p = policy.body;
  retention.messageDeletionEnabled = p["message_deletion_enabled"] === true;
  retention.fileDeletionEnabled = p["file_deletion_enabled"] === true;
  const api = `GET ${policyApi}`;
  if (retention.messageDeletionEnabled) retention.messageRetentionHours = retentionHours(retention, "messageRetentionHours", p, "message_retention_cutoff", api, readAt);
  if (retention.fileDeletionEnabled) retention.fileRetentionHours = retentionHours(retention, "fileRetentionHours", p, "file_retention_cutoff", api, readAt);
  const jobsApi = `/api/v4/jobs/type/data_retention?page=0&per_page=${RETENTION_JOBS_PAGE}`;
  const jobs = await client.call(jobsApi);
  if (!jobs.ok || !Array.isArray(jobs.body)) {
    if (jobs.ok) client.failedCalls++;
    const error = jobs.ok ? "response is not a JSON array" : jobs.error;
    const why = `GET ${jobsApi} failed (${error})${!jobs.ok && jobs.status === 403 ? ` \u2014 needs ${PERMISSION.retentionJobs}` : ""}, so whether data retention runs cannot be told`;
    setUnknown(retention, ["lastJobStatus", "lastSuccessAt"], why);
    return { retention };
  }
  const list = jobs.body.filter(isObject).sort((a, b) => (num(b, "create_at") ?? 0) - (num(a, "create_at") ?? 0));
  retention.lastJobStatus = list.length > 0 ? str(list[0], "status") || null : null;
  const ok = list.find((j) => str(j, "status") === "success");
  const at = ok ? num(ok, "last_activity_at") || num(ok, "start_at") || num(ok, "create_at") : null;
  retention.lastSuccessAt = at ? new Date(at).toISOString() : null;
  return { retention };
}
async function listAll(client, path) {
  const items = [];
  const sep = path.includes("?") ? "&" : "?";
  for (let page = 0; page < MAX_PAGES; page++) {
    const api = `${path}${sep}per_page=${PER_PAGE}&page=${page}`;
    const r = await client.call(api);
    if (!r.ok) return { failure: r, api: `GET ${api}` };
    if (!Array.isArray(r.body)) {
      client.failedCalls++;
      return { failure: { ok: false, error: "response is not a JSON array", status: 200, unauthorized: false, unreachable: false }, api: `GET ${api}` };
    }
    for (const item of r.body) if (isObject(item)) items.push(item);
    if (r.body.length < PER_PAGE) return { items };
  }
  return {
    failure: { ok: false, error: `more than ${MAX_PAGES} pages of ${PER_PAGE}; stopped`, status: null, unauthorized: false, unreachable: false },
    api: `GET ${path}${sep}per_page=${PER_PAGE}`
  };
}
async function collectMattermost(opts) {
  const base = parseMattermostUrl(opts.url);
  if (!/^[\x21-\x7e]+$/.test(opts.token)) throw new Error("Mattermost token is empty or contains characters a token cannot have (spaces, line breaks, non-ASCII)");
  const host = base.host;
  const source = { file: `oobguard-live/mattermost/${host}`, line: 1, ref: "GET /api/v4/config" };
  const client = makeClient(base, opts);
  const gaps = [];
  const server = {
    kind: "MattermostServer",
    id: `mattermost/${host}`,
    name: host,
    source: { ...source, ref: "GET /api/v4/system/ping" },
    server: host,
    version: null,
    buildNumber: null,
    status: null,
    licensed: null,
    sku: null,
    environmentKeys: null
  };
  const result = {
    documents: [],
    mattermostConfigs: [],
    users: [],
    accessTokens: [],
    dataRetention: [],
    server,
    coverage: { source: "mattermost", scope: host, calls: 0, failedCalls: 0, gaps }
  };
  const gap = (collection, api, error, permission) => {
    const g = { collection, scope: "", api, error };
    if (permission !== void 0) g.permission = permission;
    gaps.push(g);
  };
  const finish = () => {
    const fromHeader = parseVersionHeader(client.versionHeader);
    server.version = fromHeader.version;
    server.buildNumber = fromHeader.buildNumber;
    server.licensed ??= fromHeader.licensed;
    const coverage = { source: "mattermost", scope: host, calls: client.calls, failedCalls: client.failedCalls, gaps };
    result.coverage = coverage;
    return result;
  };
  const stopAll = (failure, api, remaining) => {
    const permission = failure.unauthorized ? PERMISSION.token : void 0;
    for (const c of remaining) gap(MATTERMOST_COLLECTIONS[c], api, failure.error, permission);
    return finish();
  };
  const cfgApi = "/api/v4/config";
  const cfg = await client.call(cfgApi);
  if (!cfg.ok) {
    if (cfg.unauthorized || cfg.unreachable) return stopAll(cfg, `GET ${cfgApi}`, ["configs", "users", "accessTokens", "dataRetention"]);
    gap(MATTERMOST_COLLECTIONS.configs, `GET ${cfgApi}`, cfg.error, cfg.status === 403 ? PERMISSION.config : void 0);
  } else if (!isObject(cfg.body) || !isObject(cfg.body["ServiceSettings"])) {
    client.failedCalls++;
    gap(MATTERMOST_COLLECTIONS.configs, `GET ${cfgApi}`, "response is not a Mattermost configuration (no ServiceSettings)");
  } else {
    const config = cfg.body;
    keepSanitized(config);
    const entry = { config, source };
    result.mattermostConfigs.push(entry);
    const env = await client.call("/api/v4/config/environment");
    if (env.ok) {
      server.environmentKeys = environmentKeys(env.body);
      entry.envKeys = server.environmentKeys;
    } else if (env.unauthorized) return stopAll(env, "GET /api/v4/config/environment", ["users", "accessTokens", "dataRetention"]);
  }
  const ping = await client.call("/api/v4/system/ping?get_server_status=true");
  if (ping.ok && isObject(ping.body)) server.status = str(ping.body, "status") || null;
  else if (!ping.ok && ping.unauthorized) return stopAll(ping, "GET /api/v4/system/ping", ["users", "accessTokens", "dataRetention"]);
  const lic = await client.call("/api/v4/license/client?format=old");
  if (lic.ok && isObject(lic.body)) {
    const l = str(lic.body, "IsLicensed");
    server.licensed = l === "true" ? true : l === "false" ? false : null;
    server.sku = str(lic.body, "SkuShortName") || null;
  } else if (!lic.ok && lic.unauthorized) return stopAll(lic, "GET /api/v4/license/client", ["users", "accessTokens", "dataRetention"]);
  const owners = /* @__PURE__ */ new Map();
  const users = await listAll(client, "/api/v4/users");
  if ("failure" in users) {
    if (users.failure.unauthorized || users.failure.unreachable) return stopAll(users.failure, users.api, ["users", "accessTokens", "dataRetention"]);
    gap(MATTERMOST_COLLECTIONS.users, users.api, users.failure.error, users.failure.status === 403 ? PERMISSION.users : void 0);
  } else {
    for (const o of users.items) {
      const u = toUser(o, host, source);
      if (u) {
        result.users.push(u);
        owners.set(u.userId, u.username);
      }
    }
  }
  const tokens = await listAll(client, "/api/v4/users/tokens");
  if ("failure" in tokens) {
    gap(MATTERMOST_COLLECTIONS.accessTokens, tokens.api, tokens.failure.error, tokens.failure.status === 403 ? PERMISSION.tokens : tokens.failure.unauthorized ? PERMISSION.token : void 0);
  } else {
    const usersRead = !("failure" in users);
    for (const o of tokens.items) {
      const t = toToken(o, host, source, owners);
      if (!t) continue;
      if (t.ownerUsername === null) {
        (t.unknown ??= {})["ownerUsername"] = usersRead ? `user ${t.userId} who owns the token is not among the accounts listed by GET /api/v4/users` : `GET /api/v4/users failed, so who owns the token (user ${t.userId}) cannot be told`;
      }
      result.accessTokens.push(t);
    }
  }
  const dr = await readDataRetention(client, host, source);
  if ("failure" in dr) {
    gap(MATTERMOST_COLLECTIONS.dataRetention, dr.api, dr.failure.error, dr.failure.status === 403 ? PERMISSION.retention : dr.failure.unauthorized ? PERMISSION.token : void 0);
  } else result.dataRetention.push(dr.retention);
  return finish();
}

export {
  MATTERMOST_COLLECTIONS,
  parseMattermostUrl,
  collectMattermost
};
