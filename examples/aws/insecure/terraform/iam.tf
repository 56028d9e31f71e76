# Mistake: a shared IAM user for "emergencies", with a console password, an access key, no MFA
# requirement, and administrator rights (ZT-MFA-004, OOB-SEC-001).
resource "aws_iam_user" "oob_admin" {
  name = "oob-admin"
}

resource "aws_iam_user_login_profile" "oob_admin" {
  user = aws_iam_user.oob_admin.name
}

resource "aws_iam_access_key" "oob_admin" {
  user = aws_iam_user.oob_admin.name
}

resource "aws_iam_user_policy_attachment" "oob_admin" {
  user       = aws_iam_user.oob_admin.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AdministratorAccess"
}
