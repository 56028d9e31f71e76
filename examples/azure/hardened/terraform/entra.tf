# Conditional access in the OOB tenant: the incident responders sign in to Mattermost with MFA,
# every time at most every 12 hours (ZT-MFA-002). Only the emergency-access accounts are excluded.
resource "azuread_conditional_access_policy" "mattermost_mfa" {
  display_name = "OOB Mattermost: require MFA"
  state        = "enabled"

  conditions {
    client_app_types = ["all"]

    applications {
      included_applications = [var.mattermost_app_client_id]
    }

    users {
      included_groups = [var.incident_responders_group_object_id]
      excluded_users  = var.breakglass_user_object_ids
    }
  }

  grant_controls {
    operator          = "OR"
    built_in_controls = ["mfa"]
  }

  session_controls {
    sign_in_frequency        = 12
    sign_in_frequency_period = "hours"
  }
}
