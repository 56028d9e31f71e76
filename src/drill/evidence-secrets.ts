/**
 * Evidence for the drill's secrets-and-certificates items: the TLS certificates Mattermost is
 * served with (validity window, names), static cloud keys and their ages, Mattermost personal
 * access tokens and their expiry, Key Vault keys and their rotation. Metadata only: the model holds
 * no secret value, so none can appear here.
 */
import type { Secret } from '../model/k8s.ts';
import type { DrillEvidence } from './types.ts';
import { evidence, judgedObjects, originOf, preferLive, stamps, type EvidenceContext } from './evidence.ts';

export function certificates(ctx: EvidenceContext): DrillEvidence[] {
  const tls = ctx.snapshot.k8s.secrets.filter((s) => s.type === 'kubernetes.io/tls' && (s.servesMattermost || s.ingressHosts.length > 0));
  return preferLive(tls, (s) => `${s.namespace}/${s.name}`).map((s) => {
    const c = s.certificate;
    const serves = `serves ${s.ingressHosts.join(', ') || '(no Ingress host)'}`;
    const detail = c
      ? `${c.subject}, issued by ${c.issuer}${c.selfSigned ? ' (self-signed)' : ''}; names ${c.dnsNames.join(', ') || '(none)'}; ${serves}`
      : s.certificateError ? `tls.crt: ${s.certificateError}; ${serves}` : `no certificate in tls.crt (not issued yet, or not read); ${serves}`;
    return evidence(s, `TLS Secret ${s.namespace}/${s.name}`, detail, c ? stamps(ctx.now, ['valid from', c.notBefore], ['expires', c.notAfter]) : []);
  });
}

/** Live IAM users' active access keys, and the Kubernetes Secrets holding static cloud keys. */
export function cloudKeys(ctx: EvidenceContext): DrillEvidence[] {
  const users = ctx.snapshot.aws.iam.users.filter((u) => originOf(u) === 'live' && u.accessKeys.some((k) => k.status === 'Active')).map((u) => {
    const active = u.accessKeys.filter((k) => k.status === 'Active');
    return evidence(u, `IAM user ${u.userName}`, `active access ${active.length === 1 ? 'key' : 'keys'} ${active.map((k) => `…${k.keyIdSuffix}${k.lastUsedDate ? '' : ' (never used)'}`).join(', ')}`,
      stamps(ctx.now, ...active.flatMap((k): [string, string][] => [[`key …${k.keyIdSuffix} created`, k.createDate], [`key …${k.keyIdSuffix} last used`, k.lastUsedDate]])));
  });
  const secrets = judgedObjects<Secret>(ctx, ['OOB-SEC-001.k8s'], 'Secret').map((s) => evidence(s, `Secret ${s.namespace}/${s.name}`,
    `static cloud credential (keys ${s.keys.join(', ') || 'none'})${s.managedByVault ? ', synced from a vault' : ''}${s.rotatedAt === null ? '; rotation time unknown' : ''}`,
    stamps(ctx.now, ['last rotated', s.rotatedAt ?? undefined])));
  return [...users, ...secrets];
}

export function accessTokens(ctx: EvidenceContext): DrillEvidence[] {
  return ctx.snapshot.mattermost.accessTokens.filter((t) => t.isActive).map((t) => {
    const expiry = t.expiresAt === null ? 'the server does not expose its expiry' : t.expiresAt === 0 ? 'never expires' : `expires ${new Date(t.expiresAt).toISOString()}`;
    return evidence(t, `Token "${t.description}" of ${t.ownerUsername ?? `user ${t.userId}`} on ${t.server}`, expiry,
      t.expiresAt ? stamps(ctx.now, ['expires', new Date(t.expiresAt).toISOString()]) : []);
  });
}

export function keyVaultKeys(ctx: EvidenceContext): DrillEvidence[] {
  return preferLive(ctx.snapshot.azure.keyVaults.keys, (k) => `${k.vaultName}/${k.name}`.toLowerCase()).map((k) => {
    const p = k.rotationPolicy;
    const rotation = p === null ? 'no rotation policy'
      : `${p.lifetimeActions.map((a) => `${a.action} ${a.timeAfterCreate ? `${a.timeAfterCreate} after creation` : `${a.timeBeforeExpiry} before expiry`}`).join(', ') || 'no lifetime action'}${p.expiryTime ? `; versions expire after ${p.expiryTime}` : ''}`;
    return evidence(k, `Key Vault key ${k.vaultName || '(vault unknown)'}/${k.name}`, `${k.keyType}; ${rotation}`);
  });
}
