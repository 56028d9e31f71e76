oob_account_id     = "222222222222"
region             = "eu-west-1"
dr_region          = "eu-central-1"
availability_zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]

vpc_cidr           = "10.40.0.0/16"
admin_vpn_cidrs    = ["203.0.113.0/27"]
kubernetes_version = "1.35"

breakglass_role_name = "oob-breakglass-admin"
responder_role_name  = "oob-incident-responder"

mattermost_installation = "oob-chat"

backup_bucket = "oob-velero-backups"
files_bucket  = "oob-mattermost-files"
trail_bucket  = "oob-cloudtrail-222222222222"

dns_zone                = "oob.example.org"
chat_hostname           = "chat.oob.example.org"
oob_ingress_hostname    = "ingress.oob.example.org"
oob_ingress_lb_hostname = "k8s-ingressn-ingressn-5f3c1a9e2b-0d4e6f8a1b2c3d4e.elb.eu-west-1.amazonaws.com"
primary_chat_fqdn       = "chat.corp.example.com"

aurora_engine_version = "16.6"
