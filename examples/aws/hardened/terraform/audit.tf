# CloudTrail for the OOB account: every region, global services, validated and KMS-encrypted log
# files in the account's own bucket (ZT-MON-003, OOB-ISO-004), plus a CloudWatch copy for alerts.

resource "aws_cloudwatch_log_group" "trail" {
  name              = "/${var.name}/cloudtrail"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_cloudtrail" "oob" {
  name           = local.trail_name
  s3_bucket_name = var.trail_bucket

  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  enable_logging                = true
  kms_key_id                    = aws_kms_key.logs.arn

  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = aws_iam_role.trail_to_cloudwatch.arn

  event_selector {
    read_write_type           = "All"
    include_management_events = true
  }

  depends_on = [module.trail_bucket]
}

resource "aws_iam_role" "trail_to_cloudwatch" {
  name = "${var.name}-cloudtrail-to-cloudwatch"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "trail_to_cloudwatch" {
  name = "write-trail-log-group"
  role = aws_iam_role.trail_to_cloudwatch.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "${aws_cloudwatch_log_group.trail.arn}:*"
    }]
  })
}
