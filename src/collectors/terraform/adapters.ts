/** Every Terraform → model adapter, in the order they run. Add a new one here (one line). */
import type { ProviderAdapter } from './adapt.ts';
import { awsAdapter } from './aws.ts';
import { awsDataAdapter } from './aws-data.ts';
import { awsIdentityAdapter } from './aws-identity.ts';
import { azureAdapter } from './azure.ts';
import { azureComputeAdapter } from './azure-compute.ts';
import { azureDataAdapter } from './azure-data.ts';

export const TERRAFORM_ADAPTERS: ProviderAdapter[] = [
  awsAdapter,
  azureAdapter,
  azureComputeAdapter,
  awsDataAdapter,
  awsIdentityAdapter,
  azureDataAdapter,
];
