# Mistake: one region, no log-file validation, no KMS, global service events off (ZT-MON-003).
resource "aws_cloudtrail" "oob" {
  name           = local.trail_name
  s3_bucket_name = aws_s3_bucket.trail.id

  is_multi_region_trail         = false
  include_global_service_events = false
  enable_log_file_validation    = false
}
