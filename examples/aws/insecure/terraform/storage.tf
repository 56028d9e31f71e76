# Mistake: the backup and file-store buckets have none of the protections: no versioning, no
# KMS, no public access block, no TLS-only policy, no object lock or lifecycle, no replication
# (OOB-BKP-004/005/006/010, ZT-ENC-005/006, ZT-NET-009).
resource "aws_s3_bucket" "backups" {
  bucket = var.backup_bucket
}

resource "aws_s3_bucket" "files" {
  bucket = var.files_bucket
}

resource "aws_s3_bucket_versioning" "files" {
  bucket = aws_s3_bucket.files.id
  versioning_configuration {
    status = "Suspended"
  }
}

# Mistake: public access deliberately allowed "for the mobile app".
resource "aws_s3_bucket_public_access_block" "files" {
  bucket                  = aws_s3_bucket.files.id
  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket" "trail" {
  bucket = var.trail_bucket
}
