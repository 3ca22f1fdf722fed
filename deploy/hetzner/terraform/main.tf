resource "hcloud_ssh_key" "admin" {
  count      = length(var.ssh_public_keys)
  name       = "darkroom-admin-${count.index}"
  public_key = var.ssh_public_keys[count.index]
}

resource "hcloud_server" "main" {
  name         = "darkroom-main"
  server_type  = var.main_server_type
  image        = var.image
  location     = var.location
  ssh_keys     = hcloud_ssh_key.admin[*].id
  firewall_ids = [hcloud_firewall.main.id]
  labels       = { app = "darkroom", role = "main" }

  user_data = templatefile("${path.module}/../cloud-init/main.yaml.tftpl", {
    ssh_public_keys       = var.ssh_public_keys
    storagebox_host       = var.storagebox_host
    storagebox_share      = var.storagebox_share
    storagebox_user       = var.storagebox_user
    storagebox_password   = var.storagebox_password
    cloudflare_dns_token  = var.cloudflare_dns_token
    domain                = var.domain
    acme_email            = var.acme_email
    repo_url              = var.repo_url
    repo_ref              = var.repo_ref
    library_folder        = var.library_folder
    derived_path          = local.derived_path
    private_ip            = local.main_private_ip
    kafka_worker_password = var.kafka_worker_password
  })

  network {
    network_id = hcloud_network.darkroom.id
    ip         = local.main_private_ip
  }

  public_net {
    ipv4_enabled = true
    ipv6_enabled = true
  }

  # The catalog, Kafka and the certificates live on this server: replacing it is never a side effect.
  lifecycle {
    prevent_destroy = true
    ignore_changes  = [user_data, ssh_keys, image]
  }

  depends_on = [hcloud_network_subnet.nodes]
}
