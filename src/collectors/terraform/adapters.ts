/** Every Terraform → model adapter, in the order they run. Add a new one here (one line). */
import type { ProviderAdapter } from './adapt.ts';
import { awsAdapter } from './aws.ts';
import { azureAdapter } from './azure.ts';

export const TERRAFORM_ADAPTERS: ProviderAdapter[] = [
  awsAdapter,
  azureAdapter,
];
