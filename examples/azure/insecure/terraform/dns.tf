# Mistake: five-minute TTL, an HTTP probe of "/" tolerating many failures, and the OOB endpoint
# marked always-serve (never probed) with the primary's priority reversed (OOB-DNS-005/006/007).
resource "azurerm_traffic_manager_profile" "chat" {
  name                   = "${var.name}-chat-failover"
  resource_group_name    = azurerm_resource_group.oob.name
  traffic_routing_method = "Priority"

  dns_config {
    relative_name = "${var.name}-chat-failover"
    ttl           = 300
  }

  monitor_config {
    protocol                     = "HTTP"
    port                         = 80
    path                         = "/"
    interval_in_seconds          = 30
    timeout_in_seconds           = 10
    tolerated_number_of_failures = 9
  }
}

resource "azurerm_traffic_manager_external_endpoint" "primary" {
  name       = "primary"
  profile_id = azurerm_traffic_manager_profile.chat.id
  target     = var.primary_chat_fqdn
  priority   = 2
}

resource "azurerm_traffic_manager_external_endpoint" "oob" {
  name                 = "oob"
  profile_id           = azurerm_traffic_manager_profile.chat.id
  target               = var.oob_ingress_hostname
  priority             = 1
  always_serve_enabled = true
}

resource "azurerm_dns_zone" "oob" {
  name                = var.dns_zone
  resource_group_name = azurerm_resource_group.oob.name
}

resource "azurerm_dns_cname_record" "chat" {
  name                = "chat"
  zone_name           = azurerm_dns_zone.oob.name
  resource_group_name = azurerm_resource_group.oob.name
  ttl                 = 3600
  target_resource_id  = azurerm_traffic_manager_profile.chat.id
}
