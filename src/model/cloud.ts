/**
 * What every cloud model object shares, whether it came from Terraform (HCL or plan JSON) or, later,
 * from the live APIs: identity, provider scope (account / subscription), and provenance.
 */
import type { ModelObject } from './provenance.ts';

export interface CloudObject extends ModelObject {
  /** Terraform address (`module.x.aws_s3_bucket.b`) when declared in IaC; "" for live objects. */
  address: string;
  /** ARN (AWS) or resource ID (Azure) when known. */
  resourceId: string;
  /** Provider configuration that owns it (`aws`, `aws.dr`, `azurerm`), for account/subscription joins. */
  providerKey: string;
  /** Where the data came from. */
  origin: 'terraform-hcl' | 'terraform-plan' | 'live';
  /** Terraform `module.…` path ("" for the root module or live objects). */
  module: string;
  tags: Record<string, string>;
}

/** An IAM policy document, normalized: every string-or-list field is a list. */
export interface PolicyDocument {
  version: string;
  statements: PolicyStatement[];
}

export interface PolicyStatement {
  sid: string;
  effect: 'Allow' | 'Deny' | string;
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
  /** Principal type (`AWS`, `Service`, `Federated`, `*`) → values. */
  principals: Record<string, string[]>;
  notPrincipals: Record<string, string[]>;
  /** Operator (`StringEquals`) → condition key (`oidc.eks…:sub`) → values. */
  conditions: Record<string, Record<string, string[]>>;
}
