# DNS failover, owned by the OOB account (OOB-DNS-008): responders always use
# chat.oob.example.org. Normally it points at the primary site's Mattermost; when Route 53's health
# check on the primary's /api/v4/system/ping fails, it answers with the OOB ingress instead
# (OOB-DNS-001/002). A 60-second TTL keeps resolvers from holding on to the dead primary
# (OOB-DNS-003). Quarterly drills invert the health check for a few minutes (OOB-DR-004).

resource "aws_route53_zone" "oob" {
  name    = var.dns_zone
  comment = "OOB incident communication (delegated from the parent zone)"
}

resource "aws_route53_health_check" "primary" {
  fqdn              = var.primary_chat_fqdn
  type              = "HTTPS"
  port              = 443
  resource_path     = "/api/v4/system/ping"
  enable_sni        = true
  request_interval  = 10
  failure_threshold = 3
  regions           = ["us-east-1", "eu-west-1", "ap-southeast-1"]

  tags = {
    Name = "${var.name}-primary-chat"
  }
}

resource "aws_route53_record" "chat_primary" {
  zone_id         = aws_route53_zone.oob.zone_id
  name            = var.chat_hostname
  type            = "CNAME"
  ttl             = 60
  records         = [var.primary_chat_fqdn]
  set_identifier  = "primary"
  health_check_id = aws_route53_health_check.primary.id

  failover_routing_policy {
    type = "PRIMARY"
  }
}

# The OOB ingress is allow-listed to the VPN, so Route 53's checkers cannot probe it; an
# unchecked SECONDARY is served whenever the PRIMARY is unhealthy.
resource "aws_route53_record" "chat_secondary" {
  zone_id        = aws_route53_zone.oob.zone_id
  name           = var.chat_hostname
  type           = "CNAME"
  ttl            = 60
  records        = [var.oob_ingress_hostname]
  set_identifier = "oob"

  failover_routing_policy {
    type = "SECONDARY"
  }
}

# The OOB ingress itself: the Network Load Balancer of ingress-nginx.
resource "aws_route53_record" "oob_ingress" {
  zone_id = aws_route53_zone.oob.zone_id
  name    = var.oob_ingress_hostname
  type    = "CNAME"
  ttl     = 60
  records = [var.oob_ingress_lb_hostname]
}
