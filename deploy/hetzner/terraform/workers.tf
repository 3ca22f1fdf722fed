# Extra transcode nodes: `terraform apply -var worker_count=2` adds two, `-var worker_count=0` removes them
# (Kafka rebalances their partitions to the remaining consumers; a file a removed node was transcoding is
# redone by another once its output claim goes stale).
resource "hcloud_server" "worker" {
  count        = var.worker_count
  name         = "darkroom-worker-${count.index + 1}"
  server_type  = var.worker_server_type
  image        = var.image
  location     = var.location
  ssh_keys     = hcloud_ssh_key.admin[*].id
  firewall_ids = [hcloud_firewall.worker.id]
  labels       = { app = "darkroom", role = "transcode-worker" }

  user_data = templatefile("${path.module}/../cloud-init/worker.yaml.tftpl", {
    name                  = "darkroom-worker-${count.index + 1}"
    ssh_public_keys       = var.ssh_public_keys
    storagebox_host       = var.storagebox_host
    storagebox_share      = var.storagebox_share
    storagebox_user       = var.storagebox_user
    storagebox_password   = var.storagebox_password
    library_folder        = var.library_folder
    derived_folder        = var.derived_folder
    main_private_ip       = local.main_private_ip
    private_ip            = local.worker_ips[count.index]
    kafka_worker_password = var.kafka_worker_password
    kafka_ca_pem          = var.kafka_ca_pem
    transcode_image       = var.transcode_image
    gpu_flags             = var.worker_gpu ? "--gpus all" : ""
  })

  network {
    network_id = hcloud_network.darkroom.id
    ip         = local.worker_ips[count.index]
  }

  public_net {
    # Outbound only (packages, the image registry, the Storage Box); the firewall admits nothing but SSH.
    ipv4_enabled = true
    ipv6_enabled = true
  }

  lifecycle {
    precondition {
      condition     = var.kafka_ca_pem != ""
      error_message = "Set kafka_ca_pem (deploy/kafka/secrets/ca.pem from the main server) before adding workers."
    }
  }

  depends_on = [hcloud_network_subnet.nodes, hcloud_server.main]
}
