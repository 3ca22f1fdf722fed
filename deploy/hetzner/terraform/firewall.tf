# Cloudflare's published ranges (https://www.cloudflare.com/ips/), the same list as deploy/nginx/snippets.
locals {
  cloudflare_ips = [
    "173.245.48.0/20", "103.21.244.0/22", "103.22.200.0/22", "103.31.4.0/22", "141.101.64.0/18",
    "108.162.192.0/18", "190.93.240.0/20", "188.114.96.0/20", "197.234.240.0/22", "198.41.128.0/17",
    "162.158.0.0/15", "104.16.0.0/13", "104.24.0.0/14", "172.64.0.0/13", "131.0.72.0/22",
    "2400:cb00::/32", "2606:4700::/32", "2803:f800::/32", "2405:b500::/32", "2405:8100::/32",
    "2a06:98c0::/29", "2c0f:f248::/32",
  ]
}

# Main server: HTTP and HTTPS from Cloudflare only; SSH only from admin_ips (none by default). Everything else
# inbound is dropped; outbound is open (package updates, Let's Encrypt, the Storage Box).
resource "hcloud_firewall" "main" {
  name = "darkroom-main"

  rule {
    description = "HTTP from Cloudflare (redirects to HTTPS)"
    direction   = "in"
    protocol    = "tcp"
    port        = "80"
    source_ips  = local.cloudflare_ips
  }

  rule {
    description = "HTTPS from Cloudflare"
    direction   = "in"
    protocol    = "tcp"
    port        = "443"
    source_ips  = local.cloudflare_ips
  }

  dynamic "rule" {
    for_each = length(var.admin_ips) > 0 ? [1] : []
    content {
      description = "SSH from the admins' addresses"
      direction   = "in"
      protocol    = "tcp"
      port        = "22"
      source_ips  = var.admin_ips
    }
  }

  rule {
    description = "ICMP (path MTU discovery, ping)"
    direction   = "in"
    protocol    = "icmp"
    source_ips  = ["0.0.0.0/0", "::/0"]
  }
}

# Workers take no inbound traffic from the internet at all.
resource "hcloud_firewall" "worker" {
  name = "darkroom-worker"

  dynamic "rule" {
    for_each = length(var.admin_ips) > 0 ? [1] : []
    content {
      description = "SSH from the admins' addresses"
      direction   = "in"
      protocol    = "tcp"
      port        = "22"
      source_ips  = var.admin_ips
    }
  }

  rule {
    description = "ICMP"
    direction   = "in"
    protocol    = "icmp"
    source_ips  = ["0.0.0.0/0", "::/0"]
  }
}
