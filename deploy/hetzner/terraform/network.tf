# The private network: workers reach Kafka (SASL_SSL, 9094) here, Prometheus scrapes workers here. Hetzner
# Cloud firewalls filter public interfaces only; Kafka and MariaDB are never bound to a public address.
resource "hcloud_network" "darkroom" {
  name     = "darkroom"
  ip_range = "10.0.0.0/16"
}

resource "hcloud_network_subnet" "nodes" {
  network_id   = hcloud_network.darkroom.id
  type         = "cloud"
  network_zone = var.network_zone
  ip_range     = "10.0.1.0/24"
}

locals {
  main_private_ip = cidrhost(hcloud_network_subnet.nodes.ip_range, 2)
  worker_ips      = [for i in range(var.worker_count) : cidrhost(hcloud_network_subnet.nodes.ip_range, 10 + i)]
  # One node: derived files on local disk. With workers: on the Storage Box, where every node can write them.
  derived_path = var.worker_count > 0 ? "/mnt/storagebox/${var.derived_folder}" : "/srv/darkroom/derived"
}
