# INSECURE EXAMPLE — do not deploy. The same OOB stack as ../../hardened, the way it often ends up:
# inside the primary subscription, authenticated by the primary tenant.
terraform {
  required_version = ">= 1.9"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.40"
    }
    azuread = {
      source  = "hashicorp/azuread"
      version = "~> 3.4"
    }
  }
}

# Mistake: the provider points at the primary subscription and tenant (OOB-ISO-002).
provider "azurerm" {
  subscription_id = var.oob_subscription_id
  tenant_id       = var.oob_tenant_id
  features {}
}

provider "azuread" {
  tenant_id = var.oob_tenant_id
}
