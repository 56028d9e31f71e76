# DNS failover, owned by the OOB subscription (OOB-DNS-008): responders always use
# chat.oob.example.org, a CNAME to a Traffic Manager profile with Priority routing. Priority 1 is
# the primary site's Mattermost; when its /api/v4/system/ping stops answering over HTTPS,
# Traffic Manager hands out the OOB ingress, priority 2 (OOB-DNS-005/007). A 60-second TTL on
# both the profile and the CNAME keeps resolvers from holding on to the dead primary (OOB-DNS-006).
# Quarterly drills disable the primary endpoint for a few minutes (OOB-DR-004).

resource "azurerm_traffic_manager_profile" "chat" {
  name                   = "${var.name}-chat-failover"
  resource_group_name    = azurerm_resource_group.oob.name
  traffic_routing_method = "Priority"
  profile_status         = "Enabled"

  dns_config {
    relative_name = "${var.name}-chat-failover"
    ttl           = 60
  }

  monitor_config {
    protocol                     = "HTTPS"
    port                         = 443
    path                         = "/api/v4/system/ping"
    interval_in_seconds          = 10
    timeout_in_seconds           = 5
    tolerated_number_of_failures = 3
    expected_status_code_ranges  = ["200-299"]

    # Both sites serve the responders' name; probe it, not the endpoint's own hostname.
    custom_header {
      name  = "host"
      value = var.chat_hostname
    }
  }

  tags = local.tags
}

resource "azurerm_traffic_manager_external_endpoint" "primary" {
  name       = "primary"
  profile_id = azurerm_traffic_manager_profile.chat.id
  target     = var.primary_chat_fqdn
  priority   = 1
  enabled    = true
}

resource "azurerm_traffic_manager_external_endpoint" "oob" {
  name                 = "oob"
  profile_id           = azurerm_traffic_manager_profile.chat.id
  target               = var.oob_ingress_hostname
  priority             = 2
  enabled              = true
  always_serve_enabled = false
}

resource "azurerm_dns_zone" "oob" {
  name                = var.dns_zone
  resource_group_name = azurerm_resource_group.oob.name
  tags                = local.tags
}

resource "azurerm_dns_cname_record" "chat" {
  name                = trimsuffix(var.chat_hostname, ".${var.dns_zone}")
  zone_name           = azurerm_dns_zone.oob.name
  resource_group_name = azurerm_resource_group.oob.name
  ttl                 = 60
  target_resource_id  = azurerm_traffic_manager_profile.chat.id
}

# The OOB ingress: ingress-nginx's load balancer uses this static IP
# (service.beta.kubernetes.io/azure-pip-name in ../manifests/ingress-nginx.yaml).
resource "azurerm_public_ip" "ingress" {
  name                = "${var.name}-ingress"
  location            = var.location
  resource_group_name = azurerm_resource_group.oob.name
  allocation_method   = "Static"
  sku                 = "Standard"
  zones               = ["1", "2", "3"]
  tags                = local.tags
}

resource "azurerm_dns_a_record" "ingress" {
  name                = trimsuffix(var.oob_ingress_hostname, ".${var.dns_zone}")
  zone_name           = azurerm_dns_zone.oob.name
  resource_group_name = azurerm_resource_group.oob.name
  ttl                 = 60
  target_resource_id  = azurerm_public_ip.ingress.id
}
