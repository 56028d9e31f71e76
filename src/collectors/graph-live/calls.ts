/**
 * Every Graph request of a live scan goes through `graphCall`: counted once (the pipeline's own
 * retries happen inside it) and turned into a value or a described failure — the Graph error code,
 * the HTTP status, and whether Graph refused for licensing (a tenant without Entra ID P1/P2) rather
 * than for a missing permission. The Graph application permission each request needs is listed
 * here once; deploy/azure/oobguard-graph-permissions.json grants exactly these
 * (test/graph-permissions.test.ts holds them equal to the requests made).
 */
import { armCall, describeArmError, type CallCounter } from '../azure-live/calls.ts';

export { failureReason, mapBounded, type CallCounter } from '../azure-live/calls.ts';

/** The Graph requests of a scan and the least-privileged application permission of each. */
export const GRAPH_PERMISSIONS = {
  organization: 'Organization.Read.All',
  conditionalAccessPolicies: 'Policy.Read.All',
  securityDefaults: 'Policy.Read.All',
  userRegistrationDetails: 'AuditLog.Read.All',
  applications: 'Application.Read.All',
  users: 'User.Read.All',
} as const;

export type GraphRequestKind = keyof typeof GRAPH_PERMISSIONS;

/** How a gap names the permission: the Graph application permission, admin-consented in the tenant. */
export function permissionText(kind: GraphRequestKind): string {
  return `${GRAPH_PERMISSIONS[kind]} (Microsoft Graph application permission, admin consent in the tenant)`;
}

export type GraphOutcome<T> = { ok: true; value: T } | { ok: false; error: string; code: string; status: number | undefined; licensing: boolean };

/** Codes and messages Graph answers with when the tenant lacks the Entra ID P1/P2 licence a feature needs. */
const LICENSING_CODES = new Set(['authentication_requestfromnonpremiumtenantorb2ctenant', 'aadpremiumlicenserequired']);
const LICENSING_MESSAGE = /premium licen[cs]e|licen[cs]e (is )?required|does not have (a|the) (sku|licen[cs]e)|doesn't have premium|\bP[12]\b licen[cs]e/i;

/** Graph's message, made safe for a report: one line, bounded. */
function cleanMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : '';
  // eslint-disable-next-line no-control-regex
  return m.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 240);
}

/** Run one request (or one paged list), counted once (as ARM calls are); a failure is counted as failed. */
export async function graphCall<T>(counter: CallCounter, fn: () => Promise<T>): Promise<GraphOutcome<T>> {
  let message = '';
  const o = await armCall(counter, async () => {
    try {
      return await fn();
    } catch (e) {
      message = cleanMessage(e);
      throw e;
    }
  });
  if (o.ok) return o;
  const licensing = (o.status === 403 || o.status === 400) && (LICENSING_CODES.has(o.code.toLowerCase()) || LICENSING_MESSAGE.test(message));
  const error = describeArmError(o.code, o.status);
  return { ...o, error: message === '' || message === o.code ? error : `${error}: ${message}`, licensing };
}

/** What a failed request lacked: the licence when Graph said so, else the application permission. */
export function missingFor(kind: GraphRequestKind, outcome: { licensing: boolean }): string {
  return outcome.licensing
    ? `a Microsoft Entra ID P1 or P2 licence in the tenant (Graph refused for licensing), then ${GRAPH_PERMISSIONS[kind]}`
    : permissionText(kind);
}
