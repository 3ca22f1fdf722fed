terraform {
  required_version = ">= 1.5"
  required_providers {
    hcloud = {
      source  = "hetznercloud/hcloud"
      version = "~> 1.48"
    }
  }
}

# The token comes from HCLOUD_TOKEN in the environment, never from a file in git.
provider "hcloud" {}
