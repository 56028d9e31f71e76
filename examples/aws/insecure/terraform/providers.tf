# INSECURE EXAMPLE — do not deploy. The same OOB stack as ../../hardened, the way it often ends up:
# built with the primary environment's credentials, into the primary account.
terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.90"
    }
  }

  # State in the primary account's shared state bucket.
  backend "s3" {
    bucket = "corp-terraform-state"
    key    = "oob/mattermost.tfstate"
    region = "eu-west-1"
  }
}

# Mistake: the "OOB" provider is pinned to a primary-environment account (OOB-ISO-001).
provider "aws" {
  region              = var.region
  allowed_account_ids = [var.oob_account_id]
}

# Mistake: no account pinning at all; whatever credentials run the plan decide.
provider "aws" {
  alias  = "dr"
  region = var.dr_region
}
