# Mistake: MFA only reported, not enforced (ZT-MFA-002).
resource "azuread_conditional_access_policy" "mattermost_mfa" {
  display_name = "OOB Mattermost: require MFA"
  state        = "enabledForReportingButNotEnforced"

  conditions {
    client_app_types = ["all"]

    applications {
      included_applications = [var.mattermost_app_client_id]
    }

    users {
      included_groups = [var.incident_responders_group_object_id]
    }
  }

  grant_controls {
    operator          = "OR"
    built_in_controls = ["mfa"]
  }
}
