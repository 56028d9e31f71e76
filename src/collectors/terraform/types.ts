/**
 * The Terraform adapters' common currency: resources and provider configurations with their
 * attribute values (plan-JSON shape: nested blocks are arrays of objects), what could not be
 * resolved, what they reference, and where they are written. Both the HCL loader and the plan
 * loader produce these; the cloud adapters turn them into the model collections rules judge.
 */
import type { SourceRef } from '../../model/provenance.ts';

export type TfJson = string | number | boolean | null | TfJson[] | { [k: string]: TfJson };

export interface TfObject {
  /** `aws_s3_bucket.backups`, `module.net.aws_vpc.main`, `data.aws_iam_policy_document.p`; `[n]`/`["k"]` when expanded. */
  address: string;
  /** Module path: "" for the root module, `module.a.module.b` for nested ones. */
  module: string;
  /** Attribute values; unresolvable ones are null here and listed in `unknown`. */
  values: Record<string, TfJson>;
  /** Attribute path (`vpc_config[0].endpoint_public_access`) → why its value is not known. */
  unknown: Record<string, string>;
  /** Attribute path → addresses it references (`aws_s3_bucket.backups`), for joins. */
  refs: Record<string, string[]>;
  /** Where the block is written (a .tf file and line, or the plan file). */
  source: SourceRef;
  /** Attribute path → 1-based line (HCL only), for findings that name an attribute. */
  lines: Record<string, number>;
}

export interface TfResource extends TfObject {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** Provider configuration key (`aws`, `aws.dr`, `azurerm`), qualified by module. */
  provider: string;
  /** HCL: how many instances a known `count` / `for_each` declares (one block is modelled for all; plans list each instance). */
  instances?: number;
}

export interface TfProviderConfig extends TfObject {
  /** Provider name: `aws`, `azurerm`, `azuread`, `google`… */
  name: string;
  /** `aws` or `aws.<alias>` */
  key: string;
}

export interface TfCollection {
  resources: TfResource[];
  providers: TfProviderConfig[];
}

/** Split a `a.b[0]["k"]` attribute path into segments. */
export function attrPath(...segs: (string | number)[]): string {
  let out = '';
  for (const s of segs) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
