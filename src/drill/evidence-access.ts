/**
 * Evidence for the drill's Mattermost-access items: the live server, its break-glass local
 * administrators and their MFA, how responders sign in (the secondary IdP, and the Entra tenant
 * behind it where Graph was read), and the TLS the ingress serves.
 */
import type { MattermostConfig } from '../model/mattermost.ts';
import type { DrillEvidence } from './types.ts';
import { evidence, preferLive, str, type EvidenceContext } from './evidence.ts';
import { counted } from '../../reporters/markdown-text.ts';

export function mattermostServers(ctx: EvidenceContext): DrillEvidence[] {
  return ctx.snapshot.mattermost.servers.map((s) => evidence(s, `Mattermost server ${s.server}`,
    `status ${s.status ?? '(not reported)'}; Mattermost ${s.version ?? '(version not reported)'}${s.buildNumber ? ` build ${s.buildNumber}` : ''}; ${s.licensed === null ? 'licence not read' : s.licensed ? `licensed${s.sku ? ` (${s.sku})` : ''}` : 'unlicensed'}`));
}

/** Per server: the active local (email/password) system administrators and whether each has MFA. */
export function breakGlassAccounts(ctx: EvidenceContext): DrillEvidence[] {
  const { users, servers } = ctx.snapshot.mattermost;
  return servers.map((s) => {
    const admins = users.filter((u) => u.server === s.server && u.deleteAt === 0 && !u.isBot && u.roles.includes('system_admin'));
    const local = admins.filter((u) => u.authService === '');
    const names = local.map((u) => `${u.username} (MFA ${u.mfaActive ? 'on' : 'OFF'})`).join(', ');
    return evidence(s, `Break-glass administrators on ${s.server}`,
      `${counted(local.length, 'active local system administrator')}${names ? `: ${names}` : ''}; ${counted(admins.length, 'system administrator')} in all`);
  });
}

const setting = (c: MattermostConfig, section: string, key: string): unknown => c.settings[section]?.[key];

function urlHost(u: unknown): string {
  if (typeof u !== 'string' || u === '') return '';
  try {
    return `${new URL(u).host}${new URL(u).pathname.split('/').slice(0, 2).join('/')}`;
  } catch {
    return '(not a URL)';
  }
}

/** How a configuration lets responders sign in. */
function signInMethods(c: MattermostConfig): string[] {
  const on = (section: string): boolean => setting(c, section, 'Enable') === true;
  const out: string[] = [];
  if (setting(c, 'EmailSettings', 'EnableSignInWithEmail') === true || setting(c, 'EmailSettings', 'EnableSignInWithUsername') === true) out.push('email/password');
  if (on('Office365Settings')) out.push(`Entra ID (directory ${String(setting(c, 'Office365Settings', 'DirectoryId') ?? '') || '(none)'})`);
  if (on('OpenIdSettings')) out.push(`OpenID Connect (${urlHost(setting(c, 'OpenIdSettings', 'DiscoveryEndpoint')) || 'no discovery endpoint'})`);
  if (on('SamlSettings')) out.push(`SAML (${urlHost(setting(c, 'SamlSettings', 'IdpURL')) || 'no IdP URL'})`);
  if (on('GitLabSettings')) out.push('GitLab');
  if (on('GoogleSettings')) out.push('Google');
  if (on('LdapSettings')) out.push('LDAP');
  return out;
}

export function identityProviders(ctx: EvidenceContext): DrillEvidence[] {
  const { mattermost, azure } = ctx.snapshot;
  const configs = mattermost.configs.map((c) => evidence(c, `Mattermost configuration ${c.name}`, `sign-in: ${signInMethods(c).join(', ') || 'none enabled'}`));
  const { organizations, applications, users, userRegistrationDetails } = azure.entra;
  const tenants = organizations.map((o) => {
    const roster = users.filter((u) => u.tenantId === o.tenantId);
    const enabled = roster.filter((u) => u.exists && u.accountEnabled).length;
    const registrations = userRegistrationDetails.filter((r) => r.tenantId === o.tenantId);
    const mfa = registrations.filter((r) => r.isMfaRegistered).length;
    const apps = applications.filter((a) => a.tenantId === o.tenantId)
      .map((a) => `app ${a.appId} ${a.registered ? `registered (${a.displayName}, ${a.signInAudience})` : 'not registered here'}`);
    return evidence(o, `Entra tenant ${o.displayName || o.tenantId} (${o.tenantId})`, [
      `security defaults ${o.securityDefaultsEnabled ? 'on' : 'off'}, ${o.conditionalAccessPolicyCount} Conditional Access ${o.conditionalAccessPolicyCount === 1 ? 'policy' : 'policies'}`,
      roster.length > 0 ? `${enabled} of ${counted(roster.length, 'declared account')} enabled` : '',
      registrations.length > 0 ? `${mfa} of ${counted(registrations.length, 'roster user')} registered for MFA` : '',
      ...apps,
    ].filter(Boolean).join('; '));
  });
  return [...configs, ...tenants];
}

/** The TLS of every way into Mattermost: Ingresses, the Operator's ingress settings, the Site URL. */
export function ingressTls(ctx: EvidenceContext): DrillEvidence[] {
  const { k8s, mattermost } = ctx.snapshot;
  const ingresses = preferLive(k8s.ingresses.filter((i) => i.servesMattermost), (i) => `${i.namespace}/${i.name}`).map((i) => evidence(i, `Ingress ${i.namespace}/${i.name}`,
    `hosts ${i.hosts.join(', ') || '(none)'}; ${i.tls.length === 0 ? 'no TLS' : i.tls.map((t) => `TLS for ${t.hosts.join(', ') || '(all hosts)'} with Secret ${t.secretName || '(controller default)'}${t.secretFound ? '' : ' (not among the inputs)'}`).join('; ')}`));
  const crs = k8s.mattermosts.map((m) => {
    const ing = m.spec['ingress'];
    const host = str(ing, 'host');
    return evidence(m, `Mattermost ${m.namespace}/${m.name}`, host
      ? `Operator ingress for ${host}${str(ing, 'tlsSecret') ? ` with TLS Secret ${str(ing, 'tlsSecret')}` : ' without a TLS Secret'}`
      : 'no Operator-managed ingress');
  });
  const sites = mattermost.configs.map((c) => evidence(c, `Mattermost configuration ${c.name}`, `Site URL ${String(setting(c, 'ServiceSettings', 'SiteURL') ?? '') || '(not set)'}`));
  return [...ingresses, ...crs, ...sites];
}
