# The OOB environment lives in its own AWS account. Every provider configuration is pinned to it
# with allowed_account_ids, so a plan run with primary-environment credentials fails instead of
# building the OOB stack inside the blast radius it is meant to survive (OOB-ISO-001).
terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.90"
    }
  }

  # State lives in the OOB account too (bucket and lock table created once, by hand, per the runbook).
  backend "s3" {
    bucket       = "oob-terraform-state-222222222222"
    key          = "oob/mattermost.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.oob_account_id]

  default_tags {
    tags = local.tags
  }
}

# Replica region: S3 replicas, their KMS keys and the AWS Backup copy vault.
provider "aws" {
  alias               = "dr"
  region              = var.dr_region
  allowed_account_ids = [var.oob_account_id]

  default_tags {
    tags = local.tags
  }
}
