variable "location" {
  description = "Hetzner location of every node (the private network spans one network zone)."
  type        = string
  default     = "fsn1"
}

variable "network_zone" {
  type    = string
  default = "eu-central"
}

variable "main_server_type" {
  description = "Kafka, MariaDB, the five services, nginx and monitoring: 4 vCPU / 16 GB is comfortable."
  type        = string
  default     = "cx42"
}

variable "worker_server_type" {
  description = "Transcode workers: CPU-bound, so dedicated vCPUs pay off."
  type        = string
  default     = "ccx23"
}

variable "worker_count" {
  description = "Extra transcode nodes. `terraform apply -var worker_count=N` adds or removes them."
  type        = number
  default     = 0
  validation {
    condition     = var.worker_count >= 0 && var.worker_count <= 20
    error_message = "worker_count must be between 0 and 20."
  }
}

variable "image" {
  type    = string
  default = "ubuntu-24.04"
}

variable "ssh_public_keys" {
  description = "Public keys for the darkroom-admin user (SSH itself is reachable only from admin_ips)."
  type        = list(string)
}

variable "admin_ips" {
  description = "CIDRs allowed to reach port 22. Empty: SSH closed to the world (use the Hetzner console)."
  type        = list(string)
  default     = []
}

variable "domain" {
  description = "The gallery's host name, proxied by Cloudflare."
  type        = string
}

variable "acme_email" {
  type = string
}

variable "cloudflare_dns_token" {
  description = "Cloudflare API token with Zone.DNS edit on the domain's zone, for certbot's DNS-01 challenge."
  type        = string
  sensitive   = true
}

variable "storagebox_host" {
  description = "e.g. u123456.your-storagebox.de (or a sub-account's u123456-sub1.your-storagebox.de)."
  type        = string
}

variable "storagebox_share" {
  description = "SMB share: backup for the main account, the sub-account's name for a sub-account."
  type        = string
  default     = "backup"
}

variable "storagebox_user" {
  type = string
}

variable "storagebox_password" {
  type      = string
  sensitive = true
}

variable "library_folder" {
  description = "Folder of originals on the Storage Box."
  type        = string
  default     = "photos"
}

variable "derived_folder" {
  description = "Folder for thumbnails and transcodes on the Storage Box, shared by every node once workers exist."
  type        = string
  default     = "darkroom-derived"
}

variable "kafka_worker_password" {
  description = "SCRAM password of the transcode-worker Kafka user (the main server registers it)."
  type        = string
  sensitive   = true
}

variable "kafka_ca_pem" {
  description = "deploy/kafka/secrets/ca.pem from the main server, which workers trust. Empty until the main server exists."
  type        = string
  default     = ""
}

variable "transcode_image" {
  description = "Registry image of transcode-service the workers pull (built and pushed from the main server)."
  type        = string
  default     = "ghcr.io/example/darkroom-transcode-service:latest"
}

variable "worker_gpu" {
  description = "Pass the node's NVIDIA GPU to the container (needs the NVIDIA Container Toolkit and the :gpu image)."
  type        = bool
  default     = false
}

variable "repo_url" {
  type    = string
  default = "https://github.com/example/darkroom.git"
}

variable "repo_ref" {
  type    = string
  default = "main"
}
