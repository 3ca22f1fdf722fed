output "main_ipv4" {
  description = "Point the domain's proxied A record at this in Cloudflare."
  value       = hcloud_server.main.ipv4_address
}

output "main_ipv6" {
  value = hcloud_server.main.ipv6_address
}

output "main_private_ip" {
  value = local.main_private_ip
}

output "worker_private_ips" {
  description = "For deploy/prometheus/targets/transcode-workers.yml and worker-nodes.yml."
  value       = local.worker_ips
}

output "prometheus_worker_targets" {
  description = "Paste into deploy/prometheus/targets/transcode-workers.yml (file_sd format)."
  value       = yamlencode([for i, ip in local.worker_ips : { targets = ["${ip}:8084"], labels = { node = "darkroom-worker-${i + 1}" } }])
}
