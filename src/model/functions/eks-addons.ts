/**
 * The settings of an EKS add-on's configuration values (`configuration_values`, `DescribeAddon`
 * `configurationValues`) that the model keeps: only those rules read, by add-on, and only values
 * of the expected kind. Everything else is left out of the model, so never in a snapshot or a
 * report: marketplace add-ons keep credentials there (API keys, license keys, tokens).
 */

const booleanLike = (v: unknown): boolean => typeof v === 'boolean' || (typeof v === 'string' && /^(true|false)$/i.test(v));

/** Add-on name → setting → what a value must look like to be kept. */
const KEPT_SETTINGS: Record<string, Record<string, (v: unknown) => boolean>> = {
  // ZT-NET-003.eks: the VPC CNI enforces NetworkPolicy (cluster `networkPolicyEnforcers`).
  'vpc-cni': { enableNetworkPolicy: booleanLike },
};

/** The settings of `values` the model keeps for add-on `addonName` (`{}` when none); null when `values` is. */
export function keptAddonSettings(addonName: string, values: Record<string, unknown> | null): Record<string, unknown> | null {
  if (values === null) return null;
  const kept: Record<string, unknown> = {};
  for (const [key, fits] of Object.entries(KEPT_SETTINGS[addonName] ?? {})) {
    const v = values[key];
    if (v !== undefined && fits(v)) kept[key] = v;
  }
  return kept;
}
