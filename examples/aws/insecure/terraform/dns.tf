resource "aws_route53_zone" "oob" {
  name = var.dns_zone
}

# Mistake: a TCP check on port 80 every 30 s, ten failures before failing over (OOB-DNS-004).
resource "aws_route53_health_check" "primary" {
  fqdn              = var.primary_chat_fqdn
  type              = "TCP"
  port              = 80
  request_interval  = 30
  failure_threshold = 10
}

# Mistake: the PRIMARY record is not tied to the health check, so it never fails over, and its TTL
# keeps resolvers on the dead primary for five minutes (OOB-DNS-002/003).
resource "aws_route53_record" "chat_primary" {
  zone_id        = aws_route53_zone.oob.zone_id
  name           = var.chat_hostname
  type           = "CNAME"
  ttl            = 300
  records        = [var.primary_chat_fqdn]
  set_identifier = "primary"

  failover_routing_policy {
    type = "PRIMARY"
  }
}

# Mistake: the SECONDARY points at another primary-site host, not the OOB ingress (OOB-DNS-001).
resource "aws_route53_record" "chat_secondary" {
  zone_id        = aws_route53_zone.oob.zone_id
  name           = var.chat_hostname
  type           = "CNAME"
  ttl            = 300
  records        = ["chat-dr.corp.example.com"]
  set_identifier = "oob"

  failover_routing_policy {
    type = "SECONDARY"
  }
}
