# The OOB environment lives in its own subscription, and its Entra ID tenant is a separate
# directory from the primary one. Both providers name them explicitly, so a run with
# primary-environment credentials cannot build the OOB stack in the wrong place (OOB-ISO-002).
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

  # State lives in the OOB subscription too, reached with Entra ID (no storage account keys).
  backend "azurerm" {
    subscription_id      = "dddddddd-2222-4333-8444-555555555555"
    resource_group_name  = "oob-tfstate"
    storage_account_name = "oobtfstate01"
    container_name       = "tfstate"
    key                  = "oob/mattermost.tfstate"
    use_azuread_auth     = true
  }
}

provider "azurerm" {
  subscription_id = var.oob_subscription_id
  tenant_id       = var.oob_tenant_id

  # Shared keys are disabled on every storage account: the data plane is reached with Entra ID.
  storage_use_azuread = true

  features {
    key_vault {
      purge_soft_delete_on_destroy = false
    }
    resource_group {
      prevent_deletion_if_contains_resources = true
    }
  }
}

provider "azuread" {
  tenant_id = var.oob_tenant_id
}
