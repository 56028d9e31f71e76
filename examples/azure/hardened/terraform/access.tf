# The OOB VPN: point-to-site, OpenVPN, Entra ID sign-in against the OOB tenant. It is how
# administrators reach the private AKS API server and how nothing from the primary network does
# (ZT-NET-010).
resource "azurerm_public_ip" "vpn" {
  name                = "${var.name}-vpn"
  location            = var.location
  resource_group_name = azurerm_resource_group.oob.name
  allocation_method   = "Static"
  sku                 = "Standard"
  zones               = ["1", "2", "3"]
}

resource "azurerm_virtual_network_gateway" "vpn" {
  name                = "${var.name}-vpn"
  location            = var.location
  resource_group_name = azurerm_resource_group.oob.name
  type                = "Vpn"
  vpn_type            = "RouteBased"
  sku                 = "VpnGw1AZ"

  ip_configuration {
    name                 = "default"
    public_ip_address_id = azurerm_public_ip.vpn.id
    subnet_id            = module.network.gateway_subnet_id
  }

  vpn_client_configuration {
    address_space        = var.vpn_client_cidrs
    vpn_client_protocols = ["OpenVPN"]
    vpn_auth_types       = ["AAD"]
    aad_tenant           = "https://login.microsoftonline.com/${var.oob_tenant_id}/"
    aad_issuer           = "https://sts.windows.net/${var.oob_tenant_id}/"
    # The Microsoft-registered Azure VPN Client application.
    aad_audience = "c632b3df-fb67-4d84-bdcf-b95ad541b5c8"
  }

  tags = local.tags
}
