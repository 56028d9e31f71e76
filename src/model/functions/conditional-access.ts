/**
 * What narrows a Conditional Access policy (`ConditionalAccessPolicy.conditions`, model/azure-compute.ts),
 * for the MFA rules (CEL `caExemptions`, `caNarrowing`). A policy "requires MFA of all users" only
 * when nothing below applies; each entry says in words what the policy leaves out.
 *
 * - Exemptions — people or sign-ins the policy names to leave out: excluded directory roles,
 *   excluded locations (the classic "except trusted locations"), excluded platforms, and a device
 *   filter in `exclude` mode. Whoever holds such a role, or signs in from there, needs no MFA.
 * - Narrowing — all the exemptions, and the conditions that make the policy apply to only some
 *   sign-ins: excluded guests or external users (`excludeGuestsOrExternalUsers`, or the older
 *   `GuestsOrExternalUsers` in `excludeUsers`), included locations or platforms other than all,
 *   client app types short of every modern client (`all`, or both `browser` and
 *   `mobileAppsAndDesktopClients`), user or sign-in risk levels, and a device filter in
 *   `include` mode.
 *
 * Excluded users and groups are not here: the break-glass accounts are excluded by design, and
 * ZT-MFA-002.exclusions judges who they are.
 */
import { deepPlain } from './iam-analysis.ts';

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const rec = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : {});
const lower = (xs: readonly string[]): string[] => xs.map((x) => x.toLowerCase());

interface Conditions {
  excludeRoles: string[];
  excludeGuests: string[];
  includeLocations: string[];
  excludeLocations: string[];
  includePlatforms: string[];
  excludePlatforms: string[];
  clientAppTypes: string[];
  userRiskLevels: string[];
  signInRiskLevels: string[];
  filterMode: string;
}

/** `object.conditions` as CEL hands it over (maps, lists) → plain lists; anything missing reads as no condition. */
function read(v: unknown): Conditions {
  const c = rec(deepPlain(v));
  const users = rec(c['users']);
  const locations = rec(c['locations']);
  const platforms = rec(c['platforms']);
  const guests = list(users['excludeGuestsOrExternalUsers']);
  if (lower(list(users['excludeUsers'])).includes('guestsorexternalusers')) guests.push('GuestsOrExternalUsers');
  return {
    excludeRoles: list(users['excludeRoles']), excludeGuests: guests,
    includeLocations: list(locations['includeLocations']), excludeLocations: list(locations['excludeLocations']),
    includePlatforms: list(platforms['includePlatforms']), excludePlatforms: list(platforms['excludePlatforms']),
    clientAppTypes: list(c['clientAppTypes']), userRiskLevels: list(c['userRiskLevels']), signInRiskLevels: list(c['signInRiskLevels']),
    filterMode: String(rec(c['deviceFilter'])['mode'] ?? '').toLowerCase(),
  };
}

/** Who or which sign-ins the policy exempts (by role, location, platform, device), in words; [] when none. */
export function caExemptions(conditions: unknown): string[] {
  const c = read(conditions);
  const out: string[] = [];
  if (c.excludeRoles.length > 0) out.push(`excluded directory roles (${c.excludeRoles.join(', ')})`);
  if (c.excludeLocations.length > 0) out.push(`excluded locations (${c.excludeLocations.join(', ')})`);
  if (c.excludePlatforms.length > 0) out.push(`excluded platforms (${c.excludePlatforms.join(', ')})`);
  if (c.filterMode === 'exclude') out.push('a device filter that excludes devices');
  return out;
}

/** Everything that keeps the policy from applying to every user at every sign-in, in words; [] when nothing does. */
export function caNarrowing(conditions: unknown): string[] {
  const c = read(conditions);
  const out = caExemptions(conditions);
  if (c.excludeGuests.length > 0) out.push(`excluded guests or external users (${c.excludeGuests.join(', ')})`);
  if (c.includeLocations.length > 0 && !lower(c.includeLocations).includes('all')) out.push(`only some locations (${c.includeLocations.join(', ')})`);
  if (c.includePlatforms.length > 0 && !lower(c.includePlatforms).includes('all')) out.push(`only some platforms (${c.includePlatforms.join(', ')})`);
  const apps = lower(c.clientAppTypes);
  if (!apps.includes('all') && !(apps.includes('browser') && apps.includes('mobileappsanddesktopclients'))) {
    out.push(`only some client apps (${c.clientAppTypes.length > 0 ? c.clientAppTypes.join(', ') : 'none named'})`);
  }
  if (c.userRiskLevels.length > 0) out.push(`only at user risk ${c.userRiskLevels.join(', ')}`);
  if (c.signInRiskLevels.length > 0) out.push(`only at sign-in risk ${c.signInRiskLevels.join(', ')}`);
  if (c.filterMode === 'include') out.push('a device filter that applies to some devices only');
  return out;
}
