# Three buckets, each replicated to var.dr_region with the same protections:
#   - backups: Velero backups (BackupStorageLocation "default") and nightly pg_dump files; the
#     replica is Velero's read-only restore location (OOB-DR-006).
#   - files:   the Mattermost file store (Velero does not copy S3 objects, so the bucket protects
#     itself; OOB-BKP-010).
#   - trail:   CloudTrail log files.

module "backups" {
  source    = "./modules/protected-bucket"
  providers = { aws = aws, aws.dr = aws.dr }

  bucket                  = var.backup_bucket
  kms_key_arn             = aws_kms_key.backups.arn
  replica_kms_key_arn     = aws_kms_key.backups_replica.arn
  object_lock_mode        = "COMPLIANCE"
  object_lock_days        = var.backup_retention_days
  noncurrent_version_days = var.noncurrent_version_days
}

module "files" {
  source    = "./modules/protected-bucket"
  providers = { aws = aws, aws.dr = aws.dr }

  bucket                  = var.files_bucket
  kms_key_arn             = aws_kms_key.files.arn
  replica_kms_key_arn     = aws_kms_key.files_replica.arn
  object_lock_mode        = "GOVERNANCE"
  object_lock_days        = var.backup_retention_days
  noncurrent_version_days = var.noncurrent_version_days
}

module "trail_bucket" {
  source    = "./modules/protected-bucket"
  providers = { aws = aws, aws.dr = aws.dr }

  bucket                  = var.trail_bucket
  kms_key_arn             = aws_kms_key.logs.arn
  replica_kms_key_arn     = aws_kms_key.logs_replica.arn
  object_lock_mode        = "COMPLIANCE"
  object_lock_days        = 90
  noncurrent_version_days = 400

  extra_policy_statements = [
    {
      Sid       = "CloudTrailAclCheck"
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "s3:GetBucketAcl"
      Resource  = "arn:${local.partition}:s3:::${var.trail_bucket}"
      Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
    },
    {
      Sid       = "CloudTrailWrite"
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "arn:${local.partition}:s3:::${var.trail_bucket}/AWSLogs/${local.account_id}/*"
      Condition = {
        StringEquals = {
          "s3:x-amz-acl"  = "bucket-owner-full-control"
          "aws:SourceArn" = local.trail_arn
        }
      }
    },
  ]
}
