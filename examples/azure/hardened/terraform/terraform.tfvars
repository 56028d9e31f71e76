oob_subscription_id = "dddddddd-2222-4333-8444-555555555555"
oob_tenant_id       = "bbbbbbbb-2222-4333-8444-555555555555"
location            = "northeurope"
paired_location     = "westeurope"

vnet_cidr          = "10.50.0.0/16"
vpn_client_cidrs   = ["172.16.201.0/24"]
kubernetes_version = "1.34"

aks_admin_group_object_id           = "0e1d2c3b-4a59-4687-9a1b-2c3d4e5f6a7b"
incident_responders_group_object_id = "1f2e3d4c-5b6a-4798-8b2c-3d4e5f6a7b8c"
breakglass_user_object_ids          = ["2a3b4c5d-6e7f-4809-9c3d-4e5f6a7b8c9d", "3b4c5d6e-7f80-4910-8d4e-5f6a7b8c9dae"]
mattermost_app_client_id            = "7d1f6a2c-5b3e-4c8d-9a0f-1e2d3c4b5a69"

mattermost_installation = "oob-chat"

backup_storage_account = "oobvelerobackups01"
key_vault_name         = "oob-kv-01"

dns_zone             = "oob.example.org"
chat_hostname        = "chat.oob.example.org"
oob_ingress_hostname = "ingress.oob.example.org"
primary_chat_fqdn    = "chat.corp.example.com"
